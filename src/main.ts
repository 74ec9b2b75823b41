import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { configureApp, createFastifyAdapter } from './configure-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(config),
    {
      bufferLogs: true,
    },
  );
  await configureApp(app, config);
  await app.listen(config.http.port, config.http.host);
  const where = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
  const metrics = config.metrics.port > 0 ? `port ${config.metrics.port}` : 'the API port with METRICS_TOKEN only';
  app
    .get(Logger)
    .log(
      `API listening on ${where} (OpenAPI at ${where}/api/docs; queue dashboard at ${where}/admin/queues; metrics on ${metrics}; ` +
        `workers in process: ${config.worker.inProcess})`,
    );
}

void main();
