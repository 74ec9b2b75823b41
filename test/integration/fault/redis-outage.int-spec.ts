import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../../src/common/auth/role';
import { ServiceProcess, startApi, startWorker, waitFor } from '../../helpers/child-process';
import { ScratchRedis, scratchDatabase } from '../../helpers/scratch-services';
import { connectFactory, loanCsv, loanRecords, sleep } from './fault-support';

const OUTAGE_MS = 30_000;
const DAYS_PAST_DUE = 45; // what the outage's submissions report, so their borrowers' profiles can be told apart
const TEST_TIMEOUT_MS = 240_000;

interface Sent {
  kind: 'json' | 'csv';
  status: number;
  id?: string;
  rows: number;
  body: unknown;
}

/**
 * Redis stopped for 30 seconds while JSON and CSV submissions arrive, at an API and a worker in processes of their
 * own. Redis comes back empty (no persistence): every job of before is gone.
 */
describe('fault: Redis down for 30 seconds (separate processes)', () => {
  it(
    'keeps taking submissions and recalculates every affected borrower once Redis is back',
    async () => {
      const redis = await ScratchRedis.start();
      const db = await scratchDatabase();
      // The risk sweeper's timings are configurable: a second instead of 30, so recovery is quick to observe.
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        RISK_SWEEP_EVERY_MS: '1000',
        RISK_MARKER_GRACE_MS: '1000',
      };
      const children: ServiceProcess[] = [];
      let dataSource: DataSource | undefined;
      const logs = () => children.map((c) => c.output(6000)).join('\n');
      try {
        const api = await startApi(env, 'api-1');
        children.push(api.process);
        children.push(await startWorker(env));
        const setup = await connectFactory(db.url, api.url);
        const ds = (dataSource = setup.dataSource);
        const submitter = await setup.factory.apiKey(Role.DATA_SUBMITTER);
        const http = request(api.url);
        let serial = 0;

        const sendJsonTo = async (to: typeof http): Promise<Sent> => {
          const { records } = loanRecords(2, 2, `J${serial++}`, DAYS_PAST_DUE);
          const res = await to.post('/api/v1/submissions').set(submitter.auth).timeout(20_000).send({ records });
          return { kind: 'json', status: res.status, id: res.body?.id, rows: records.length, body: res.body };
        };
        const sendJson = () => sendJsonTo(http);
        const sendCsv = async (): Promise<Sent> => {
          const { csv, rows } = loanCsv(3, 2, `C${serial++}`, DAYS_PAST_DUE);
          const res = await http
            .post('/api/v1/submissions/csv')
            .set(submitter.auth)
            .set('Content-Type', 'text/csv')
            .timeout(20_000)
            .send(csv);
          return { kind: 'csv', status: res.status, id: res.body?.id, rows, body: res.body };
        };
        const submissionStatus = async (id: string) =>
          (await ds.query('SELECT status, accepted FROM submissions WHERE id = $1', [id]))[0] as {
            status: string;
            accepted: number;
          };

        // Before: the whole path works.
        const warmJson = await sendJson();
        const warmCsv = await sendCsv();
        expect([warmJson.status, warmCsv.status]).toEqual([201, 202]);
        await waitFor(
          'the CSV sent before the outage to complete',
          async () => (await submissionStatus(warmCsv.id!)).status === 'COMPLETED',
          {
            timeoutMs: 60_000,
            context: logs,
          },
        );

        // The outage: JSON and CSV submissions keep coming, one stream of each.
        await redis.stop();
        const outageEnds = Date.now() + OUTAGE_MS;
        await waitFor(
          'readiness to report Redis down',
          async () => (await http.get('/health/ready').timeout(5000)).status === 503,
          {
            timeoutMs: 15_000,
            context: logs,
          },
        );
        const sent: Sent[] = [];
        const stream = async (send: () => Promise<Sent>) => {
          while (Date.now() < outageEnds - 12_000) sent.push(await send());
        };
        await Promise.all([stream(sendJson), stream(sendCsv)]);
        // The API that accepted the files dies before Redis returns, and with it any enqueue it still held in memory:
        // only what is in Postgres can bring the files back. Its replacement boots while Redis is still away.
        await api.process.kill('SIGKILL');
        const replacement = await startApi(env, 'api-2');
        children.push(replacement.process);
        const replacementHttp = request(replacement.url);
        sent.push(await sendJsonTo(replacementHttp));
        await sleep(Math.max(0, outageEnds - Date.now())); // the outage lasts its full 30 s
        await redis.start(); // empty

        const unexpected = sent.filter((s) =>
          s.kind === 'json' ? s.status !== 201 : s.status !== 202 && s.status !== 503,
        );
        expect(unexpected).toEqual([]);
        const json = sent.filter((s) => s.kind === 'json');
        const accepted = sent.filter((s) => s.kind === 'csv' && s.status === 202);
        // Enough traffic that the outage was exercised, whatever the machine's speed.
        expect(json.length).toBeGreaterThanOrEqual(3);
        expect(accepted.length).toBeGreaterThanOrEqual(3);
        for (const s of sent.filter((x) => x.kind === 'csv' && x.status === 503)) {
          expect(s.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
        for (const s of json) expect(s.body).toMatchObject({ status: 'COMPLETED', accepted: s.rows, rejected: 0 });

        // After: every accepted file is applied, whole, and soon: the worker sweeps unfinished files as soon as its
        // Redis connection is back (BullMQ retries the connection at most every 20 s). The periodic sweep alone would
        // take SWEEP_IDLE_MS plus up to SWEEP_EVERY_MS (two to three minutes).
        const ids = accepted.map((s) => s.id!);
        await waitFor(
          `the ${ids.length} CSVs accepted during the outage to complete`,
          async () => {
            const rows: { status: string }[] = await ds.query('SELECT status FROM submissions WHERE id = ANY($1)', [
              ids,
            ]);
            if (rows.some((r) => r.status === 'FAILED' || r.status === 'REJECTED'))
              throw new Error(`a file ended ${JSON.stringify(rows)}`);
            return rows.length === ids.length && rows.every((r) => r.status === 'COMPLETED');
          },
          { timeoutMs: 75_000, intervalMs: 500, context: logs },
        );
        for (const s of accepted)
          expect(await submissionStatus(s.id!)).toEqual({ status: 'COMPLETED', accepted: s.rows });
        const outageIds = [...ids, ...json.map((s) => s.id!)];
        const [applied] = await ds.query('SELECT count(*)::int AS n FROM loan_records WHERE submission_id = ANY($1)', [
          outageIds,
        ]);
        expect(applied.n).toBe([...accepted, ...json].reduce((n, s) => n + s.rows, 0));

        // Every borrower those submissions touched is recalculated: no marker left, a profile computed after the
        // submission was applied, and that profile shows the submitted records.
        const borrowers = async () =>
          (
            await ds.query(
              `SELECT count(DISTINCT r.borrower_key)::int AS touched,
                  count(DISTINCT m.borrower_key)::int AS marked,
                  count(DISTINCT r.borrower_key) FILTER (
                    WHERE p.computed_at >= s.finished_at
                      AND jsonb_array_length(p.snapshot->'loans') = 1
                      AND (p.snapshot->'loans'->0->>'daysPastDue')::int = ${DAYS_PAST_DUE})::int AS fresh
             FROM loan_records r
             JOIN submissions s ON s.id = r.submission_id
             LEFT JOIN risk_recalc_markers m ON m.borrower_key = r.borrower_key
             LEFT JOIN borrower_profiles p ON p.borrower_key = r.borrower_key
            WHERE r.submission_id = ANY($1)`,
              [outageIds],
            )
          )[0] as { touched: number; marked: number; fresh: number };
        const expectedBorrowers = json.length * 2 + accepted.length * 3;
        const final = await waitFor(
          'every affected borrower to be recalculated',
          async () => {
            const b = await borrowers();
            return b.marked === 0 && b.fresh === b.touched ? b : undefined;
          },
          { timeoutMs: 90_000, intervalMs: 500, context: logs },
        );
        expect(final).toEqual({ touched: expectedBorrowers, marked: 0, fresh: expectedBorrowers });
        expect((await replacementHttp.get('/health/ready')).status).toBe(200);
        expect(children.filter((c) => c.name !== 'api-1').every((c) => c.alive)).toBe(true);
      } finally {
        await dataSource?.destroy();
        for (const child of children.reverse()) await child.stop();
        await redis.stop();
        await db.drop();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
