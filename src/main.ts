import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { configureApp, createFastifyAdapter } from './configure-app';
import { startupLine } from './modules/console/startup-line';

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
  app.get(Logger).log(startupLine(config));
}

void main();
