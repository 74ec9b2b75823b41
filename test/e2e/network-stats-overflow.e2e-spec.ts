import { Role } from '../../src/common/auth/role';
import { MAX_AMOUNT } from '../../src/modules/loans/parsing/submission-record';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { scratchDatabase } from '../helpers/scratch-services';
import { createTestApp, TestApp } from '../helpers/test-app';

const MAX = Number.MAX_SAFE_INTEGER;
// Copies of each loan, so that 2 x (1 + COPIES) loans at the record cap sum past 2^53: 9,202 x Rp 1e12 = 9.202e15.
const COPIES = 4_600;

// Its own database: these sums would be in every other test's network totals.
describe('network stats past 2^53 (e2e)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let t: TestApp;
  const P1 = periodMonthsAgo(1);

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:netstats-overflow`,
    });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('answers 200 with sums past 2^53 capped and flagged, and the NPL ratio computed on the exact sums', async () => {
    const huge = await t.factory.cooperative({ name: 'KSP Huge' });
    const small = await t.factory.cooperative({ name: 'KSP Small' });
    const atCap = { principal: MAX_AMOUNT, outstanding: MAX_AMOUNT, paidAmount: 0 };
    await t.factory.submit(huge.id, [
      record({ nik: testNik(), loanRef: 'OK', period: P1, daysPastDue: 0, ...atCap }),
      record({ nik: testNik(), loanRef: 'NPL', period: P1, daysPastDue: 100, ...atCap }), // collectibility 3
    ]);
    await t.factory.submit(small.id, [
      record({ nik: testNik(), loanRef: 'S1', period: P1, outstanding: 1_000_000, daysPastDue: 0 }),
    ]);
    // Every record is within the cap; only their number makes the sum large. Copied in SQL rather than submitted.
    await t.dataSource.query(
      `INSERT INTO loans (cooperative_id, loan_ref, borrower_key, facility_type, principal, credit_limit, disbursed_at,
                          maturity_date, latest_period)
       SELECT cooperative_id, loan_ref || '#' || g, borrower_key, facility_type, principal, credit_limit, disbursed_at,
              maturity_date, latest_period
         FROM loans, generate_series(1, $2::int) g WHERE cooperative_id = $1`,
      [huge.id, COPIES],
    );
    await t.dataSource.query(
      `INSERT INTO loan_records (loan_id, period, borrower_key, condition, outstanding, arrears_principal, arrears_interest,
                                 days_past_due, collectibility, collectibility_rule_version, paid_amount,
                                 restructure_count, submission_id)
       SELECT n.id, r.period, r.borrower_key, r.condition, r.outstanding, r.arrears_principal, r.arrears_interest,
              r.days_past_due, r.collectibility, r.collectibility_rule_version, r.paid_amount, r.restructure_count,
              r.submission_id
         FROM loans o JOIN loan_records r ON r.loan_id = o.id
         JOIN loans n ON n.cooperative_id = o.cooperative_id AND n.loan_ref LIKE o.loan_ref || '#%'
        WHERE o.cooperative_id = $1 AND o.loan_ref NOT LIKE '%#%'`,
      [huge.id],
    );
    const [{ sum }] = await t.dataSource.query(
      `SELECT sum(r.outstanding)::text AS sum FROM loans l JOIN loan_records r ON r.loan_id = l.id WHERE l.cooperative_id = $1`,
      [huge.id],
    );
    expect(BigInt(sum)).toBe(9_202n * BigInt(MAX_AMOUNT));
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);

    const res = await t.http.get('/api/v1/network/stats').set(admin.auth);

    expect(res.status).toBe(200);
    expect(res.body.amountsCapped).toBe(true);
    const byName = Object.fromEntries(res.body.cooperatives.map((c: { name: string }) => [c.name, c]));
    // 9,202e12 shows as 2^53 - 1; 4,601e12 fits and is exact; 4,601 / 9,202 = 0.5 (the capped figure would give 0.5108).
    expect(byName['KSP Huge']).toMatchObject({
      activeLoans: 9_202,
      totalOutstanding: MAX,
      nplOutstanding: 4_601_000_000_000_000,
      nplRatio: 0.5,
    });
    expect(byName['KSP Small']).toMatchObject({
      activeLoans: 1,
      totalOutstanding: 1_000_000,
      nplOutstanding: 0,
      nplRatio: 0,
    });
    // 4,601e12 / (9,202e12 + 1e6) = 0.49999999... -> 0.5
    expect(res.body.totals).toMatchObject({
      activeLoans: 9_203,
      totalOutstanding: MAX,
      nplOutstanding: 4_601_000_000_000_000,
      nplRatio: 0.5,
    });
    // The body is plain JSON numbers, each a whole number JSON carries exactly.
    expect(res.text).toContain(`"totalOutstanding":${MAX}`);
  });
});
