import { AlertRaiser } from '../../../src/modules/monitoring/alerts/alert-raiser';
import { periodMonthsAgo, record, testNik } from '../../factories/factory';
import { enrolledUnderConsent, officer, storedAlerts, unmarkSubmission } from '../../factories/monitoring-alerts';
import { waitFor } from '../../helpers/child-process';
import { createTestApp, TestApp } from '../../helpers/test-app';

/**
 * Many borrowers, several raisers at once (two here and the in-process worker), webhooks of the watching coop: one
 * alert per event, one delivery per alert and live webhook (created PENDING; the deliverer may have moved on since) (none to a deleted one), however often it runs.
 */
describe('monitoring alerts: exactly once under concurrent raises (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ WORKER_IN_PROCESS: 'true' });
  });
  afterAll(() => t.close());

  it('stores each event once and its deliveries once, with two raisers and a re-run', async () => {
    const a = await officer(t.factory);
    const b = await officer(t.factory);
    const webhook = async (deleted: boolean) => {
      const [row] = await t.dataSource.query(
        `INSERT INTO monitoring_webhooks (cooperative_id, url, secret_sealed, deleted_at)
         VALUES ($1, 'http://127.0.0.1:9/hook', '\\x00'::bytea, ${deleted ? 'now()' : 'NULL'}) RETURNING id`,
        [a.cooperativeId],
      );
      return row.id as string;
    };
    const live = [await webhook(false), await webhook(false)];
    await webhook(true);
    const niks = Array.from({ length: 40 }, () => testNik());
    for (const nik of niks) await enrolledUnderConsent(t.factory, t.dataSource, a, nik);
    const ref = t.factory.unique('ONCE');
    const records = niks.map((nik, i) =>
      record({ nik, loanRef: `${ref}-${i}`, period: periodMonthsAgo(1), disbursedAt: `${periodMonthsAgo(1)}-01` }),
    );
    const sent = [
      (await t.factory.submit(b.cooperativeId, records.slice(0, 20))).id,
      (await t.factory.submit(b.cooperativeId, records.slice(20))).id,
    ];
    const raiser = t.app.get(AlertRaiser);
    const runAll = async () => {
      await Promise.all([raiser.raisePending(), raiser.raisePending()]);
      await waitFor('the submissions to be raised', async () => {
        const [row] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM submissions WHERE id = ANY($1) AND alerts_raised_at IS NULL`,
          [sent],
        );
        return row.n === 0;
      });
    };
    await runAll();
    for (const id of sent) await unmarkSubmission(t.dataSource, id);
    await runAll();

    const alerts = await storedAlerts(t.dataSource, a.cooperativeId);
    expect(alerts).toHaveLength(40);
    expect(new Set(alerts.map((x) => x.event_key)).size).toBe(40);
    expect(alerts.every((x) => x.type === 'NEW_LOAN_ELSEWHERE')).toBe(true);
    const deliveries: { webhook_id: string; n: number }[] = await t.dataSource.query(
      `SELECT d.webhook_id, count(*)::int AS n FROM monitoring_webhook_deliveries d
         JOIN monitoring_alerts a ON a.id = d.alert_id
        WHERE a.cooperative_id = $1 GROUP BY d.webhook_id ORDER BY d.webhook_id`,
      [a.cooperativeId],
    );
    expect(deliveries).toEqual(live.sort().map((id) => ({ webhook_id: id, n: 40 })));
  });
});
