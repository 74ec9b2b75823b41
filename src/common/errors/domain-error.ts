import { ErrorCode, ErrorDetail } from './error-codes';

/** A business failure with a stable code; mapped to HTTP by DomainErrorFilter only. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds a throttled caller should wait (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND', what = 'Resource') =>
  new DomainError(code, `${what} not found`);
