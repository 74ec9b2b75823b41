import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../common/jobs/job-instrumentation';
import { PurgeResult, RetentionService } from './retention.service';

// One purge at a time: a second would only skip the rows the first has locked.
@Processor(QueueName.RETENTION, { concurrency: 1 })
export class RetentionProcessor extends InstrumentedProcessor {
  constructor(
    private readonly retention: RetentionService,
    jobs: JobInstrumentation,
  ) {
    super(jobs);
  }

  readonly handlers: JobHandlers = {
    [JobName.PURGE_EXPIRED_RECORDS]: (): Promise<PurgeResult> => this.retention.purgeExpired(),
  };

  process(job: Job): Promise<PurgeResult> {
    return this.jobs.run(job, () => this.handle(job) as Promise<PurgeResult>);
  }
}
