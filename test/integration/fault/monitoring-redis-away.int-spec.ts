import { Role } from '../../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../../factories/factory';
import { enrolledUnderConsent, officer, storedAlerts } from '../../factories/monitoring-alerts';
import { waitFor } from '../../helpers/child-process';
import { ScratchRedis, scratchDatabase } from '../../helpers/scratch-services';
import { createTestApp, TestApp } from '../../helpers/test-app';
import { sleep } from './fault-support';

const TEST_TIMEOUT_MS = 120_000;

/**
 * Redis away while a submission and a NEW_APPLICATION query commit: both answer as usual (the nudge fails quietly),
 * no alert can be raised meanwhile, and once Redis is back (empty) the monitoring sweep raises each alert once.
 */
describe('fault: Redis away while alerts are due', () => {
  let redis: ScratchRedis;
  let db: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let redisStopped = false;

  beforeAll(async () => {
    redis = await ScratchRedis.start();
    // A database of its own: the run's other workers raise every pending alert they see, Redis or not.
    db = await scratchDatabase();
    t = await createTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      WORKER_IN_PROCESS: 'true',
      MONITORING_SWEEP_EVERY_MS: '1000',
    });
  });
  afterAll(async () => {
    // A failure while Redis was stopped would leave the app's close waiting on it.
    if (redisStopped) await redis.start();
    await t.close();
    await redis.stop();
    await db.drop();
  }, 60_000);

  it(
    'commits the submission and the query, then raises their alerts exactly once via the sweep',
    async () => {
      const a = await officer(t.factory);
      const b = await officer(t.factory);
      const c = await officer(t.factory);
      const nik = testNik();
      await enrolledUnderConsent(t.factory, t.dataSource, a, nik);
      await t.factory.consent(c.auth, nik, 'NEW_APPLICATION');
      // Coop B's submitting key, made before Redis goes.
      const submitter = await t.factory.apiKey(Role.DATA_SUBMITTER, b.cooperativeId);

      await redis.stop();
      redisStopped = true;
      const sent = await t.http
        .post('/api/v1/submissions')
        .set(submitter.auth)
        .send({
          records: [record({ nik, loanRef: t.factory.unique('AWAY'), disbursedAt: `${periodMonthsAgo(1)}-02` })],
        });
      expect(sent.status).toBe(201);
      expect(sent.body.status).toBe('COMPLETED');
      const asked = await t.http.post('/api/v1/profiles/query').set(c.auth).send({ nik, purpose: 'NEW_APPLICATION' });
      expect(asked.status).toBe(200);

      // Past the nudge's debounce and its enqueue timeout: nothing could carry the raise.
      await sleep(3_000);
      expect(await storedAlerts(t.dataSource, a.cooperativeId)).toEqual([]);
      const [pending] = await t.dataSource.query(`SELECT alerts_raised_at FROM submissions WHERE id = $1`, [
        sent.body.id,
      ]);
      expect(pending.alerts_raised_at).toBeNull();

      await redis.start();
      // Empty: the nudges of before are gone; the sweep's schedule is registered again.
      redisStopped = false;
      const alerts = await waitFor(
        'the sweep to raise the alerts',
        async () => {
          const rows = await storedAlerts(t.dataSource, a.cooperativeId);
          return rows.length >= 2 ? rows : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(alerts.map((x) => x.type).sort()).toEqual(['INQUIRY_ELSEWHERE', 'NEW_LOAN_ELSEWHERE']);
      // More sweeps change nothing.
      await sleep(2_500);
      expect((await storedAlerts(t.dataSource, a.cooperativeId)).map((x) => x.id).sort()).toEqual(
        alerts.map((x) => x.id).sort(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
