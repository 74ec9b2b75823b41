import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl } from '../http/nik-url-guard';
import { Language, languageOf } from '../i18n/language';
import { propertyOf } from './caught';
import { isDependencyUnavailable } from './dependency-unavailable';
import { DomainError } from './domain-error';
import { ErrorBody, errorBody } from './error-body';
import { ERROR_STATUS, ErrorCode } from './error-codes';

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

/** Seconds a caller should wait while Postgres is away: about how long a restart or failover takes. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * A framework message that names the URL (Nest's "Cannot GET /api/v1/x?y=z" for a route that does not exist, 404 or
 * 405) shows it without its query string and with any segment holding a NIK-like run, even percent-encoded,
 * redacted. The URL guard refuses such URLs before routing; this keeps the message safe whatever reaches it.
 */
export function safeFrameworkMessage(message: string): string {
  const route = /^Cannot ([A-Z]+) (.*)$/s.exec(message);
  if (!route) return message;
  return `Cannot ${route[1]} ${redactUrl(route[2].split('?')[0])}`;
}

/** Framework and parser errors carry a statusCode; anything else is a bug and answers 500. */
function fromFrameworkError(err: unknown): { status: number; code: ErrorCode; message: string } | null {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    return {
      status,
      code: STATUS_CODE[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL'),
      message: safeFrameworkMessage(err.message),
    };
  }
  const status = propertyOf(err, 'statusCode');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Framework and parser errors are Errors with a message; String() covers anything else thrown with a statusCode.
    return {
      status,
      code: STATUS_CODE[status] ?? 'BAD_REQUEST',
      message: safeFrameworkMessage(String(propertyOf(err, 'message'))),
    };
  }
  return null;
}

type Answer = { status: number; body: ErrorBody; retryAfter?: number; unavailable?: boolean };

function answerFor(err: unknown, requestId: string, language: Language): Answer {
  if (err instanceof DomainError) {
    return {
      status: ERROR_STATUS[err.code],
      body: errorBody(err.code, err.message, requestId, err.details, language),
      retryAfter: err.retryAfterSeconds,
    };
  }
  const known = fromFrameworkError(err);
  if (known) return { status: known.status, body: errorBody(known.code, known.message, requestId, [], language) };
  // An unreachable or restarting database is an outage to wait out, not a bug in handling the request.
  if (isDependencyUnavailable(err)) {
    return {
      status: ERROR_STATUS.NOT_READY,
      body: errorBody('NOT_READY', 'The service is briefly unavailable; retry shortly', requestId, [], language),
      retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
      unavailable: true,
    };
  }
  return {
    status: 500,
    body: errorBody('INTERNAL', 'Internal error; quote the request id when reporting it', requestId, [], language),
  };
}

/** Only what identifies the fault: a failed query's parameters hold personal data and secrets. */
function faultOf(err: unknown): { type: unknown; message: string; code: unknown } {
  return {
    type: propertyOf(err, 'name'),
    message: String(propertyOf(err, 'message') ?? err).slice(0, 300),
    code: propertyOf(err, 'code'),
  };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const language = languageOf(request);
    const { status, body, retryAfter, unavailable } = answerFor(err, String(request.id), language);
    if (unavailable) {
      this.logger.warn({ err: faultOf(err), requestId: request.id }, 'dependency unavailable');
    } else if (status >= 500 && err instanceof DomainError) {
      // Answered on purpose (readiness while a dependency is away): worth a warning, not a bug report.
      this.logger.warn({ err: faultOf(err), requestId: request.id }, 'refused: service not ready');
    } else if (status >= 500) {
      this.logger.error(
        { err: { ...faultOf(err), stack: propertyOf(err, 'stack') }, requestId: request.id },
        'unhandled error',
      );
    }
    if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
    void reply.status(status).header('Content-Language', language).type('application/json; charset=utf-8').send(body);
  }
}
