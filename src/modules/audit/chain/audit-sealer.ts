import { Injectable, Logger } from '@nestjs/common';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { AuditChainRepository, NewLink, SealCandidate } from './audit-chain.repository';
import { GENESIS, linkHash } from './chain-check';

/** Events sealed per transaction (late commits and new events each). */
export const SEAL_BATCH = 5_000;
/** Batches per run at most, so one run never holds the worker for long; the next run goes on. */
export const SEAL_MAX_BATCHES = 40;
/**
 * How long an id the sealer passed over is looked at again. An audit event's transaction is short (one request);
 * one left open longer than this leaves its event unsealed, reported as pending (the CLI's --seal sweeps it up).
 */
export const GAP_GRACE_MS = 15 * 60_000;
/** Months of audit_events partitions kept ready ahead of the current one. */
export const PARTITION_MONTHS_AHEAD = 3;

/**
 * Extends the hash chain over audit events after they are written, so writers stay a plain INSERT with no lock:
 * the chain order is the seal order. Each batch takes the events above the highest sealed id in id order, first
 * sealing the ids earlier batches passed over (a transaction with a lower id committing after a higher one).
 */
@Injectable()
export class AuditSealer {
  private readonly logger = new Logger(AuditSealer.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AuditChainRepository,
  ) {}

  /** The scheduled run: partitions ahead, then seal until caught up. */
  async handleScheduledRun(): Promise<{ sealed: number; partitionsCreated: number }> {
    const partitionsCreated = await this.uow.run((tx) => this.repository.ensurePartitions(tx, PARTITION_MONTHS_AHEAD));
    if (partitionsCreated > 0) this.logger.log({ partitionsCreated }, 'audit_events partitions created');
    return { sealed: await this.seal(), partitionsCreated };
  }

  /** Seals until caught up (or the run's limit); `sweep` also seals any older unsealed event (a full scan). */
  async seal(options: { sweep?: boolean; maxBatches?: number } = {}): Promise<number> {
    let total = 0;
    for (let i = 0; i < (options.maxBatches ?? SEAL_MAX_BATCHES); i++) {
      const batch = await this.uow.run((tx) => this.sealBatch(tx, options.sweep ?? false));
      if (!batch) break; // another sealer is at work
      total += batch.sealed;
      if (!batch.more) break;
    }
    if (total > 0) this.logger.debug({ sealed: total }, 'audit events sealed');
    return total;
  }

  private async sealBatch(tx: Tx, sweep: boolean): Promise<{ sealed: number; more: boolean } | null> {
    if (!(await this.repository.tryLockSealer(tx))) return null;
    const head = await this.repository.head(tx);
    const maxSealed = await this.repository.maxSealedId(tx);
    const late = sweep
      ? await this.repository.strayEvents(tx, maxSealed, SEAL_BATCH)
      : await this.repository.lateEvents(tx, SEAL_BATCH);
    const fresh = await this.repository.freshEvents(tx, maxSealed, SEAL_BATCH);
    const links = chainLinks(head, [...late, ...fresh]);
    if (links.length > 0) await this.repository.append(tx, links);
    await this.repository.forgetGaps(
      tx,
      late.map((e) => e.id),
      GAP_GRACE_MS,
    );
    if (fresh.length > 0) {
      await this.repository.noteGaps(
        tx,
        maxSealed,
        fresh[fresh.length - 1].id,
        fresh.map((e) => e.id),
      );
    }
    return { sealed: links.length, more: late.length === SEAL_BATCH || fresh.length === SEAL_BATCH };
  }
}

/** The next links after `head`, numbered densely. */
export function chainLinks(head: { seq: string; hash: Buffer } | null, events: SealCandidate[]): NewLink[] {
  let seq = BigInt(head?.seq ?? 0);
  let previous: Buffer = head?.hash ?? GENESIS;
  return events.map((event) => {
    seq += 1n;
    previous = linkHash(previous, event.digest);
    return { seq: seq.toString(), eventId: event.id, occurredAt: event.occurredAt, hash: previous };
  });
}
