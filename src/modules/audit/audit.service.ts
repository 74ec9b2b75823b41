import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/auth/principal';
import { Tx, UnitOfWork } from '../../common/database/unit-of-work';
import { AuditAction, AuditOutcome } from './audit-action';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  subjectRef?: string | null;
  purpose?: string | null;
  consentId?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the actor's principal fields, e.g. a login before any token exists. */
  actorOverride?: Partial<{ userId: string | null; cooperativeId: string | null; role: string | null }>;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Writes inside the caller's transaction, so the event commits or rolls back with the action. */
  record(tx: Tx, actor: Actor, entry: AuditEntry): Promise<string> {
    const p = actor.principal;
    const o = entry.actorOverride ?? {};
    return this.repository.insert(tx, {
      action: entry.action,
      outcome: entry.outcome,
      actorUserId: o.userId !== undefined ? o.userId : (p?.userId ?? null),
      actorApiKeyId: p?.apiKeyId ?? null,
      actorCooperativeId: o.cooperativeId !== undefined ? o.cooperativeId : (p?.cooperativeId ?? null),
      actorRole: o.role !== undefined ? o.role : (p?.role ?? null),
      subjectRef: entry.subjectRef ?? null,
      purpose: entry.purpose ?? null,
      consentId: entry.consentId ?? null,
      requestId: actor.requestId,
      ip: actor.ip,
      details: entry.details ?? {},
    });
  }

  /** For refusals: the refusal is recorded in its own transaction, then the caller throws. */
  recordAlone(actor: Actor, entry: AuditEntry): Promise<string> {
    return this.uow.run((tx) => this.record(tx, actor, entry));
  }

  /** Checks that the database still refuses changes to the log. The hash chain is added in a later release. */
  async verify(): Promise<{ valid: boolean; checked: number; firstBrokenId: string | null; problems: string[] }> {
    const triggers = await this.repository.protectionTriggers(this.uow.manager);
    const problems: string[] = [];
    for (const name of ['audit_events_no_update_delete', 'audit_events_no_truncate']) {
      const trigger = triggers.find((t) => t.name === name);
      if (!trigger) problems.push(`trigger ${name} is missing`);
      else if (!trigger.enabled) problems.push(`trigger ${name} is disabled`);
    }
    const checked = await this.repository.count(this.uow.manager);
    return { valid: problems.length === 0, checked, firstBrokenId: null, problems };
  }
}
