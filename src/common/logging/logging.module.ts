import { Global, Module } from '@nestjs/common';
import { LoggerModule, Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../../config/app-config';
import { redactUrl } from '../http/nik-url-guard';
import { redactNikLike } from '../privacy/nik-guard';
import { dropBoundRepeats } from './bound-ids';
import { JobLogContext } from './job-log-context';
import { callerOf } from './request-caller';

// Secrets and personal data never reach the log: only these request fields are serialised.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.nik',
  '*.accessToken',
  '*.key',
];

/** Who made the request, once the auth guard knows (undefined ids are left out of the line). */
function callerIds(req: IncomingMessage): { userId?: string; apiKeyId?: string; cooperativeId?: string } {
  const caller = callerOf(req);
  return {
    userId: caller?.userId ?? undefined,
    apiKeyId: caller?.apiKeyId ?? undefined,
    cooperativeId: caller?.cooperativeId ?? undefined,
  };
}

function pinoHttpOptions(config: AppConfig): Options<IncomingMessage> {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // The last line of defence for every line, whatever wrote it: a NIK-like run never reaches the log. And an id
    // the line's logger is bound to is not written a second time by the call site.
    hooks: { streamWrite: redactNikLike, logMethod: dropBoundRepeats },
    // Fastify already assigned the id (from X-Request-Id or a new UUID).
    genReqId: (req: IncomingMessage) => req.id ?? '',
    // Bound once, at the start: every line of the request carries it. pino-http calls customProps again at the end
    // and binds whatever changed, all of it again; the caller (known only after the auth guard) would bring a
    // second requestId with it. The caller's ids go on the completed line instead.
    customProps: (req: IncomingMessage) => ({ requestId: req.id }),
    customSuccessObject: (req: IncomingMessage, _res: unknown, line: object) => ({ ...callerIds(req), ...line }),
    customErrorObject: (req: IncomingMessage, _res: unknown, _err: Error, line: object) => ({
      ...callerIds(req),
      ...line,
    }),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Probes and scrapes come every few seconds; their lines would drown the rest.
    autoLogging: {
      ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith('/metrics'),
    },
  };
}

/** The logger's settings; stdout unless a destination is given (tests capture the lines that way) or LOG_FILE set. */
export function loggerParams(config: AppConfig, destination?: DestinationStream): Params {
  const options = pinoHttpOptions(config);
  const target =
    destination ?? (config.logFile ? pino.destination({ dest: config.logFile, append: true, mkdir: true }) : undefined);
  return { pinoHttp: target ? [options, target] : options };
}

/** Global: processors in every feature module run their jobs through JobLogContext. */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loggerParams(config) }),
  ],
  providers: [JobLogContext],
  exports: [JobLogContext],
})
export class LoggingModule {}
