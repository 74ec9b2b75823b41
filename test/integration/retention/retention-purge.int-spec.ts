import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Role } from '../../../src/common/auth/role';
import { UnitOfWork } from '../../../src/common/database/unit-of-work';
import { JobName, QueueName } from '../../../src/common/jobs/queues';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { BorrowersService } from '../../../src/modules/borrowers/borrowers.service';
import { RiskRepository } from '../../../src/modules/risk/risk.repository';
import { RiskQueue } from '../../../src/modules/risk/risk-queue';
import { retentionCutoff } from '../../../src/modules/retention/retention-cutoff';
import { RetentionRepository } from '../../../src/modules/retention/retention.repository';
import { RetentionService } from '../../../src/modules/retention/retention.service';
import { periodMonthsAgo, record, testNik } from '../../factories/factory';
import { scratchDatabase } from '../../helpers/scratch-services';
import { createTestApp, TestApp } from '../../helpers/test-app';

/** Monthly records of one loan: `condition` in month `closedAgo` (months before now), 00 in the two before it. */
const closedLoan = (nik: string, loanRef: string, closedAgo: number, condition = '02') =>
  [closedAgo + 2, closedAgo + 1, closedAgo].map((k) =>
    record({
      nik,
      loanRef,
      period: periodMonthsAgo(k),
      disbursedAt: `${periodMonthsAgo(closedAgo + 12)}-10`,
      maturityDate: `${periodMonthsAgo(closedAgo)}-10`,
      condition: k === closedAgo ? condition : '00',
      outstanding: k === closedAgo ? 0 : 1_000_000,
    }),
  );

// Its own database: a purge sweeps every loan of the network.
describe('retention purge (integration)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let t: TestApp;
  let service: RetentionService;
  const enqueued: string[] = [];

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:retention`,
    });
    // The service as the worker builds it, with a recording producer: no worker here recalculates and clears markers.
    const riskQueue = { enqueue: async (keys: string[]) => void enqueued.push(...keys) } as unknown as RiskQueue;
    service = new RetentionService(
      t.app.get(UnitOfWork),
      new RetentionRepository(),
      t.app.get(AuditService),
      riskQueue,
      t.app.get(RiskRepository),
      t.config,
    );
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const keyOf = (nik: string) => t.app.get(BorrowersService).keyForNik(nik).key;
  const loanId = async (coopId: string, loanRef: string): Promise<string | undefined> =>
    (await t.dataSource.query(`SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = $2`, [coopId, loanRef]))[0]
      ?.id;
  const count = async (table: string, loanIds: (string | undefined)[]): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE loan_id = ANY($1)`, [loanIds]))[0].n;

  it('purges loans closed more than the retention years ago, keeps the rest, audits and marks the borrowers', async () => {
    expect(t.config.retention.years).toBe(5);
    const coop = await t.factory.cooperative();
    const other = await t.factory.cooperative();
    const [oldNik, writtenOffNik, recentNik, activeNik, disputedNik] = [
      testNik(),
      testNik(),
      testNik(),
      testNik(),
      testNik(),
    ];
    const old = closedLoan(oldNik, 'OLD', 72); // paid off 6 years ago
    await t.factory.submit(coop.id, [
      ...old,
      ...closedLoan(writtenOffNik, 'WRITTEN-OFF', 84, '03'), // written off 7 years ago
      ...closedLoan(recentNik, 'RECENT', 48), // paid off 4 years ago: kept
      record({
        nik: activeNik,
        loanRef: 'ACTIVE',
        period: periodMonthsAgo(75),
        disbursedAt: `${periodMonthsAgo(80)}-10`,
      }),
      record({
        nik: activeNik,
        loanRef: 'ACTIVE',
        period: periodMonthsAgo(1),
        disbursedAt: `${periodMonthsAgo(80)}-10`,
      }),
      ...closedLoan(disputedNik, 'DISPUTED', 72), // held by an open dispute
    ]);
    await t.factory.submit(coop.id, [{ ...old[2], paidAmount: 1_000_000 }]); // a correction of the closing month
    // The old loan's borrower also borrows, still today, from another coop
    await t.factory.submit(other.id, [record({ nik: oldNik, loanRef: 'ELSEWHERE' })]);
    const officer = await t.factory.user(Role.LOAN_OFFICER, other.id);
    const ids = {
      old: await loanId(coop.id, 'OLD'),
      writtenOff: await loanId(coop.id, 'WRITTEN-OFF'),
      recent: await loanId(coop.id, 'RECENT'),
      active: await loanId(coop.id, 'ACTIVE'),
      disputed: await loanId(coop.id, 'DISPUTED'),
      elsewhere: await loanId(other.id, 'ELSEWHERE'),
    };
    const [dispute] = await t.dataSource.query(
      `INSERT INTO disputes (loan_id, cooperative_id, borrower_key, status, reason, opened_by_user_id, due_at)
       SELECT id, cooperative_id, borrower_key, 'OPEN', 'paid in full long ago', $2, now() + interval '30 days'
         FROM loans WHERE id = $1 RETURNING id`,
      [ids.disputed, officer.id],
    );
    expect(await count('loan_record_corrections', [ids.old])).toBe(1);
    await t.dataSource.query(`DELETE FROM risk_recalc_markers`);
    const started = new Date();

    const result = await service.purgeExpired(new Date(), 1);

    const cutoffPeriod = retentionCutoff(new Date(), 5);
    expect(result).toEqual({ cutoffPeriod, batches: 2, loans: 2, records: 6, corrections: 1, failedUploads: 0 });
    // Purged: records, corrections and the loan rows; the identity hashes the coop held for borrowers it no longer lends to
    expect(await count('loan_records', [ids.old, ids.writtenOff])).toBe(0);
    expect(await count('loan_record_corrections', [ids.old])).toBe(0);
    expect(await t.dataSource.query(`SELECT id FROM loans WHERE id = ANY($1)`, [[ids.old, ids.writtenOff]])).toEqual(
      [],
    );
    const identities = await t.dataSource.query(
      `SELECT cooperative_id FROM borrower_identities WHERE borrower_key = $1`,
      [keyOf(oldNik)],
    );
    expect(identities).toEqual([{ cooperative_id: other.id }]);
    // Kept: closed 4 years ago, active (even with months 6 years old), disputed, and the other coop's loan
    expect(await count('loan_records', [ids.recent])).toBe(3);
    expect(await count('loan_records', [ids.active])).toBe(2);
    expect(await count('loan_records', [ids.disputed])).toBe(3);
    expect(await count('loan_records', [ids.elsewhere])).toBe(1);
    // One audit row per batch, by the system
    const audits = await t.dataSource.query(`SELECT * FROM audit_events WHERE action = 'RETENTION_PURGED' ORDER BY id`);
    expect(audits).toHaveLength(2);
    for (const a of audits)
      expect(a).toMatchObject({ outcome: 'ALLOWED', actor_user_id: null, actor_role: null, subject_ref: null });
    expect(audits.map((a: { details: unknown }) => a.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ loans: 1, records: 3, corrections: 1, cutoffPeriod }),
        expect.objectContaining({ loans: 1, records: 3, corrections: 0, cutoffPeriod }),
      ]),
    );
    // The borrowers whose data changed are marked (in the purge's transactions) and their jobs enqueued
    const markers = await t.dataSource.query(`SELECT borrower_key, marked_at FROM risk_recalc_markers`);
    expect(markers.map((m: { borrower_key: string }) => m.borrower_key).sort()).toEqual(
      [keyOf(oldNik), keyOf(writtenOffNik)].sort(),
    );
    for (const m of markers) expect(m.marked_at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect([...enqueued].sort()).toEqual([keyOf(oldNik), keyOf(writtenOffNik)].sort());

    // Again: nothing more to purge, nothing more audited
    expect(await service.purgeExpired()).toMatchObject({ batches: 0, loans: 0 });
    expect(await t.dataSource.query(`SELECT id FROM audit_events WHERE action = 'RETENTION_PURGED'`)).toHaveLength(2);

    // Once the dispute is resolved, the disputed loan goes too, its dispute with it
    await t.dataSource.query(
      `UPDATE disputes SET status = 'RESOLVED', resolution = 'CONFIRMED', resolved_at = now(),
              resolved_by_user_id = opened_by_user_id WHERE id = $1`,
      [dispute.id],
    );
    expect(await service.purgeExpired()).toMatchObject({ batches: 1, loans: 1, records: 3 });
    expect(await t.dataSource.query(`SELECT id FROM disputes WHERE id = $1`, [dispute.id])).toEqual([]);
    expect(await loanId(coop.id, 'RECENT')).toBeDefined();
  });

  it("deletes the stored file of a CSV that FAILED more than 30 days ago, keeps a recent one's, and audits it", async () => {
    const submitter = await t.factory.apiKey(Role.DATA_SUBMITTER);
    const upload = async (tag: string, finishedDaysAgo: number): Promise<string> => {
      const csv = `nik,full_name,birth_date,loan_ref,facility_type,principal,disbursed_at,condition,period,outstanding,days_past_due\n${testNik()},A,1989-12-01,${tag},INSTALLMENT,1000000,2025-01-15,00,${periodMonthsAgo(1)},500000,0\n`;
      const res = await t.http
        .post('/api/v1/submissions/csv')
        .set(submitter.auth)
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(res.status).toBe(202);
      // No worker here: the file stays stored, as a FAILED one does.
      await t.dataSource.query(
        `UPDATE submissions SET status = 'FAILED', finished_at = now() - make_interval(days => $2) WHERE id = $1`,
        [res.body.id, finishedDaysAgo],
      );
      return res.body.id;
    };
    const old = await upload('FAILED-OLD', 31);
    const recent = await upload('FAILED-RECENT', 5);
    const chunks = async (id: string) =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM submission_chunks WHERE submission_id = $1`, [id]))[0]
        .n;
    expect(await chunks(old)).toBeGreaterThan(0);

    const result = await service.purgeExpired(new Date());

    expect(result.failedUploads).toBe(1);
    expect(await chunks(old)).toBe(0);
    expect(await chunks(recent)).toBeGreaterThan(0);
    const [audit] = await t.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'RETENTION_PURGED' AND details ? 'failedUploads' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.details).toMatchObject({ failedUploads: 1 });
  });

  it('runs as a daily job of the worker', async () => {
    const worker = await createTestApp({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:retention-worker`,
      WORKER_IN_PROCESS: 'true',
    });
    try {
      const queue = worker.app.get<Queue>(getQueueToken(QueueName.RETENTION));
      let schedulers: { key: string; pattern?: string | null }[] = [];
      for (let i = 0; i < 100 && schedulers.length === 0; i++) {
        schedulers = await queue.getJobSchedulers();
        if (schedulers.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(schedulers).toEqual([
        expect.objectContaining({ key: 'purge-expired-records-daily', pattern: '30 2 * * *' }),
      ]);

      const coop = await worker.factory.cooperative();
      await worker.factory.submit(coop.id, closedLoan(testNik(), 'JOB-OLD', 70));
      const id = await loanId(coop.id, 'JOB-OLD');
      const job = await queue.add(JobName.PURGE_EXPIRED_RECORDS, {});
      for (let i = 0; i < 200 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await job.isCompleted()).toBe(true);
      expect(await count('loan_records', [id])).toBe(0);
    } finally {
      await worker.close();
    }
  });
});
