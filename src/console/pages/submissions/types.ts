import type { Schema } from '../../api';

// The API's shapes this page reads (API.md; GET /api/v1/submissions, /{id}, /{id}/errors, /api/v1/loans/stale),
// from the OpenAPI document.
// errorMessageId (issue 18): the file-level message in Bahasa Indonesia; absent from servers before it.
export type Submission = Schema<'SubmissionResponse'> & { errorMessageId?: string | null };
export type SubmissionStatus = Submission['status'];
export type SubmissionMode = Submission['mode'];

/**
 * A problem of a submission (a line of GET /{id}/errors); `column` is the header as the file wrote it, when the server
 * sends it (issue 18), else the page names the column from `field`.
 */
export type RejectedRow = Pick<Schema<'SubmissionErrorResponse'>, 'row' | 'field' | 'code' | 'message'> & {
  column?: string;
  /** The row's loan reference (no_rekening), in the Indonesian form, when the server could read it. */
  loanRef?: string;
};

/** The code of the last line of a capped GET /errors download, which says how many more problems there were. */
export const TRUNCATION_CODE = 'SUBMISSION.ERRORS_TRUNCATED';

export type StaleLoan = Schema<'StaleLoanResponse'>;

/** A submission in one of these states changes no more: polling stops. */
export const isFinal = (status: SubmissionStatus): boolean =>
  status === 'COMPLETED' || status === 'REJECTED' || status === 'FAILED';
