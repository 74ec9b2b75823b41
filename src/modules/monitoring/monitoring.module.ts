import { Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { EnrollmentsModule } from './enrollments/enrollments.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** Early warning (API.md, "Monitoring a coop's own borrowers"): the API side. */
@Module({ imports: [EnrollmentsModule, AlertsModule, WebhooksModule] })
export class MonitoringModule {}
