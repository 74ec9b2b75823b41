import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../../src/common/auth/role';
import { ServiceProcess, startApi, waitFor } from '../../helpers/child-process';
import { ScratchPostgres } from '../../helpers/scratch-postgres';
import { ScratchRedis } from '../../helpers/scratch-services';
import { testNik } from '../../factories/factory';
import { connectFactory, loanRecords, sleep } from './fault-support';

const DOWN_MS = 6_000;
const TEST_TIMEOUT_MS = 180_000;

interface Answer {
  kind: 'submission' | 'consent' | 'read';
  status: number; // 0: no answer (connection refused, timed out)
  at: number;
  code?: string;
  retryAfter?: string;
  id?: string;
  rows?: number;
}

/**
 * PostgreSQL (a server of the test's own) stopped as if it crashed while an API, workers in process, takes writes
 * and reads; then started again. The API is never restarted.
 */
describe('fault: Postgres restarted under load (separate process)', () => {
  it(
    'answers 503 on readiness while Postgres is down, recovers by itself and loses nothing it answered 2xx',
    async () => {
      const pg = await ScratchPostgres.start();
      const redis = await ScratchRedis.start();
      let api: ServiceProcess | undefined;
      let dataSource: DataSource | undefined;
      const logs = () => `${api?.output(8000) ?? ''}\n${pg.log()}`;
      try {
        const databaseUrl = await pg.createDatabase('kcx_fault');
        // Two officers of one coop record consents every few ms: far past the per-coop hourly ceilings.
        const started = await startApi({
          DATABASE_URL: databaseUrl,
          REDIS_URL: redis.url,
          WORKER_IN_PROCESS: 'true',
          CONSENTS_PER_COOP_PER_HOUR: '0',
          PROFILE_QUERIES_PER_COOP_PER_HOUR: '0',
        });
        api = started.process;
        const http = request(started.url);
        const setup = await connectFactory(databaseUrl, started.url);
        dataSource = setup.dataSource;
        const coop = await setup.factory.cooperative();
        // A credential per stream of requests, so no stream comes near the per-credential rate limit.
        const writers = [
          await setup.factory.apiKey(Role.DATA_SUBMITTER, coop.id),
          await setup.factory.apiKey(Role.DATA_SUBMITTER, coop.id),
        ];
        const officers = [
          await setup.factory.signedIn(Role.LOAN_OFFICER, coop.id),
          await setup.factory.signedIn(Role.LOAN_OFFICER, coop.id),
        ];
        const reader = await setup.factory.apiKey(Role.DATA_SUBMITTER, coop.id);
        // The test's own connections would only see the restart too: closed now, opened again to check.
        await dataSource.destroy();
        dataSource = undefined;

        const answers: Answer[] = [];
        let running = true;
        const call = async (kind: Answer['kind'], send: () => Promise<request.Response>, rows?: number) => {
          let status = 0;
          let id: string | undefined;
          let code: string | undefined;
          let retryAfter: string | undefined;
          try {
            const res = await send();
            status = res.status;
            id = res.body?.id;
            code = res.body?.error?.code;
            retryAfter = res.headers['retry-after'];
          } catch {
            // no answer within the timeout, or the connection failed: recorded as status 0
          }
          answers.push({ kind, status, at: Date.now(), id, rows, code, retryAfter });
        };
        let serial = 0;
        const submissions = async (writer: { auth: Record<string, string> }) => {
          while (running) {
            const { records } = loanRecords(1, 3, `PG${serial++}`);
            await call(
              'submission',
              () => http.post('/api/v1/submissions').set(writer.auth).timeout(15_000).send({ records }),
              records.length,
            );
            await sleep(20);
          }
        };
        const consents = async (officer: { auth: Record<string, string> }) => {
          while (running) {
            await call('consent', () =>
              http
                .post('/api/v1/consents')
                .set(officer.auth)
                .timeout(15_000)
                .send({
                  nik: testNik(),
                  purpose: 'NEW_APPLICATION',
                  evidence: { type: 'SIGNED_FORM', reference: `FORM-PG-${serial++}` },
                }),
            );
            await sleep(20);
          }
        };
        const reads = async () => {
          while (running) {
            const last = [...answers].reverse().find((a) => a.kind === 'submission' && a.status === 201);
            if (last)
              await call('read', () => http.get(`/api/v1/submissions/${last.id}`).set(reader.auth).timeout(15_000));
            await sleep(50);
          }
        };
        const ok = (kind: Answer['kind'], since = 0) =>
          answers.filter((a) => a.kind === kind && a.status >= 200 && a.status < 300 && a.at >= since).length;
        // Two writers of each kind, so that writes are in flight when Postgres goes away.
        const loadStarted = Date.now();
        const load = Promise.all([...writers.map(submissions), ...officers.map(consents), reads()]);

        try {
          await waitFor(
            'writes and reads to succeed before the restart',
            () => Date.now() - loadStarted > 2_000 && ok('submission') >= 5 && ok('consent') >= 5 && ok('read') >= 5,
            {
              timeoutMs: 60_000,
              context: logs,
            },
          );

          const stoppedAt = Date.now();
          await pg.stop('immediate');
          await waitFor(
            'readiness to answer 503',
            async () => (await http.get('/health/ready').timeout(5000)).status === 503,
            {
              timeoutMs: 20_000,
              intervalMs: 200,
              context: logs,
            },
          );
          await sleep(Math.max(0, stoppedAt + DOWN_MS - Date.now()));
          const ready = await http.get('/health/ready').timeout(5000);
          expect(ready.status).toBe(503);
          expect(ready.body).toMatchObject({
            error: { code: 'NOT_READY', details: [{ field: 'postgres', message: 'not answering' }] },
          });

          await pg.start();
          const restartedAt = Date.now();
          await waitFor(
            'readiness to return to 200 by itself',
            async () => (await http.get('/health/ready').timeout(5000)).status === 200,
            {
              timeoutMs: 60_000,
              intervalMs: 200,
              context: logs,
            },
          );
          await waitFor(
            'writes and reads to succeed again',
            () => ok('submission', restartedAt) >= 3 && ok('consent', restartedAt) >= 3 && ok('read', restartedAt) >= 3,
            {
              timeoutMs: 60_000,
              context: logs,
            },
          );
        } finally {
          running = false;
          await load;
        }
        expect(api.alive).toBe(true); // never restarted, never crashed

        // Every request was answered; one that failed while Postgres was away says 503 NOT_READY with Retry-After (an
        // outage to wait out), never 500 (a bug) nor anything that blames the client. Writes were in flight, so some did.
        const refused = answers.filter((a) => a.status < 200 || a.status >= 300);
        expect(refused.length).toBeGreaterThan(0);
        expect(refused.filter((a) => a.status !== 503 || a.code !== 'NOT_READY' || a.retryAfter !== '5')).toEqual([]);
        // Logged as a dependency being away (warn), not as unhandled errors.
        expect(api.linesWith('unhandled error')).toEqual([]);
        expect(api.linesWith('dependency unavailable').length).toBeGreaterThan(0);

        // Every 2xx write is in the database, whole.
        dataSource = (await connectFactory(databaseUrl, started.url)).dataSource;
        const created = answers.filter((a) => a.kind === 'submission' && a.status === 201);
        const stored: { id: string; status: string; accepted: number; rows: number }[] = await dataSource.query(
          `SELECT s.id, s.status, s.accepted, (SELECT count(*)::int FROM loan_records r WHERE r.submission_id = s.id) AS rows
           FROM submissions s WHERE s.id = ANY($1)`,
          [created.map((a) => a.id)],
        );
        expect(stored).toHaveLength(created.length);
        for (const row of stored) expect(row).toMatchObject({ status: 'COMPLETED', accepted: 3, rows: 3 });
        const granted = answers.filter((a) => a.kind === 'consent' && a.status === 201);
        const [grantedRows] = await dataSource.query(
          `SELECT count(*)::int AS n FROM consents WHERE id = ANY($1) AND cooperative_id = $2 AND revoked_at IS NULL`,
          [granted.map((a) => a.id), coop.id],
        );
        expect(grantedRows.n).toBe(granted.length);
        const audited = await dataSource.query(
          `SELECT count(DISTINCT consent_id)::int AS n FROM audit_events WHERE action = 'CONSENT_GRANTED' AND consent_id = ANY($1)`,
          [granted.map((a) => a.id)],
        );
        expect(audited[0].n).toBe(granted.length);
      } finally {
        await dataSource?.destroy();
        await api?.stop();
        await redis.stop();
        await pg.destroy();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
