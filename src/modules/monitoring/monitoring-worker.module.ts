import { Module } from '@nestjs/common';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { WebhooksWorkerModule } from './webhooks/webhooks-worker.module';

/** Early warning, the worker side: raising alerts, the monitoring sweep, webhook deliveries. */
@Module({ imports: [AlertsWorkerModule, WebhooksWorkerModule] })
export class MonitoringWorkerModule {}
