import { Injectable, Logger } from '@nestjs/common';
import { AnonymousActor } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/app-config';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { RiskQueue } from '../../risk/risk-queue';
import { MonitoringTrigger } from '../../monitoring/alerts/monitoring-trigger';
import { InputRow, SubmissionApplier, TooManyRowsError, withColumn } from '../apply/submission-applier';
import { SubmissionEntity, SubmissionSource, SubmissionStatus } from '../entities/submission.entity';
import { ErrorRow, SubmissionsRepository } from '../submissions.repository';
import { UploadCipher } from '../intake/upload-cipher';
import { CsvFileError, readCsvRows } from '../parsing/csv-record-reader';
import { ErrorCollector } from '../parsing/error-collector';
import { columnNamesIn } from '../parsing/record-csv';

export const MAX_CSV_ROWS = 500_000;
const ERROR_BATCH = 1000;

/** What the client reads on a FAILED submission: nothing of the internal cause. */
export const FAILED_MESSAGE =
  'The file could not be processed because of an internal error; send it again, or quote the submission id to the network operator.';
export const FAILED_MESSAGE_ID =
  'Berkas tidak dapat diproses karena kesalahan internal; kirim ulang, atau sebutkan id pengiriman kepada operator jaringan.';

/** A file with more rows than MAX_CSV_ROWS, refused whole. */
const tooManyRows = (max: number) => ({
  en: `The file has more than ${max} rows; split it into several files.`,
  id: `Berkas lebih dari ${max.toLocaleString('id-ID')} baris; bagi menjadi beberapa berkas.`,
});

const FINISHED = new Set([SubmissionStatus.COMPLETED, SubmissionStatus.REJECTED, SubmissionStatus.FAILED]);

/**
 * Processes a stored CSV in one transaction: a crash or a retry rolls back to nothing applied, and the next attempt
 * starts over, so every row is applied exactly once. Progress is reported on a separate connection.
 */
@Injectable()
export class CsvIngestService {
  private readonly logger = new Logger(CsvIngestService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionsRepository,
    private readonly applier: SubmissionApplier,
    private readonly audit: AuditService,
    private readonly cipher: UploadCipher,
    private readonly risk: RiskQueue,
    private readonly config: AppConfig,
    private readonly monitoring: MonitoringTrigger,
  ) {}

  async ingest(submissionId: string): Promise<void> {
    const submission = await this.submissions.findById(this.uow.manager, submissionId);
    if (!submission || FINISHED.has(submission.status)) return;
    // Conditional: another delivery may have finished the file since the read above, and must not be undone.
    const started = await this.submissions.updateUnfinished(
      this.uow.manager,
      submissionId,
      { status: SubmissionStatus.PROCESSING, processedRows: 0 },
      true,
    );
    if (!started) return;
    try {
      const applied = await this.uow.run((tx) => this.applyFile(tx, submission));
      // After commit: the markers are durable, so a failure here only delays recalculation until the sweep.
      if (applied) {
        this.monitoring.nudge();
        await this.risk.enqueueSubmission(submissionId, submission.requestId ?? undefined);
      }
    } catch (err) {
      if (err instanceof CsvFileError || err instanceof TooManyRowsError) {
        await this.rejectFile(submission, err);
        return;
      }
      throw err;
    }
  }

  /**
   * Called when the last retry failed: the file stays stored, the submission says FAILED and the failure is
   * audited. The client reads a generic message; the cause (an internal error's text, which may quote SQL or
   * values) goes to the log only. False when the submission was already finished (by another delivery).
   */
  async markFailed(submissionId: string, reason: string): Promise<boolean> {
    const submission = await this.submissions.findById(this.uow.manager, submissionId);
    if (!submission) return false;
    const marked = await this.uow.run(async (tx) => {
      const changed = await this.submissions.updateUnfinished(tx, submissionId, {
        status: SubmissionStatus.FAILED,
        errorCode: 'SUBMISSION.FAILED',
        errorMessage: FAILED_MESSAGE,
        errorMessageId: FAILED_MESSAGE_ID,
        finishedAt: new Date(),
      });
      if (!changed) return false; // finished meanwhile by another delivery
      await this.audit.record(tx, this.uploader(submission), {
        action: AuditAction.SUBMISSION_APPLIED,
        outcome: AuditOutcome.FAILED,
        subjectRef: submissionId,
        details: { reason: 'SUBMISSION.FAILED', attempts: submission.attempts },
      });
      return true;
    });
    if (marked)
      this.logger.error(
        { submissionId, attempts: submission.attempts, reason: reason.slice(0, 500) },
        'CSV submission failed',
      );
    return marked;
  }

  // The transaction's connection is busy with COPY while rows stream, so the file is read, and errors and progress
  // are written, on other pooled connections; an attempt first clears what an earlier attempt wrote.
  private async applyFile(tx: Tx, submission: SubmissionEntity): Promise<boolean> {
    const status = await this.submissions.lockForProcessing(tx, submission.id);
    if (status === null || FINISHED.has(status)) return false;
    await this.submissions.deleteErrors(this.uow.manager, submission.id);
    const sink = this.errorSink(this.uow.manager, submission.id);
    const rows = this.csvRows(this.uow.manager, submission.id);
    const outcome = await this.applier.apply(tx, rows, sink, {
      cooperativeId: submission.cooperativeId,
      submissionId: submission.id,
      mode: submission.mode,
      source: SubmissionSource.CSV,
      maxRows: MAX_CSV_ROWS,
      onProgress: (n) => this.submissions.update(this.uow.manager, submission.id, { processedRows: n }),
    });
    await sink.flush();
    const { errorCounts, errorsTruncated } = sink.summary();
    await this.submissions.update(tx, submission.id, {
      status: outcome.applied ? SubmissionStatus.COMPLETED : SubmissionStatus.REJECTED,
      errorCounts,
      errorsTruncated,
      totalRows: outcome.totalRows,
      processedRows: outcome.totalRows,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      finishedAt: new Date(),
    });
    await this.submissions.deleteChunks(tx, submission.id);
    await this.audit.record(tx, this.uploader(submission), {
      action: AuditAction.SUBMISSION_APPLIED,
      outcome: outcome.applied ? AuditOutcome.ALLOWED : AuditOutcome.DENIED,
      subjectRef: submission.id,
      details: { accepted: outcome.accepted, rejected: outcome.rejected, borrowersMarked: outcome.borrowersMarked },
    });
    return outcome.applied;
  }

  /**
   * A file refused whole: no row of it was read as data, so totalRows, accepted and rejected are all 0, errorCode
   * and errorMessage(Id) say why, and the errors list the file's problems (row = the line they concern, the header
   * being 1; 0 when they concern no line, as for a workbook or a file that is not text).
   */
  private async rejectFile(submission: SubmissionEntity, err: CsvFileError | TooManyRowsError): Promise<void> {
    const code = err instanceof CsvFileError ? err.code : 'CSV.TOO_MANY_ROWS';
    const line = err instanceof CsvFileError ? (err.line ?? 0) : 0;
    const text = err instanceof CsvFileError ? { en: err.message, id: err.messageId } : tooManyRows(err.maxRows);
    const names = (err instanceof CsvFileError ? err.names : undefined) ?? columnNamesIn('id');
    const found: ErrorRow[] =
      err instanceof CsvFileError && err.errors.length > 0
        ? err.errors.map((e) => withColumn(line, e, names))
        : [{ row: line, field: 'file', column: '', code, message: text.en, messageId: text.id }];
    // A header of thousands of unknown columns is capped like rows are.
    const collector = new ErrorCollector(this.config.submissions.maxStoredErrors);
    const details = collector.admit(found);
    const { errorCounts, errorsTruncated } = collector.summary();
    await this.uow.run(async (tx) => {
      await this.submissions.deleteErrors(tx, submission.id);
      await this.submissions.insertErrors(tx, submission.id, 0, details);
      await this.submissions.update(tx, submission.id, {
        status: SubmissionStatus.REJECTED,
        errorCode: code,
        errorMessage: text.en,
        errorMessageId: text.id,
        errorCounts,
        errorsTruncated,
        totalRows: 0,
        processedRows: 0,
        accepted: 0,
        rejected: 0,
        finishedAt: new Date(),
      });
      await this.submissions.deleteChunks(tx, submission.id);
      await this.audit.record(tx, this.uploader(submission), {
        action: AuditAction.SUBMISSION_APPLIED,
        outcome: AuditOutcome.DENIED,
        subjectRef: submission.id,
        details: { reason: code },
      });
    });
    this.logger.log({ submissionId: submission.id, code }, 'CSV submission rejected');
  }

  private async *plainChunks(tx: Tx, submissionId: string): AsyncGenerator<Buffer> {
    for await (const sealed of this.submissions.readChunks(tx, submissionId)) yield this.cipher.open(sealed);
  }

  private async *csvRows(tx: Tx, submissionId: string): AsyncGenerator<InputRow> {
    for await (const row of readCsvRows(this.plainChunks(tx, submissionId))) {
      yield { row: row.line, raw: row.raw, csv: { errors: row.errors, names: row.names } };
    }
  }

  /** Writes the errors in batches, at most the cap of them; the rest are only counted. */
  private errorSink(tx: Tx, submissionId: string) {
    const collector = new ErrorCollector(this.config.submissions.maxStoredErrors);
    let buffer: ErrorRow[] = [];
    let written = 0;
    const flush = async () => {
      await this.submissions.insertErrors(tx, submissionId, written, buffer);
      written += buffer.length;
      buffer = [];
    };
    return {
      add: async (errors: ErrorRow[]) => {
        buffer.push(...collector.admit(errors));
        if (buffer.length >= ERROR_BATCH) await flush();
      },
      flush,
      summary: () => collector.summary(),
    };
  }

  /** The audit actor of work done later on a person's or system's behalf: the uploader, with the upload's request id. */
  private uploader(s: SubmissionEntity): AnonymousActor {
    return { principal: null, requestId: s.requestId ?? s.id, ip: 'worker' };
  }
}
