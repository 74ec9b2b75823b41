import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { UnitOfWork } from '../../../src/common/database/unit-of-work';
import { JobName, QueueName } from '../../../src/common/jobs/queues';
import { BorrowersService } from '../../../src/modules/borrowers/borrowers.service';
import { RiskQueue } from '../../../src/modules/risk/risk-queue';
import { RiskRecalculationService } from '../../../src/modules/risk/risk-recalculation.service';
import { RiskSweeper } from '../../../src/modules/risk/risk-sweeper';
import { RiskRepository } from '../../../src/modules/risk/risk.repository';
import { periodMonthsAgo, record, testNik } from '../../factories/factory';
import { createTestApp, TestApp } from '../../helpers/test-app';

// No worker in this app and a Redis prefix of its own: jobs stay where the test can count them.
describe('risk recalculation queue (integration)', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp({
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:risk-${Math.random().toString(36).slice(2, 8)}`,
    });
    queue = t.app.get<Queue>(getQueueToken(QueueName.RISK));
  });
  afterAll(() => t.close());

  const keyOf = (nik: string) => t.app.get(BorrowersService).keyForNik(nik).key;
  const recalcJobs = async () =>
    (await queue.getJobs(['waiting', 'delayed', 'failed'])).filter((j) => j.name === JobName.RECALCULATE_BORROWER);

  it('collapses repeated jobs for one borrower into one, with the borrower key as job id', async () => {
    const key = keyOf(testNik());
    const producer = t.app.get(RiskQueue);
    await producer.enqueue([key, key]);
    await producer.enqueue([key]);
    const jobs = (await recalcJobs()).filter((j) => j.id === key);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).toMatchObject({ borrowerKey: key });
  });

  it('enqueues one job per borrower a submission marked, after it commits', async () => {
    const coop = await t.factory.cooperative();
    const [a, b] = [testNik(), testNik()];
    const records = [a, b].flatMap((nik) =>
      ['L1', 'L2'].flatMap((ref) =>
        [1, 2].map((k) => record({ nik, loanRef: `${ref}-${nik.slice(-6)}`, period: periodMonthsAgo(k) })),
      ),
    );
    const { id } = await t.factory.submit(coop.id, records);
    const jobs = (await recalcJobs()).filter((j) => j.data.submissionId === id);
    expect(jobs.map((j) => j.id).sort()).toEqual([keyOf(a), keyOf(b)].sort());
  });

  it('recalculates idempotently and keeps a marker touched after it was read', async () => {
    const coop = await t.factory.cooperative();
    const nik = testNik();
    await t.factory.submit(coop.id, [record({ nik, loanRef: 'IDEM-1', daysPastDue: 95 })]);
    const key = keyOf(nik);
    const service = t.app.get(RiskRecalculationService);
    const read = () =>
      t.dataSource.query(
        `SELECT snapshot, score, grade, rule_set, model_version FROM borrower_profiles WHERE borrower_key = $1`,
        [key],
      );
    await service.recalculateBorrower(key);
    const first = await read();
    await service.recalculateBorrower(key);
    expect(await read()).toEqual(first);
    expect(first[0].snapshot.summary.worstCollectibility.current).toBe(3);

    // A submission lands between reading the marker and clearing it: its marker must survive.
    await t.dataSource.query(`INSERT INTO risk_recalc_markers (borrower_key) VALUES ($1)`, [key]);
    const repository = t.app.get(RiskRepository);
    const seen = await repository.readMarkers(t.dataSource.manager, [key]);
    await t.dataSource.query(`UPDATE risk_recalc_markers SET marked_at = clock_timestamp() WHERE borrower_key = $1`, [
      key,
    ]);
    expect(await repository.clearMarkers(t.dataSource.manager, seen)).toBe(0);
    expect(await repository.readMarkers(t.dataSource.manager, [key])).toHaveLength(1);
    await service.recalculateBorrower(key);
    expect(await repository.readMarkers(t.dataSource.manager, [key])).toHaveLength(0);
  });

  it('sweeps old markers: a lost job is enqueued again, a failed one retried', async () => {
    const coop = await t.factory.cooperative();
    const [lost, failed] = [testNik(), testNik()];
    await t.factory.submit(coop.id, [record({ nik: lost, loanRef: 'SW-1' }), record({ nik: failed, loanRef: 'SW-2' })]);
    const [lostKey, failedKey] = [keyOf(lost), keyOf(failed)];
    // The lost one: its job vanished with a Redis flush. The failed one: its last attempt failed.
    await queue.remove(lostKey);
    await queue.remove(failedKey);
    await queue.add(JobName.RECALCULATE_BORROWER, { borrowerKey: failedKey }, { jobId: failedKey, attempts: 1 });
    const failing = new Worker(
      queue.name,
      async () => {
        throw new Error('database away');
      },
      {
        connection: queue.opts.connection,
        prefix: queue.opts.prefix,
      },
    );
    for (let i = 0; i < 100 && (await queue.getJobState(failedKey)) !== 'failed'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await failing.close();
    expect(await queue.getJobState(failedKey)).toBe('failed');
    await t.dataSource.query(
      `UPDATE risk_recalc_markers SET marked_at = now() - interval '1 hour' WHERE borrower_key = ANY($1)`,
      [[lostKey, failedKey]],
    );
    expect(await queue.getJobState(lostKey)).toBe('unknown');

    // The sweeper belongs to the worker; built by hand here so no worker consumes the jobs under test.
    const sweeper = new RiskSweeper(
      queue,
      t.app.get(UnitOfWork),
      t.app.get(RiskRepository),
      t.app.get(RiskQueue),
      t.app.get(RiskRecalculationService),
      t.config,
    );
    await sweeper.sweep(60_000);
    expect(await queue.getJobState(lostKey)).toBe('waiting');
    expect(await queue.getJobState(failedKey)).toBe('waiting');
  });
});
