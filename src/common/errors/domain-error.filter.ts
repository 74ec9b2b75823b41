import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { ERROR_STATUS, ErrorCode, ErrorDetail } from './error-codes';

interface ErrorBody {
  error: { code: string; message: string; requestId: string; details: ErrorDetail[] };
}

const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'NOT_READY',
};

/** Framework and parser errors carry a statusCode; anything else is a bug and answers 500. */
function fromFrameworkError(err: unknown): { status: number; code: ErrorCode; message: string } | null {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    return { status, code: STATUS_CODE[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL'), message: err.message };
  }
  const status = (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: STATUS_CODE[status] ?? 'BAD_REQUEST', message: (err as Error).message };
  }
  return null;
}

function errorBody(err: unknown, requestId: string): { status: number; body: ErrorBody; retryAfter?: number } {
  if (err instanceof DomainError) {
    return {
      status: ERROR_STATUS[err.code],
      body: { error: { code: err.code, message: err.message, requestId, details: err.details } },
      retryAfter: err.retryAfterSeconds,
    };
  }
  const known = fromFrameworkError(err);
  if (known) {
    return { status: known.status, body: { error: { code: known.code, message: known.message, requestId, details: [] } } };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'Internal error; quote the request id when reporting it', requestId, details: [] } },
  };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, retryAfter } = errorBody(err, String(request.id));
    if (status >= 500) {
      // Only what identifies the fault: a failed query's parameters hold personal data and secrets.
      const e = err as { name?: string; message?: string; code?: string; stack?: string };
      this.logger.error(
        { err: { type: e?.name, message: String(e?.message ?? err).slice(0, 300), code: e?.code, stack: e?.stack }, requestId: request.id },
        'unhandled error',
      );
    }
    if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }
}
