import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, coopOf } from '../../common/auth/principal';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { BorrowersRepository } from '../borrowers/borrowers.repository';
import { BorrowersService } from '../borrowers/borrowers.service';
import { ConsentPurpose } from '../consents/consent-purpose';
import { CONSENT_REFUSALS } from '../consents/consent-rule';
import { Metrics } from '../metrics/metrics';
import { MonitoringTrigger } from '../monitoring/alerts/monitoring-trigger';
import { isoDay, wibDay } from '../risk/periods';
import { RiskRecalculationService } from '../risk/risk-recalculation.service';
import { MODEL_VERSION } from '../risk/scoring/score';
import { UsageMeasure } from '../usage/usage-rules';
import { QuotaRefusal, UsageService } from '../usage/usage.service';
import { QueryProfileDto } from './dto/query-profile.dto';
import { composeProfile } from './profile-view';
import { ProfileResponse } from './profile.response';
import { ProfileQuery, ProfileRefusalCode, ProfilesRepository } from './profiles.repository';

const INQUIRY_LOOKBACK_MS = 90 * 86_400_000;

const REFUSALS: Record<ProfileRefusalCode, string> = {
  'COOPERATIVE.SUSPENDED': 'This cooperative is suspended from the network',
  'RECIPROCITY.NOT_REPORTING': 'This cooperative has not reported data recently; give to get',
  ...CONSENT_REFUSALS,
};

/**
 * The consent-gated profile query. The decision, its audit event and (when allowed) the inquiry are written by
 * one statement, so nothing is answered that is not in the audit log and a refusal is logged as surely. A stale
 * stored profile is recomputed first, in the transaction that then answers.
 */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly profiles: ProfilesRepository,
    private readonly borrowers: BorrowersService,
    private readonly recalculation: RiskRecalculationService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly usage: UsageService,
    private readonly audit: AuditService,
    private readonly borrowerRows: BorrowersRepository,
    private readonly monitoring: MonitoringTrigger,
  ) {}

  async queryProfile(actor: Actor, dto: QueryProfileDto): Promise<ProfileResponse> {
    const principal = actor.principal;
    const cooperativeId = coopOf(actor);
    const borrowerKey = this.borrowers.keyForNik(dto.nik).key;
    const now = new Date();
    // The coop's hourly ceiling comes before the gate: a refusal here is audited on its own, then answered 429.
    const refusal = await this.usage.admit(UsageMeasure.PROFILE_QUERIES, cooperativeId, now);
    if (refusal) await this.refuseOverQuota(actor, borrowerKey, dto, refusal);
    const query: ProfileQuery = {
      cooperativeId,
      borrowerKey,
      purpose: dto.purpose,
      reportId: randomUUID(),
      now,
      inquiriesSince: new Date(now.getTime() - INQUIRY_LOOKBACK_MS),
      actor: {
        userId: principal.userId,
        apiKeyId: principal.apiKeyId,
        role: principal.role,
        requestId: actor.requestId,
        ip: actor.ip,
      },
      current: { modelVersion: MODEL_VERSION, ruleSet: this.recalculation.currentRuleSet, asOf: isoDay(wibDay(now)) },
      force: false,
      reciprocity: this.config.reciprocity,
    };
    let result = await this.profiles.answerQuery(this.uow.manager, query);
    if (result.kind === 'stale') {
      // Marked stale, of an older model or day, or never computed: recompute, then decide again in one transaction.
      result = await this.uow.run(async (tx) => {
        await this.recalculation.recalculate(tx, [borrowerKey], now);
        return this.profiles.answerQuery(tx, { ...query, force: true });
      });
    }
    // The decision is final here (and already audited): ALLOWED, or the refusal code.
    if (result.kind === 'stale') throw new Error('the profile query found the profile stale after recomputing it');
    this.metrics.profileQueried(result.kind === 'refused' ? result.code : null);
    if (result.kind === 'refused') throw new DomainError(result.code, REFUSALS[result.code]);
    // The inquiry is committed; its INQUIRY_ELSEWHERE alerts are raised by the worker (never awaited here).
    if (dto.purpose === ConsentPurpose.NEW_APPLICATION) this.monitoring.nudge();
    return composeProfile({
      reportId: query.reportId,
      consentId: result.consentId,
      subjectRef: result.subjectRef,
      generatedAt: now,
      viewer: { cooperativeId, name: result.cooperativeName },
      stored: result.stored,
      // This query is an inquiry too; the statement that recorded it could not read its own insert.
      inquiries: [...result.inquiries, { cooperativeId, at: now, purpose: dto.purpose }],
      disputedLoanIds: new Set(result.disputedLoanIds),
      thresholds: this.config.risk.thresholds,
    });
  }

  private async refuseOverQuota(
    actor: Actor,
    borrowerKey: string,
    dto: QueryProfileDto,
    refusal: QuotaRefusal,
  ): Promise<never> {
    const code = refusal.error.code;
    const borrower = await this.borrowerRows.findByKey(this.uow.manager, borrowerKey);
    await this.audit.recordAlone(actor, {
      action: AuditAction.PROFILE_QUERIED,
      outcome: AuditOutcome.DENIED,
      subjectRef: borrower?.subjectRef ?? null,
      purpose: dto.purpose,
      details: { reason: code, limitPerHour: refusal.limit },
    });
    this.metrics.profileQueried(code);
    throw refusal.error;
  }
}
