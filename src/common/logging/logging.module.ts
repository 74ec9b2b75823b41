import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../../config/app-config';

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

type Caller = { principal?: { userId: string | null; apiKeyId: string | null; cooperativeId: string | null } };
const callerOf = (req: IncomingMessage) => (req as IncomingMessage & Caller).principal;

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
          // Fastify already assigned the id (from X-Request-Id or a new UUID).
          genReqId: (req: IncomingMessage) => req.id ?? '',
          customProps: (req: IncomingMessage) => ({
            requestId: req.id,
            userId: callerOf(req)?.userId ?? undefined,
            apiKeyId: callerOf(req)?.apiKeyId ?? undefined,
            cooperativeId: callerOf(req)?.cooperativeId ?? undefined,
          }),
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
