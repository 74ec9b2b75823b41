import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Role } from '../../../src/common/auth/role';
import { QueueName } from '../../../src/common/jobs/queues';
import { BorrowersService } from '../../../src/modules/borrowers/borrowers.service';
import { periodMonthsAgo, record, testNik } from '../../factories/factory';
import { ScratchRedis, scratchDatabase } from '../../helpers/scratch-services';
import { createTestApp, TestApp } from '../../helpers/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('risk recalculation recovery (integration)', () => {
  it('recalculates every borrower marked while Redis was down, once it is back', async () => {
    const redis = await ScratchRedis.start();
    const db = await scratchDatabase();
    let t: TestApp | undefined;
    try {
      // API and worker in one process, on a Redis and a database of this test's own.
      t = await createTestApp({
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        WORKER_IN_PROCESS: 'true',
        RISK_SWEEP_EVERY_MS: '500',
        RISK_MARKER_GRACE_MS: '500',
      });
      const app = t;
      const coop = await app.factory.cooperative();
      const submitter = await app.factory.apiKey(Role.DATA_SUBMITTER, coop.id);
      const keyOf = (nik: string) => app.app.get(BorrowersService).keyForNik(nik).key;
      const submitBatch = async (tag: string) => {
        const niks = Array.from({ length: 8 }, () => testNik());
        const records = niks.flatMap((nik, i) =>
          [1, 2, 3].map((k) =>
            record({ nik, loanRef: `${tag}-${i}`, period: periodMonthsAgo(k), daysPastDue: k === 1 ? 40 * i : 0 }),
          ),
        );
        const res = await app.http.post('/api/v1/submissions').set(submitter.auth).send({ records });
        expect(res.status).toBe(201);
        return niks.map(keyOf);
      };
      const pending = async (keys: string[]) =>
        (
          await app.dataSource.query(
            `SELECT count(*)::int AS n FROM risk_recalc_markers WHERE borrower_key = ANY($1)`,
            [keys],
          )
        )[0].n;
      const profiled = async (keys: string[], since: Date) =>
        (
          await app.dataSource.query(
            `SELECT count(*)::int AS n FROM borrower_profiles WHERE borrower_key = ANY($1) AND computed_at >= $2`,
            [keys, since],
          )
        )[0].n;
      const waitUntilRecalculated = async (keys: string[], since: Date) => {
        for (let i = 0; i < 300 && ((await pending(keys)) > 0 || (await profiled(keys, since)) < keys.length); i++)
          await sleep(100);
        expect(await pending(keys)).toBe(0);
        expect(await profiled(keys, since)).toBe(keys.length);
      };

      const start = new Date();
      const before = await submitBatch('UP');
      await waitUntilRecalculated(before, start);

      await redis.stop();
      const outage = new Date();
      const during = [...(await submitBatch('DOWN1')), ...(await submitBatch('DOWN2'))];
      expect(await pending(during)).toBe(during.length);

      await redis.start(); // empty: every job and schedule of before the outage is gone
      await waitUntilRecalculated(during, outage);
      // The sweeper's schedule is registered again on the empty Redis, without a restart of the worker.
      const queue = app.app.get<Queue>(getQueueToken(QueueName.RISK));
      let schedulers: string[] = [];
      for (let i = 0; i < 100 && !schedulers.includes('sweep-risk-markers'); i++) {
        schedulers = (await queue.getJobSchedulers()).map((s) => s.key);
        await sleep(50);
      }
      expect(schedulers).toEqual(expect.arrayContaining(['sweep-risk-markers', 'refresh-profiles-daily']));
      const [worst] = await app.dataSource.query(
        `SELECT max((snapshot->'summary'->'worstCollectibility'->>'current')::int) AS c FROM borrower_profiles WHERE borrower_key = ANY($1)`,
        [during],
      );
      expect(worst.c).toBe(5); // 280 days past due: the records themselves reached the profiles
    } finally {
      await t?.close();
      await redis.stop();
      await db.drop();
    }
  }, 90_000);
});
