import { randomBytes } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { WebhookSecretCipher } from '../../src/modules/monitoring/webhooks/webhook-secret-cipher';
import { alertWithDeliveries } from '../factories/monitoring-webhooks';
import { createTestApp, TestApp } from '../helpers/test-app';

type Auth = Record<string, string>;
const BASE = '/api/v1/monitoring/webhooks';

describe('monitoring webhooks (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = (auth: Auth, url: unknown) => t.http.post(BASE).set(auth).send({ url });
  const audits = (requestId: string) =>
    t.dataSource.query(`SELECT * FROM audit_events WHERE request_id = $1 ORDER BY id`, [requestId]);

  it('creates a webhook, shows its secret once, keeps it sealed, and audits the origin only', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const res = await create(admin.auth, 'http://127.0.0.1:9/hook?token=abc');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: 'http://127.0.0.1:9/hook?token=abc',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
    });
    const [row] = await t.dataSource.query(`SELECT * FROM monitoring_webhooks WHERE id = $1`, [res.body.id]);
    expect(row.cooperative_id).toBe(admin.cooperativeId);
    expect(row.secret_sealed.toString('latin1')).not.toContain(res.body.secret);
    expect(t.app.get(WebhookSecretCipher).open(row.secret_sealed)).toBe(res.body.secret);
    const [event] = await audits(res.headers['x-request-id']);
    expect(event).toMatchObject({
      action: 'WEBHOOK_CREATED',
      outcome: 'ALLOWED',
      actor_cooperative_id: admin.cooperativeId,
      details: { webhookId: res.body.id, origin: 'http://127.0.0.1:9' },
    });
    expect(JSON.stringify(event)).not.toContain('token=abc');

    const list = await t.http.get(BASE).set(admin.auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [{ id: res.body.id, url: res.body.url, createdAt: res.body.createdAt }],
      nextCursor: null,
    });
    expect(list.text).not.toContain(res.body.secret);
  });

  it('refuses a sixth live webhook with 409 MONITORING.WEBHOOK_LIMIT, audited DENIED; a deleted one frees a place', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await create(admin.auth, `http://localhost:${8000 + i}/hook`);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const sixth = await create(admin.auth, 'http://localhost:8100/hook');
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('MONITORING.WEBHOOK_LIMIT');
    const [denied] = await audits(sixth.headers['x-request-id']);
    expect(denied).toMatchObject({
      action: 'WEBHOOK_CREATED',
      outcome: 'DENIED',
      details: { reason: 'MONITORING.WEBHOOK_LIMIT' },
    });
    expect((await t.http.delete(`${BASE}/${ids[0]}`).set(admin.auth)).status).toBe(204);
    expect((await create(admin.auth, 'http://localhost:8100/hook')).status).toBe(201);
  });

  it.each([
    'http://hooks.example.com/',
    'ftp://127.0.0.1/',
    'http://10.1.2.3/',
    'https://127.0.0.1/',
    'http://u:p@localhost/',
    'nope',
  ])('refuses %s with 400 MONITORING.WEBHOOK_URL_REFUSED naming url, audited DENIED', async (url) => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const res = await create(admin.auth, url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MONITORING.WEBHOOK_URL_REFUSED');
    expect(res.body.error.details).toEqual([{ field: 'url', message: expect.any(String) }]);
    const [denied] = await audits(res.headers['x-request-id']);
    expect(denied).toMatchObject({ outcome: 'DENIED', details: { reason: 'MONITORING.WEBHOOK_URL_REFUSED' } });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM monitoring_webhooks WHERE cooperative_id = $1`,
      [admin.cooperativeId],
    );
    expect(n).toBe(0);
  });

  it('deletes softly: gone from the list, its pending deliveries not sent, audited; a second delete is 404', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const { body: hook } = await create(admin.auth, 'http://127.0.0.1:9/hook');
    const { deliveryIds } = await alertWithDeliveries(t.dataSource, admin.cooperativeId!, [hook.id]);
    const del = await t.http.delete(`${BASE}/${hook.id}`).set(admin.auth);
    expect(del.status).toBe(204);
    const [row] = await t.dataSource.query(`SELECT deleted_at FROM monitoring_webhooks WHERE id = $1`, [hook.id]);
    expect(row.deleted_at).not.toBeNull();
    const [d] = await t.dataSource.query(`SELECT status, attempts FROM monitoring_webhook_deliveries WHERE id = $1`, [
      deliveryIds[0],
    ]);
    expect(d).toEqual({ status: 'FAILED', attempts: 0 });
    expect((await t.http.get(BASE).set(admin.auth)).body.items).toEqual([]);
    const [event] = await audits(del.headers['x-request-id']);
    expect(event).toMatchObject({
      action: 'WEBHOOK_DELETED',
      outcome: 'ALLOWED',
      details: { webhookId: hook.id, origin: 'http://127.0.0.1:9', pendingCancelled: 1 },
    });
    const again = await t.http.delete(`${BASE}/${hook.id}`).set(admin.auth);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('MONITORING.WEBHOOK_NOT_FOUND');
  });

  it("keeps coop B out of coop A's webhooks: not listed, not deletable, no log (404)", async () => {
    const a = await t.factory.signedIn(Role.COOP_ADMIN);
    const b = await t.factory.signedIn(Role.COOP_ADMIN);
    const { body: hook } = await create(a.auth, 'http://127.0.0.1:9/a');
    await alertWithDeliveries(t.dataSource, a.cooperativeId!, [hook.id]);
    expect((await t.http.get(BASE).set(b.auth)).body.items).toEqual([]);
    const del = await t.http.delete(`${BASE}/${hook.id}`).set(b.auth);
    expect([del.status, del.body.error.code]).toEqual([404, 'MONITORING.WEBHOOK_NOT_FOUND']);
    const log = await t.http.get(`${BASE}/${hook.id}/deliveries`).set(b.auth);
    expect([log.status, log.body.error.code]).toEqual([404, 'MONITORING.WEBHOOK_NOT_FOUND']);
    const mine = await t.http.get(`${BASE}/${hook.id}/deliveries`).set(a.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const [row] = await t.dataSource.query(`SELECT deleted_at FROM monitoring_webhooks WHERE id = $1`, [hook.id]);
    expect(row.deleted_at).toBeNull();
  });

  it('pages the delivery log newest first', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const { body: hook } = await create(admin.auth, 'http://127.0.0.1:9/log');
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { deliveryIds } = await alertWithDeliveries(
        t.dataSource,
        admin.cooperativeId!,
        [hook.id],
        'INQUIRY_ELSEWHERE',
      );
      made.push(deliveryIds[0]);
    }
    const first = await t.http.get(`${BASE}/${hook.id}/deliveries?limit=2`).set(admin.auth);
    expect(first.status).toBe(200);
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual([made[2], made[1]]);
    expect(first.body.items[0]).toEqual({
      id: made[2],
      alertId: expect.any(String),
      type: 'INQUIRY_ELSEWHERE',
      status: 'PENDING',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      createdAt: expect.any(String),
      lastAttemptAt: null,
      nextAttemptAt: null,
      deliveredAt: null,
    });
    const next = await t.http
      .get(`${BASE}/${hook.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`)
      .set(admin.auth);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: made[0] })], nextCursor: null });
  });
});

describe('monitoring webhooks in production (e2e)', () => {
  let t: TestApp;
  const secret = () => randomBytes(32).toString('hex');

  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: secret(),
      API_KEY_HASH_SECRET: secret(),
      NIK_HASH_KEY: secret(),
    });
  });
  afterAll(() => t.close());

  it.each([
    'http://hooks.example.com/kcx',
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'https://127.0.0.1/hook',
    'https://10.1.2.3/hook',
    'https://[::1]/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::ffff:10.1.2.3]/hook',
    'https://localhost/hook',
  ])('refuses %s', async (url) => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const res = await t.http.post(BASE).set(admin.auth).send({ url });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MONITORING.WEBHOOK_URL_REFUSED');
    expect(res.body.error.details[0].field).toBe('url');
  });
});
