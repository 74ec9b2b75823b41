import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { scratchDatabase } from '../helpers/scratch-services';
import { createTestApp, TestApp } from '../helpers/test-app';

// Its own database: the totals cover the whole network, so no other test's coop may be in it.
describe('network stats (e2e)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let t: TestApp;
  const P1 = periodMonthsAgo(1);
  const P2 = periodMonthsAgo(2);

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:netstats`,
    });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const loan = (
    loanRef: string,
    period: string,
    outstanding: number,
    daysPastDue: number,
    condition = '00',
    nik = testNik(),
  ) => record({ nik, loanRef, period, outstanding, daysPastDue, condition });

  /** An open or resolved dispute straight into the table, due `dueInDays` from now. */
  async function dispute(
    loanRef: string,
    coopId: string,
    userId: string,
    status: 'OPEN' | 'RESOLVED',
    dueInDays: number,
  ) {
    await t.dataSource.query(
      `INSERT INTO disputes (loan_id, cooperative_id, borrower_key, status, resolution, reason, opened_by_user_id,
                             opened_at, due_at, resolved_at, resolved_by_user_id)
       SELECT l.id, l.cooperative_id, l.borrower_key, $3::text, CASE WHEN $3::text = 'RESOLVED' THEN 'CONFIRMED' END,
              'wrong amount', $4::uuid, now() - interval '40 days', now() + make_interval(days => $5),
              CASE WHEN $3::text = 'RESOLVED' THEN now() END, CASE WHEN $3::text = 'RESOLVED' THEN $4::uuid END
         FROM loans l WHERE l.cooperative_id = $1 AND l.loan_ref = $2`,
      [coopId, loanRef, status, userId, dueInDays],
    );
  }

  it('reports freshness, stale loans, NPL and overdue disputes per coop and over the network', async () => {
    const a = await t.factory.cooperative({ name: 'KSP Alpha' });
    const b = await t.factory.cooperative({ name: 'KSP Beta' });
    const c = await t.factory.cooperative({ name: 'KSP Gamma' }); // reports nothing
    await t.factory.submit(a.id, [
      loan('A1', P1, 4_000_000, 0), // collectibility 1
      loan('A2', P1, 1_000_000, 100), // collectibility 3: NPL
      loan('A3', P2, 500_000, 0), // active, missing from P1: stale
      loan('A4', P1, 0, 0, '02'), // paid off: not active
      loan('A5', P1, 9_000_000, 200), // suppressed below by a dispute resolved DELETED: counts nowhere
    ]);
    await t.dataSource.query(
      `UPDATE loans SET suppressed_at = now(), suppressed_by_dispute_id = gen_random_uuid() WHERE cooperative_id = $1 AND loan_ref = 'A5'`,
      [a.id],
    );
    const b3 = testNik();
    await t.factory.submit(b.id, [
      loan('B1', P1, 3_000_000, 200), // collectibility 5: NPL
      loan('B2', P1, 2_000_000, 0, '13'), // blocked counts as active
      loan('B3', P2, 1_600_000, 150, '00', b3), // NPL in P2 only: the latest record decides
      loan('B3', P1, 1_500_000, 0, '00', b3),
    ]);
    const officer = await t.factory.user(Role.LOAN_OFFICER, c.id);
    await dispute('B1', b.id, officer.id, 'OPEN', -1); // overdue
    await dispute('B2', b.id, officer.id, 'OPEN', 5); // open, not yet due
    await dispute('A1', a.id, officer.id, 'RESOLVED', -1); // resolved: not overdue
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);

    const res = await t.http.get('/api/v1/network/stats').set(admin.auth);

    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.cooperatives.map((x: { name: string }) => [x.name, x]));
    expect(res.body.cooperatives.map((x: { name: string }) => x.name)).toEqual(['KSP Alpha', 'KSP Beta', 'KSP Gamma']);
    // Alpha: active A1 + A2 + A3 = 4,000,000 + 1,000,000 + 500,000 = 5,500,000; NPL A2 = 1,000,000;
    // 1,000,000 / 5,500,000 = 0.181818... -> 0.1818
    expect(byName['KSP Alpha']).toMatchObject({
      id: a.id,
      type: 'KSP',
      status: 'ACTIVE',
      lastPeriod: P1,
      activeLoans: 3,
      staleLoans: 1,
      totalOutstanding: 5_500_000,
      nplOutstanding: 1_000_000,
      nplRatio: 0.1818,
      overdueDisputes: 0,
    });
    // Beta: active B1 + B2 + B3 = 3,000,000 + 2,000,000 + 1,500,000 = 6,500,000; NPL B1 = 3,000,000;
    // 3,000,000 / 6,500,000 = 0.461538... -> 0.4615
    expect(byName['KSP Beta']).toMatchObject({
      lastPeriod: P1,
      activeLoans: 3,
      staleLoans: 0,
      totalOutstanding: 6_500_000,
      nplOutstanding: 3_000_000,
      nplRatio: 0.4615,
      overdueDisputes: 1,
    });
    expect(byName['KSP Gamma']).toEqual({
      id: c.id,
      name: 'KSP Gamma',
      type: 'KSP',
      district: c.district,
      status: 'ACTIVE',
      lastPeriod: null,
      lastReportedAt: null,
      activeLoans: 0,
      staleLoans: 0,
      totalOutstanding: 0,
      nplOutstanding: 0,
      nplRatio: null,
      overdueDisputes: 0,
    });
    const [finished] = await t.dataSource.query(
      `SELECT max(finished_at) AS at FROM submissions WHERE cooperative_id = $1 AND status = 'COMPLETED'`,
      [a.id],
    );
    expect(byName['KSP Alpha'].lastReportedAt).toBe(finished.at.toISOString());
    // Network: 5,500,000 + 6,500,000 = 12,000,000 active; NPL 1,000,000 + 3,000,000 = 4,000,000;
    // 4,000,000 / 12,000,000 = 0.3333... -> 0.3333 (not the mean of 0.1818 and 0.4615)
    expect(res.body.totals).toEqual({
      cooperatives: 3,
      reportingCooperatives: 2,
      lastPeriod: P1,
      activeLoans: 6,
      staleLoans: 1,
      totalOutstanding: 12_000_000,
      nplOutstanding: 4_000_000,
      nplRatio: 0.3333,
      overdueDisputes: 1,
    });
    expect(Date.parse(res.body.generatedAt)).not.toBeNaN();
  });

  it('lets the network auditor read them too', async () => {
    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const res = await t.http.get('/api/v1/network/stats').set(auditor.auth);
    expect(res.status).toBe(200);
    expect(res.body.totals.cooperatives).toBeGreaterThanOrEqual(3);
  });

  it.each([Role.COOP_ADMIN, Role.AUDITOR, Role.LOAN_OFFICER, Role.DATA_SUBMITTER])('refuses %s (403)', async (role) => {
    const coop = await t.factory.cooperative();
    const user = await t.factory.signedIn(role, coop.id);
    const res = await t.http.get('/api/v1/network/stats').set(user.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a coop API key (403) and no credentials (401)', async () => {
    const key = await t.factory.apiKey(Role.DATA_SUBMITTER);
    expect((await t.http.get('/api/v1/network/stats').set(key.auth)).status).toBe(403);
    expect((await t.http.get('/api/v1/network/stats')).status).toBe(401);
  });
});
