import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import { Role } from '../../../src/common/auth/role';
import { loggerParams } from '../../../src/common/logging/logging.module';
import { loadConfig } from '../../../src/config/load-config';
import { configureApp, createFastifyAdapter } from '../../../src/configure-app';
import { CooperativesService } from '../../../src/modules/cooperatives/cooperatives.service';
import { Factory } from '../../factories/factory';

/**
 * Issue 18, point 7: a third of the request log lines carried "requestId" twice (pino-http bound it again with the
 * caller's ids at the end of a signed-in request; the error filter repeated the bound id). The raw JSON text is read:
 * JSON.parse keeps one of two equal keys and would hide the fault.
 */
describe('one requestId per log line (integration)', () => {
  const raw: string[] = [];
  let app: NestFastifyApplication;
  let http: TestAgent;
  let factory: Factory;

  beforeAll(async () => {
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'info' });
    const destination = { write: (line: string) => void raw.push(line) };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(PARAMS_PROVIDER_TOKEN)
      .useValue(loggerParams(config, destination))
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureApp(app, config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
    factory = new Factory(app.get(DataSource), config, http);
  });
  afterAll(() => app.close());

  const ID_KEYS = ['requestId', 'userId', 'apiKeyId', 'cooperativeId'];
  const count = (text: string, key: string) => text.split(`"${key}":`).length - 1;
  const linesOf = (requestId: string) => raw.filter((l) => l.includes(`"${requestId}"`));

  it('writes each id once on the lines of signed-in, anonymous, refused and failed requests', async () => {
    const admin = await factory.signedIn(Role.NETWORK_ADMIN);
    const ids = {
      signedIn: `ok-${randomUUID()}`,
      refused: `bad-${randomUUID()}`,
      anonymous: `anon-${randomUUID()}`,
      unknown: `404-${randomUUID()}`,
      failed: `503-${randomUUID()}`,
    };
    expect((await http.get('/api/v1/cooperatives').set(admin.auth).set('X-Request-Id', ids.signedIn)).status).toBe(200);
    expect(
      (await http.get('/api/v1/cooperatives?limit=-1').set(admin.auth).set('X-Request-Id', ids.refused)).status,
    ).toBe(400);
    expect((await http.get('/api/v1/cooperatives').set('X-Request-Id', ids.anonymous)).status).toBe(401);
    expect((await http.get('/api/v1/nothing-here').set('X-Request-Id', ids.unknown)).status).toBe(404);
    // A dependency away: the error filter logs the fault inside the request's context.
    const away = jest
      .spyOn(app.get(CooperativesService), 'listCooperatives')
      .mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect((await http.get('/api/v1/cooperatives').set(admin.auth).set('X-Request-Id', ids.failed)).status).toBe(503);
    away.mockRestore();

    for (const [kind, id] of Object.entries(ids)) {
      const lines = linesOf(id);
      expect({ kind, completed: lines.some((l) => /"msg":"request (completed|errored)"/.test(l)) }).toEqual({
        kind,
        completed: true,
      });
      for (const line of lines) {
        const counts = ID_KEYS.map((key) => count(line, key));
        expect({ kind, line, requestId: counts[0], most: Math.max(...counts) }).toEqual({
          kind,
          line,
          requestId: 1,
          most: 1,
        });
      }
    }
    // The filter's own line is there, and says which request failed once.
    expect(linesOf(ids.failed).some((l) => l.includes('"msg":"dependency unavailable"'))).toBe(true);
    // The caller's ids still reach the completed line of a signed-in request, once each.
    const completed = linesOf(ids.signedIn).find((l) => l.includes('"msg":"request completed"')) as string;
    expect(JSON.parse(completed)).toMatchObject({ requestId: ids.signedIn, userId: admin.id });
    expect(count(completed, 'userId')).toBe(1);
  });
});
