import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

// NIKs used only by this test, so a hit anywhere in the database can only come from here.
const NIKS = ['3201014407850123', '3375016608910456', '3204052512700789'];
const BIRTH = ['1985-07-04', '1991-08-26', '1970-12-25'];
const PATTERN = [...NIKS, ...NIKS.map((n) => Buffer.from(n).toString('hex'))].join('|');

describe('no raw NIK reaches the database (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ WORKER_IN_PROCESS: 'true' });
  });
  afterAll(() => t.close());

  it('stores none of the NIKs of consents, JSON and CSV submissions, in any table', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER, officer.cooperativeId!);
    for (const nik of NIKS) {
      const res = await t.http
        .post('/api/v1/consents')
        .set(officer.auth)
        .send({ nik, purpose: 'MONITORING', evidence: { type: 'SIGNED_FORM', reference: 'F-1' } });
      expect(res.status).toBe(201);
    }
    const json = await t.http
      .post('/api/v1/submissions')
      .set(submitter.auth)
      .send({
        records: [
          record({ nik: NIKS[0], birthDate: BIRTH[0], loanRef: 'N-1' }),
          record({ nik: NIKS[1], birthDate: BIRTH[1], loanRef: 'N-2', daysPastDue: -1 }),
        ],
        mode: 'PARTIAL',
      });
    expect(json.status).toBe(201);
    const csv = `nik,full_name,birth_date,loan_ref,facility_type,principal,disbursed_at,condition,period,outstanding,days_past_due\n${NIKS[2]},Budi Santoso,${BIRTH[2]},N-3,INSTALLMENT,1000000,2025-01-01,00,${periodMonthsAgo(1)},500000,0\n`;
    const upload = await t.http
      .post('/api/v1/submissions/csv')
      .set(submitter.auth)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(upload.status).toBe(202);
    // While it waits for the worker the file is stored, encrypted; check then too.
    await expectNoNikAnywhere();
    for (let i = 0; i < 200; i++) {
      const s = await t.http.get(`/api/v1/submissions/${upload.body.id}`).set(submitter.auth);
      if (s.body.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [loans] = await t.dataSource.query('SELECT count(*)::int AS n FROM loans WHERE cooperative_id = $1', [
      submitter.cooperativeId,
    ]);
    expect(loans.n).toBe(2);
    await expectNoNikAnywhere();
  });

  it('would notice a NIK stored in plain bytes (the check can fail)', async () => {
    const [row] = await t.dataSource.query(`SELECT x::text AS t FROM (SELECT $1::bytea AS data) x`, [
      Buffer.from(`nik\n${NIKS[0]}\n`),
    ]);
    expect(row.t).toMatch(new RegExp(PATTERN));
  });

  async function expectNoNikAnywhere() {
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      // The whole row as text; bytea columns appear as hex there, so the NIKs' hex forms are searched too.
      const [hit] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table_name}" x WHERE x::text ~ $1`, [
        PATTERN,
      ]);
      expect({ table: table_name, rows: hit.n }).toEqual({ table: table_name, rows: 0 });
    }
  }
});
