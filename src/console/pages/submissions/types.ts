// The API's shapes this page reads (API.md; GET /api/v1/submissions, /{id}, /{id}/errors, /api/v1/loans/stale).
export type SubmissionStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'REJECTED' | 'FAILED';
export type SubmissionMode = 'STRICT' | 'PARTIAL';

export interface Submission {
  id: string;
  status: SubmissionStatus;
  source: 'CSV' | 'JSON';
  mode: SubmissionMode;
  totalRows: number;
  processedRows: number;
  accepted: number;
  rejected: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** Problems by code over the whole submission; null for submissions from before counting. */
  errorCounts?: Record<string, number> | null;
  /** True when the server kept (and lists) only the first of the problems. */
  errorsTruncated?: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export interface RejectedRow {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** The code of the last line of a capped GET /errors download, which says how many more problems there were. */
export const TRUNCATION_CODE = 'SUBMISSION.ERRORS_TRUNCATED';

export interface StaleLoan {
  id: string;
  loanRef: string;
  facilityType: string;
  latestPeriod: string;
  coopLatestPeriod: string;
  outstanding: number;
  daysPastDue: number;
  collectibility: number;
}

/** A submission in one of these states changes no more: polling stops. */
export const isFinal = (status: SubmissionStatus): boolean => status === 'COMPLETED' || status === 'REJECTED' || status === 'FAILED';
