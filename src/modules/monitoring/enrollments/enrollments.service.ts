import { Injectable } from '@nestjs/common';
import { Actor, coopOf, systemActor } from '../../../common/auth/principal';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { DomainError, notFound } from '../../../common/errors/domain-error';
import { ErrorCode } from '../../../common/errors/error-codes';
import { Page, pageLimit, toPage } from '../../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { BorrowersService } from '../../borrowers/borrowers.service';
import { ConsentPurpose } from '../../consents/consent-purpose';
import { CONSENT_REFUSALS } from '../../consents/consent-rule';
import { EnrollmentEndReason, EnrollmentStatus } from '../monitoring-types';
import { BulkEnrolDto } from './dto/bulk-enrol.dto';
import { EnrolDto } from './dto/enrol.dto';
import { ListEnrollmentsDto } from './dto/list-enrollments.dto';
import { EnrollmentSource, tallyOutcomes, toEnrolInputs } from './enrollment-outcomes';
import {
  BulkEnrollmentResponse,
  EnrollmentListItemResponse,
  EnrollmentResponse,
  PortfolioEnrollmentResponse,
  toEnrollmentListItem,
} from './enrollment.response';
import { EnrolOutcome, EnrolRequest, EnrollmentsRepository } from './enrollments.repository';

const SUSPENDED: ErrorCode = 'COOPERATIVE.SUSPENDED';

const REFUSALS: Partial<Record<ErrorCode, string>> = {
  [SUSPENDED]: 'This cooperative is suspended from the network',
  ...CONSENT_REFUSALS,
};

/** The refusal of a whole request: a suspended coop is refused as its profile queries are (after the audit commits). */
function refuseSuspended(outcomes: readonly EnrolOutcome[]): void {
  if (outcomes.some((o) => o.code === SUSPENDED)) throw new DomainError(SUSPENDED, REFUSALS[SUSPENDED]!);
}

/**
 * Enrollments under the coop's MONITORING consent. Every enrolment (one, a list, the portfolio) is one statement
 * that decides by the consent rule, enrols and audits each row, allowed or refused, in the request's transaction;
 * the answer comes after the commit. Before it, the same transaction ends the borrowers' enrollments whose consent
 * has lapsed, so a lapsed one is never answered as active and a fresh consent enrols anew.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentsRepository,
    private readonly borrowers: BorrowersService,
    private readonly audit: AuditService,
  ) {}

  async enrol(actor: Actor, dto: EnrolDto): Promise<EnrollmentResponse> {
    const borrowerKey = this.borrowers.keyForNik(dto.nik).key;
    const request = this.request(actor, EnrollmentSource.SINGLE);
    const [outcome] = await this.uow.run(async (tx) => {
      await this.enrollments.endLapsed(tx, request.at, this.lapseScope(request, [borrowerKey]), lapseActorId(), false);
      return this.enrollments.enrol(tx, request, [{ row: 1, borrowerKey }]);
    });
    if (outcome.code !== null) {
      throw new DomainError(outcome.code as ErrorCode, REFUSALS[outcome.code as ErrorCode] ?? outcome.code);
    }
    const { enrollmentId, subjectRef, consentId, enrolledAt } = outcome;
    if (enrollmentId === null || subjectRef === null || consentId === null || enrolledAt === null) {
      throw new Error('an allowed enrolment answered without its enrollment');
    }
    return {
      id: enrollmentId,
      subject: { ref: subjectRef },
      consentId,
      status: EnrollmentStatus.ACTIVE,
      enrolledAt: enrolledAt.toISOString(),
    };
  }

  async enrolBulk(actor: Actor, dto: BulkEnrolDto): Promise<BulkEnrollmentResponse> {
    const request = this.request(actor, EnrollmentSource.BULK);
    const inputs = toEnrolInputs(dto.niks, (nik) => this.borrowers.keyForValidNik(nik).key, request.at);
    const keys = inputs.flatMap((i) => (i.code === undefined ? [i.borrowerKey] : []));
    const outcomes = await this.uow.run(async (tx) => {
      if (keys.length > 0) {
        await this.enrollments.endLapsed(tx, request.at, this.lapseScope(request, keys), lapseActorId(), false);
      }
      return inputs.length > 0 ? this.enrollments.enrol(tx, request, inputs) : [];
    });
    refuseSuspended(outcomes);
    return tallyOutcomes(outcomes, (o) => ({ row: o.row ?? 0, code: o.code ?? '' }));
  }

  async enrolPortfolio(actor: Actor): Promise<PortfolioEnrollmentResponse> {
    const request = this.request(actor, EnrollmentSource.PORTFOLIO);
    const outcomes = await this.uow.run(async (tx) => {
      await this.enrollments.endLapsed(tx, request.at, this.lapseScope(request), lapseActorId(), false);
      return this.enrollments.enrolPortfolio(tx, request);
    });
    refuseSuspended(outcomes);
    return tallyOutcomes(outcomes, (o) => ({
      subject: { ref: o.subjectRef ?? '' },
      loanRefs: o.loanRefs,
      code: o.code ?? '',
    }));
  }

  async listEnrollments(actor: Actor, query: ListEnrollmentsDto): Promise<Page<EnrollmentListItemResponse>> {
    const limit = pageLimit(query);
    const rows = await this.enrollments.list(this.uow.manager, {
      cooperativeId: coopOf(actor),
      at: new Date(),
      status: query.status,
      cursor: query.cursor,
      limit,
    });
    return toPage(rows, limit, toEnrollmentListItem);
  }

  /** Ends the coop's enrollment (ENDED_BY_COOP, audited); one that is already ended, or has lapsed, stays as it is. */
  async endEnrollment(actor: Actor, id: string): Promise<void> {
    const cooperativeId = coopOf(actor);
    const at = new Date();
    await this.uow.run(async (tx) => {
      const enrollment = await this.enrollments.lockInCooperative(tx, id, cooperativeId);
      if (!enrollment) throw notFound('MONITORING.ENROLLMENT_NOT_FOUND', 'Enrollment');
      if (enrollment.status !== EnrollmentStatus.ACTIVE) return;
      // A lapsed consent ended it first: the list has shown it ended for that reason already.
      await this.enrollments.endLapsed(
        tx,
        at,
        { cooperativeId, borrowerKeys: [enrollment.borrowerKey] },
        lapseActorId(),
        false,
      );
      const ended = await this.enrollments.endByCooperative(tx, id, at);
      if (!ended) return;
      await this.audit.record(tx, actor, {
        action: AuditAction.MONITORING_ENDED,
        outcome: AuditOutcome.ALLOWED,
        subjectRef: ended.subjectRef,
        purpose: ConsentPurpose.MONITORING,
        consentId: ended.consentId,
        details: { enrollmentId: id, endReason: EnrollmentEndReason.ENDED_BY_COOP },
      });
    });
  }

  /**
   * Ends (status ENDED, end_reason CONSENT.EXPIRED / CONSENT.REVOKED, audited MONITORING_ENDED by the system actor)
   * every active enrollment whose consent no longer allows monitoring at `at`. Returns how many ended. Called by the
   * monitoring sweep.
   */
  async endLapsed(at: Date): Promise<number> {
    const actor = systemActor('monitoring-sweep');
    return this.uow.run((tx) => this.enrollments.endLapsed(tx, at, {}, actor.requestId, true));
  }

  private request(actor: Actor, source: EnrollmentSource): EnrolRequest {
    const p = actor.principal;
    return {
      cooperativeId: coopOf(actor),
      at: new Date(),
      source,
      actor: { userId: p.userId, apiKeyId: p.apiKeyId, role: p.role, requestId: actor.requestId, ip: actor.ip },
    };
  }

  private lapseScope(request: EnrolRequest, borrowerKeys?: string[]) {
    return { cooperativeId: request.cooperativeId, borrowerKeys };
  }
}

/** A lapse found while serving a request is the system's doing, as the sweep's is. */
const lapseActorId = () => systemActor('monitoring-lapse').requestId;
