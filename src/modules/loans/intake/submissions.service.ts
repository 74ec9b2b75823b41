import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Actor, coopOf } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/app-config';
import { uniqueViolation } from '../../../common/database/pg-errors';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { DomainError, notFound } from '../../../common/errors/domain-error';
import { OrderedPageQueryDto, Page, pageLimit, toPage } from '../../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { RiskQueue } from '../../risk/risk-queue';
import { MonitoringTrigger } from '../../monitoring/alerts/monitoring-trigger';
import { SubmitRecordsDto } from './dto/submit-records.dto';
import { byRowThenColumn, SubmissionApplier } from '../apply/submission-applier';
import { SubmissionEntity, SubmissionMode, SubmissionSource, SubmissionStatus } from '../entities/submission.entity';
import { SubmissionResponse, SubmissionResultResponse, toSubmissionResponse } from './submission.response';
import { ErrorRow, SubmissionsRepository } from '../submissions.repository';
import { ErrorCollector } from '../parsing/error-collector';
import { Language } from '../../../common/i18n/language';

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
    private readonly config: AppConfig,
    private readonly monitoring: MonitoringTrigger,
  ) {}

  async submitRecords(actor: Actor, dto: SubmitRecordsDto, idempotencyKey?: string): Promise<SubmissionResultResponse> {
    const checksum = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const earlier = await this.submissions.findByIdempotencyKey(this.uow.manager, coopOf(actor), idempotencyKey);
      if (earlier) return this.replay(earlier, checksum);
    }
    let answer: StoredAnswer;
    try {
      answer = await this.uow.run((tx) => this.applyRecords(tx, actor, dto, checksum, idempotencyKey ?? null));
    } catch (err) {
      // A concurrent retry with the same key committed first: answer as it did.
      if (idempotencyKey && uniqueViolation(err) === 'uq_submissions_idempotency_key') {
        const earlier = await this.submissions.findByIdempotencyKey(this.uow.manager, coopOf(actor), idempotencyKey);
        return this.replay(earlier!, checksum);
      }
      throw err;
    }
    // After commit; the markers written with the records make this best effort.
    if (answer.body.status === SubmissionStatus.COMPLETED) {
      this.monitoring.nudge();
      await this.risk.enqueueSubmission(answer.body.id, actor.requestId);
    }
    return this.answer(answer);
  }

  async getSubmission(actor: Actor, id: string): Promise<SubmissionResponse> {
    return toSubmissionResponse(await this.ownSubmission(this.uow.manager, actor, id));
  }

  async listSubmissions(actor: Actor, query: OrderedPageQueryDto): Promise<Page<SubmissionResponse>> {
    const limit = pageLimit(query);
    const rows = await this.submissions.list(this.uow.manager, coopOf(actor), query.cursor, limit, query.order);
    return toPage(rows, limit, toSubmissionResponse);
  }

  /**
   * The rejected rows as CSV, in row order (then column), streamed page by page: at most the stored cap of them, then,
   * when more were found, one last row (code SUBMISSION.ERRORS_TRUNCATED) that says how many and counts by code.
   * `en` is the contract's form for API clients (row,field,code,message; comma; English); `id` the form Indonesian
   * Excel opens as it is: UTF-8 BOM, `;`, Indonesian headers and messages, the columns as the coop's file wrote them.
   */
  async errorsCsv(actor: Actor, id: string, lang: Language): Promise<Readable> {
    const submission = await this.ownSubmission(this.uow.manager, actor, id);
    const form = ERRORS_CSV_FORMS[lang];
    // A field name is copied from the uploaded header: it must not become a formula when Excel opens the file.
    const csv = stringify({
      header: true,
      columns: form.columns,
      delimiter: form.delimiter,
      bom: form.bom,
      escape_formulas: true,
    });
    return Readable.from(this.errorLines(submission, lang, form)).pipe(csv);
  }

  private async *errorLines(
    submission: SubmissionEntity,
    lang: Language,
    form: ErrorsCsvForm,
  ): AsyncGenerator<Record<string, string | number>> {
    let listed = 0;
    for await (const row of this.submissions.streamErrors(this.uow.manager, submission.id)) {
      listed++;
      yield form.line(row);
    }
    if (submission.errorsTruncated) yield form.line(truncationRow(listed, submission.errorCounts ?? {}, lang));
  }

  private async applyRecords(
    tx: Tx,
    actor: Actor,
    dto: SubmitRecordsDto,
    checksum: string,
    idempotencyKey: string | null,
  ) {
    const principal = actor.principal;
    const mode = dto.mode ?? SubmissionMode.STRICT;
    const submission = await this.submissions.create(tx, {
      cooperativeId: coopOf(actor),
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
    // Held until staging ends (the connection is busy with COPY until then); at most the cap of them.
    const errors: ErrorRow[] = [];
    const collector = new ErrorCollector(this.config.submissions.maxStoredErrors);
    const sink = { add: async (batch: ErrorRow[]) => void errors.push(...collector.admit(batch)) };
    const rows = dto.records.map((raw, i) => ({ row: i + 1, raw }));
    const outcome = await this.applier.apply(tx, rows, sink, {
      cooperativeId: coopOf(actor),
      submissionId: submission.id,
      mode,
      source: SubmissionSource.JSON,
    });
    const status = outcome.applied ? SubmissionStatus.COMPLETED : SubmissionStatus.REJECTED;
    errors.sort(byRowThenColumn);
    await this.submissions.insertErrors(tx, submission.id, 0, errors);
    const { errorCounts, errorsTruncated } = collector.summary();
    const answer: StoredAnswer = {
      status: mode === SubmissionMode.STRICT && outcome.rejected > 0 ? 400 : 201,
      body: {
        id: submission.id,
        status,
        totalRows: outcome.totalRows,
        accepted: outcome.accepted,
        rejected: outcome.rejected,
        // The loan reference is for the rejected-rows CSV; a JSON client knows its records by their index.
        errors: errors.map(({ loanRef: _loanRef, ...error }) => error),
        errorsTruncated,
        errorCounts,
      },
    };
    await this.submissions.update(tx, submission.id, {
      status,
      totalRows: outcome.totalRows,
      processedRows: outcome.totalRows,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      response: answer as unknown as Record<string, unknown>,
      errorCounts,
      errorsTruncated,
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
    if (!earlier.response)
      throw new DomainError('IDEMPOTENCY.IN_PROGRESS', 'The first request with this key is still running');
    return this.answer(earlier.response as unknown as StoredAnswer);
  }

  /** STRICT with a bad record: 400 naming each bad field and row; nothing was applied. */
  private answer(answer: StoredAnswer): SubmissionResultResponse {
    if (answer.status === 400) {
      const body = answer.body;
      // The details are the stored errors, so they are capped too; the message says so and where the counts are.
      const listed = body.errorsTruncated
        ? `; ${problemCount(body.errorCounts)} problems were found, only the first ${body.errors.length} are listed in details` +
          ` (counts by code: errorCounts of GET /api/v1/submissions/${body.id})`
        : '';
      throw new DomainError(
        'VALIDATION',
        `${body.rejected} of ${body.totalRows} records are invalid; nothing was applied (submission ${body.id})${listed}`,
        answer.body.errors.map((e) => ({
          field: `records[${e.row - 1}].${e.field}`,
          row: e.row,
          message: e.message,
          // Answers stored before issue 18 have no Indonesian; the English stands in.
          messageId: e.messageId ?? e.message,
          code: e.code,
          column: e.column ?? e.field,
        })),
      );
    }
    return answer.body;
  }

  private async ownSubmission(tx: Tx, actor: Actor, id: string): Promise<SubmissionEntity> {
    const submission = await this.submissions.findInCooperative(tx, id, coopOf(actor));
    if (!submission) throw notFound('SUBMISSION.NOT_FOUND', 'Submission');
    return submission;
  }
}

const problemCount = (counts: Record<string, number> | undefined): number =>
  Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);

/**
 * The last row of a capped errors download: how many more problems there were, and how many of each code. Its row
 * is empty (NaN marks it until the form writes the line).
 */
function truncationRow(listed: number, counts: Record<string, number>, lang: Language): ErrorRow {
  // Sorted here: jsonb keeps its keys in an order of its own.
  const byCode = Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, n]) => `${code}=${n}`)
    .join(' ');
  const found = problemCount(counts);
  const number = (n: number) => (lang === 'id' ? n.toLocaleString('id-ID') : String(n));
  return {
    row: Number.NaN,
    field: '',
    column: '',
    code: 'SUBMISSION.ERRORS_TRUNCATED',
    message: `${found} problems were found; the ${listed} above are all that are kept (repeats of an unknown field are listed once). By code: ${byCode}`,
    messageId: `Ditemukan ${number(found)} masalah; hanya ${number(listed)} di atas yang disimpan (kolom tidak dikenal yang berulang dicantumkan sekali). Per kode: ${byCode}`,
  };
}

interface ErrorsCsvForm {
  columns: string[];
  delimiter: string;
  bom: boolean;
  line: (row: ErrorRow) => Record<string, string | number>;
}

// Row 0 (a file refused whole, concerning no line) and the truncation line have no row: left empty for Excel users.
const rowCell = (row: number): string | number => (Number.isNaN(row) ? '' : row);

const ERRORS_CSV_FORMS: Readonly<Record<Language, ErrorsCsvForm>> = {
  en: {
    columns: ['row', 'field', 'code', 'message'],
    delimiter: ',',
    bom: false,
    line: (e) => ({ row: rowCell(e.row), field: e.field, code: e.code, message: e.message }),
  },
  id: {
    columns: ['baris', 'kolom', 'kode', 'pesan', 'no_rekening', 'field_api'],
    delimiter: ';',
    bom: true,
    line: (e) => ({
      baris: e.row === 0 ? '' : rowCell(e.row),
      kolom: e.column,
      kode: e.code,
      pesan: e.messageId,
      no_rekening: e.loanRef ?? '',
      field_api: e.field,
    }),
  },
};
