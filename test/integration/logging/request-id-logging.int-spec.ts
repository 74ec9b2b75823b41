import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import { Role } from '../../../src/common/auth/role';
import { loggerParams } from '../../../src/common/logging/logging.module';
import { loadConfig } from '../../../src/config/load-config';
import { configureApp, createFastifyAdapter } from '../../../src/configure-app';
import { Factory } from '../../factories/factory';

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

/**
 * The API and its in-process worker write to a stream the test reads: an upload sent with a known X-Request-Id
 * must show that id on the API's line and on every line the worker writes for the file's jobs.
 */
describe('request ids from the API to the jobs (integration)', () => {
  const lines: LogLine[] = [];
  let app: NestFastifyApplication;
  let http: TestAgent;
  let dataSource: DataSource;
  let factory: Factory;

  beforeAll(async () => {
    const config = loadConfig({
      ...process.env,
      WORKER_IN_PROCESS: 'true',
      LOG_LEVEL: 'debug',
      // Queues of its own: no other test file's worker takes these jobs, and this worker takes no others.
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:logs-${randomUUID().slice(0, 8)}`,
    });
    const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(PARAMS_PROVIDER_TOKEN)
      .useValue(loggerParams(config, destination))
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
    await configureApp(app, config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    dataSource = app.get(DataSource);
    http = request(app.getHttpServer());
    factory = new Factory(dataSource, config, http);
  });
  afterAll(() => app.close());

  const upload = (auth: Record<string, string>, requestId: string, body: string | Buffer) =>
    http
      .post('/api/v1/submissions/csv')
      .set(auth)
      .set('X-Request-Id', requestId)
      .set('Content-Type', 'text/csv')
      .send(body);

  async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await probe();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const status = async (id: string) =>
    ((await dataSource.query('SELECT status FROM submissions WHERE id = $1', [id])) as { status: string }[])[0]?.status;

  it("carries the upload's X-Request-Id onto the ingest job's lines and the recalculation jobs it causes", async () => {
    const submitter = await factory.signedIn(Role.DATA_SUBMITTER);
    const requestId = `upload-${randomUUID()}`;
    const res = await upload(
      submitter.auth,
      requestId,
      readFileSync(join(__dirname, '..', '..', 'fixtures', 'csv', 'english-comma.csv')),
    );
    expect(res.status).toBe(202);
    expect(res.headers['x-request-id']).toBe(requestId);
    const submissionId = res.body.id as string;

    await until('the file to be applied', async () => (await status(submissionId)) === 'COMPLETED');
    const recalculated = (line: LogLine) =>
      line.queue === 'risk' && line.job === 'recalculate-borrower' && line.submissionId === submissionId;
    await until('the recalculations to finish', async () => lines.some((l) => recalculated(l) && l.msg === 'job done'));
    await until('the ingest job to log its end', async () =>
      lines.some((l) => l.jobId === submissionId && l.msg === 'job done'),
    );

    // The API's own line for the upload.
    const api = lines.filter(
      (l) => l.requestId === requestId && (l.req as { url?: string } | undefined)?.url === '/api/v1/submissions/csv',
    );
    expect(api).toHaveLength(1);

    // The ingest job: every line it wrote names the job, its queue and the upload's request id.
    const ingest = lines.filter((l) => l.jobId === submissionId);
    expect(ingest.length).toBeGreaterThanOrEqual(1);
    for (const line of ingest)
      expect(line).toMatchObject({ requestId, queue: 'submissions', job: 'ingest-csv', submissionId });

    // The recalculations the file caused, run by the worker later, carry it too.
    const recalcs = lines.filter(recalculated);
    expect(recalcs.length).toBeGreaterThanOrEqual(1);
    for (const line of recalcs) expect(line.requestId).toBe(requestId);

    // And no worker line about this submission carries any other id.
    const aboutIt = lines.filter((l) => l.submissionId === submissionId || l.jobId === submissionId);
    expect(new Set(aboutIt.map((l) => l.requestId))).toEqual(new Set([requestId]));
  });

  it("binds the lines that services write inside the job, not only the job's own", async () => {
    const submitter = await factory.signedIn(Role.DATA_SUBMITTER);
    const requestId = `bad-header-${randomUUID()}`;
    const res = await upload(submitter.auth, requestId, 'not,the,columns\n1,2,3\n');
    expect(res.status).toBe(202);
    const submissionId = res.body.id as string;

    await until('the file to be rejected', async () => (await status(submissionId)) === 'REJECTED');
    const rejected = await until('the ingest service to log the rejection', async () =>
      lines.find(
        (l) =>
          l.context === 'CsvIngestService' && l.submissionId === submissionId && l.msg === 'CSV submission rejected',
      ),
    );
    expect(rejected).toMatchObject({
      requestId,
      jobId: submissionId,
      queue: 'submissions',
      job: 'ingest-csv',
      code: 'CSV.HEADER',
    });
  });
});
