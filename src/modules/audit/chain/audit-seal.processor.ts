import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../../common/jobs/job-instrumentation';
import { AuditSealer } from './audit-sealer';

// One at a time: the sealer is serial by nature (an advisory lock keeps other workers' runs out too).
@Processor(QueueName.AUDIT, { concurrency: 1 })
export class AuditSealProcessor extends InstrumentedProcessor {
  constructor(
    private readonly sealer: AuditSealer,
    jobs: JobInstrumentation,
  ) {
    super(jobs);
  }

  readonly handlers: JobHandlers = {
    [JobName.SEAL_AUDIT_EVENTS]: () => this.sealer.handleScheduledRun(),
  };

  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }
}
