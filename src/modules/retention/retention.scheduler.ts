import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { keepScheduled } from '../../common/jobs/enqueue';
import { JobName, QueueName } from '../../common/jobs/queues';

/** Daily, at night in Jakarta, away from the 00:10 profile refresh and the coops' working hours. */
export const PURGE_CRON = '30 2 * * *';
export const PURGE_TZ = 'Asia/Jakarta';

export const PURGE_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10 * 60_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 60 },
  removeOnFail: { age: 90 * 24 * 3600 },
};

@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(@InjectQueue(QueueName.RETENTION) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    keepScheduled(this.queue, () => this.schedule(), this.logger);
  }

  private schedule(): Promise<unknown> {
    return this.queue.upsertJobScheduler(
      'purge-expired-records-daily',
      { pattern: PURGE_CRON, tz: PURGE_TZ },
      { name: JobName.PURGE_EXPIRED_RECORDS, data: {}, opts: PURGE_JOB_OPTIONS },
    );
  }
}
