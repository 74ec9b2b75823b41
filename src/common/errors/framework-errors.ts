import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { languageOf } from '../i18n/language';
import { errorBody } from './error-body';
import { ErrorCode } from './error-codes';

/*
 * Refusals that happen before any hook, route or Nest filter runs, answered in the error shape of API.md with an
 * X-Request-Id all the same: Fastify's router (frameworkErrors) and Node's HTTP parser (clientErrorHandler).
 */

interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

const ROUTER_REFUSALS: Record<string, Refusal> = {
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST', message: 'The URL is not valid percent-encoded UTF-8' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'A path segment is longer than 100 characters',
  },
};

/** What the router's refusal answers; anything unforeseen (an async constraint failing) is ours, 500. */
export function routerRefusal(err: Pick<FastifyError, 'code'>): Refusal {
  return (
    ROUTER_REFUSALS[err.code] ?? {
      status: 500,
      code: 'INTERNAL',
      message: 'Internal error; quote the request id when reporting it',
    }
  );
}

/**
 * Fastify's frameworkErrors: no onRequest hook has run, so the request id header is set here. The headers are parsed,
 * so the answer is in the caller's language.
 */
export function answerRouterRefusal(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message } = routerRefusal(err);
  const language = languageOf(request);
  void reply
    .status(status)
    .header('x-request-id', request.id)
    .header('Content-Language', language)
    .type('application/json; charset=utf-8')
    .send(errorBody(code, message, String(request.id), [], language));
}

/** What a request Node's parser refused answers, by the parser's error code. */
export function parserRefusal(errorCode: string | undefined): Refusal {
  switch (errorCode) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'PAYLOAD_TOO_LARGE', message: 'The request line and headers are over 16 KB' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'BAD_REQUEST', message: 'The request did not arrive in time' };
    default:
      return { status: 400, code: 'BAD_REQUEST', message: 'Not a well-formed HTTP request' };
  }
}

/**
 * Fastify's clientErrorHandler, for Node's 'clientError': the request was never parsed, so there is no request id
 * to honour (one is minted) and no Accept-Language to read (the answer is English). Writes only to a socket that can still take it and is not midway through another
 * response (keep-alive), then closes it, as Node's own handler does.
 */
export function answerParserRefusal(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Node's own handler reads this too; it is internal, so @types/node does not declare it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const { status, code, message } = parserRefusal(err.code);
    const requestId = randomUUID();
    const body = JSON.stringify(errorBody(code, message, requestId));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
