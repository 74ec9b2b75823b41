import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { Role } from '../../src/common/auth/role';
import { CSV_COLUMNS } from '../../src/modules/loans/parsing/record-csv';
import {
  isIsoDate,
  MAX_AMOUNT,
  MAX_DAYS_PAST_DUE,
  MAX_RESTRUCTURE_COUNT,
  RECORD_FIELDS,
  RecordField,
} from '../../src/modules/loans/parsing/submission-record';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import {
  expectProperty,
  expectSame,
  expectThat,
  expectWellFormed,
  HOSTILE_ENV,
  holdsRun,
  hostileValue,
  nikInText,
  namesField,
  RAW_NUMBER_TOKENS,
  REMOVE,
  truncate,
  withValue,
} from '../helpers/hostile-input';
import { createTestApp, TestApp } from '../helpers/test-app';
import { findUnstorable } from '../../src/common/validation/storable-text';

type Auth = Record<string, string>;

const INTEGER_FIELDS: Partial<Record<RecordField, { min: number; max: number; optional: boolean }>> = {
  principal: { min: 1, max: MAX_AMOUNT, optional: false },
  creditLimit: { min: 0, max: MAX_AMOUNT, optional: true },
  outstanding: { min: 0, max: MAX_AMOUNT, optional: false },
  arrearsPrincipal: { min: 0, max: MAX_AMOUNT, optional: true },
  arrearsInterest: { min: 0, max: MAX_AMOUNT, optional: true },
  daysPastDue: { min: 0, max: MAX_DAYS_PAST_DUE, optional: false },
  paidAmount: { min: 0, max: MAX_AMOUNT, optional: true },
  restructureCount: { min: 0, max: MAX_RESTRUCTURE_COUNT, optional: true },
};
const DATE_FIELDS: RecordField[] = ['birthDate', 'disbursedAt', 'maturityDate'];

const absent = (v: unknown) =>
  v === REMOVE || v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Whether a record with `value` in `field` may be applied at all: what the API contract allows for the field.
 * A value outside this that got a 201 is a bug (stored garbage); a value inside it may still be refused by a
 * cross-field rule.
 */
function acceptable(field: RecordField, value: unknown): boolean {
  const integer = INTEGER_FIELDS[field];
  if (integer) {
    if (absent(value)) return integer.optional;
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= integer.min && value <= integer.max;
  }
  if (DATE_FIELDS.includes(field)) {
    if (absent(value)) return field === 'maturityDate';
    return typeof value === 'string' && isIsoDate(value.trim()) && Number(value.trim().slice(0, 4)) >= 1900;
  }
  if (field === 'facilityType')
    return (
      value === 'INSTALLMENT' ||
      value === 'REVOLVING' ||
      (typeof value === 'string' && ['INSTALLMENT', 'REVOLVING'].includes(value.trim()))
    );
  if (field === 'condition')
    return typeof value === 'string' && ['00', '02', '03', '04', '12', '13'].includes(value.trim());
  if (field === 'period') return typeof value === 'string' && /^\d{4}-\d{2}$/.test(value.trim());
  if (field === 'nik') return typeof value === 'string' && /^\d{16}$/.test(value.trim());
  if (field === 'loanRef')
    return typeof value === 'string' && /^[A-Za-z0-9._/ -]{1,50}$/.test(value.trim()) && value.trim() !== '';
  if (field === 'fullName') {
    return (
      typeof value === 'string' &&
      value.trim() !== '' &&
      [...value.trim()].length <= 100 &&
      // eslint-disable-next-line no-control-regex -- control characters are what a name may not hold
      !/[\u0000-\u001f\u007f]/.test(value)
    );
  }
  return false;
}

describe('hostile submissions (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let submitter: Auth;
  let nik: string;
  let serial = 0;

  beforeAll(async () => {
    // The queue worker runs inside this app, so that CSV uploads are processed.
    t = await createTestApp({ ...HOSTILE_ENV, WORKER_IN_PROCESS: 'true' });
    const s = await t.factory.signedIn(Role.DATA_SUBMITTER);
    submitter = s.auth;
    coopId = s.cooperativeId!;
    nik = testNik();
  });
  afterAll(() => t.close());

  const applied = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM loans WHERE cooperative_id = $1) AS loans,
                (SELECT count(*)::int FROM loan_records r JOIN loans l ON l.id = r.loan_id WHERE l.cooperative_id = $1) AS records,
                (SELECT count(*)::int FROM loan_record_corrections c JOIN loans l ON l.id = c.loan_id WHERE l.cooperative_id = $1) AS corrections`,
        [coopId],
      )
    )[0];

  /** A valid record for a loan of its own, so that what a 201 stored can be read back. */
  const freshRecord = (overrides: Record<string, unknown> = {}) =>
    record({ nik, loanRef: `HX-${++serial}-${Date.now()}`, period: periodMonthsAgo(1), ...overrides });

  const storedLoan = async (loanRef: string) =>
    (
      await t.dataSource.query(
        `SELECT l.principal, l.credit_limit, l.disbursed_at::text, l.maturity_date::text, l.facility_type, r.period, r.condition,
                r.outstanding, r.arrears_principal, r.arrears_interest, r.days_past_due, r.paid_amount, r.restructure_count
           FROM loans l JOIN loan_records r ON r.loan_id = l.id WHERE l.cooperative_id = $1 AND l.loan_ref = $2`,
        [coopId, loanRef],
      )
    )[0];

  async function submit(body: unknown, what: string, rawText?: string) {
    const req = t.http.post('/api/v1/submissions').set(submitter).set('Content-Type', 'application/json');
    const res = await req.send(rawText ?? JSON.stringify(body));
    return { res, error: expectWellFormed(res, what) };
  }

  it('names the field and row of a hostile value in any record field (STRICT), applies nothing, or stores it exactly', async () => {
    const mutation = fc.tuple(
      fc.nat({ max: 2 }),
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom<string>(...RECORD_FIELDS) },
        { weight: 1, arbitrary: fc.constantFrom('isAdmin', 'cooperativeId', 'borrowerKey', 'collectibility') },
      ),
      fc.oneof({ weight: 9, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant<unknown>(REMOVE) }),
    );
    await expectProperty(
      'submission record fields',
      fc.asyncProperty(mutation, async ([index, field, value]) => {
        const records = [freshRecord(), freshRecord(), freshRecord()];
        const body = withValue({ mode: 'STRICT', records }, `records[${index}].${field}`, value) as {
          records: Record<string, unknown>[];
        };
        const before = await applied();
        const what = `records[${index}].${field} = ${truncate(JSON.stringify(value === REMOVE ? 'REMOVED' : value), 120)}`;
        const { res, error } = await submit(body, what);
        if (res.status === 201) {
          const known = (RECORD_FIELDS as readonly string[]).includes(field);
          if (known ? !acceptable(field as RecordField, value) : value !== REMOVE) {
            throw new Error(`applied a record the contract refuses: ${what} -> ${truncate(res.text)}`);
          }
          const stored = await storedLoan(body.records[index].loanRef as string);
          const integer = INTEGER_FIELDS[field as RecordField];
          if (integer && typeof value === 'number') {
            const column = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
            expectSame(Number(stored[column]), value === 0 ? 0 : value, `${what}: stored`);
          }
          return;
        }
        expectSame(await applied(), before, `${what}: applied`);
        if (error?.code !== 'VALIDATION')
          throw new Error(`refused without VALIDATION: ${what} -> ${res.status} ${truncate(res.text)}`);
        const path = `records[${index}]`;
        const inRow = error.details.filter((d) => d.row === index + 1);
        if (inRow.length === 0 || !namesField(inRow, path))
          throw new Error(`no detail with row ${index + 1} naming ${path}: ${what} -> ${truncate(res.text, 600)}`);
        // Only the mutated record is named.
        expectSame([...new Set(error.details.map((d) => d.row))], [index + 1], `${what}: rows named`);
      }),
      100,
    );
  });

  it('refuses numbers JSON.stringify never writes in record fields, or stores the number JSON means', async () => {
    const numeric = Object.keys(INTEGER_FIELDS) as RecordField[];
    await expectProperty(
      'submission raw numbers',
      fc.asyncProperty(
        fc.constantFrom(...numeric, 'nik', 'period', 'birthDate'),
        fc.constantFrom(...RAW_NUMBER_TOKENS),
        async (field, token) => {
          const marker = '__RAW_NUMBER__';
          const rec = freshRecord({ [field]: marker });
          const text = JSON.stringify({ records: [rec] }).replace(`"${marker}"`, token);
          const before = await applied();
          const what = `records[0].${field} = ${token}`;
          const { res, error } = await submit(null, what, text);
          if (res.status === 201) {
            const value = JSON.parse(text).records[0][field] as unknown;
            if (!acceptable(field, value)) throw new Error(`applied ${what} (${String(value)})`);
            return;
          }
          expectSame(await applied(), before, `${what}: applied`);
          expectSame(res.status, 400, `${what}: status`);
          // Not JSON at all (NaN, +1, 0x10, ...) is the parser's BAD_REQUEST; a JSON number out of range is VALIDATION.
          if (
            error?.code === 'VALIDATION' &&
            !namesField(
              error.details.filter((d) => d.row === 1),
              `records[0].${field}`,
            )
          ) {
            throw new Error(
              `VALIDATION does not name records[0].${field} with row 1: ${what} -> ${truncate(res.text)}`,
            );
          }
        },
      ),
      40,
    );
  });

  it('in PARTIAL mode applies exactly the records that are whole and names the rows of the others', async () => {
    const entry = fc.option(fc.tuple(fc.constantFrom<string>(...RECORD_FIELDS), hostileValue), { nil: null, freq: 2 });
    await expectProperty(
      'submission partial',
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
        const records = entries.map((m) => (m === null ? freshRecord() : { ...freshRecord(), [m[0]]: m[1] }));
        const what = `PARTIAL ${truncate(JSON.stringify(entries), 300)}`;
        const before = await applied();
        const { res, error } = await submit({ mode: 'PARTIAL', records }, what);
        if (entries.some((m) => m !== null && findUnstorable(m[1]) !== null)) {
          // Text Postgres cannot hold refuses the whole request (it never reaches a staging table), naming the row.
          expectSame([res.status, error?.code], [400, 'VALIDATION'], what);
          for (const d of error!.details)
            expectThat(entries[(d.row ?? 0) - 1] !== null, () => `${what}: clean row ${d.row} blamed`);
          expectSame(await applied(), before, `${what}: applied`);
          return;
        }
        expectSame(res.status, 201, `${what}: status`);
        const result = res.body as {
          status: string;
          totalRows: number;
          accepted: number;
          rejected: number;
          errors: { row: number; field: string }[];
        };
        expectSame(
          [result.totalRows, result.accepted + result.rejected],
          [records.length, records.length],
          `${what}: counts`,
        );
        const badRows = new Set(result.errors.map((e) => e.row));
        expectSame(badRows.size, result.rejected, `${what}: rejected rows`);
        for (const e of result.errors) {
          // A clean record is never blamed; a blamed record is named by the field that was made hostile.
          if (entries[e.row - 1] === null)
            throw new Error(`clean row ${e.row} refused: ${what} -> ${truncate(JSON.stringify(result.errors), 400)}`);
          expectThat(typeof e.field === 'string' && e.field !== '', () => `${what}: error without a field`);
        }
        for (const [i, rec] of records.entries()) {
          const stored = await storedLoan(String(rec.loanRef));
          if (badRows.has(i + 1) && typeof rec.loanRef === 'string')
            expectSame(stored, undefined, `${what}: refused row ${i + 1} stored`);
          if (entries[i] === null) expectThat(stored !== undefined, () => `${what}: clean row ${i + 1} not stored`);
        }
      }),
      30,
    );
  });

  it.each([
    ['5,001 records', () => Array.from({ length: 5001 }, () => ({})), 400],
    ['100,000 empty records', () => Array.from({ length: 100_000 }, () => ({})), 400],
    ['100,000 nulls', () => Array.from({ length: 100_000 }, () => null), 400],
    ['100,000 full records (over BODY_LIMIT_BYTES)', () => Array.from({ length: 100_000 }, () => record()), 413],
  ])('refuses %s without a 5xx, naming records, and applies nothing', async (_name, make, status) => {
    const before = await applied();
    const { res, error } = await submit({ records: make() }, String(_name));
    expect(res.status).toBe(status);
    expect(status === 413 || namesField(error!.details, 'records')).toBe(true);
    expect(await applied()).toEqual(before);
  });

  it('refuses a record nested 50,000 levels deep with a 400 naming its row, and applies nothing', async () => {
    const before = await applied();
    const text = JSON.stringify({ records: [freshRecord(), '__DEEP__'] }).replace(
      '"__DEEP__"',
      `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    );
    const { res, error } = await submit(null, 'deep record', text);
    expect(res.status).toBe(400);
    expect(error!.details).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/^records\[1\]/), row: 2 }),
    ]);
    expect(await applied()).toEqual(before);
  });

  // ---------------------------------------------------------------- CSV

  async function finished(id: string) {
    for (let i = 0; i < 400; i++) {
      const res = await t.http.get(`/api/v1/submissions/${id}`).set(submitter);
      if (!['QUEUED', 'PROCESSING'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`submission ${id} did not finish`);
  }

  const CSV_HEADERS = RECORD_FIELDS.flatMap((f) => [CSV_COLUMNS[f].csv, CSV_COLUMNS[f].alias, f.toUpperCase()]);
  const csvCell = (field: string, rec: Record<string, unknown>) => {
    const key = RECORD_FIELDS.find((f) => [CSV_COLUMNS[f].csv, CSV_COLUMNS[f].alias, f.toUpperCase()].includes(field));
    return key && rec[key] !== undefined ? String(rec[key]) : '';
  };
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

  /** CSV-ish text: real or junk headers, either separator, cells valid, hostile or broken, odd line endings. */
  const csvish = fc
    .record({
      header: fc.oneof(
        fc.constant(RECORD_FIELDS.map((f) => CSV_COLUMNS[f].csv)),
        fc.constant(RECORD_FIELDS.map((f) => CSV_COLUMNS[f].alias)),
        fc.shuffledSubarray(CSV_HEADERS, { minLength: 1 }),
        fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 5 }),
      ),
      separator: fc.constantFrom(',', ';', '\t', '|'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      bom: fc.boolean(),
      rows: fc.array(
        fc.array(
          fc.option(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), hostileValue.map(String)), {
            freq: 3,
            nil: null,
          }),
          { maxLength: 20 },
        ),
        { maxLength: 5 },
      ),
      quoteAll: fc.boolean(),
      tail: fc.constantFrom('', '"', '\n\n\n', ';;;;', '"unterminated', '\u0000'),
    })
    .map(({ header, separator, eol, bom, rows, quoteAll, tail }) => {
      const rec = freshRecord();
      const lines = rows.map((cells) =>
        header
          .map((h, i) => {
            const cell = cells[i] === undefined || cells[i] === null ? csvCell(h, rec) : cells[i]!;
            return quoteAll || /[",;\r\n]/.test(cell) ? quote(cell) : cell;
          })
          .join(separator),
      );
      return `${bom ? '\ufeff' : ''}${[header.join(separator), ...lines].join(eol)}${tail}`;
    });

  it('answers random bytes and CSV-ish text with 202 and a submission COMPLETED or REJECTED with row-numbered errors, or a clear 4xx', async () => {
    const file = fc.oneof(
      { weight: 3, arbitrary: csvish },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
    );
    await expectProperty(
      'csv uploads',
      fc.asyncProperty(
        file,
        fc.constantFrom('STRICT', 'PARTIAL'),
        fc.constantFrom('text/csv', 'multipart'),
        async (body, mode, transport) => {
          const before = await applied();
          const what = `${transport} ${mode} ${truncate(JSON.stringify(typeof body === 'string' ? body : body.toString('hex')), 300)}`;
          const req = t.http.post(`/api/v1/submissions/csv?mode=${mode}`).set(submitter);
          const res =
            transport === 'text/csv'
              ? await req.set('Content-Type', 'text/csv').send(typeof body === 'string' ? body : body)
              : await req.attach('file', Buffer.from(body), { filename: 'upload.csv', contentType: 'text/csv' });
          const error = expectWellFormed(res, what);
          if (res.status !== 202) {
            expectSame([res.status, error?.code], [400, 'VALIDATION'], what);
            expectSame(await applied(), before, `${what}: applied`);
            return;
          }
          const done = await finished(res.body.id);
          expectThat(['COMPLETED', 'REJECTED'].includes(done.status), () => `${what}: ended ${done.status}`);
          const errorsCsv = await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter);
          expectSame(errorsCsv.status, 200, `${what}: errors CSV`);
          const errors = parse(errorsCsv.text, { columns: true }) as {
            row: string;
            field: string;
            code: string;
            message: string;
          }[];
          for (const e of errors) {
            const ok = /^\d+$/.test(e.row) && e.field !== '' && /^[A-Z_]+\.[A-Z_]+$/.test(e.code) && e.message !== '';
            expectThat(ok, () => `${what}: error row ${JSON.stringify(e)}`);
          }
          if (done.status === 'REJECTED') {
            expectThat(errors.length > 0, () => `${what}: REJECTED without a single error`);
            expectSame(await applied(), before, `${what}: applied`);
          } else {
            expectSame(done.accepted + done.rejected, done.totalRows, `${what}: counts`);
            expectThat(mode !== 'STRICT' || done.rejected === 0, () => `${what}: STRICT completed with rejected rows`);
          }
        },
      ),
      40,
    );
  });

  // ---------------------------------------------------------------- a NIK outside the nik column (issue 16)

  /** What the coop's submissions left in the database, as text: a refused NIK-like run must be nowhere in it. */
  const storedText = async (): Promise<string> =>
    JSON.stringify(
      await t.dataSource.query(
        `SELECT s.*, (SELECT json_agg(e) FROM submission_errors e WHERE e.submission_id = s.id) AS errors,
                (SELECT json_agg(l.loan_ref) FROM loans l WHERE l.cooperative_id = s.cooperative_id) AS loans
           FROM submissions s WHERE s.cooperative_id = $1`,
        [coopId],
      ),
    );

  const NON_NIK_FIELDS = RECORD_FIELDS.filter((f) => f !== 'nik');

  it("refuses a NIK-like run in any CSV cell outside the nik column as that row's error, storing and echoing none of it", async () => {
    await expectProperty(
      'csv nik in a cell',
      fc.asyncProperty(
        fc.constantFrom(...NON_NIK_FIELDS),
        nikInText,
        fc.constantFrom(',', ';'),
        async (field, nik, separator) => {
          const good = freshRecord();
          const bad = freshRecord();
          const cells = (rec: Record<string, unknown>, hostile: boolean) =>
            RECORD_FIELDS.map((f) => (hostile && f === field ? nik.text : rec[f] === undefined ? '' : String(rec[f])))
              .map((c) => (c.includes(separator) ? quote(c) : c))
              .join(separator);
          const text =
            [RECORD_FIELDS.map((f) => CSV_COLUMNS[f].csv).join(separator), cells(good, false), cells(bad, true)].join(
              '\n',
            ) + '\n';
          const what = `${field} = ${JSON.stringify(nik.text)}`;
          const res = await t.http
            .post('/api/v1/submissions/csv?mode=PARTIAL')
            .set(submitter)
            .set('Content-Type', 'text/csv')
            .send(text);
          expectSame(res.status, 202, `${what}: status`);
          const done = await finished(res.body.id);
          expectSame([done.status, done.accepted, done.rejected], ['COMPLETED', 1, 1], `${what}: outcome`);
          const errorsCsv = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter)).text;
          const errors = parse(errorsCsv, { columns: true }) as { row: string; field: string; code: string }[];
          expectSame(
            errors.map((e) => [e.row, e.field, e.code]),
            [['3', field, 'RECORD.NIK_OUTSIDE_NIK_FIELD']],
            `${what}: errors`,
          );
          expectThat(!holdsRun(errorsCsv, nik.run), () => `${what}: echoed in the errors download`);
          expectThat(!holdsRun(await storedText(), nik.run), () => `${what}: stored`);
          expectThat(
            (await storedLoan(String(bad.loanRef))) === undefined,
            () => `${what}: the refused row was applied`,
          );
        },
      ),
      15,
    );
  });

  it('refuses a CSV whose header holds a NIK-like run, naming the column by position, storing and echoing none of it', async () => {
    await expectProperty(
      'csv nik in the header',
      fc.asyncProperty(nikInText, fc.nat({ max: RECORD_FIELDS.length }), async (nik, at) => {
        const header = RECORD_FIELDS.map((f) => CSV_COLUMNS[f].csv);
        header.splice(at, 0, nik.text.replace(/[,"]/g, ' '));
        const rec = freshRecord();
        const row = RECORD_FIELDS.map((f) => (rec[f] === undefined ? '' : String(rec[f])));
        row.splice(at, 0, '');
        const what = `header cell ${at + 1} = ${JSON.stringify(nik.text)}`;
        const res = await t.http
          .post('/api/v1/submissions/csv')
          .set(submitter)
          .set('Content-Type', 'text/csv')
          .send(`${header.join(',')}\n${row.join(',')}\n`);
        expectSame(res.status, 202, `${what}: status`);
        const done = await finished(res.body.id);
        expectSame([done.status, done.errorCode], ['REJECTED', 'CSV.HEADER'], `${what}: outcome`);
        const errorsCsv = (await t.http.get(`/api/v1/submissions/${res.body.id}/errors`).set(submitter)).text;
        const errors = parse(errorsCsv, { columns: true }) as { row: string; field: string; code: string }[];
        expectThat(
          errors.some((e) => e.field === `column ${at + 1}` && e.code === 'CSV.NIK_IN_HEADER'),
          () => `${what}: ${errorsCsv}`,
        );
        expectThat(!holdsRun(errorsCsv, nik.run) && !holdsRun(JSON.stringify(done), nik.run), () => `${what}: echoed`);
        expectThat(!holdsRun(await storedText(), nik.run), () => `${what}: stored`);
      }),
      10,
    );
  });
});
