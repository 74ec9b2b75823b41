import { Module } from '@nestjs/common';
import { EnrollmentsModule } from '../enrollments/enrollments.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AlertsModule } from './alerts.module';
import { AlertRaiser } from './alert-raiser';
import { MonitoringProcessor } from './monitoring.processor';
import { MonitoringScheduler } from './monitoring.scheduler';

/** The consumer of the monitoring queue: raising alerts and the sweep. */
@Module({
  imports: [AlertsModule, EnrollmentsModule, WebhooksModule],
  providers: [MonitoringProcessor, AlertRaiser, MonitoringScheduler],
  exports: [AlertRaiser],
})
export class AlertsWorkerModule {}
