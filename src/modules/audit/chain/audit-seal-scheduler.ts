import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { keepJobsScheduled } from '../../../common/jobs/enqueue';
import { JOB_SCHEDULES, QueueName } from '../../../common/jobs/queues';
import { AppConfig } from '../../../config/app-config';

@Injectable()
export class AuditSealScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditSealScheduler.name);

  constructor(
    @InjectQueue(QueueName.AUDIT) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    keepJobsScheduled(this.queue, [JOB_SCHEDULES.sealAuditEvents(this.config.audit.sealEveryMs)], this.logger);
  }
}
