import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '../../common/jobs/queues';
import { InstrumentedProcessor } from '../../common/jobs/instrumented-processor';
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

  // Inside a log context with the job's ids; a recalculation carries the request id of the submission behind it.
  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }

  private async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.RECALCULATE_BORROWER:
        return this.handleRecalculate(job.data as JobPayloads[JobName.RECALCULATE_BORROWER]);
      case JobName.SWEEP_RISK_MARKERS:
        return this.sweeper.sweep();
      case JobName.REFRESH_PROFILES:
        return this.recalculation.refreshProfiles({ onBatch: (progress) => job.updateProgress({ ...progress }) });
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  private handleRecalculate({ borrowerKey }: JobPayloads[JobName.RECALCULATE_BORROWER]): Promise<boolean> {
    return this.recalculation.recalculateBorrower(borrowerKey);
  }
}
