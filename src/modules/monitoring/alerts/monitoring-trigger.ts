import { Injectable } from '@nestjs/common';

/**
 * What submissions and profile queries call after they commit: a nudge to raise the alerts Postgres holds as still
 * to raise. Never awaited on a request's path, never fails the caller; the sweep is the net.
 */
@Injectable()
export class MonitoringTrigger {
  nudge(): void {
    // STUB: implemented by alerts/ (a debounced add of RAISE_ALERTS with RAISE_ALERTS_JOB_OPTIONS).
  }
}
