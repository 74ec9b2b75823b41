import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { keepScheduled } from '../../../common/jobs/enqueue';
import { JobName, QueueName } from '../../../common/jobs/queues';
import { AppConfig } from '../../../config/app-config';

/** A missed run is harmless (the next one seals more), so runs are neither retried nor kept. */
const SEAL_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: { age: 24 * 3600, count: 100 } };

@Injectable()
export class AuditSealScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditSealScheduler.name);

  constructor(
    @InjectQueue(QueueName.AUDIT) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    keepScheduled(
      this.queue,
      () =>
        this.queue.upsertJobScheduler(
          'seal-audit-events',
          { every: this.config.audit.sealEveryMs },
          { name: JobName.SEAL_AUDIT_EVENTS, data: {}, opts: SEAL_JOB_OPTIONS },
        ),
      this.logger,
    );
  }
}
