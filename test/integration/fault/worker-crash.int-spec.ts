import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../../src/common/auth/role';
import { ServiceProcess, startApi, startWorker, waitFor } from '../../helpers/child-process';
import { ScratchRedis, scratchDatabase } from '../../helpers/scratch-services';
import { connectFactory, loanCsv, recordCounts } from './fault-support';

const LOANS = 2_500;
const MONTHS = 20; // 50,000 rows
const TEST_TIMEOUT_MS = 300_000;

/**
 * A worker SIGKILLed in the middle of a 50,000-row CSV, then a new worker: the interrupted job comes back (BullMQ's
 * stalled-job check once the dead worker's lock expires) and every row is applied exactly once.
 */
describe('fault: worker killed in the middle of a CSV (separate processes)', () => {
  it(
    'applies every row exactly once after a SIGKILL and a restart',
    async () => {
      const redis = await ScratchRedis.start();
      const db = await scratchDatabase();
      const env = { DATABASE_URL: db.url, REDIS_URL: redis.url };
      const children: ServiceProcess[] = [];
      let dataSource: DataSource | undefined;
      const logs = () => children.map((c) => c.output(6000)).join('\n');
      try {
        const api = await startApi(env);
        children.push(api.process);
        const first = await startWorker(env, 'worker-1');
        children.push(first);
        const setup = await connectFactory(db.url, api.url);
        dataSource = setup.dataSource;
        const submitter = await setup.factory.apiKey(Role.DATA_SUBMITTER);
        const http = request(api.url);
        const { csv, rows } = loanCsv(LOANS, MONTHS, 'CRASH');
        expect(rows).toBe(50_000);

        const upload = await http
          .post('/api/v1/submissions/csv')
          .set(submitter.auth)
          .set('Content-Type', 'text/csv')
          .send(csv);
        expect(upload.status).toBe(202);
        const id: string = upload.body.id;
        const status = async () => {
          const res = await http.get(`/api/v1/submissions/${id}`).set(submitter.auth);
          if (res.status !== 200) throw new Error(`GET submission: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body as {
            status: string;
            processedRows: number;
            totalRows: number;
            accepted: number;
            rejected: number;
          };
        };

        // Kill the worker once it has streamed part of the file, well before the end.
        const seen = await waitFor(
          'the first worker to report progress',
          async () => {
            const s = await status();
            if (s.status === 'COMPLETED') throw new Error('the file completed before the worker could be killed');
            return s.status === 'PROCESSING' && s.processedRows > 0 ? s : undefined;
          },
          { timeoutMs: 120_000, intervalMs: 50, context: logs },
        );
        await first.kill('SIGKILL');
        expect(seen.processedRows).toBeLessThan(rows);

        // The dead worker's transaction rolled back: nothing of the file is applied, the submission is unfinished.
        const [afterKill] = await dataSource.query('SELECT status, attempts FROM submissions WHERE id = $1', [id]);
        expect(afterKill).toEqual({ status: 'PROCESSING', attempts: 1 });
        const coop = submitter.cooperativeId;
        await waitFor(
          'the killed transaction to roll back',
          async () => (await recordCounts(dataSource!, coop)).rows === 0,
          { timeoutMs: 30_000 },
        );

        const second = await startWorker(env, 'worker-2');
        children.push(second);
        const done = await waitFor(
          'the submission to complete on the new worker',
          async () => {
            const s = await status();
            if (s.status === 'FAILED' || s.status === 'REJECTED')
              throw new Error(`submission ended ${JSON.stringify(s)}`);
            return s.status === 'COMPLETED' ? s : undefined;
          },
          { timeoutMs: 200_000, intervalMs: 500, context: logs },
        );

        expect(done).toMatchObject({
          status: 'COMPLETED',
          totalRows: rows,
          processedRows: rows,
          accepted: rows,
          rejected: 0,
        });
        expect(await recordCounts(dataSource, coop)).toEqual({ rows, distinct: rows, loans: LOANS, corrections: 0 });
        const [byThis] = await dataSource.query(
          'SELECT count(*)::int AS n FROM loan_records WHERE submission_id = $1',
          [id],
        );
        expect(byThis.n).toBe(rows);
        const [submission] = await dataSource.query('SELECT attempts FROM submissions WHERE id = $1', [id]);
        expect(submission.attempts).toBe(2);
        const applied = await dataSource.query(
          `SELECT outcome FROM audit_events WHERE action = 'SUBMISSION_APPLIED' AND subject_ref = $1`,
          [id],
        );
        expect(applied).toEqual([{ outcome: 'ALLOWED' }]);
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
