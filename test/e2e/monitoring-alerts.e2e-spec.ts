import { AlertRaiser } from '../../src/modules/monitoring/alerts/alert-raiser';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { enrolledUnderConsent, officer } from '../factories/monitoring-alerts';
import { waitFor } from '../helpers/child-process';
import { createTestApp, TestApp } from '../helpers/test-app';

/** The inbox: a coop's own alerts only, newest first, filtered, acknowledged once, each read audited. */
describe('monitoring alerts inbox (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ WORKER_IN_PROCESS: 'true' });
  });
  afterAll(() => t.close());

  /** Coop A watches a borrower; coop B reports a new loan of it, then that loan 45 days late. Two alerts for A. */
  async function twoAlerts() {
    const a = await officer(t.factory);
    const b = await officer(t.factory);
    const nik = testNik();
    await enrolledUnderConsent(t.factory, t.dataSource, a, nik);
    const loanRef = t.factory.unique('INBOX');
    const base = { nik, loanRef, disbursedAt: `${periodMonthsAgo(2)}-05` };
    const ids = [
      (await t.factory.submit(b.cooperativeId, [record({ ...base, period: periodMonthsAgo(2) })])).id,
      (await t.factory.submit(b.cooperativeId, [record({ ...base, period: periodMonthsAgo(1), daysPastDue: 45 })])).id,
    ];
    await t.app.get(AlertRaiser).raisePending();
    await waitFor('the alerts to be raised', async () => {
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM submissions WHERE id = ANY($1) AND alerts_raised_at IS NULL`,
        [ids],
      );
      return row.n === 0;
    });
    const [coopB] = await t.dataSource.query(`SELECT name FROM cooperatives WHERE id = $1`, [b.cooperativeId]);
    return { a, b, loanRef, coopBName: coopB.name as string };
  }

  it("lists the coop's alerts newest first with the unread count, masked, and audits the read", async () => {
    const { a, b, loanRef, coopBName } = await twoAlerts();
    const res = await t.http.get('/api/v1/monitoring/alerts').set(a.auth);
    expect(res.status).toBe(200);
    expect(res.body.unread).toBe(2);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((x: { type: string }) => x.type)).toEqual(
      expect.arrayContaining(['NEW_LOAN_ELSEWHERE', 'DELINQUENT_ELSEWHERE']),
    );
    expect(res.body.items).toHaveLength(2);
    const [newer, older] = res.body.items;
    expect(Date.parse(newer.raisedAt)).toBeGreaterThanOrEqual(Date.parse(older.raisedAt));
    expect(newer).toMatchObject({
      severity: expect.any(String),
      subject: { ref: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      lender: { alias: 'Koperasi A' },
      message: { id: expect.any(String), en: expect.any(String) },
      acknowledgedAt: null,
      reportAvailable: true,
    });
    const text = JSON.stringify(res.body);
    for (const secret of [coopBName, b.cooperativeId, loanRef]) expect(text).not.toContain(secret);
    expect(Object.keys(newer).sort()).toEqual(
      [
        'id',
        'occurredAt',
        'raisedAt',
        'type',
        'severity',
        'subject',
        'enrollmentId',
        'lender',
        'period',
        'message',
        'acknowledgedAt',
        'reportAvailable',
      ].sort(),
    );
    const [audit] = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'ALERT_READ', outcome: 'ALLOWED' });
    expect(audit.details).toMatchObject({ count: 2, filters: { type: null } });

    const filtered = await t.http.get('/api/v1/monitoring/alerts?type=DELINQUENT_ELSEWHERE&limit=1').set(a.auth);
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((x: { type: string }) => x.type)).toEqual(['DELINQUENT_ELSEWHERE']);
    const page1 = await t.http.get('/api/v1/monitoring/alerts?limit=1').set(a.auth);
    expect(page1.body.nextCursor).toBe(page1.body.items[0].id);
    const page2 = await t.http.get(`/api/v1/monitoring/alerts?limit=1&cursor=${page1.body.nextCursor}`).set(a.auth);
    expect(page2.body.items.map((x: { id: string }) => x.id)).toEqual([older.id]);
    expect((await t.http.get('/api/v1/monitoring/alerts?type=BOGUS').set(a.auth)).status).toBe(400);
  });

  it('acknowledges once (idempotent, audited with the subject) and answers 404 for another coop', async () => {
    const { a, b } = await twoAlerts();
    const list = await t.http.get('/api/v1/monitoring/alerts').set(a.auth);
    const alert = list.body.items[0];

    const other = await t.http.post(`/api/v1/monitoring/alerts/${alert.id}/acknowledge`).set(b.auth);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('MONITORING.ALERT_NOT_FOUND');
    const bList = await t.http.get('/api/v1/monitoring/alerts').set(b.auth);
    expect(bList.body).toMatchObject({ items: [], unread: 0 });

    const ack = await t.http.post(`/api/v1/monitoring/alerts/${alert.id}/acknowledge`).set(a.auth);
    expect(ack.status).toBe(200);
    expect(ack.body.id).toBe(alert.id);
    expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
    const [audit] = await t.factory.auditFor(ack.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'ALERT_READ', outcome: 'ALLOWED', subject_ref: alert.subject.ref });
    const again = await t.http.post(`/api/v1/monitoring/alerts/${alert.id}/acknowledge`).set(a.auth);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);

    const unread = await t.http.get('/api/v1/monitoring/alerts?unread=true').set(a.auth);
    expect(unread.body.unread).toBe(1);
    expect(unread.body.items.map((x: { id: string }) => x.id)).not.toContain(alert.id);
  });

  it('counts the last days by WIB day and type in the digest', async () => {
    const { a } = await twoAlerts();
    const res = await t.http.get('/api/v1/monitoring/alerts/digest?days=7').set(a.auth);
    expect(res.status).toBe(200);
    expect(res.body.days).toBe(7);
    expect(res.body.unread).toBe(2);
    const total = res.body.counts.reduce((n: number, c: { count: number }) => n + c.count, 0);
    expect(total).toBe(2);
    expect(res.body.counts[0].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await t.http.get('/api/v1/monitoring/alerts/digest?days=0').set(a.auth)).status).toBe(400);
  });
});
