import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'csv', name));

describe('CSV submissions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The queue worker runs inside this app, as with WORKER_IN_PROCESS=true.
    t = await createTestApp({ WORKER_IN_PROCESS: 'true' });
  });
  afterAll(() => t.close());

  const upload = (auth: Record<string, string>, body: Buffer | string, mode?: string) =>
    t.http
      .post(`/api/v1/submissions/csv${mode ? `?mode=${mode}` : ''}`)
      .set(auth)
      .set('Content-Type', 'text/csv')
      .send(body);

  async function finished(auth: Record<string, string>, id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await t.http.get(`/api/v1/submissions/${id}`).set(auth);
      if (!['QUEUED', 'PROCESSING'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`submission ${id} did not finish`);
  }

  const loansOf = (coopId: string) =>
    t.dataSource.query(
      `SELECT l.loan_ref, l.facility_type, l.principal, l.credit_limit, l.disbursed_at::text, l.maturity_date::text,
              r.period, r.condition, r.outstanding, r.arrears_principal, r.arrears_interest, r.days_past_due,
              r.collectibility, r.paid_amount, r.restructure_count
         FROM loans l JOIN loan_records r ON r.loan_id = l.id WHERE l.cooperative_id = $1 ORDER BY l.loan_ref, r.period`,
      [coopId],
    );

  it("reads Indonesian Excel's CSV: BOM, ';', Indonesian headers, decimal commas, DD/MM/YYYY", async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, fixture('indonesian-semicolon.csv'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'QUEUED' });
    const done = await finished(submitter.auth, res.body.id);
    expect(done).toMatchObject({ status: 'COMPLETED', source: 'CSV', totalRows: 3, processedRows: 3, accepted: 3, rejected: 0 });
    const rows = await loansOf(submitter.cooperativeId!);
    expect(rows[1]).toEqual({
      loan_ref: 'PK-2025-000123', facility_type: 'INSTALLMENT', principal: '5000000', credit_limit: '5000000',
      disbursed_at: '2025-03-10', maturity_date: '2027-03-10', period: '2026-09', condition: '00', outstanding: '2500000',
      arrears_principal: '250000', arrears_interest: '37500', days_past_due: 35, collectibility: 2, paid_amount: '0',
      restructure_count: 0,
    });
    // Empty plafon defaults to plafon_awal; kondisi "0" is "00"; a quoted name may hold the separator.
    expect(rows[2]).toMatchObject({ loan_ref: 'RK-2024-000045', facility_type: 'REVOLVING', credit_limit: '10000000', condition: '00' });
    const [chunks] = await t.dataSource.query('SELECT count(*)::int AS n FROM submission_chunks WHERE submission_id = $1', [res.body.id]);
    expect(chunks.n).toBe(0);
    // The in-process worker then recalculates both borrowers' profiles and clears their markers.
    const keys = (await t.dataSource.query('SELECT DISTINCT borrower_key FROM loan_records WHERE submission_id = $1', [res.body.id]))
      .map((r: { borrower_key: string }) => r.borrower_key);
    expect(keys).toHaveLength(2);
    const settled = async () =>
      (await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM borrower_profiles WHERE borrower_key = ANY($1)) AS profiles,
                (SELECT count(*)::int FROM risk_recalc_markers WHERE borrower_key = ANY($1)) AS markers`,
        [keys],
      ))[0];
    let state = await settled();
    for (let i = 0; i < 200 && (state.profiles < 2 || state.markers > 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await settled();
    }
    expect(state).toEqual({ profiles: 2, markers: 0 });
  });

  it("reads an English CSV with ',' and headers in any case and spacing", async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, fixture('english-comma.csv'));
    const done = await finished(submitter.auth, res.body.id);
    expect(done).toMatchObject({ status: 'COMPLETED', accepted: 2 });
    const rows = await loansOf(submitter.cooperativeId!);
    expect(rows[1]).toMatchObject({ loan_ref: 'PK-2025-000778', condition: '03', days_past_due: 210, collectibility: 5, restructure_count: 1 });
  });

  it('takes a multipart upload in the field "file"', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await t.http
      .post('/api/v1/submissions/csv')
      .set(submitter.auth)
      .attach('file', fixture('english-comma.csv'), { filename: 'october.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'COMPLETED', accepted: 2 });
  });

  it('recognises the same file sent twice and applies it once', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const first = await upload(submitter.auth, fixture('english-comma.csv'));
    await finished(submitter.auth, first.body.id);
    const second = await upload(submitter.auth, fixture('english-comma.csv'));
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ id: first.body.id, status: 'COMPLETED' });
    const [subs] = await t.dataSource.query('SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1', [submitter.cooperativeId]);
    expect(subs.n).toBe(1);
    // Another coop sending the same bytes is a different submission.
    const other = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const theirs = await upload(other.auth, fixture('english-comma.csv'));
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('rejects a file with a ragged row in STRICT mode, naming the line, and applies nothing', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, fixture('ragged.csv'));
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', totalRows: 3, accepted: 0, rejected: 1 });
    expect(await loansOf(submitter.cooperativeId!)).toEqual([]);
    const errors = await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth);
    expect(errors.status).toBe(200);
    expect(errors.headers['content-type']).toMatch(/text\/csv/);
    expect(errors.text.split('\n')[0]).toBe('row,field,code,message');
    expect(errors.text).toMatch(/^3,row,CSV\.COLUMN_COUNT,/m);
  });

  it('applies the good rows of the same file in PARTIAL mode, even after a STRICT refusal of it', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const strict = await upload(submitter.auth, fixture('ragged.csv'));
    expect(await finished(submitter.auth, strict.body.id)).toMatchObject({ status: 'REJECTED' });
    const res = await upload(submitter.auth, fixture('ragged.csv'), 'PARTIAL');
    expect(res.body.id).not.toBe(strict.body.id);
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'COMPLETED', accepted: 2, rejected: 1 });
    expect((await loansOf(submitter.cooperativeId!)).map((r: { loan_ref: string }) => r.loan_ref)).toEqual(['PK-1', 'PK-3']);
  });

  it('reports bad cells with their line and field', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const csv = fixture('english-comma.csv').toString().replace('5000000,5000000', '5000000.50,5000000').replace(',210,', ',10000,');
    const res = await upload(submitter.auth, csv);
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', rejected: 2 });
    const errors = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth)).text;
    expect(errors).toMatch(/^2,principal,/m);
    expect(errors).toMatch(/^3,daysPastDue,/m);
    expect(errors).not.toContain('3375010112890001');
  });

  it('rejects binary garbage as a file, applying nothing', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, fixture('garbage.bin'));
    expect(res.status).toBe(202);
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', accepted: 0, errorCode: 'CSV.NOT_TEXT' });
    expect(await loansOf(submitter.cooperativeId!)).toEqual([]);
  });

  it('rejects a file whose header is not the submission format', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, 'name,amount\nSiti,5000\n');
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', errorCode: 'CSV.HEADER' });
    const errors = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth)).text;
    expect(errors).toMatch(/CSV\.MISSING_COLUMN/);
  });

  it('answers an empty file with 400 at once', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, '');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'file' });
    const [subs] = await t.dataSource.query('SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1', [submitter.cooperativeId]);
    expect(subs.n).toBe(0);
  });

  it('answers a JSON body on the CSV route with 415', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await t.http.post('/api/v1/submissions/csv').set(submitter.auth).send({ records: [] });
    expect(res.status).toBe(415);
  });

  it('offers a template in both dialects that parses as a valid submission', async () => {
    const id = await t.http.get('/api/v1/submissions/template.csv');
    expect(id.status).toBe(200);
    expect(id.text.charCodeAt(0)).toBe(0xfeff);
    expect(id.text).toContain('nik;nama;tanggal_lahir');
    const en = await t.http.get('/api/v1/submissions/template.csv?lang=en');
    expect(en.text.startsWith('nik,full_name,birth_date')).toBe(true);
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, id.text);
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'COMPLETED', accepted: 1 });
  });
});
