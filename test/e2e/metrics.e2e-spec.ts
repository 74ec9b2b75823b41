import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { QueueName } from '../../src/common/jobs/queues';
import { loadConfig } from '../../src/config/load-config';
import { CsvIngestService } from '../../src/modules/loans/ingest/csv-ingest.service';
import { SubmissionsRepository } from '../../src/modules/loans/submissions.repository';
import { WorkerModule } from '../../src/worker.module';
import { record, testNik } from '../factories/factory';
import { freePort } from '../helpers/scratch-services';
import { createTestApp, TestApp } from '../helpers/test-app';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const ownQueues = (tag: string) => ({
  REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:${tag}-${randomUUID().slice(0, 8)}`,
});

type Labels = Record<string, string>;

/** The value of the series with exactly these labels in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Labels = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found: Labels = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) found[k] = v;
    const keys = Object.keys(labels);
    if (Object.keys(found).length === keys.length && keys.every((k) => found[k] === labels[k])) return Number(m[3]);
  }
  return undefined;
}

const expectErrorShape = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({
    error: { code, message: expect.any(String), requestId: res.headers['x-request-id'], details: [] },
  });
};

describe('metrics (e2e)', () => {
  let t: TestApp;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    t = await createTestApp({
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: String(metricsPort),
      WORKER_IN_PROCESS: 'true',
      ...ownQueues('metrics'),
    });
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    return res.text;
  };

  describe('GET /metrics on the API port', () => {
    it('answers the metrics token with the Prometheus text', async () => {
      const res = await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.text).toContain('# TYPE kcx_http_requests_total counter');
      expect(res.text).toContain('# TYPE kcx_http_request_duration_seconds histogram');
      expect(res.text).toContain('process_cpu_user_seconds_total');
      expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    });

    it('refuses anything else with 401 AUTH.UNAUTHENTICATED in the API error shape', async () => {
      const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
      const key = await t.factory.apiKey(Role.LOAN_OFFICER);
      for (const headers of [
        {},
        { Authorization: `Bearer ${TOKEN}x` },
        { Authorization: TOKEN },
        { Authorization: `Basic ${TOKEN}` },
        admin.auth,
        key.auth,
      ]) {
        const res = await t.http.get('/metrics').set(headers);
        expectErrorShape(res, 401, 'AUTH.UNAUTHENTICATED');
        expect(res.text).not.toContain('kcx_');
      }
    });

    it('is refused to every caller when no metrics token is configured', async () => {
      const bare = await createTestApp(ownQueues('no-token'));
      try {
        expectErrorShape(await bare.http.get('/metrics'), 401, 'AUTH.UNAUTHENTICATED');
        expectErrorShape(
          await bare.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`),
          401,
          'AUTH.UNAUTHENTICATED',
        );
      } finally {
        await bare.close();
      }
    });

    it('does not count against the per-credential rate limit', async () => {
      const limited = await createTestApp({
        METRICS_TOKEN: TOKEN,
        RATE_LIMIT_PER_MINUTE: '2',
        ...ownQueues('limited'),
      });
      try {
        for (let i = 0; i < 6; i++)
          expect((await limited.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('is in the OpenAPI document under its own bearer scheme', async () => {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body;
      expect(doc.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }]);
      expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  describe('the metrics port', () => {
    it('serves GET /metrics without credentials, and nothing else', async () => {
      const plain = request(`http://127.0.0.1:${metricsPort}`);
      const res = await plain.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.text).toContain('# TYPE kcx_queue_depth gauge');
      expect((await plain.get('/metrics?x=1')).status).toBe(200);
      expect((await plain.get('/')).status).toBe(404);
      expect((await plain.get('/api/v1/auth/me')).status).toBe(404);
      expect((await plain.post('/metrics')).status).toBe(404);
    });

    it("is the worker's too: job completions and failures counted in the process that runs them", async () => {
      const port = await freePort();
      const config = loadConfig({ ...process.env, METRICS_PORT: String(port), ...ownQueues('worker') });
      const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] }).compile();
      moduleRef.useLogger(false);
      const worker = await moduleRef.init();
      try {
        const plain = request(`http://127.0.0.1:${port}`);
        const audit = worker.get<Queue>(getQueueToken(QueueName.AUDIT));
        await audit.add('no-such-job', {}, { attempts: 1 });
        let text = '';
        for (let i = 0; i < 200; i++) {
          text = (await plain.get('/metrics').expect(200)).text;
          if (sample(text, 'kcx_jobs_failed_total', { queue: 'audit', name: 'no-such-job', final: 'true' })) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(sample(text, 'kcx_jobs_failed_total', { queue: 'audit', name: 'no-such-job', final: 'true' })).toBe(1);
        expect(sample(text, 'kcx_job_duration_seconds_count', { queue: 'audit', name: 'no-such-job' })).toBe(1);
        expect(text).toContain('process_resident_memory_bytes');
      } finally {
        await worker.close();
      }
    });
  });

  describe('what is counted', () => {
    it('labels requests by route template, never by the URL with its ids and query', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const id = randomUUID();
      await t.http.get(`/api/v1/submissions/${id}?secret=abc123`).set(submitter.auth).expect(404);
      await t.http.get(`/no/such/route/${id}`).expect(404);
      const text = await scrape();
      expect(text).not.toContain(id);
      expect(text).not.toContain('abc123');
      expect(
        sample(text, 'kcx_http_requests_total', { method: 'GET', route: '/api/v1/submissions/:id', status: '404' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(text, 'kcx_http_requests_total', { method: 'GET', route: '(unmatched)', status: '404' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(text, 'kcx_http_request_duration_seconds_bucket', {
          method: 'GET',
          route: '/api/v1/submissions/:id',
          status: '404',
          le: '+Inf',
        }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('counts profile queries by outcome: ALLOWED or the refusal code', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const before = await scrape();
      const nik = testNik();
      await t.http
        .post('/api/v1/profiles/query')
        .set(officer.auth)
        .send({ nik, purpose: 'NEW_APPLICATION' })
        .expect(403);
      await t.factory.consent(officer.auth, nik);
      await t.http
        .post('/api/v1/profiles/query')
        .set(officer.auth)
        .send({ nik, purpose: 'NEW_APPLICATION' })
        .expect(200);
      const after = await scrape();
      const delta = (outcome: string) =>
        (sample(after, 'kcx_profile_queries_total', { outcome }) ?? 0) -
        (sample(before, 'kcx_profile_queries_total', { outcome }) ?? 0);
      expect(delta('CONSENT.MISSING')).toBe(1);
      expect(delta('ALLOWED')).toBe(1);
    });

    it('counts JSON and CSV submissions by final status and the rows applied, and the jobs the worker ran', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const before = await scrape();
      const nik = testNik();
      await t.http
        .post('/api/v1/submissions')
        .set(submitter.auth)
        .send({ records: [record({ nik, loanRef: 'M-1' }), record({ nik, loanRef: 'M-2' })] })
        .expect(201);
      await t.http
        .post('/api/v1/submissions')
        .set(submitter.auth)
        .send({ records: [record({ nik, loanRef: 'M-3', principal: -1 })] })
        .expect(400);
      const csv = await t.http
        .post('/api/v1/submissions/csv')
        .set(submitter.auth)
        .set('Content-Type', 'text/csv')
        .send(readFileSync(join(__dirname, '..', 'fixtures', 'csv', 'english-comma.csv')))
        .expect(202);
      let done: { status: string; accepted: number } = { status: 'QUEUED', accepted: 0 };
      for (let i = 0; i < 200 && ['QUEUED', 'PROCESSING'].includes(done.status); i++) {
        await new Promise((r) => setTimeout(r, 50));
        done = (await t.http.get(`/api/v1/submissions/${csv.body.id}`).set(submitter.auth)).body;
      }
      expect(done.status).toBe('COMPLETED');

      let after = await scrape();
      const delta = (name: string, labels: Labels) =>
        (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
      for (
        let i = 0;
        i < 100 && delta('kcx_jobs_completed_total', { queue: 'submissions', name: 'ingest-csv' }) < 1;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
        after = await scrape();
      }
      expect(delta('kcx_submissions_total', { source: 'JSON', status: 'COMPLETED' })).toBe(1);
      expect(delta('kcx_submissions_total', { source: 'JSON', status: 'REJECTED' })).toBe(1);
      expect(delta('kcx_submission_rows_applied_total', { source: 'JSON' })).toBe(2);
      expect(delta('kcx_submission_rows_rejected_total', { source: 'JSON' })).toBe(1);
      expect(delta('kcx_submissions_total', { source: 'CSV', status: 'COMPLETED' })).toBe(1);
      expect(delta('kcx_submission_rows_applied_total', { source: 'CSV' })).toBe(done.accepted);
      expect(delta('kcx_jobs_completed_total', { queue: 'submissions', name: 'ingest-csv' })).toBe(1);
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
        expect(sample(after, 'kcx_queue_depth', { queue: 'submissions', state })).toEqual(expect.any(Number));
      }
    });

    it("counts a file's rows once it commits: not for an attempt that rolled back, once for the one that did not", async () => {
      // No worker in this app: the test runs the ingest itself and fails its first attempt after the rows applied.
      const manual = await createTestApp({ METRICS_TOKEN: TOKEN, ...ownQueues('rollback') });
      try {
        const submitter = await manual.factory.signedIn(Role.DATA_SUBMITTER);
        const csv = await manual.http
          .post('/api/v1/submissions/csv')
          .set(submitter.auth)
          .set('Content-Type', 'text/csv')
          .send(readFileSync(join(__dirname, '..', 'fixtures', 'csv', 'english-comma.csv')))
          .expect(202);
        const scrapeIt = async () =>
          (await manual.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
        const applied = (text: string) => sample(text, 'kcx_submission_rows_applied_total', { source: 'CSV' }) ?? 0;
        const completed = (text: string) =>
          sample(text, 'kcx_submissions_total', { source: 'CSV', status: 'COMPLETED' }) ?? 0;

        const fail = jest
          .spyOn(manual.app.get(SubmissionsRepository), 'deleteChunks')
          .mockRejectedValueOnce(new Error('connection lost'));
        await expect(manual.app.get(CsvIngestService).ingest(csv.body.id)).rejects.toThrow('connection lost');
        fail.mockRestore();
        let text = await scrapeIt();
        expect([completed(text), applied(text)]).toEqual([0, 0]);

        await manual.app.get(CsvIngestService).ingest(csv.body.id);
        const done = (await manual.http.get(`/api/v1/submissions/${csv.body.id}`).set(submitter.auth)).body;
        expect(done.status).toBe('COMPLETED');
        text = await scrapeIt();
        expect([completed(text), applied(text)]).toEqual([1, done.accepted]);
      } finally {
        await manual.close();
      }
    });

    it('still answers, without queue depths, when Redis does not', async () => {
      const port = await freePort();
      const down = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0', METRICS_PORT: String(port) });
      try {
        const text = (await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200)).text;
        expect(sample(text, 'kcx_queue_depth_errors_total', { queue: 'risk' })).toBe(1);
        expect(sample(text, 'kcx_queue_depth', { queue: 'risk', state: 'waiting' })).toBeUndefined();
        expect(text).toContain('process_cpu_user_seconds_total');
      } finally {
        await down.close();
      }
    });
  });
});
