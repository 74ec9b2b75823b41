import { ErrorCode, ErrorDetail } from './error-codes';

/** The one error shape of API.md. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details: ErrorDetail[] };
}

export const errorBody = (code: ErrorCode, message: string, requestId: string, details: ErrorDetail[] = []): ErrorBody => ({
  error: { code, message, requestId, details },
});
