import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { keepJobsScheduled } from '../../common/jobs/enqueue';
import { JOB_SCHEDULES, QueueName } from '../../common/jobs/queues';

@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(@InjectQueue(QueueName.RETENTION) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    // Daily (PURGE_CRON), at night in Jakarta.
    keepJobsScheduled(this.queue, [JOB_SCHEDULES.purgeExpiredRecordsDaily()], this.logger);
  }
}
