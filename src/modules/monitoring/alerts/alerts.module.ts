import { Module } from '@nestjs/common';
import { MonitoringTrigger } from './monitoring-trigger';

/** Alerts: raising, the inbox, the digest (owner: alerts/). MonitoringTrigger is what other modules call. */
@Module({
  providers: [MonitoringTrigger],
  exports: [MonitoringTrigger],
})
export class AlertsModule {}
