import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { keepJobsScheduled } from '../../../common/jobs/enqueue';
import { JOB_SCHEDULES, QueueName } from '../../../common/jobs/queues';
import { AppConfig } from '../../../config/app-config';

/** The net under the nudges: raise what is pending, end lapsed enrollments, requeue stuck deliveries. */
@Injectable()
export class MonitoringScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MonitoringScheduler.name);

  constructor(
    @InjectQueue(QueueName.MONITORING) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    keepJobsScheduled(this.queue, [JOB_SCHEDULES.sweepMonitoring(this.config.monitoring.sweepEveryMs)], this.logger);
  }
}
