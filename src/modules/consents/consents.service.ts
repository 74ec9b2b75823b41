import { Injectable } from '@nestjs/common';
import { Actor, coopOf } from '../../common/auth/principal';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { BorrowersRepository } from '../borrowers/borrowers.repository';
import { BorrowersService } from '../borrowers/borrowers.service';
import { UsageMeasure } from '../usage/usage-rules';
import { UsageService } from '../usage/usage.service';
import { resolveExpiry } from './consent-expiry';
import { ConsentResponse, toConsentResponse } from './consent.response';
import { ConsentsRepository } from './consents.repository';
import { GrantConsentDto } from './dto/grant-consent.dto';

@Injectable()
export class ConsentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly consents: ConsentsRepository,
    private readonly borrowers: BorrowersService,
    private readonly borrowerRows: BorrowersRepository,
    private readonly audit: AuditService,
    private readonly usage: UsageService,
  ) {}

  async grantConsent(actor: Actor, dto: GrantConsentDto): Promise<ConsentResponse> {
    const principal = actor.principal;
    const borrower = this.borrowers.keyForNik(dto.nik);
    const now = new Date();
    const expiresAt = resolveExpiry(dto.purpose, dto.expiresAt, now);
    if (typeof expiresAt === 'string') {
      throw new DomainError('VALIDATION', 'The consent expiry is not valid', [
        { field: 'expiresAt', message: expiresAt },
      ]);
    }
    const cooperativeId = coopOf(actor);
    const refusal = await this.usage.admit(UsageMeasure.CONSENTS, cooperativeId, now);
    if (refusal) {
      // Over the coop's hourly ceiling: nothing is stored; the refusal is audited, then answered 429.
      const known = await this.borrowerRows.findByKey(this.uow.manager, borrower.key);
      await this.audit.recordAlone(actor, {
        action: AuditAction.CONSENT_GRANTED,
        outcome: AuditOutcome.DENIED,
        subjectRef: known?.subjectRef ?? null,
        purpose: dto.purpose,
        details: { reason: refusal.error.code, limitPerHour: refusal.limit },
      });
      throw refusal.error;
    }
    const granted = await this.uow.run(async (tx) => {
      // A consent may come before any coop has reported the borrower.
      const subjectRef = await this.borrowerRows.ensure(tx, borrower.key, borrower.keyVersion);
      const consent = await this.consents.create(tx, {
        cooperativeId,
        borrowerKey: borrower.key,
        purpose: dto.purpose,
        evidenceType: dto.evidence.type,
        evidenceReference: dto.evidence.reference.trim(),
        grantedByUserId: principal.userId,
        grantedByApiKeyId: principal.apiKeyId,
        grantedAt: now,
        expiresAt,
      });
      await this.audit.record(tx, actor, {
        action: AuditAction.CONSENT_GRANTED,
        outcome: AuditOutcome.ALLOWED,
        subjectRef,
        purpose: dto.purpose,
        consentId: consent.id,
        details: { evidenceType: dto.evidence.type, expiresAt: expiresAt.toISOString() },
      });
      return toConsentResponse(consent);
    });
    // After the commit: a burst of near-identical references by this credential is flagged for auditors.
    await this.usage.noteConsent(principal, dto.evidence.reference, now);
    return granted;
  }

  async getConsent(actor: Actor, id: string): Promise<ConsentResponse> {
    const consent = await this.consents.findInCooperative(this.uow.manager, id, coopOf(actor));
    if (!consent) throw notFound('CONSENT.NOT_FOUND', 'Consent');
    return toConsentResponse(consent);
  }

  async revokeConsent(actor: Actor, id: string): Promise<ConsentResponse> {
    return this.uow.run(async (tx) => {
      const consent = await this.consents.findInCooperative(tx, id, coopOf(actor), true);
      if (!consent) throw notFound('CONSENT.NOT_FOUND', 'Consent');
      if (!consent.revokedAt) {
        await this.consents.revoke(tx, id);
        const borrower = await this.borrowerRows.findByKey(tx, consent.borrowerKey);
        await this.audit.record(tx, actor, {
          action: AuditAction.CONSENT_REVOKED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: borrower?.subjectRef ?? null,
          purpose: consent.purpose,
          consentId: consent.id,
        });
      }
      const revoked = await this.consents.findInCooperative(tx, id, consent.cooperativeId);
      if (!revoked) throw new Error(`consent ${id} not readable in the transaction that revoked it`);
      return toConsentResponse(revoked);
    });
  }
}
