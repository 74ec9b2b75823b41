import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DomainErrorFilter } from './common/errors/domain-error.filter';
import { answerParserRefusal, answerRouterRefusal } from './common/errors/framework-errors';
import { refuseNikInUrl } from './common/http/nik-url-guard';
import { requestIdFor } from './common/http/request-id';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { CSV_UPLOAD_ROUTE, MAX_CSV_BYTES } from './modules/loans/intake/csv-upload.service';
import { installHttpMetrics } from './modules/metrics/http-metrics';
import { Metrics } from './modules/metrics/metrics';
import { METRICS_TOKEN_SCHEME } from './modules/metrics/metrics.controller';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './modules/queue-dashboard/queue-dashboard';
import { registerConsole } from './modules/console/console-static';

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    genReqId: requestIdFor,
    logger: false,
    // Refusals before any hook or filter runs, in the error shape with a request id all the same.
    frameworkErrors: answerRouterRefusal,
    clientErrorHandler: answerParserRefusal,
  });
  // The adapter's own onRequest hook is the server's first, ahead of Nest middleware (the request logger) and of
  // every hook configureApp adds: a URL holding a NIK is refused before anything logs or routes it.
  adapter.setOnRequestHook(refuseNikInUrl);
  return adapter;
}

// Nest routes Fastify's own errors (bad JSON, body too large, content type) through DomainErrorFilter too.
/** Everything both main.ts and the e2e tests apply: hooks, headers, pipes, filters, metrics, dashboard, OpenAPI. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  installHttpMetrics(fastify, app.get(Metrics));
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    (request.raw as unknown as { id: string }).id = request.id;
  });
  // helmet built once: @fastify/helmet rebuilds it on every request, about 5% of a small request's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  // CSV uploads reach the handler as streams (never buffered whole); the size limit is enforced while storing.
  fastify.addContentTypeParser(
    ['text/csv', 'application/csv', 'application/vnd.ms-excel'],
    (request, payload, done) => {
      if (request.routeOptions.url === CSV_UPLOAD_ROUTE) return done(null, payload);
      done(Object.assign(new Error('This route takes JSON'), { statusCode: 415 }), undefined);
    },
  );
  await app.register(multipart, { limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5 } });
  // Bull Board renders under the CSP above as it is: scripts, styles and data all come from its own path. Only its
  // Google Fonts stylesheet is refused, and the page falls back to system fonts; no third-party request is wanted.
  await app.register(app.get(QueueDashboard).plugin(), { prefix: QUEUE_DASHBOARD_PATH });
  if (!(await registerConsole(app)))
    app.get(Logger).warn('web console not built (npm run build): /console/ is not served');
  if (config.http.corsOrigins.length > 0) app.enableCors({ origin: [...config.http.corsOrigins] });

  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Koperasi Credit Exchange API')
      .setDescription(
        'Shared repayment histories for Indonesian savings-and-loan cooperatives. The contract: docs/api.md in the repository.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for GET /metrics only' },
        METRICS_TOKEN_SCHEME,
      )
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
