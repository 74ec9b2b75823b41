import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { BorrowersService } from '../../borrowers/borrowers.service';
import { afterCommit } from '../../../common/jobs/after-commit';
import { Metrics } from '../../metrics/metrics';
import { collectibilityFor, CURRENT_COLLECTIBILITY_RULES } from './collectibility';
import { LoanRecordsRepository, StagingConflict } from './loan-records.repository';
import { ErrorRow } from '../submissions.repository';
import { SubmissionMode, SubmissionSource, SubmissionStatus } from '../entities/submission.entity';
import { StagedRecord } from './staged-record';
import { CsvFileError } from '../parsing/csv-record-reader';
import { validateCsvRow } from '../parsing/record-csv';
import {
  FieldNames,
  JSON_FIELD_NAMES,
  RECORD_FIELDS,
  RecordError,
  RecordField,
  SubmissionRecord,
  validateRecord,
  validLoanRefOf,
} from '../parsing/submission-record';

export interface InputRow {
  /** 1-based record index (JSON) or file line (CSV). */
  row: number;
  raw: unknown;
  /**
   * CSV rows carry the errors of cells that did not parse (or a ragged row, with raw null), and the names of the
   * columns as the file's header wrote them.
   */
  csv?: { errors: RecordError[]; names: FieldNames };
}

const RECORD_FIELD_SET: ReadonlySet<string> = new Set(RECORD_FIELDS);

/**
 * The column an error names, as the file wrote it: a record field by the file's header (or its JSON name); an
 * unknown column by its own header text; nothing for the row or file as a whole.
 */
export function columnOf(field: string, names: FieldNames): string {
  if (RECORD_FIELD_SET.has(field)) return names(field as RecordField);
  return field === 'row' || field === 'record' || field === 'file' ? '' : field;
}

export const withColumn = (row: number, error: RecordError, names: FieldNames, loanRef?: string | null): ErrorRow => ({
  row,
  field: error.field,
  column: columnOf(error.field, names),
  code: error.code,
  message: error.message,
  messageId: error.messageId,
  ...(loanRef ? { loanRef } : {}),
});

/** A conflict found between staged rows, in both languages, naming the columns as the file did. */
function conflictError(c: StagingConflict, n: FieldNames): ErrorRow {
  const error =
    c.code === 'RECORD.DUPLICATE'
      ? {
          message: `this ${n('loanRef')} and ${n('period')} already appear at row ${c.first}`,
          messageId: `${n('loanRef')} dan ${n('period')} yang sama sudah ada di baris ${c.first}`,
        }
      : {
          message: `this ${n('loanRef')} belongs to another borrower; a loan cannot change borrower`,
          messageId: `${n('loanRef')} ini milik peminjam lain; satu pinjaman tidak bisa berpindah peminjam`,
        };
  return { row: c.line, field: c.field, column: columnOf(c.field, n), code: c.code, ...error, loanRef: c.loanRef };
}

const FIELD_ORDER: ReadonlyMap<string, number> = new Map(RECORD_FIELDS.map((field, index) => [field, index]));
const fieldOrder = (field: string): number => FIELD_ORDER.get(field) ?? RECORD_FIELDS.length;

/** Row order, then the record's column order: how a list of problems is read beside the file. */
export const byRowThenColumn = (a: ErrorRow, b: ErrorRow): number =>
  a.row - b.row || fieldOrder(a.field) - fieldOrder(b.field);

type CsvInput = { raw: Record<string, unknown> | null; errors: RecordError[] };

export interface ErrorSink {
  add(errors: ErrorRow[]): Promise<void>;
}

export interface ApplyOptions {
  cooperativeId: string;
  submissionId: string;
  mode: SubmissionMode;
  /** For the metrics; when absent, a streamed input is taken for a CSV file and an array for a JSON body. */
  source?: SubmissionSource;
  maxRows?: number;
  onProgress?: (processedRows: number) => Promise<void>;
}

export interface ApplyOutcome {
  totalRows: number;
  accepted: number;
  rejected: number;
  applied: boolean;
  borrowersMarked: number;
}

export class TooManyRowsError extends Error {
  constructor(readonly maxRows: number) {
    super(`the file has more than ${maxRows} rows`);
  }
}

const PROGRESS_EVERY = 5000;

/**
 * The one path by which records enter the network, for JSON and CSV alike: validate each row, replace the NIK by
 * the borrower key, stage, check the rows together, then merge. Runs inside the caller's transaction, so STRICT
 * and PARTIAL both apply all-or-nothing of what they apply.
 */
@Injectable()
export class SubmissionApplier {
  constructor(
    private readonly borrowers: BorrowersService,
    private readonly records: LoanRecordsRepository,
    private readonly metrics: Metrics,
  ) {}

  async apply(
    tx: Tx,
    rows: AsyncIterable<InputRow> | Iterable<InputRow>,
    sink: ErrorSink,
    options: ApplyOptions,
  ): Promise<ApplyOutcome> {
    const source = options.source ?? (Array.isArray(rows) ? SubmissionSource.JSON : SubmissionSource.CSV);
    try {
      const outcome = await this.applyRows(tx, rows, sink, options);
      // Both callers finish the submission from the outcome, in this transaction: counted once it commits.
      const status = outcome.applied ? SubmissionStatus.COMPLETED : SubmissionStatus.REJECTED;
      afterCommit(tx, () => this.metrics.submissionFinished(source, status, outcome));
      return outcome;
    } catch (err) {
      // A file refused whole: this transaction rolls back and the caller records the refusal in one of its own.
      if (err instanceof CsvFileError || err instanceof TooManyRowsError)
        this.metrics.submissionFinished(source, SubmissionStatus.REJECTED);
      throw err;
    }
  }

  private async applyRows(
    tx: Tx,
    rows: AsyncIterable<InputRow> | Iterable<InputRow>,
    sink: ErrorSink,
    options: ApplyOptions,
  ): Promise<ApplyOutcome> {
    await this.records.lockCooperative(tx, options.cooperativeId);
    await this.records.createStaging(tx);
    const writer = await this.records.stagingWriter(tx);
    const stage = this.stager();
    const today = new Date();
    // The header's names, known once the first CSV row arrives; conflicts are worded with them.
    let names = JSON_FIELD_NAMES;
    let totalRows = 0;
    let invalid = 0;
    try {
      for await (const input of rows) {
        totalRows++;
        if (options.maxRows !== undefined && totalRows > options.maxRows) throw new TooManyRowsError(options.maxRows);
        if (input.csv) names = input.csv.names;
        const validation = input.csv
          ? validateCsvRow({ raw: input.raw as CsvInput['raw'], errors: input.csv.errors }, today, names)
          : validateRecord(input.raw, today);
        if (validation.record) {
          await writer.write(stage(input.row, validation.record));
        } else {
          invalid++;
          const loanRef = validLoanRefOf(input.raw);
          await sink.add(validation.errors.map((e) => withColumn(input.row, e, names, loanRef)));
        }
        if (options.onProgress && totalRows % PROGRESS_EVERY === 0) await options.onProgress(totalRows);
      }
    } catch (err) {
      await writer.abort(err as Error);
      throw err;
    }
    await writer.end();

    const conflicts = await this.records.findConflicts(tx, options.cooperativeId);
    // In row order, then column order, like the rows' own errors: the list is read top to bottom beside the file.
    await sink.add(conflicts.map((c) => conflictError(c, names)).sort(byRowThenColumn));
    const conflictLines = [...new Set(conflicts.map((c) => c.line))];
    const rejected = invalid + conflictLines.length;
    if (options.mode === SubmissionMode.STRICT && rejected > 0) {
      return { totalRows, accepted: 0, rejected, applied: false, borrowersMarked: 0 };
    }
    await this.records.dropLines(tx, conflictLines);
    const accepted = totalRows - rejected;
    const { borrowers } =
      accepted > 0
        ? await this.records.merge(tx, options.cooperativeId, options.submissionId, CURRENT_COLLECTIBILITY_RULES)
        : { borrowers: 0 };
    return { totalRows, accepted, rejected, applied: accepted > 0, borrowersMarked: borrowers };
  }

  /**
   * Turns records into staged rows. A borrower's monthly rows usually arrive one after another, so the three HMACs
   * of the last borrower seen are reused: about a third of the CPU of a large file otherwise.
   */
  private stager(): (line: number, record: SubmissionRecord) => StagedRecord {
    let last: {
      nik: string;
      fullName: string;
      birthDate: string;
      hashes: Omit<StagedRecord, 'line' | 'collectibility' | 'record'>;
    } | null = null;
    return (line, record) => {
      const { nik, fullName, birthDate, ...rest } = record;
      if (!last || last.nik !== nik || last.fullName !== fullName || last.birthDate !== birthDate) {
        const id = this.borrowers.keyForValidNik(nik);
        const hashes = {
          borrowerKey: id.key,
          keyVersion: id.keyVersion,
          ...this.borrowers.identityHashes(fullName, birthDate),
        };
        last = { nik, fullName, birthDate, hashes };
      }
      return { line, ...last.hashes, collectibility: collectibilityFor(rest.daysPastDue), record: rest };
    };
  }
}
