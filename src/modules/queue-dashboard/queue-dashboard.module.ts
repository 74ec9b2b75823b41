import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueDashboard } from './queue-dashboard';
import { QueueDashboardAuth } from './queue-dashboard-auth';

/** The queue dashboard (API process only); configureApp mounts QueueDashboard.plugin(). */
@Module({
  imports: [AuthModule],
  providers: [QueueDashboard, QueueDashboardAuth],
  exports: [QueueDashboard],
})
export class QueueDashboardModule {}
