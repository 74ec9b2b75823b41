import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../common/auth/principal';
import { Tx, UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { BorrowersService } from '../borrowers/borrowers.service';
import { ConsentPurpose } from '../consents/consent-purpose';
import { ConsentsService } from '../consents/consents.service';
import { CooperativeStatus } from '../cooperatives/cooperative-type';
import { RiskRecalculationService } from '../risk/risk-recalculation.service';
import { ProfileRow, RiskRepository } from '../risk/risk.repository';
import { QueryProfileDto } from './dto/query-profile.dto';
import { composeProfile } from './profile-view';
import { ProfileResponse } from './profile.response';
import { ProfilesRepository } from './profiles.repository';

const INQUIRY_LOOKBACK_MS = 90 * 86_400_000;

type Decision = { refusal: DomainError; profile?: never } | { refusal?: never; profile: ProfileResponse };

/**
 * The consent-gated profile query. One transaction decides, audits and (when allowed) records the inquiry and
 * builds the answer, so nothing is answered that is not in the audit log, and a refusal is logged as surely.
 */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly profiles: ProfilesRepository,
    private readonly borrowers: BorrowersService,
    private readonly consents: ConsentsService,
    private readonly risk: RiskRepository,
    private readonly recalculation: RiskRecalculationService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async queryProfile(actor: Actor, dto: QueryProfileDto): Promise<ProfileResponse> {
    const borrower = this.borrowers.keyForNik(dto.nik);
    const decision = await this.uow.run((tx) => this.decide(tx, actor, borrower.key, dto.purpose));
    if (decision.refusal) throw decision.refusal;
    return decision.profile;
  }

  private async decide(tx: Tx, actor: Actor, borrowerKey: string, purpose: ConsentPurpose): Promise<Decision> {
    const principal = actor.principal!;
    const cooperativeId = principal.cooperativeId!;
    const coop = await this.profiles.findCooperative(tx, cooperativeId);
    const subjectRef = await this.profiles.findSubjectRef(tx, borrowerKey);
    let consentId: string | null = null;
    let refusal: DomainError | null = null;
    if (!coop || coop.status !== CooperativeStatus.ACTIVE) {
      refusal = new DomainError('COOPERATIVE.SUSPENDED', 'This cooperative is suspended from the network');
    } else if (!subjectRef) {
      // Consent creates the borrower row, so an unknown borrower has no consent of anyone.
      refusal = new DomainError('CONSENT.MISSING', 'No consent of this cooperative for this borrower and purpose');
    } else {
      ({ consentId, refusal } = await this.consents.decideConsent(tx, cooperativeId, borrowerKey, purpose));
    }
    if (refusal) {
      await this.audit.record(tx, actor, {
        action: AuditAction.PROFILE_QUERIED,
        outcome: AuditOutcome.DENIED,
        subjectRef,
        purpose,
        consentId,
        details: { reason: refusal.code },
      });
      return { refusal };
    }

    const now = new Date();
    const { stored, recomputed } = await this.currentProfile(tx, borrowerKey, now);
    const reportId = randomUUID();
    await this.profiles.insertInquiry(tx, {
      id: reportId,
      borrowerKey,
      cooperativeId,
      purpose,
      consentId: consentId!,
      userId: principal.userId,
      apiKeyId: principal.apiKeyId,
      occurredAt: now,
    });
    const inquiries = await this.profiles.latestInquiryPerCoop(tx, borrowerKey, new Date(now.getTime() - INQUIRY_LOOKBACK_MS));
    await this.audit.record(tx, actor, {
      action: AuditAction.PROFILE_QUERIED,
      outcome: AuditOutcome.ALLOWED,
      subjectRef,
      purpose,
      consentId,
      details: { reportId, recomputed },
    });
    const profile = composeProfile({
      reportId,
      consentId: consentId!,
      subjectRef: subjectRef!,
      generatedAt: now,
      viewer: { cooperativeId, name: coop!.name },
      stored,
      inquiries,
      disputedLoanIds: new Set(),
      thresholds: this.config.risk.thresholds,
    });
    return { profile };
  }

  /** The stored profile, or one computed now if the borrower is marked stale, of an older model or day, or new. */
  private async currentProfile(tx: Tx, borrowerKey: string, now: Date): Promise<{ stored: ProfileRow; recomputed: boolean }> {
    const { profile, marked } = await this.risk.findProfile(tx, borrowerKey);
    if (profile && !marked && this.recalculation.isCurrent(profile, now)) return { stored: profile, recomputed: false };
    const rows = await this.recalculation.recalculate(tx, [borrowerKey], now);
    return { stored: rows.get(borrowerKey)!, recomputed: true };
  }
}
