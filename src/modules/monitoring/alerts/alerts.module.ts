import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { MonitoringTrigger } from './monitoring-trigger';

/** Alerts: raising, the inbox, the digest (owner: alerts/). MonitoringTrigger is what other modules call. */
@Module({
  controllers: [AlertsController],
  providers: [MonitoringTrigger, AlertsRepository, AlertsService],
  exports: [MonitoringTrigger, AlertsRepository],
})
export class AlertsModule {}
