import { createHmac } from 'node:crypto';
import { Role } from '../../../src/common/auth/role';
import { WEBHOOK_ATTEMPTS } from '../../../src/common/jobs/queues';
import { WebhookDeliverer } from '../../../src/modules/monitoring/webhooks/webhook-deliverer';
import { WebhookDeliveryQueue } from '../../../src/modules/monitoring/webhooks/webhook-delivery-queue';
import { alertWithDeliveries, BlackHole, HookReceiver, storedDelivery } from '../../factories/monitoring-webhooks';
import { waitFor } from '../../helpers/child-process';
import { createTestApp, TestApp } from '../../helpers/test-app';

const BASE = '/api/v1/monitoring/webhooks';

/**
 * Deliveries on the real Postgres and Redis, through the in-process worker (short retry base): signed, retried on
 * non-2xx until delivered, never resent once DELIVERED, FAILED when no attempt is left, and a dead endpoint holds
 * only its own deliveries.
 */
describe('monitoring webhooks: delivery (integration)', () => {
  let t: TestApp;
  let queue: WebhookDeliveryQueue;
  let deliverer: WebhookDeliverer;
  const receivers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ WORKER_IN_PROCESS: 'true', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_TIMEOUT_MS: '5000' });
    queue = t.app.get(WebhookDeliveryQueue, { strict: false });
    deliverer = t.app.get(WebhookDeliverer, { strict: false });
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await t.close();
  });

  async function webhookFor(url: string) {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const res = await t.http.post(BASE).set(admin.auth).send({ url });
    if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${res.text}`);
    return { admin, hook: res.body as { id: string; secret: string } };
  }

  async function receiver(statuses: number[]) {
    const r = await HookReceiver.start(statuses);
    receivers.push(r);
    return r;
  }

  const delivered = (id: string) =>
    waitFor(`delivery ${id} to be DELIVERED`, async () => {
      const row = await storedDelivery(t.dataSource, id);
      return row.status === 'DELIVERED' ? row : undefined;
    });

  it('retries a 500 twice and delivers on the third attempt, each signed and with the same delivery id', async () => {
    const r = await receiver([500, 500, 200]);
    const { admin, hook } = await webhookFor(r.url);
    const { alertId, deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    await queue.enqueue(deliveryIds);
    const row = await delivered(deliveryIds[0]);
    expect(row).toMatchObject({ attempts: 3, last_status_code: 200, last_error: null, next_attempt_at: null });
    expect(r.received).toHaveLength(3);
    for (const got of r.received) {
      const expected = createHmac('sha256', hook.secret).update(got.body).digest('hex');
      expect(got.headers['x-kcx-signature']).toBe(`sha256=${expected}`);
      expect(got.headers['x-kcx-delivery']).toBe(deliveryIds[0]);
      expect(got.headers['x-kcx-event']).toBe('NEW_LOAN_ELSEWHERE');
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['user-agent']).toMatch(/^KCX-Webhooks\//);
    }
    const body = JSON.parse(r.received[2].body);
    expect(body).toMatchObject({
      id: alertId,
      type: 'NEW_LOAN_ELSEWHERE',
      lender: { alias: 'Koperasi lain #1' },
      subject: { ref: expect.any(String) },
    });
    expect(Object.keys(body).sort()).toEqual([
      'acknowledgedAt',
      'enrollmentId',
      'id',
      'lender',
      'message',
      'occurredAt',
      'period',
      'raisedAt',
      'severity',
      'subject',
      'type',
    ]);

    const log = await t.http.get(`${BASE}/${hook.id}/deliveries`).set(admin.auth);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ id: deliveryIds[0], alertId, status: 'DELIVERED', attempts: 3, lastStatusCode: 200 }),
    ]);
    expect(log.body.items[0].deliveredAt).not.toBeNull();

    // A redelivered job of a DELIVERED row sends nothing.
    await deliverer.deliver(deliveryIds[0], 1);
    expect(r.received).toHaveLength(3);
  });

  it('counts a redirect as a failure (not followed) and records the attempt with its next time', async () => {
    const r = await receiver([302]);
    const { admin, hook } = await webhookFor(r.url);
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    await expect(deliverer.deliver(deliveryIds[0], 1)).rejects.toThrow(/302/);
    const row = await storedDelivery(t.dataSource, deliveryIds[0]);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, last_status_code: 302 });
    expect(row.last_error).toMatch(/redirect/);
    expect(row.next_attempt_at).not.toBeNull();
    expect(row.last_attempt_at).not.toBeNull();
  });

  it('ends FAILED when the last attempt fails, without throwing for another retry', async () => {
    const r = await receiver([503]);
    const { admin, hook } = await webhookFor(r.url);
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    await deliverer.deliver(deliveryIds[0], WEBHOOK_ATTEMPTS);
    const row = await storedDelivery(t.dataSource, deliveryIds[0]);
    expect(row).toMatchObject({
      status: 'FAILED',
      attempts: WEBHOOK_ATTEMPTS,
      last_status_code: 503,
      next_attempt_at: null,
    });
    await deliverer.deliver(deliveryIds[0], 1);
    expect(r.received).toHaveLength(1);
  });

  it('ends FAILED at once, sending nothing, when the secret was sealed under another server secret', async () => {
    const r = await receiver([200]);
    const { admin, hook } = await webhookFor(r.url);
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    // What rotating API_KEY_HASH_SECRET leaves: bytes no key of this server opens.
    await t.dataSource.query(`UPDATE monitoring_webhooks SET secret_sealed = $2 WHERE id = $1`, [
      hook.id,
      Buffer.alloc(60, 7),
    ]);
    await deliverer.deliver(deliveryIds[0], 1);
    expect(r.received).toHaveLength(0);
    const row = await storedDelivery(t.dataSource, deliveryIds[0]);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1, next_attempt_at: null });
    expect(row.last_error).toMatch(/re-create the webhook/);
  });

  it('does not send a deleted webhook its pending delivery', async () => {
    const r = await receiver([200]);
    const { admin, hook } = await webhookFor(r.url);
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    expect((await t.http.delete(`${BASE}/${hook.id}`).set(admin.auth)).status).toBe(204);
    await deliverer.deliver(deliveryIds[0], 1);
    expect(r.received).toHaveLength(0);
    expect(await storedDelivery(t.dataSource, deliveryIds[0])).toMatchObject({ status: 'FAILED', attempts: 0 });
  });

  it("delivers coop B's alert while coop A's black-hole endpoint holds its requests open", async () => {
    const hole = await BlackHole.start();
    receivers.push(hole);
    const a = await webhookFor(hole.url);
    const aDeliveries: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { deliveryIds } = await alertWithDeliveries(t.dataSource, a.admin.cooperativeId!, [a.hook.id]);
      aDeliveries.push(...deliveryIds);
    }
    await queue.enqueue(aDeliveries);
    await waitFor('the black hole to hold every request of coop A', async () => hole.requests === 4);

    const r = await receiver([200]);
    const b = await webhookFor(r.url);
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, b.admin.cooperativeId!, [b.hook.id]);
    await queue.enqueue(deliveryIds);
    await delivered(deliveryIds[0]);
    // Coop A's attempts are still open: none has even timed out yet, and B did not wait for them.
    expect(hole.open.size).toBe(4);
    const rows = await t.dataSource.query(
      `SELECT status, attempts FROM monitoring_webhook_deliveries WHERE id = ANY($1)`,
      [aDeliveries],
    );
    expect(rows).toEqual(Array(4).fill({ status: 'PENDING', attempts: 0 }));
  });

  it('requeues a PENDING delivery whose job was never added (the sweep)', async () => {
    const r = await receiver([200]);
    const { admin, hook } = await webhookFor(r.url);
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    await t.dataSource.query(
      `UPDATE monitoring_webhook_deliveries SET created_at = now() - interval '5 minutes' WHERE id = $1`,
      [deliveryIds[0]],
    );
    expect(await queue.requeueStuck()).toBeGreaterThanOrEqual(1);
    await delivered(deliveryIds[0]);
    expect(r.received.map((g) => g.headers['x-kcx-delivery'])).toEqual([deliveryIds[0]]);
  });
});
