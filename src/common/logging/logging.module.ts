import { Global, Module } from '@nestjs/common';
import { LoggerModule, Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../../config/app-config';
import { redactUrl } from '../http/nik-url-guard';
import { redactNikLike } from '../privacy/nik-guard';
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

function pinoHttpOptions(config: AppConfig): Options<IncomingMessage> {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // The last line of defence for every line, whatever wrote it: a NIK-like run never reaches the log.
    hooks: { streamWrite: redactNikLike },
    // Fastify already assigned the id (from X-Request-Id or a new UUID).
    genReqId: (req: IncomingMessage) => req.id ?? '',
    customProps: (req: IncomingMessage) => ({
      requestId: req.id,
      userId: callerOf(req)?.userId ?? undefined,
      apiKeyId: callerOf(req)?.apiKeyId ?? undefined,
      cooperativeId: callerOf(req)?.cooperativeId ?? undefined,
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
