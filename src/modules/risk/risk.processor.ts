import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../common/jobs/job-instrumentation';
import { RiskRecalculationService } from './risk-recalculation.service';
import { RiskSweeper } from './risk-sweeper';

// Each job is a short transaction; several at once keep Postgres busy while one waits on the network.
@Processor(QueueName.RISK, { concurrency: 8 })
export class RiskProcessor extends InstrumentedProcessor {
  constructor(
    private readonly recalculation: RiskRecalculationService,
    private readonly sweeper: RiskSweeper,
    jobs: JobInstrumentation,
  ) {
    super(jobs);
  }

  readonly handlers: JobHandlers = {
    [JobName.RECALCULATE_BORROWER]: (job) => this.recalculation.recalculateBorrower(job.data.borrowerKey),
    [JobName.SWEEP_RISK_MARKERS]: () => this.sweeper.sweep(),
    [JobName.REFRESH_PROFILES]: (job) =>
      this.recalculation.refreshProfiles({ onBatch: (progress) => job.updateProgress({ ...progress }) }),
  };

  // Inside a log context with the job's ids; a recalculation carries the request id of the submission behind it.
  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }
}
