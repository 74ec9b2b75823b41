import { redactNikLike } from '../privacy/nik-guard';
import { ErrorCode, ErrorDetail } from './error-codes';

/** The one error shape of API.md. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details: ErrorDetail[] };
}

/**
 * Every error answer is built here, so a NIK-like run can never be echoed in one: whatever wrote the message or the
 * field name (a framework's "Cannot GET <url>", a parser's snippet of the body, a field named by a key of the body),
 * the run is replaced.
 */
export const errorBody = (
  code: ErrorCode,
  message: string,
  requestId: string,
  details: ErrorDetail[] = [],
): ErrorBody => ({
  error: {
    code,
    message: redactNikLike(message),
    requestId,
    details: details.map((d) => ({
      ...d,
      message: redactNikLike(d.message),
      ...(d.field !== undefined ? { field: redactNikLike(d.field) } : {}),
    })),
  },
});
