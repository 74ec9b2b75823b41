import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

type Auth = Record<string, string>;

describe('stale loans (e2e)', () => {
  let t: TestApp;
  const P0 = periodMonthsAgo(0);
  const P1 = periodMonthsAgo(1);
  const P2 = periodMonthsAgo(2);
  const P3 = periodMonthsAgo(3);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const loan = (loanRef: string, period: string, extra: Record<string, unknown> = {}) =>
    record({ nik: testNik(), loanRef, period, ...extra });

  const stale = (auth: Auth, params: Record<string, string | number> = {}) =>
    t.http.get('/api/v1/loans/stale').query(params).set(auth);

  const loanId = async (coopId: string, loanRef: string): Promise<string> =>
    (await t.dataSource.query('SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = $2', [coopId, loanRef]))[0]
      .id;

  it("lists the own coop's active loans missing from its last period, and nothing else", async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const a = submitter.cooperativeId!;
    const nik = testNik();
    const staleNik = testNik();
    await t.factory.submit(a, [
      loan('A-CURRENT', P1), // in the coop's last period: not stale
      loan('A-STALE', P2, { nik: staleNik, outstanding: 1_750_000, daysPastDue: 100 }), // active, missing from P1: stale
      loan('A-PAID', P2, { condition: '02', outstanding: 0 }), // paid off: not active, not stale
      loan('A-BLOCKED', P3, { condition: '13' }), // blocked counts as active: stale
      record({ nik, loanRef: 'A-BOTH', period: P2 }), // reported in P2 and again in P1: not stale
      record({ nik, loanRef: 'A-BOTH', period: P1 }),
      loan('A-SUPPRESSED', P2), // removed by a dispute resolved DELETED: counts nowhere
    ]);
    await t.dataSource.query(
      `UPDATE loans SET suppressed_at = now(), suppressed_by_dispute_id = gen_random_uuid() WHERE cooperative_id = $1 AND loan_ref = 'A-SUPPRESSED'`,
      [a],
    );
    // Another coop reports a newer period: A's last period stays its own (P1), and B's stale loan is B's alone.
    const b = await t.factory.cooperative();
    await t.factory.submit(b.id, [loan('B-CURRENT', P0), loan('B-STALE', P1)]);

    const res = await stale(submitter.auth);

    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const byRef = [...res.body.items].sort((x: { loanRef: string }, y: { loanRef: string }) =>
      x.loanRef.localeCompare(y.loanRef),
    );
    expect(byRef).toEqual([
      {
        id: await loanId(a, 'A-BLOCKED'),
        loanRef: 'A-BLOCKED',
        facilityType: 'INSTALLMENT',
        latestPeriod: P3,
        coopLatestPeriod: P1,
        outstanding: 2_500_000,
        daysPastDue: 0,
        collectibility: 1,
      },
      {
        id: await loanId(a, 'A-STALE'),
        loanRef: 'A-STALE',
        facilityType: 'INSTALLMENT',
        latestPeriod: P2,
        coopLatestPeriod: P1,
        outstanding: 1_750_000,
        daysPastDue: 100,
        collectibility: 3,
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(b.id);

    // B sees its own stale loan against its own last period (P0), never A's.
    const bKey = await t.factory.apiKey(Role.DATA_SUBMITTER, b.id);
    const theirs = await stale(bKey.auth);
    expect(theirs.status).toBe(200);
    expect(
      theirs.body.items.map((i: { loanRef: string; coopLatestPeriod: string }) => [i.loanRef, i.coopLatestPeriod]),
    ).toEqual([['B-STALE', P0]]);

    // Reporting the loan in the last period makes it current again.
    await t.factory.submit(a, [loan('A-STALE', P1, { nik: staleNik })]);
    const after = await stale(submitter.auth);
    expect(after.body.items.map((i: { loanRef: string }) => i.loanRef)).toEqual(['A-BLOCKED']);
  });

  it('pages with limit and nextCursor, without duplicates or gaps', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const coop = admin.cooperativeId!;
    const refs = ['S-1', 'S-2', 'S-3', 'S-4', 'S-5'];
    await t.factory.submit(coop, [loan('NOW', P1), ...refs.map((ref) => loan(ref, P2))]);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await stale(admin.auth, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      sizes.push(res.body.items.length);
      seen.push(...res.body.items.map((i: { loanRef: string }) => i.loanRef));
      cursor = res.body.nextCursor;
    } while (cursor);

    expect(sizes).toEqual([2, 2, 1]);
    expect([...seen].sort()).toEqual(refs);
    // One page of everything gives the same order.
    const whole = await stale(admin.auth, { limit: 500 });
    expect(whole.body.items.map((i: { loanRef: string }) => i.loanRef)).toEqual(seen);
    expect(whole.body.nextCursor).toBeNull();
  });

  it("answers a cursor naming another coop's loan exactly like an unknown cursor", async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const other = await t.factory.cooperative();
    await t.factory.submit(other.id, [loan('THEIRS-NOW', P1), loan('THEIRS-STALE', P2)]);
    // A's stale loans are reported after B's: a cursor read without A's scope would page from B's row to them.
    await t.factory.submit(submitter.cooperativeId!, [loan('MINE-NOW', P1), loan('MINE-STALE', P2)]);
    expect((await stale(submitter.auth)).body.items.map((i: { loanRef: string }) => i.loanRef)).toEqual(['MINE-STALE']);

    const theirs = await stale(submitter.auth, { cursor: await loanId(other.id, 'THEIRS-STALE') });
    const unknown = await stale(submitter.auth, { cursor: randomUUID() });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual(unknown.body);
    expect(theirs.body).toEqual({ items: [], nextCursor: null });
  });

  it('answers an empty list for a coop without loans, and takes only its callers and valid paging', async () => {
    const key = await t.factory.apiKey(Role.DATA_SUBMITTER);
    expect((await stale(key.auth)).body).toEqual({ items: [], nextCursor: null });

    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    expect((await stale(officer.auth)).status).toBe(403);
    const network = await t.factory.signedIn(Role.NETWORK_ADMIN);
    expect((await stale(network.auth)).status).toBe(403);
    expect((await t.http.get('/api/v1/loans/stale')).status).toBe(401);

    const invalid: Record<string, string | number>[] = [{ limit: 501 }, { limit: 0 }, { cursor: 'not-a-uuid' }];
    for (const params of invalid) {
      const res = await stale(key.auth, params);
      expect({ params, status: res.status, code: res.body.error?.code }).toEqual({
        params,
        status: 400,
        code: 'VALIDATION',
      });
    }
  });
});
