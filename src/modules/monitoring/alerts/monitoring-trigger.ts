import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../../../common/jobs/enqueue';
import { JobName, QueueName, RAISE_ALERTS_JOB_OPTIONS } from '../../../common/jobs/queues';

/** Nudges within this window become one add: a burst of queries costs Redis one round trip. */
export const NUDGE_DEBOUNCE_MS = 100;

/**
 * What submissions and profile queries call after they commit: a nudge to raise the alerts Postgres holds as still
 * to raise. Never awaited on a request's path, never fails the caller; the sweep is the net.
 */
@Injectable()
export class MonitoringTrigger implements OnModuleDestroy {
  private readonly logger = new Logger(MonitoringTrigger.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectQueue(QueueName.MONITORING) private readonly queue: Queue) {}

  nudge(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.add();
    }, NUDGE_DEBOUNCE_MS);
    // A pending nudge must not keep a process (or a test) alive.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async add(): Promise<void> {
    try {
      // The fixed job id: one waiting at a time, however many nudges.
      await withTimeout(this.queue.add(JobName.RAISE_ALERTS, {}, RAISE_ALERTS_JOB_OPTIONS));
    } catch (err) {
      this.logger.warn({ err }, 'alert raise not enqueued; the monitoring sweep will raise them');
    }
  }
}
