import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import { Role } from '../../../src/common/auth/role';
import { loggerParams } from '../../../src/common/logging/logging.module';
import { loadConfig } from '../../../src/config/load-config';
import { configureApp, createFastifyAdapter } from '../../../src/configure-app';
import { QUEUE_DASHBOARD_PATH } from '../../../src/modules/queue-dashboard/queue-dashboard';
import { Factory, testNik } from '../../factories/factory';

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string; req?: { method?: string; url?: string } };

const encoded = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
const lowerEncoded = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');

/**
 * Issue 16, finding 2: what the log holds for a request with a NIK in its URL. The lines are read as the process
 * writes them (after every redaction): neither the NIK nor its percent-encoding may be there, and the refusal is
 * still logged, with its request id and the URL redacted.
 */
describe('a NIK in a URL never reaches the log (integration)', () => {
  const raw: string[] = [];
  const lines = () => raw.map((l) => JSON.parse(l) as LogLine);
  let app: NestFastifyApplication;
  let http: TestAgent;
  let factory: Factory;

  beforeAll(async () => {
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'debug' });
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

  const settle = () => new Promise((r) => setTimeout(r, 50));

  it.each<[string, (nik: string) => string, string]>([
    ['a profile query with ?nik=', (nik) => `/api/v1/profiles/query?nik=${nik}`, '/api/v1/profiles/query?nik=[NIK]'],
    ['a made-up profile path', (nik) => `/api/v1/profiles/${nik}`, '/api/v1/profiles/[NIK]'],
    ['an encoded profile path', (nik) => `/api/v1/profiles/${encoded(nik)}`, '/api/v1/profiles/[NIK]'],
    [
      'an encoded cursor',
      (nik) => `/api/v1/audit-events?limit=5&cursor=${lowerEncoded(nik)}`,
      '/api/v1/audit-events?limit=5&cursor=[NIK]',
    ],
    ['a console page', (nik) => `/console/${nik}`, '/console/[NIK]'],
    ['the OpenAPI pages', (nik) => `/api/docs/${encoded(nik)}`, '/api/docs/[NIK]'],
    ['the queue dashboard', (nik) => `${QUEUE_DASHBOARD_PATH}/${nik}`, `${QUEUE_DASHBOARD_PATH}/[NIK]`],
    ['the metrics', (nik) => `/metrics?x=${encoded(nik)}`, '/metrics?x=[NIK]'],
    ['liveness', (nik) => `/health/live?nik=${nik}`, '/health/live?nik=[NIK]'],
  ])(
    '%s: refused, logged once with the URL redacted, the NIK in no line nor in the answer',
    async (_name, url, shown) => {
      const officer = await factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const from = raw.length;
      const res = await http.post(url(nik)).set(officer.auth).send({ nik: testNik(), purpose: 'NEW_APPLICATION' });
      await settle();
      expect(res.status).toBe(400);
      for (const text of [res.text, ...raw.slice(from)]) {
        expect(text).not.toContain(nik);
        expect(text).not.toContain(encoded(nik));
        expect(text.toLowerCase()).not.toContain(lowerEncoded(nik));
      }
      const own = lines().filter((l) => l.requestId === res.headers['x-request-id']);
      expect(own).toEqual([
        expect.objectContaining({
          msg: 'request refused: a NIK-like run in the URL',
          req: { method: 'POST', url: shown },
          res: { statusCode: 400 },
        }),
      ]);
    },
  );

  it('still writes the access line of an ordinary request, through the request logger', async () => {
    const res = await http.get('/api/v1/nothing-here?ref=plain');
    await settle();
    expect(res.status).toBe(404);
    const own = lines().filter((l) => l.requestId === res.headers['x-request-id']);
    expect(own).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          req: { method: 'GET', url: '/api/v1/nothing-here?ref=plain' },
          res: { statusCode: 404 },
        }),
      ]),
    );
  });
});
