import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('JSON submissions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const submit = (
    auth: Record<string, string>,
    records: unknown[],
    mode?: string,
    headers: Record<string, string> = {},
  ) =>
    t.http
      .post('/api/v1/submissions')
      .set(auth)
      .set(headers)
      .send({ ...(mode ? { mode } : {}), records });

  const loansOf = (coopId: string) =>
    t.dataSource.query(
      `SELECT l.loan_ref, l.principal, r.period, r.days_past_due, r.collectibility, r.outstanding, r.revision
         FROM loans l JOIN loan_records r ON r.loan_id = l.id WHERE l.cooperative_id = $1 ORDER BY l.loan_ref, r.period`,
      [coopId],
    );

  it('applies a valid STRICT submission, derives collectibility, marks borrowers and audits', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const nik = testNik();
    const res = await submit(submitter.auth, [
      record({ nik, loanRef: 'A-1', period: periodMonthsAgo(2), daysPastDue: 0 }),
      record({ nik, loanRef: 'A-1', period: periodMonthsAgo(1), daysPastDue: 95 }),
      record({ nik: testNik(), loanRef: 'B-1', daysPastDue: 200, condition: '03' }),
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      status: 'COMPLETED',
      totalRows: 3,
      accepted: 3,
      rejected: 0,
      errors: [],
      errorsTruncated: false,
      errorCounts: {},
    });
    const rows = await loansOf(submitter.cooperativeId!);
    expect(rows.map((r: { loan_ref: string; collectibility: number }) => [r.loan_ref, r.collectibility])).toEqual([
      ['A-1', 1],
      ['A-1', 3],
      ['B-1', 5],
    ]);
    expect(rows[0].principal).toBe('5000000');
    const markers = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM risk_recalc_markers WHERE submission_id = $1`,
      [res.body.id],
    );
    expect(markers[0].n).toBe(2);
    const audit = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audit.map((a: { action: string; outcome: string }) => `${a.action}:${a.outcome}`)).toEqual([
      'SUBMISSION_RECEIVED:ALLOWED',
      'SUBMISSION_APPLIED:ALLOWED',
    ]);
  });

  it('refuses a STRICT submission with any bad record: 400 naming each field and row, nothing applied', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await submit(submitter.auth, [
      record({ loanRef: 'OK-1' }),
      record({ loanRef: 'BAD-1', daysPastDue: 10000, outstanding: -5 }),
      record({ loanRef: 'BAD-2', nik: '3375013212890001' }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    const details = res.body.error.details.map((d: { field: string; row: number }) => `${d.row}:${d.field}`);
    expect(details).toEqual(
      expect.arrayContaining(['2:records[1].daysPastDue', '2:records[1].outstanding', '3:records[2].nik']),
    );
    expect(JSON.stringify(res.body)).not.toContain('3375013212890001');
    expect(await loansOf(submitter.cooperativeId!)).toEqual([]);
    const [sub] = await t.dataSource.query(`SELECT status, rejected FROM submissions WHERE cooperative_id = $1`, [
      submitter.cooperativeId,
    ]);
    expect(sub).toEqual({ status: 'REJECTED', rejected: 2 });
  });

  it('applies the good records of a PARTIAL submission and reports the bad ones', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await submit(
      submitter.auth,
      [record({ loanRef: 'OK-1' }), record({ loanRef: 'BAD-1', facilityType: 'LEASE' })],
      'PARTIAL',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'COMPLETED', totalRows: 2, accepted: 1, rejected: 1 });
    expect(res.body.errors).toEqual([
      {
        row: 2,
        field: 'facilityType',
        column: 'facilityType',
        code: expect.any(String),
        message: expect.any(String),
        messageId: 'Harus salah satu dari INSTALLMENT, REVOLVING.',
      },
    ]);
    expect((await loansOf(submitter.cooperativeId!)).map((r: { loan_ref: string }) => r.loan_ref)).toEqual(['OK-1']);
  });

  it.each([
    [
      'a record repeated for the same loan and period',
      [record({ loanRef: 'D-1' }), record({ loanRef: 'D-1', daysPastDue: 5 })],
      2,
      'RECORD.DUPLICATE',
    ],
    [
      'one loan under two NIKs',
      [
        record({ loanRef: 'X-1', nik: '3375010112890001' }),
        record({ loanRef: 'X-1', nik: '3375010112890002', period: periodMonthsAgo(2) }),
      ],
      1,
      'RECORD.LOAN_BORROWER_CHANGED',
    ],
  ])('refuses %s', async (_name, records, row, code) => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await submit(submitter.auth, records);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ row, code })]));
  });

  it('replaces a re-sent (loan, period) and keeps the earlier values as a correction', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    await submit(submitter.auth, [record({ loanRef: 'C-1', daysPastDue: 0, outstanding: 2_000_000 })]);
    const again = await submit(submitter.auth, [record({ loanRef: 'C-1', daysPastDue: 0, outstanding: 2_000_000 })]);
    expect(again.status).toBe(201);
    const corrected = await submit(submitter.auth, [
      record({ loanRef: 'C-1', daysPastDue: 45, outstanding: 2_100_000 }),
    ]);
    expect(corrected.status).toBe(201);
    const [row] = await loansOf(submitter.cooperativeId!);
    expect(row).toMatchObject({ days_past_due: 45, outstanding: '2100000', revision: 2, collectibility: 2 });
    const history = await t.dataSource.query(
      `SELECT c.previous, c.replaced_by_submission_id FROM loan_record_corrections c JOIN loans l ON l.id = c.loan_id WHERE l.cooperative_id = $1`,
      [submitter.cooperativeId],
    );
    expect(history).toEqual([
      {
        previous: expect.objectContaining({ daysPastDue: 0, outstanding: 2000000, revision: 1 }),
        replaced_by_submission_id: corrected.body.id,
      },
    ]);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, applying nothing twice', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const body = [record({ loanRef: 'I-1' })];
    const key = { 'Idempotency-Key': t.factory.unique('idem') };
    const first = await submit(submitter.auth, body, undefined, key);
    const retry = await submit(submitter.auth, body, undefined, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const subs = await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1`, [
      submitter.cooperativeId,
    ]);
    expect(subs[0].n).toBe(1);
    const reused = await submit(submitter.auth, [record({ loanRef: 'I-2' })], undefined, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('replays a STRICT refusal identically too', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const key = { 'Idempotency-Key': t.factory.unique('idem') };
    const bad = [record({ daysPastDue: -1 })];
    const first = await submit(submitter.auth, bad, undefined, key);
    const retry = await submit(submitter.auth, bad, undefined, key);
    expect(first.status).toBe(400);
    expect(retry.status).toBe(400);
    expect(retry.body.error.details).toEqual(first.body.error.details);
  });

  it.each([
    ['no records', { records: [] }, 'records'],
    ['too many records', { records: Array.from({ length: 5001 }, () => ({})) }, 'records'],
    ['records not an array', { records: 'x' }, 'records'],
    ['an unknown mode', { mode: 'SOMETIMES', records: [record()] }, 'mode'],
  ])('refuses %s with 400', async (_name, body, field) => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await t.http.post('/api/v1/submissions').set(submitter.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("keeps a coop's submissions to itself", async () => {
    const a = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const b = await t.factory.signedIn(Role.COOP_ADMIN);
    const { body } = await submit(a.auth, [record()]);
    expect((await t.http.get(`/api/v1/submissions/${body.id}`).set(b.auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/submissions/${body.id}/errors`).set(b.auth)).status).toBe(404);
    const own = await t.http.get(`/api/v1/submissions/${body.id}`).set(a.auth);
    expect(own.body).toMatchObject({
      id: body.id,
      status: 'COMPLETED',
      source: 'JSON',
      totalRows: 1,
      processedRows: 1,
    });
    const list = await t.http.get('/api/v1/submissions').set(b.auth);
    expect(list.body.items).toEqual([]);
  });

  it("lists the coop's submissions oldest first, or newest first with ?order=desc, a page at a time", async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(submitter.auth, [record({ loanRef: `ORD-${i}` })])).body.id);
    const page = (query: string) => t.http.get(`/api/v1/submissions?${query}`).set(submitter.auth);

    expect((await page('limit=10')).body.items.map((s: { id: string }) => s.id)).toEqual(ids);
    const first = await page('order=desc&limit=2');
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const second = await page(`order=desc&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await page('order=newest')).status).toBe(400);
  });

  describe('a NIK outside a nik field (issue 16)', () => {
    const NIK = '3375011203850002';

    const storedText = async (coopId: string): Promise<string> =>
      JSON.stringify(
        await t.dataSource.query(
          `SELECT s.*, (SELECT json_agg(e) FROM submission_errors e WHERE e.submission_id = s.id) AS errors,
                  (SELECT json_agg(l) FROM loans l WHERE l.cooperative_id = s.cooperative_id) AS loans
             FROM submissions s WHERE s.cooperative_id = $1`,
          [coopId],
        ),
      );

    it('refuses loanRef "<NIK>-01" with 400 VALIDATION naming the field, storing nothing of it', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await submit(submitter.auth, [record({ loanRef: `${NIK}-01` })]);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      // The global validation pipe (records[0].loanRef) or the record rules (records[0].loanRef, row 1) name it.
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContainEqual(
        expect.stringMatching(/^records(\[0\]|\.0)\.loanRef$/),
      );
      expect(JSON.stringify(res.body)).not.toContain(NIK);
      expect(await storedText(submitter.cooperativeId!)).not.toContain(NIK);
    });

    it('refuses an Idempotency-Key holding a NIK with 400 VALIDATION naming it, storing nothing', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await submit(submitter.auth, [record()], undefined, { 'Idempotency-Key': `batch-${NIK}` });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION',
        details: [expect.objectContaining({ field: 'Idempotency-Key' })],
      });
      expect(JSON.stringify(res.body)).not.toContain(NIK);
      const [subs] = await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1`, [
        submitter.cooperativeId,
      ]);
      expect(subs.n).toBe(0);
    });
  });

  describe('what a bad submission may cost (issue 16)', () => {
    const stored = async (id: string): Promise<number> =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM submission_errors WHERE submission_id = $1`, [id]))[0]
        .n;

    // 600 records, each with two bad values and an unknown field of its own: 1,800 problems.
    const badRecords = () =>
      Array.from({ length: 600 }, (_, i) =>
        record({ loanRef: `CAP-${i}`, daysPastDue: 10000, outstanding: -1, [`extra${i}`]: 1 }),
      );

    it('PARTIAL: answers and stores at most 1,000 errors, with counts by code for all of them', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await submit(submitter.auth, badRecords(), 'PARTIAL');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'REJECTED',
        totalRows: 600,
        rejected: 600,
        errorsTruncated: true,
        errorCounts: { 'RECORD.RANGE': 1200, 'RECORD.UNKNOWN_FIELD': 600 },
      });
      expect(res.body.errors).toHaveLength(1000);
      expect(await stored(res.body.id)).toBe(1000);
      const got = await t.http.get(`/api/v1/submissions/${res.body.id}`).set(submitter.auth);
      expect(got.body).toMatchObject({
        errorsTruncated: true,
        errorCounts: { 'RECORD.RANGE': 1200, 'RECORD.UNKNOWN_FIELD': 600 },
      });
      const download = await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter.auth);
      const lines = download.text.trim().split('\n');
      expect(lines).toHaveLength(1 + 1000 + 1);
      expect(lines[1001]).toMatch(/^,,SUBMISSION\.ERRORS_TRUNCATED,1800 problems were found/);
    });

    it('STRICT: the 400 lists at most 1,000 details and says that more were found', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await submit(submitter.auth, badRecords());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details).toHaveLength(1000);
      expect(res.body.error.details[0]).toMatchObject({ row: 1, field: 'records[0].outstanding' });
      expect(res.body.error.message).toMatch(/1800 problems were found, only the first 1000 are listed/);
    });

    it('lists an unknown field once however many records repeat it', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const records = Array.from({ length: 300 }, (_, i) => record({ loanRef: `UK-${i}`, foo: 1, bar: 2 }));
      const res = await submit(submitter.auth, records, 'PARTIAL');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        rejected: 300,
        errorsTruncated: false,
        errorCounts: { 'RECORD.UNKNOWN_FIELD': 600 },
      });
      expect(res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
        '1:foo',
        '1:bar',
      ]);
      expect(await stored(res.body.id)).toBe(2);
    });
  });

  describe('implausible records (issue 16)', () => {
    it.each<[string, Record<string, unknown>, string, string]>([
      [
        'principal 1 with outstanding 10^12',
        { principal: 1, outstanding: 10 ** 12 },
        'outstanding',
        'RECORD.OUTSTANDING_IMPLAUSIBLE',
      ],
      [
        'condition 02 (paid off) with 9,999 days past due',
        { condition: '02', outstanding: 0, daysPastDue: 9999 },
        'daysPastDue',
        'RECORD.PAID_OFF_DAYS_PAST_DUE',
      ],
      [
        'outstanding 0 with arrears of 2 x 10^12',
        { outstanding: 0, arrearsPrincipal: 10 ** 12, arrearsInterest: 10 ** 12 },
        'arrearsPrincipal',
        'RECORD.ARREARS_EXCEED_OUTSTANDING',
      ],
      ['maturity 9999-12-31', { maturityDate: '9999-12-31' }, 'maturityDate', 'RECORD.MATURITY_TOO_FAR'],
      ['a name of zero-width characters', { fullName: '\u200b\u200b\u200b' }, 'fullName', 'RECORD.FORMAT'],
    ])('refuses %s as a row error with a code, applying nothing', async (_name, patch, field, code) => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await submit(
        submitter.auth,
        [record({ loanRef: 'OK-1' }), record({ nik: testNik(), loanRef: 'BAD-1', ...patch })],
        'PARTIAL',
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(res.body.errors).toContainEqual(expect.objectContaining({ row: 2, field, code }));
      expect((await loansOf(submitter.cooperativeId!)).map((r: { loan_ref: string }) => r.loan_ref)).toEqual(['OK-1']);
    });
  });
});
