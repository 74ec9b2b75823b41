import { Role } from '../../src/common/auth/role';
import { CsvIngestService } from '../../src/modules/loans/ingest/csv-ingest.service';
import { LoanRecordsRepository } from '../../src/modules/loans/apply/loan-records.repository';
import { SubmissionSweeper } from '../../src/modules/loans/ingest/submission-sweeper';
import { periodMonthsAgo } from '../factories/factory';
import { createTestApp } from '../helpers/test-app';

/** A CSV of `loans` loans × 6 months for borrowers born 1 Dec 1989. */
function csvOf(loans: number, tag: string): string {
  const lines = [
    'nik,full_name,birth_date,loan_ref,facility_type,principal,disbursed_at,condition,period,outstanding,days_past_due',
  ];
  for (let i = 0; i < loans; i++) {
    const nik = `3375${String(10 + (i % 80)).padStart(2, '0')}011289${String(1 + i).padStart(4, '0')}`;
    for (let k = 6; k >= 1; k--) {
      lines.push(
        `${nik},Borrower ${i},1989-12-01,${tag}-${i},INSTALLMENT,1000000,2025-01-15,00,${periodMonthsAgo(k)},${100000 * k},${k === 1 ? 31 : 0}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

const isolated = () => ({
  REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:iso-${Math.random().toString(36).slice(2, 8)}`,
});

describe('CSV ingest recovery (integration)', () => {
  it('restarts an interrupted file from scratch: every row applied exactly once', async () => {
    // No worker in this app, and a Redis prefix of its own: the test drives the ingest by hand.
    const t = await createTestApp(isolated());
    try {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const upload = await t.http
        .post('/api/v1/submissions/csv')
        .set(submitter.auth)
        .set('Content-Type', 'text/csv')
        .send(csvOf(50, 'R'));
      expect(upload.status).toBe(202);
      const ingest = t.app.get(CsvIngestService);
      const merge = jest
        .spyOn(t.app.get(LoanRecordsRepository), 'merge')
        .mockRejectedValueOnce(new Error('worker died'));

      await expect(ingest.ingest(upload.body.id)).rejects.toThrow('worker died');
      const count = async () =>
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS n FROM loan_records r JOIN loans l ON l.id = r.loan_id WHERE l.cooperative_id = $1`,
            [submitter.cooperativeId],
          )
        )[0].n;
      expect(await count()).toBe(0);
      expect((await t.http.get(`/api/v1/submissions/${upload.body.id}`).set(submitter.auth)).body.status).toBe(
        'PROCESSING',
      );

      await ingest.ingest(upload.body.id);
      await ingest.ingest(upload.body.id); // a duplicate delivery changes nothing
      merge.mockRestore();
      expect(await count()).toBe(300);
      const done = (await t.http.get(`/api/v1/submissions/${upload.body.id}`).set(submitter.auth)).body;
      expect(done).toMatchObject({ status: 'COMPLETED', totalRows: 300, accepted: 300 });
      const [corrections] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM loan_record_corrections c JOIN loans l ON l.id = c.loan_id WHERE l.cooperative_id = $1`,
        [submitter.cooperativeId],
      );
      expect(corrections.n).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('accepts a CSV while Redis is down and processes it when a worker finds it again', async () => {
    // An API whose Redis does not answer: the upload is stored and answered 202, the job cannot be enqueued.
    const down = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0' });
    const submitter = await down.factory.signedIn(Role.DATA_SUBMITTER);
    let id: string;
    try {
      const upload = await down.http
        .post('/api/v1/submissions/csv')
        .set(submitter.auth)
        .set('Content-Type', 'text/csv')
        .send(csvOf(3, 'S'));
      expect(upload.status).toBe(202);
      id = upload.body.id;
      // JSON submissions need no Redis at all.
      const json = await down.http
        .post('/api/v1/submissions')
        .set(submitter.auth)
        .send({
          records: [
            {
              nik: '3375010112890001',
              fullName: 'Siti',
              birthDate: '1989-12-01',
              loanRef: 'J-1',
              facilityType: 'INSTALLMENT',
              principal: 1000000,
              disbursedAt: '2025-01-15',
              condition: '00',
              period: periodMonthsAgo(1),
              outstanding: 1,
              daysPastDue: 0,
            },
          ],
        });
      expect(json.status).toBe(201);
    } finally {
      await down.close();
    }
    // Redis is back: a worker's sweeper finds the stored file and processes it.
    const worker = await createTestApp({ ...isolated(), WORKER_IN_PROCESS: 'true' });
    try {
      const [before] = await worker.dataSource.query('SELECT status FROM submissions WHERE id = $1', [id]);
      expect(before.status).toBe('QUEUED');
      expect(await worker.app.get(SubmissionSweeper).sweep(0)).toBeGreaterThanOrEqual(1);
      let status = 'QUEUED';
      for (let i = 0; i < 200 && status !== 'COMPLETED'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        [{ status }] = await worker.dataSource.query('SELECT status FROM submissions WHERE id = $1', [id]);
      }
      expect(status).toBe('COMPLETED');
      const [rows] = await worker.dataSource.query(
        `SELECT count(*)::int AS n FROM loan_records r JOIN loans l ON l.id = r.loan_id WHERE l.cooperative_id = $1 AND l.loan_ref LIKE 'S-%'`,
        [submitter.cooperativeId],
      );
      expect(rows.n).toBe(18);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
