import { Injectable, Logger } from '@nestjs/common';
import { Actor, coopOf } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { uniqueViolation } from '../../common/database/pg-errors';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { Page, pageLimit, toPage } from '../../common/pagination/page';
import { AppConfig } from '../../config/app-config';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { RiskQueue } from '../risk/risk-queue';
import { RiskRepository } from '../risk/risk.repository';
import { DisputeResponse, OpenedDisputeResponse, toDisputeResponse, toOpenedDisputeResponse } from './dispute.response';
import { resolutionRefusal } from './dispute-rules';
import { DisputeResolution } from './dispute-status';
import { DisputesRepository } from './disputes.repository';
import { ListDisputesDto } from './dto/list-disputes.dto';
import { OpenDisputeDto } from './dto/open-dispute.dto';
import { ResolveDisputeDto } from './dto/resolve-dispute.dto';

const REFUSALS = {
  'DISPUTE.ALREADY_RESOLVED': 'The dispute is already resolved',
  'DISPUTE.NOT_CORRECTED':
    'No report of the loan was received after the dispute opened; submit the corrected records first',
} as const;

/**
 * Disputes: a loan officer (for a borrower its coop holds consent for) or network staff (on the borrower's request)
 * opens one on a loan shown in a profile; the furnishing coop lists and resolves it. The data keeps being reported
 * meanwhile; DELETED suppresses the loan from profiles.
 */
@Injectable()
export class DisputesService {
  private readonly logger = new Logger(DisputesService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly disputes: DisputesRepository,
    private readonly audit: AuditService,
    private readonly risk: RiskQueue,
    private readonly riskRows: RiskRepository,
    private readonly config: AppConfig,
  ) {}

  async openDispute(actor: Actor, dto: OpenDisputeDto): Promise<OpenedDisputeResponse> {
    const principal = actor.principal;
    // Network staff act on the borrower's request; a coop's officer only where its coop holds a consent.
    const consentingCoopId = principal.role === Role.NETWORK_ADMIN ? null : coopOf(actor);
    const now = new Date();
    try {
      return await this.uow.run(async (tx) => {
        const loan = await this.disputes.findDisputableLoan(tx, dto.loanId, consentingCoopId, now);
        if (!loan) throw notFound('LOAN.NOT_FOUND', 'Loan');
        const dispute = await this.disputes.insertOpen(tx, {
          loan,
          reason: dto.reason.trim(),
          dueDays: this.config.disputes.dueDays,
          openedByCooperativeId: principal.cooperativeId,
          openedByUserId: principal.userId,
          openedByApiKeyId: principal.apiKeyId,
        });
        // The opener's coop auditors read this event: nothing in it names the furnishing coop.
        await this.audit.record(tx, actor, {
          action: AuditAction.DISPUTE_OPENED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: loan.subjectRef,
          details: { disputeId: dispute.id, loanId: loan.id },
        });
        return toOpenedDisputeResponse(dispute);
      });
    } catch (err) {
      if (uniqueViolation(err) === 'uq_disputes_open_loan') {
        throw new DomainError('DISPUTE.ALREADY_OPEN', 'The loan already has an open dispute');
      }
      throw err;
    }
  }

  async listDisputes(actor: Actor, query: ListDisputesDto): Promise<Page<DisputeResponse>> {
    const principal = actor.principal;
    const limit = pageLimit(query);
    const rows = await this.disputes.list(this.uow.manager, {
      cooperativeId: principal.role === Role.NETWORK_ADMIN ? null : coopOf(actor),
      status: query.status,
      cursor: query.cursor,
      limit,
    });
    const now = new Date();
    return toPage(rows, limit, (row) => toDisputeResponse(row, now));
  }

  async resolveDispute(actor: Actor, id: string, dto: ResolveDisputeDto): Promise<DisputeResponse> {
    const principal = actor.principal;
    const { response, borrowerKey } = await this.uow.run(async (tx) => {
      // Locked: two resolutions of one dispute queue up and the second sees the first.
      const dispute = await this.disputes.findInCooperative(tx, id, coopOf(actor), true);
      if (!dispute) throw notFound('DISPUTE.NOT_FOUND', 'Dispute');
      const reported =
        dto.resolution === DisputeResolution.CORRECTED && (await this.disputes.reportedSinceOpened(tx, id));
      const refusal = resolutionRefusal(dispute.status, dto.resolution, reported);
      if (refusal) throw new DomainError(refusal, REFUSALS[refusal]);
      await this.disputes.resolve(tx, id, {
        resolution: dto.resolution,
        note: dto.note.trim(),
        userId: principal.userId,
        apiKeyId: principal.apiKeyId,
      });
      if (dto.resolution === DisputeResolution.DELETED) await this.disputes.suppressLoan(tx, dispute.loanId, id);
      await this.riskRows.markBorrowers(tx, [dispute.borrowerKey]);
      await this.audit.record(tx, actor, {
        action: AuditAction.DISPUTE_RESOLVED,
        outcome: AuditOutcome.ALLOWED,
        subjectRef: dispute.subjectRef,
        details: { disputeId: id, loanId: dispute.loanId, resolution: dto.resolution },
      });
      const resolved = await this.disputes.findInCooperative(tx, id, dispute.cooperativeId);
      if (!resolved) throw new Error(`dispute ${id} not readable in the transaction that resolved it`);
      return { response: toDisputeResponse(resolved), borrowerKey: dispute.borrowerKey };
    });
    await this.enqueueRecalculation(borrowerKey, actor.requestId);
    return response;
  }

  /** After commit, best effort: the marker is the durable record and the profile query recomputes a marked borrower. */
  private async enqueueRecalculation(borrowerKey: string, requestId: string): Promise<void> {
    try {
      await this.risk.enqueue([borrowerKey], { requestId });
    } catch (err) {
      this.logger.warn({ err, requestId }, 'recalculation job not enqueued; the sweeper will');
    }
  }
}
