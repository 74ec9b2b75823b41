import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { AppConfig } from '../../config/app-config';
import { AnonymousActor, systemActor } from '../../common/auth/principal';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { RiskQueue } from '../risk/risk-queue';
import { RiskRepository } from '../risk/risk.repository';
import { retentionCutoff } from './retention-cutoff';
import { RetentionRepository } from './retention.repository';

/** Loans per transaction: short transactions, short row locks, one audit row each. */
export const PURGE_BATCH = 500;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export interface PurgeResult {
  cutoffPeriod: string;
  batches: number;
  loans: number;
  records: number;
  corrections: number;
  failedUploads: number;
}

/** A FAILED file is kept this long for the operator to look into, then its stored copy (it holds NIKs) goes. */
export const FAILED_UPLOAD_KEEP_DAYS = 30;

/**
 * Retention (UU PDP: kept no longer than needed): the monthly records of a loan that closed more than
 * config.retention.years ago are deleted, with their correction history and then the loan itself. A loan with an
 * open dispute waits until the dispute is resolved.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: RetentionRepository,
    private readonly audit: AuditService,
    private readonly riskQueue: RiskQueue,
    private readonly riskRows: RiskRepository,
    private readonly config: AppConfig,
  ) {}

  async purgeExpired(now = new Date(), batchSize = PURGE_BATCH): Promise<PurgeResult> {
    const cutoffPeriod = retentionCutoff(now, this.config.retention.years);
    const actor = systemActor('retention');
    const result: PurgeResult = { cutoffPeriod, batches: 0, loans: 0, records: 0, corrections: 0, failedUploads: 0 };
    result.failedUploads = await this.purgeFailedUploads(now, actor);
    let after = FIRST_UUID;
    for (;;) {
      const batch = await this.uow.run(async (tx) => {
        const loans = await this.repository.lockExpired(tx, cutoffPeriod, after, batchSize);
        if (loans.length === 0) return null;
        const counts = await this.repository.purge(tx, loans);
        const borrowerKeys = [...new Set(loans.map((l) => l.borrowerKey))];
        // The borrowers' profiles must drop the purged loans: marked in the purge's transaction.
        await this.riskRows.markBorrowers(tx, borrowerKeys);
        await this.audit.record(tx, actor, {
          action: AuditAction.RETENTION_PURGED,
          outcome: AuditOutcome.ALLOWED,
          details: {
            loans: loans.length,
            records: counts.records,
            corrections: counts.corrections,
            identities: counts.identitiesDeleted,
            borrowers: borrowerKeys.length,
            cutoffPeriod,
          },
        });
        return { lastId: loans[loans.length - 1].id, loans: loans.length, borrowerKeys, ...counts };
      });
      if (!batch) break;
      after = batch.lastId;
      result.batches++;
      result.loans += batch.loans;
      result.records += batch.records;
      result.corrections += batch.corrections;
      await this.enqueueRecalculation(batch.borrowerKeys);
    }
    this.logger.log({ ...result, requestId: actor.requestId }, 'retention purge done');
    return result;
  }

  private async purgeFailedUploads(now: Date, actor: AnonymousActor): Promise<number> {
    const before = new Date(now.getTime() - FAILED_UPLOAD_KEEP_DAYS * 86_400_000);
    return this.uow.run(async (tx) => {
      const gone = await this.repository.deleteFailedUploads(tx, before);
      if (gone.submissions > 0) {
        await this.audit.record(tx, actor, {
          action: AuditAction.RETENTION_PURGED,
          outcome: AuditOutcome.ALLOWED,
          details: { failedUploads: gone.submissions, chunks: gone.chunks, finishedBefore: before.toISOString() },
        });
      }
      return gone.submissions;
    });
  }

  /** After commit; the markers are the durable record, so a Redis outage leaves the work to the risk sweeper. */
  private async enqueueRecalculation(borrowerKeys: string[]): Promise<void> {
    try {
      await this.riskQueue.enqueue(borrowerKeys);
    } catch (err) {
      this.logger.warn(
        { err, borrowers: borrowerKeys.length },
        'recalculation jobs not enqueued; the risk sweeper will',
      );
    }
  }
}
