import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { errorBody } from '../errors/error-body';
import { ErrorDetail } from '../errors/error-codes';
import { languageOf } from '../i18n/language';
import {
  lenientlyDecoded,
  NIK_LIKE_MESSAGE,
  NIK_REDACTED,
  redactNikLike,
  urlContainsNikLike,
} from '../privacy/nik-guard';

/*
 * API.md: a NIK travels only in request bodies, never in a path or query string. A URL holding a NIK-like run (16
 * digits in a row, as sent or percent-encoded) is refused before anything logs it or routes it, so the access log,
 * a 404 message or a handler never sees it.
 */

const hasNik = urlContainsNikLike;

// A query parameter's name is echoed back as a field name: a plain rendering of it, never longer than this.
const MAX_ECHOED_NAME = 60;

/** A query parameter's name as a detail may show it: decoded, plain characters, a NIK-like run in it redacted. */
function echoedName(raw: string): string {
  const plain = redactNikLike(lenientlyDecoded(raw.replace(/\+/g, ' '))).replace(/[^\w$.[\]-]/g, '?');
  return redactNikLike(plain.slice(0, MAX_ECHOED_NAME)) || '""';
}

const splitUrl = (url: string): { path: string; pairs: string[] } => {
  const at = url.indexOf('?');
  if (at < 0) return { path: url, pairs: [] };
  return { path: url.slice(0, at), pairs: url.slice(at + 1).split('&') };
};

/**
 * Where in the URL a NIK-like run is: `path`, or `query.<name>` (the name redacted when it is itself the run), in
 * order and each once; empty when there is none.
 */
export function nikPlacesInUrl(url: string): string[] {
  if (!/\d|%3/i.test(url)) return [];
  const { path, pairs } = splitUrl(url);
  const places = new Set<string>();
  if (hasNik(path)) places.add('path');
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (hasNik(name) || hasNik(value)) places.add(`query.${echoedName(name)}`);
  }
  // Belt and braces: a run the split above could not place (none is known) still refuses the URL.
  if (places.size === 0 && hasNik(url)) places.add('path');
  return [...places];
}

/**
 * The URL as a log line or an error message may show it: a path segment, query name or value holding a NIK-like run
 * (as sent or percent-encoded) replaced by [NIK] whole.
 */
export function redactUrl(url: string): string {
  const { path, pairs } = splitUrl(url);
  const safe = (part: string) => (hasNik(part) ? NIK_REDACTED : part);
  const redactedPath = path.split('/').map(safe).join('/');
  if (pairs.length === 0) return url.includes('?') ? `${redactedPath}?` : redactedPath;
  const query = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? safe(pair) : `${safe(pair.slice(0, eq))}=${safe(pair.slice(eq + 1))}`;
  });
  return `${redactedPath}?${query.join('&')}`;
}

export const NIK_IN_URL_MESSAGE = 'A NIK must not be sent in a URL: send it in the request body';

const logger = new Logger('NikUrlGuard');

/**
 * The first onRequest hook of the server (createFastifyAdapter sets it on the adapter, ahead of Nest's middleware
 * and so of the request logger): a URL with a NIK-like run is answered 400 VALIDATION naming where, never echoing
 * it. The refusal is logged here, with the URL redacted, since the request logger never sees the request.
 */
export function refuseNikInUrl(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const places = nikPlacesInUrl(request.url);
  if (places.length === 0) {
    done();
    return;
  }
  const requestId = String(request.id);
  logger.warn(
    {
      requestId,
      req: { method: request.method, url: redactUrl(request.url) },
      res: { statusCode: 400 },
      fields: places,
    },
    'request refused: a NIK-like run in the URL',
  );
  const details: ErrorDetail[] = places.map((field) => ({ field, message: NIK_LIKE_MESSAGE }));
  void reply
    .status(400)
    .header('x-request-id', requestId)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-language', languageOf(request))
    .type('application/json; charset=utf-8')
    .send(errorBody('VALIDATION', NIK_IN_URL_MESSAGE, requestId, details, languageOf(request)));
}
