import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Actor } from '../../common/auth/principal';
import { uniqueViolation } from '../../common/database/pg-errors';
import { Tx, UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { OrderedPageQueryDto, Page, pageLimit, toPage } from '../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { RiskQueue } from '../risk/risk-queue';
import { SubmitRecordsDto } from './dto/submit-records.dto';
import { SubmissionApplier } from './submission-applier';
import { SubmissionEntity, SubmissionMode, SubmissionSource, SubmissionStatus } from './submission.entity';
import { SubmissionResponse, SubmissionResultResponse, toSubmissionResponse } from './submission.response';
import { ErrorRow, SubmissionsRepository } from './submissions.repository';

/** What a finished JSON submission answered, kept to answer a retried request identically. */
interface StoredAnswer {
  status: 201 | 400;
  body: SubmissionResultResponse;
}

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionsRepository,
    private readonly applier: SubmissionApplier,
    private readonly audit: AuditService,
    private readonly risk: RiskQueue,
  ) {}

  async submitRecords(actor: Actor, dto: SubmitRecordsDto, idempotencyKey?: string): Promise<SubmissionResultResponse> {
    const principal = actor.principal!;
    const checksum = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const earlier = await this.submissions.findByIdempotencyKey(this.uow.manager, principal.cooperativeId!, idempotencyKey);
      if (earlier) return this.replay(earlier, checksum);
    }
    let answer: StoredAnswer;
    try {
      answer = await this.uow.run((tx) => this.applyRecords(tx, actor, dto, checksum, idempotencyKey ?? null));
    } catch (err) {
      // A concurrent retry with the same key committed first: answer as it did.
      if (idempotencyKey && uniqueViolation(err) === 'uq_submissions_idempotency_key') {
        const earlier = await this.submissions.findByIdempotencyKey(this.uow.manager, principal.cooperativeId!, idempotencyKey);
        return this.replay(earlier!, checksum);
      }
      throw err;
    }
    // After commit; the markers written with the records make this best effort.
    if (answer.body.status === SubmissionStatus.COMPLETED) await this.risk.enqueueSubmission(answer.body.id, actor.requestId);
    return this.answer(answer);
  }

  async getSubmission(actor: Actor, id: string): Promise<SubmissionResponse> {
    return toSubmissionResponse(await this.ownSubmission(this.uow.manager, actor, id));
  }

  async listSubmissions(actor: Actor, query: OrderedPageQueryDto): Promise<Page<SubmissionResponse>> {
    const limit = pageLimit(query);
    const rows = await this.submissions.list(this.uow.manager, actor.principal!.cooperativeId!, query.cursor, limit, query.order);
    return toPage(rows, limit, toSubmissionResponse);
  }

  /** The rejected rows as CSV (row, field, code, message), streamed page by page. */
  async errorsCsv(actor: Actor, id: string): Promise<Readable> {
    const submission = await this.ownSubmission(this.uow.manager, actor, id);
    return Readable.from(this.submissions.streamErrors(this.uow.manager, submission.id)).pipe(
      // A field name is copied from the uploaded header: it must not become a formula when Excel opens the file.
      stringify({ header: true, columns: ['row', 'field', 'code', 'message'], escape_formulas: true }),
    );
  }

  private async applyRecords(tx: Tx, actor: Actor, dto: SubmitRecordsDto, checksum: string, idempotencyKey: string | null) {
    const principal = actor.principal!;
    const mode = dto.mode ?? SubmissionMode.STRICT;
    const submission = await this.submissions.create(tx, {
      cooperativeId: principal.cooperativeId!,
      source: SubmissionSource.JSON,
      mode,
      status: SubmissionStatus.PROCESSING,
      checksum,
      idempotencyKey,
      createdByUserId: principal.userId,
      createdByApiKeyId: principal.apiKeyId,
      requestId: actor.requestId,
    });
    await this.audit.record(tx, actor, {
      action: AuditAction.SUBMISSION_RECEIVED,
      outcome: AuditOutcome.ALLOWED,
      subjectRef: submission.id,
      details: { source: 'JSON', mode, rows: dto.records.length },
    });
    // Held until staging ends (the connection is busy with COPY until then); at most 5,000 records' worth.
    const errors: ErrorRow[] = [];
    const sink = { add: async (batch: ErrorRow[]) => void errors.push(...batch) };
    const rows = dto.records.map((raw, i) => ({ row: i + 1, raw }));
    const outcome = await this.applier.apply(tx, rows, sink, {
      cooperativeId: principal.cooperativeId!,
      submissionId: submission.id,
      mode,
      source: SubmissionSource.JSON,
    });
    const status = outcome.applied ? SubmissionStatus.COMPLETED : SubmissionStatus.REJECTED;
    errors.sort((a, b) => a.row - b.row);
    await this.submissions.insertErrors(tx, submission.id, 0, errors);
    const answer: StoredAnswer = {
      status: mode === SubmissionMode.STRICT && outcome.rejected > 0 ? 400 : 201,
      body: { id: submission.id, status, totalRows: outcome.totalRows, accepted: outcome.accepted, rejected: outcome.rejected, errors },
    };
    await this.submissions.update(tx, submission.id, {
      status,
      totalRows: outcome.totalRows,
      processedRows: outcome.totalRows,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      response: answer as unknown as Record<string, unknown>,
      finishedAt: new Date(),
    });
    await this.audit.record(tx, actor, {
      action: AuditAction.SUBMISSION_APPLIED,
      outcome: outcome.applied ? AuditOutcome.ALLOWED : AuditOutcome.DENIED,
      subjectRef: submission.id,
      details: { accepted: outcome.accepted, rejected: outcome.rejected, borrowersMarked: outcome.borrowersMarked },
    });
    return answer;
  }

  private replay(earlier: SubmissionEntity, checksum: string): SubmissionResultResponse {
    if (earlier.checksum !== checksum) {
      throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used for a different request');
    }
    if (!earlier.response) throw new DomainError('IDEMPOTENCY.IN_PROGRESS', 'The first request with this key is still running');
    return this.answer(earlier.response as unknown as StoredAnswer);
  }

  /** STRICT with a bad record: 400 naming each bad field and row; nothing was applied. */
  private answer(answer: StoredAnswer): SubmissionResultResponse {
    if (answer.status === 400) {
      throw new DomainError(
        'VALIDATION',
        `${answer.body.rejected} of ${answer.body.totalRows} records are invalid; nothing was applied (submission ${answer.body.id})`,
        answer.body.errors.map((e) => ({ field: `records[${e.row - 1}].${e.field}`, row: e.row, message: e.message, code: e.code })),
      );
    }
    return answer.body;
  }

  private async ownSubmission(tx: Tx, actor: Actor, id: string): Promise<SubmissionEntity> {
    const submission = await this.submissions.findInCooperative(tx, id, actor.principal!.cooperativeId!);
    if (!submission) throw notFound('SUBMISSION.NOT_FOUND', 'Submission');
    return submission;
  }
}
