import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { keepScheduled, upsertSchedule } from '../../common/jobs/enqueue';
import { JOB_SCHEDULES, JobName, QueueName, REFRESH_JOB_OPTIONS } from '../../common/jobs/queues';
import { AppConfig } from '../../config/app-config';
import { RiskQueue } from './risk-queue';
import { RiskRecalculationService } from './risk-recalculation.service';
import { RiskRepository } from './risk.repository';
import { MODEL_VERSION } from './scoring/score';

const SWEEP_LIMIT = 5_000;

/**
 * The safety net and the clock of the risk queue: re-enqueues borrowers whose marker outlived its job (Redis
 * outage, crash, exhausted retries), re-ages every profile daily, and rescores the network when the model or the
 * rule set changes.
 */
@Injectable()
export class RiskSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(RiskSweeper.name);

  constructor(
    @InjectQueue(QueueName.RISK) private readonly queue: Queue,
    private readonly uow: UnitOfWork,
    private readonly repository: RiskRepository,
    private readonly producer: RiskQueue,
    private readonly recalculation: RiskRecalculationService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    keepScheduled(this.queue, () => this.schedule(), this.logger);
  }

  private async schedule(): Promise<void> {
    const { sweepEveryMs } = this.config.risk;
    await upsertSchedule(this.queue, JOB_SCHEDULES.sweepRiskMarkers(sweepEveryMs));
    await upsertSchedule(this.queue, JOB_SCHEDULES.refreshProfilesDaily());
    // Once per model and rule set: the job id collapses repeats from every worker start.
    const version = `${MODEL_VERSION}-${this.recalculation.currentRuleSet}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    await this.queue.add(
      JobName.REFRESH_PROFILES,
      { reason: `version ${version}` },
      { ...REFRESH_JOB_OPTIONS, jobId: `refresh-${version}` },
    );
  }

  /** Enqueues (or retries, if failed) the job of each borrower marked longer ago than the grace. */
  async sweep(graceMs = this.config.risk.markerGraceMs): Promise<number> {
    const keys = await this.repository.findOldMarkers(this.uow.manager, new Date(Date.now() - graceMs), SWEEP_LIMIT);
    if (keys.length === 0) return 0;
    const states = await Promise.all(keys.map((key) => this.queue.getJobState(key)));
    const missing = keys.filter((_, i) => states[i] === 'unknown' || states[i] === 'completed');
    const failed = keys.filter((_, i) => states[i] === 'failed');
    for (const key of failed) {
      const job = await Job.fromId(this.queue, key);
      await job?.retry('failed');
    }
    if (missing.length > 0) await this.producer.enqueue(missing);
    this.logger.log({ marked: keys.length, enqueued: missing.length, retried: failed.length }, 'risk markers swept');
    return missing.length + failed.length;
  }
}
