import { AlertRaiser } from '../../../src/modules/monitoring/alerts/alert-raiser';
import { periodMonthsAgo, record, testNik } from '../../factories/factory';
import { enrolledUnderConsent, officer, storedAlerts, unmarkSubmission } from '../../factories/monitoring-alerts';
import { waitFor } from '../../helpers/child-process';
import { createTestApp, TestApp } from '../../helpers/test-app';

/**
 * The raiser on the real Postgres (and the in-process worker on Redis, which raises the same pending work from the
 * nudges): one alert per type, masked; none for the coop's own reports or queries, nor without an active consent;
 * exactly one per event however often the raise runs.
 */
describe('monitoring alerts: raising (integration)', () => {
  let t: TestApp;
  let raiser: AlertRaiser;

  beforeAll(async () => {
    t = await createTestApp({ WORKER_IN_PROCESS: 'true' });
    raiser = t.app.get(AlertRaiser);
  });
  afterAll(() => t.close());

  /** Raises, then waits until the worker (which may hold a batch) has marked these submissions done too. */
  async function settle(submissionIds: string[]): Promise<void> {
    await raiser.raisePending();
    await waitFor('the submissions to be raised', async () => {
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM submissions WHERE id = ANY($1) AND alerts_raised_at IS NULL`,
        [submissionIds],
      );
      return row.n === 0;
    });
  }

  async function settleInquiries(cooperativeId: string): Promise<void> {
    await raiser.raisePending();
    await waitFor('the inquiries to be raised', async () => {
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM inquiries WHERE cooperative_id = $1 AND purpose = 'NEW_APPLICATION'
            AND alerts_raised_at IS NULL`,
        [cooperativeId],
      );
      return row.n === 0;
    });
  }

  const lastMonth = periodMonthsAgo(1);
  const monthBefore = periodMonthsAgo(2);
  const recent = `${periodMonthsAgo(2)}-05`;

  /** Coop B's loans for one borrower, each shaped to raise one kind of alert in its second month. */
  function month(nik: string, period: string, second: boolean, refPrefix: string) {
    const loan = (n: number, first: Record<string, unknown>, then: Record<string, unknown>) =>
      record({ nik, loanRef: `${refPrefix}-${n}`, period, disbursedAt: recent, ...(second ? then : first) });
    return [
      loan(1, { daysPastDue: 0 }, { daysPastDue: 45 }), // DELINQUENT
      loan(2, { daysPastDue: 0 }, { daysPastDue: 0, restructureCount: 1 }), // RESTRUCTURED
      loan(3, { daysPastDue: 0 }, { daysPastDue: 0, condition: '03', outstanding: 0 }), // WRITTEN_OFF
      loan(4, { daysPastDue: 40 }, { daysPastDue: 95 }), // COLLECTIBILITY_WORSENED (already delinquent)
    ];
  }

  it('raises one alert per type for the watching coop, the lender masked, never for the reporting coop', async () => {
    const a = await officer(t.factory);
    const b = await officer(t.factory);
    const coopB = await t.dataSource.query(`SELECT name FROM cooperatives WHERE id = $1`, [b.cooperativeId]);
    const nik = testNik();
    await enrolledUnderConsent(t.factory, t.dataSource, a, nik);
    // The reporting coop watches the borrower too: its own reports raise nothing for it.
    await enrolledUnderConsent(t.factory, t.dataSource, b, nik);
    const ref = t.factory.unique('ALRT');

    const first = await t.factory.submit(b.cooperativeId, month(nik, monthBefore, false, ref));
    await settle([first.id]);
    const afterFirst = await storedAlerts(t.dataSource, a.cooperativeId);
    // Four new loans, and loan 4 already past 30 days in its first month.
    expect(afterFirst.map((x) => x.type).sort()).toEqual([
      'DELINQUENT_ELSEWHERE',
      'NEW_LOAN_ELSEWHERE',
      'NEW_LOAN_ELSEWHERE',
      'NEW_LOAN_ELSEWHERE',
      'NEW_LOAN_ELSEWHERE',
    ]);

    const second = await t.factory.submit(b.cooperativeId, month(nik, lastMonth, true, ref));
    await settle([second.id]);
    const alerts = await storedAlerts(t.dataSource, a.cooperativeId);
    const added = alerts.filter((x) => !afterFirst.some((f) => f.id === x.id));
    expect(added.map((x) => [x.type, x.severity]).sort()).toEqual([
      ['COLLECTIBILITY_WORSENED_ELSEWHERE', 'HIGH'],
      ['DELINQUENT_ELSEWHERE', 'HIGH'],
      ['RESTRUCTURED_ELSEWHERE', 'MEDIUM'],
      ['WRITTEN_OFF_ELSEWHERE', 'HIGH'],
    ]);
    for (const alert of added) expect(alert.period).toBe(lastMonth);
    // Masked: the alias the report would show (B is A's only other lender here), the loan by its start date.
    const [loan] = await t.dataSource.query(`SELECT id FROM loans WHERE loan_ref = $1`, [`${ref}-1`]);
    const text = JSON.stringify(alerts);
    expect(text).not.toContain(coopB[0].name);
    expect(text).not.toContain(b.cooperativeId);
    expect(text).not.toContain(ref);
    expect(alerts.every((x) => x.lender_alias === 'Koperasi A')).toBe(true);
    const delinquent = added.find((x) => x.type === 'DELINQUENT_ELSEWHERE')!;
    expect(delinquent.event_key).toBe(`DELINQUENT:${loan.id}:${lastMonth}`);
    expect(delinquent.message_id).toContain('menunggak 45 hari');
    expect(delinquent.message_id).toContain(`pinjaman mulai 05/${monthBefore.slice(5, 7)}/${monthBefore.slice(0, 4)}`);

    expect(await storedAlerts(t.dataSource, b.cooperativeId)).toEqual([]);

    // Exactly once: the same file re-sent, and both submissions raised again (redelivery, crash before the mark),
    // twice at once.
    const again = await t.factory.submit(b.cooperativeId, month(nik, lastMonth, true, ref));
    await unmarkSubmission(t.dataSource, first.id);
    await unmarkSubmission(t.dataSource, second.id);
    await Promise.all([raiser.raisePending(), raiser.raisePending()]);
    await settle([first.id, second.id, again.id]);
    expect((await storedAlerts(t.dataSource, a.cooperativeId)).map((x) => x.id).sort()).toEqual(
      alerts.map((x) => x.id).sort(),
    );
  });

  it('raises an INQUIRY_ELSEWHERE for a NEW_APPLICATION query by another coop, none for the own query', async () => {
    const a = await officer(t.factory);
    const c = await officer(t.factory);
    const nik = testNik();
    await t.factory.submit(a.cooperativeId, [record({ nik, loanRef: t.factory.unique('OWN') })]);
    await enrolledUnderConsent(t.factory, t.dataSource, a, nik);
    await enrolledUnderConsent(t.factory, t.dataSource, c, nik);
    await t.factory.consent(c.auth, nik, 'NEW_APPLICATION');
    const asked = await t.http.post('/api/v1/profiles/query').set(c.auth).send({ nik, purpose: 'NEW_APPLICATION' });
    expect(asked.status).toBe(200);
    await settleInquiries(c.cooperativeId);

    const alerts = await storedAlerts(t.dataSource, a.cooperativeId);
    expect(alerts.map((x) => [x.type, x.severity, x.lender_alias, x.event_key])).toEqual([
      ['INQUIRY_ELSEWHERE', 'LOW', 'Koperasi lain', `INQUIRY:${asked.body.reportId}`],
    ]);
    expect(JSON.stringify(alerts)).not.toContain(c.cooperativeId);
    expect(await storedAlerts(t.dataSource, c.cooperativeId)).toEqual([]);
  });

  it('raises nothing once the consent is revoked or expired, nor for events before the enrolment', async () => {
    const revoked = await officer(t.factory);
    const expired = await officer(t.factory);
    const late = await officer(t.factory);
    const b = await officer(t.factory);
    const nik = testNik();
    const r = await enrolledUnderConsent(t.factory, t.dataSource, revoked, nik);
    const e = await enrolledUnderConsent(t.factory, t.dataSource, expired, nik);
    // Enrolled "in the future": every event of this test is before its enrolment.
    await enrolledUnderConsent(t.factory, t.dataSource, late, nik, "interval '-1 hour'");
    await t.dataSource.query(`UPDATE consents SET revoked_at = now() WHERE id = $1`, [r.consentId]);
    await t.dataSource.query(
      `UPDATE consents SET granted_at = now() - interval '400 days', expires_at = now() - interval '1 second' WHERE id = $1`,
      [e.consentId],
    );
    const sent = await t.factory.submit(b.cooperativeId, month(nik, monthBefore, false, t.factory.unique('GONE')));
    await settle([sent.id]);
    for (const coop of [revoked, expired, late])
      expect(await storedAlerts(t.dataSource, coop.cooperativeId)).toEqual([]);
  });

  it('raises nothing for reports of periods older than three months (a first upload of history)', async () => {
    const a = await officer(t.factory);
    const b = await officer(t.factory);
    const nik = testNik();
    await enrolledUnderConsent(t.factory, t.dataSource, a, nik);
    const ref = t.factory.unique('OLD');
    const sent = await t.factory.submit(
      b.cooperativeId,
      [8, 7, 6, 5].map((k) =>
        record({
          nik,
          loanRef: ref,
          period: periodMonthsAgo(k),
          daysPastDue: k === 5 ? 200 : 0,
          disbursedAt: `${periodMonthsAgo(9)}-01`,
        }),
      ),
    );
    await settle([sent.id]);
    expect(await storedAlerts(t.dataSource, a.cooperativeId)).toEqual([]);
  });
});
