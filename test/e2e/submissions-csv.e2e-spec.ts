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
    expect(done).toMatchObject({
      status: 'COMPLETED',
      source: 'CSV',
      totalRows: 3,
      processedRows: 3,
      accepted: 3,
      rejected: 0,
    });
    const rows = await loansOf(submitter.cooperativeId!);
    expect(rows[1]).toEqual({
      loan_ref: 'PK-2025-000123',
      facility_type: 'INSTALLMENT',
      principal: '5000000',
      credit_limit: '5000000',
      disbursed_at: '2025-03-10',
      maturity_date: '2027-03-10',
      period: '2026-09',
      condition: '00',
      outstanding: '2500000',
      arrears_principal: '250000',
      arrears_interest: '37500',
      days_past_due: 35,
      collectibility: 2,
      paid_amount: '0',
      restructure_count: 0,
    });
    // Empty plafon defaults to plafon_awal; kondisi "0" is "00"; a quoted name may hold the separator.
    expect(rows[2]).toMatchObject({
      loan_ref: 'RK-2024-000045',
      facility_type: 'REVOLVING',
      credit_limit: '10000000',
      condition: '00',
    });
    const [chunks] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM submission_chunks WHERE submission_id = $1',
      [res.body.id],
    );
    expect(chunks.n).toBe(0);
    // The in-process worker then recalculates both borrowers' profiles and clears their markers.
    const keys = (
      await t.dataSource.query('SELECT DISTINCT borrower_key FROM loan_records WHERE submission_id = $1', [res.body.id])
    ).map((r: { borrower_key: string }) => r.borrower_key);
    expect(keys).toHaveLength(2);
    const settled = async () =>
      (
        await t.dataSource.query(
          `SELECT (SELECT count(*)::int FROM borrower_profiles WHERE borrower_key = ANY($1)) AS profiles,
                (SELECT count(*)::int FROM risk_recalc_markers WHERE borrower_key = ANY($1)) AS markers`,
          [keys],
        )
      )[0];
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
    expect(rows[1]).toMatchObject({
      loan_ref: 'PK-2025-000778',
      condition: '03',
      days_past_due: 210,
      collectibility: 5,
      restructure_count: 1,
    });
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
    const [subs] = await t.dataSource.query('SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1', [
      submitter.cooperativeId,
    ]);
    expect(subs.n).toBe(1);
    // Another coop sending the same bytes is a different submission.
    const other = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const theirs = await upload(other.auth, fixture('english-comma.csv'));
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('rejects a file with a ragged row in STRICT mode, naming the line, and applies nothing', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, fixture('ragged.csv'));
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({
      status: 'REJECTED',
      totalRows: 3,
      accepted: 0,
      rejected: 1,
    });
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
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({
      status: 'COMPLETED',
      accepted: 2,
      rejected: 1,
    });
    expect((await loansOf(submitter.cooperativeId!)).map((r: { loan_ref: string }) => r.loan_ref)).toEqual([
      'PK-1',
      'PK-3',
    ]);
  });

  it('reports bad cells with their line and field', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const csv = fixture('english-comma.csv')
      .toString()
      .replace('5000000,5000000', '5000000.50,5000000')
      .replace(',210,', ',10000,');
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
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({
      status: 'REJECTED',
      accepted: 0,
      errorCode: 'CSV.NOT_TEXT',
    });
    expect(await loansOf(submitter.cooperativeId!)).toEqual([]);
  });

  it('rejects a file whose header is not the submission format', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, 'name,amount\nSiti,5000\n');
    expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', errorCode: 'CSV.HEADER' });
    const errors = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth)).text;
    expect(errors).toMatch(/CSV\.MISSING_COLUMN/);
  });

  describe('a NIK outside the nik column (issue 16)', () => {
    const NIK = '3375011203850002';
    const [header, goodRow] = fixture('english-comma.csv').toString().split('\n');

    /** Everything stored about the coop's submissions, as text: no NIK may be in it. */
    const storedText = async (coopId: string): Promise<string> =>
      JSON.stringify(
        await t.dataSource.query(
          `SELECT s.*, (SELECT json_agg(e) FROM submission_errors e WHERE e.submission_id = s.id) AS errors
             FROM submissions s WHERE s.cooperative_id = $1`,
          [coopId],
        ),
      );

    it('refuses a cell holding a NIK as a row error naming row and field, never storing or echoing the value', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const bad = goodRow.replace('Siti Rahmawati', `Siti KTP ${NIK}`).replace('PK-2025-000777', `${NIK}-01`);
      const res = await upload(
        submitter.auth,
        `${header}\n${goodRow.replace('000777', '000779')}\n${bad}\n`,
        'PARTIAL',
      );
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({
        status: 'COMPLETED',
        accepted: 1,
        rejected: 1,
      });
      const errors = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth)).text;
      expect(errors).toMatch(/^3,fullName,RECORD\.NIK_OUTSIDE_NIK_FIELD,/m);
      expect(errors).toMatch(/^3,loanRef,RECORD\.NIK_OUTSIDE_NIK_FIELD,/m);
      expect(errors).not.toContain(NIK);
      expect(await storedText(submitter.cooperativeId!)).not.toContain(NIK);
      expect((await loansOf(submitter.cooperativeId!)).map((r: { loan_ref: string }) => r.loan_ref)).toEqual([
        'PK-2025-000779',
      ]);
    });

    it('refuses a whole file whose header holds a NIK, naming the column by position only', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, `${header},${NIK}\n${goodRow},\n`);
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({
        status: 'REJECTED',
        errorCode: 'CSV.HEADER',
        accepted: 0,
      });
      const errors = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth)).text;
      expect(errors).toMatch(/^1,column 18,CSV\.NIK_IN_HEADER,.*cell 18/m);
      expect(errors).not.toContain(NIK);
      expect(await storedText(submitter.cooperativeId!)).not.toContain(NIK);
      expect(await loansOf(submitter.cooperativeId!)).toEqual([]);
    });

    it('refuses a multipart upload whose file name holds a NIK, storing nothing', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await t.http
        .post('/api/v1/submissions/csv')
        .set(submitter.auth)
        .attach('file', fixture('english-comma.csv'), { filename: `KTP-${NIK}.csv`, contentType: 'text/csv' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION',
        details: [expect.objectContaining({ field: 'file.filename' })],
      });
      expect(JSON.stringify(res.body)).not.toContain(NIK);
      const [subs] = await t.dataSource.query('SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1', [
        submitter.cooperativeId,
      ]);
      expect(subs.n).toBe(0);
    });
  });

  describe('what a bad file may cost (issue 16)', () => {
    const [header, goodRow] = fixture('english-comma.csv').toString().split('\n');

    it('stores at most 1,000 errors, counts all of them by code, and bounds the download', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      // 1,500 rows with 2 bad cells each (a bad principal, days past due out of range): 3,000 problems.
      const bad = goodRow.replace('5000000,5000000', 'x,5000000').replace(/,0,450000,0$/, ',10000,450000,0');
      const rows = Array.from({ length: 1500 }, (_, i) => bad.replace('PK-2025-000777', `PK-${i}`));
      const res = await upload(submitter.auth, `${header}\n${rows.join('\n')}\n`, 'PARTIAL');
      const done = await finished(submitter.auth, res.body.id);
      expect(done).toMatchObject({
        status: 'REJECTED',
        totalRows: 1500,
        rejected: 1500,
        errorsTruncated: true,
        errorCounts: { 'RECORD.FORMAT': 1500, 'RECORD.RANGE': 1500 },
      });
      const [stored] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM submission_errors WHERE submission_id = $1',
        [res.body.id],
      );
      expect(stored.n).toBe(1000);
      const download = await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth);
      const lines = download.text.trim().split('\n');
      expect(lines).toHaveLength(1 + 1000 + 1); // header, the kept errors, the line that says how many more
      expect(lines[lines.length - 1]).toMatch(
        /^,,SUBMISSION\.ERRORS_TRUNCATED,3000 problems were found; the 1000 above .*RECORD\.FORMAT=1500 RECORD\.RANGE=1500/,
      );
      expect(download.text.length).toBeLessThan(200_000);
    });

    it('counts without truncating when everything fits', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, fixture('ragged.csv'));
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({
        errorsTruncated: false,
        errorCounts: { 'CSV.COLUMN_COUNT': 1 },
      });
      const download = await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth);
      expect(download.text).not.toContain('ERRORS_TRUNCATED');
    });
  });

  it('answers an empty file with 400 at once', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await upload(submitter.auth, '');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'file' });
    const [subs] = await t.dataSource.query('SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1', [
      submitter.cooperativeId,
    ]);
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
