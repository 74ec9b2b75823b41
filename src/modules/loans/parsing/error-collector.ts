import { redactNikLike } from '../../../common/privacy/nik-guard';

/**
 * What a bad submission may cost (issue 16): every problem is counted by code, but only the first `cap` are kept
 * (stored, answered, downloadable), and an unknown field is listed once, at the first row that has it, however many
 * rows repeat it. Pure: no Nest, no database.
 */
export interface CollectedError {
  row: number;
  field: string;
  /** The column as the uploaded file wrote it (the JSON field for JSON records). */
  column: string;
  code: string;
  message: string;
  messageId: string;
  loanRef?: string | null;
}

/** Errors about a key name rather than a value: one per name is enough to say what to fix. */
const PER_NAME_CODES: ReadonlySet<string> = new Set(['RECORD.UNKNOWN_FIELD', 'CSV.UNKNOWN_COLUMN']);

export const UNKNOWN_FIELD_ONCE_MESSAGE = 'Unknown field; listed once, at the first row that has it.';
export const UNKNOWN_FIELD_ONCE_MESSAGE_ID =
  'Kolom tidak dikenal; dicantumkan sekali, pada baris pertama yang memuatnya.';

export interface ErrorSummary {
  /** Problems found by code, over the whole submission (repeats of an unknown field included). */
  errorCounts: Record<string, number>;
  /** True when some problems (other than repeats of an unknown field) were found but not kept. */
  errorsTruncated: boolean;
  /** How many were kept. */
  kept: number;
  /** How many problems were found in all. */
  found: number;
}

export class ErrorCollector {
  private readonly counts = new Map<string, number>();
  // Holds only names that were kept, so it is bounded by the cap too.
  private readonly namesListed = new Set<string>();
  private keptCount = 0;
  private foundCount = 0;
  private truncated = false;

  constructor(readonly cap: number) {}

  /** Counts the errors and returns those to keep, in their order. */
  admit<E extends CollectedError>(errors: readonly E[]): E[] {
    const kept: E[] = [];
    for (const error of errors) {
      this.foundCount++;
      this.counts.set(error.code, (this.counts.get(error.code) ?? 0) + 1);
      const perName = PER_NAME_CODES.has(error.code);
      if (perName && this.namesListed.has(error.field)) continue;
      if (this.keptCount >= this.cap) {
        this.truncated = true;
        continue;
      }
      if (perName) this.namesListed.add(error.field);
      this.keptCount++;
      const once = perName && error.code === 'RECORD.UNKNOWN_FIELD';
      const message = once ? UNKNOWN_FIELD_ONCE_MESSAGE : error.message;
      const messageId = once ? UNKNOWN_FIELD_ONCE_MESSAGE_ID : error.messageId;
      // Every stored and answered error passes here: whatever wrote it, no NIK-like run leaves in it.
      kept.push({
        ...error,
        field: redactNikLike(error.field),
        column: redactNikLike(error.column),
        message: redactNikLike(message),
        messageId: redactNikLike(messageId),
        ...(error.loanRef != null ? { loanRef: redactNikLike(error.loanRef) } : {}),
      });
    }
    return kept;
  }

  summary(): ErrorSummary {
    // Sorted by code, so that the stored and answered object reads the same for the same submission.
    const errorCounts = Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { errorCounts, errorsTruncated: this.truncated, kept: this.keptCount, found: this.foundCount };
  }
}
