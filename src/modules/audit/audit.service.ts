import { Injectable } from '@nestjs/common';
import { Actor, AuditActor } from '../../common/auth/principal';
import { Tx, UnitOfWork } from '../../common/database/unit-of-work';
import { AuditAction, AuditOutcome } from './audit-action';
import { AuditEntry, AuditWriter } from './audit-writer';
import { AuditRepository } from './audit.repository';
import { AuditChainRepository } from './chain/audit-chain.repository';
import { ChainCheck } from './chain/chain-check';

export interface AuditVerification {
  valid: boolean;
  /** Sealed events read and compared with their seal. */
  checked: number;
  /**
   * The first event, in chain order, that was altered or deleted (or follows a removed link); when the chain is
   * intact, the lowest unsealed event whose content no longer matches its insert-time digest.
   */
  firstBrokenId: string | null;
  /** Events not sealed yet: not covered by the chain yet, but each checked against its insert-time digest. */
  pending: number;
  /** Sealed events of archived months, not compared. */
  archived: number;
  problems: string[];
}

/** Links read per query while verifying. */
const VERIFY_BATCH = 10_000;
/** Changed unsealed events named in the problems at most; the rest are counted. */
const MAX_UNSEALED_NAMED = 20;

@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly writer: AuditWriter,
    private readonly chain: AuditChainRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Writes inside the caller's transaction, so the event commits or rolls back with the action (AuditWriter). */
  record(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<string> {
    return this.writer.record(tx, actor, entry);
  }

  /** For refusals: the refusal is recorded in its own transaction, then the caller throws. */
  recordAlone(actor: AuditActor, entry: AuditEntry): Promise<string> {
    return this.uow.run((tx) => this.record(tx, actor, entry));
  }

  /**
   * Checks that the database still refuses changes to the log and fixes each event's digest at insert, then walks the
   * whole hash chain against the events as they are now, in one snapshot, a batch at a time, and checks the events
   * not sealed yet against their insert-time digests.
   */
  async verify(): Promise<AuditVerification> {
    const problems: string[] = [];
    for (const t of await this.repository.protectionTriggers(this.uow.manager)) {
      if (t.enabled === null) problems.push(`trigger ${t.name} on ${t.relation} is missing`);
      else if (!t.enabled) problems.push(`trigger ${t.name} on ${t.relation} is disabled`);
    }
    const { report, pending, unsealed } = await this.uow.run(async (tx) => {
      await this.chain.useSnapshot(tx);
      const check = new ChainCheck();
      for (;;) {
        const links = await this.chain.links(tx, check.lastSeq, VERIFY_BATCH);
        links.forEach((link) => check.add(link));
        if (links.length < VERIFY_BATCH) break;
      }
      const result = check.result();
      const pending = Math.max(0, (await this.chain.countEvents(tx)) - result.checked);
      // Usually every unsealed event is a recent one; if not (a transaction left open, an id noted and forgotten, a
      // row slipped in below the sealed ids), the whole log is searched for them.
      let unsealed = await this.chain.checkUnsealed(tx, 'recent', MAX_UNSEALED_NAMED);
      if (unsealed.looked < pending) unsealed = await this.chain.checkUnsealed(tx, 'all', MAX_UNSEALED_NAMED);
      return { report: result, pending, unsealed };
    });
    problems.push(...report.problems);
    // An event changed before its seal is found even before the sealer reaches it: its insert-time digest says so.
    problems.push(
      ...unsealed.changedIds.map(
        (id) => `event ${id} (not sealed yet) was changed: its content does not match its digest`,
      ),
    );
    if (unsealed.changed > unsealed.changedIds.length)
      problems.push(`and ${unsealed.changed - unsealed.changedIds.length} more unsealed events changed`);
    return {
      valid: problems.length === 0,
      checked: report.checked,
      firstBrokenId: report.firstBrokenId ?? unsealed.changedIds[0] ?? null,
      pending,
      archived: report.archived,
      problems,
    };
  }

  /** An auditor's verification, recorded like any read of the log. */
  async verifyForAuditor(actor: Actor): Promise<AuditVerification> {
    const result = await this.verify();
    const { valid, checked, firstBrokenId, pending } = result;
    await this.recordAlone(actor, {
      action: AuditAction.AUDIT_LOG_READ,
      outcome: AuditOutcome.ALLOWED,
      details: { verify: true, valid, checked, firstBrokenId, pending },
    });
    return result;
  }
}
