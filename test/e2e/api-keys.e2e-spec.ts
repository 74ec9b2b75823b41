import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('API keys (e2e)', () => {
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    // Two API processes on the same database and Redis, as in a deployment with replicas.
    [t, other] = await Promise.all([createTestApp(), createTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), other.close()]);
  });

  it('is created by a coop admin, shown once, stored only as a keyed hash, and works', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const created = await t.http
      .post('/api/v1/api-keys')
      .set(admin.auth)
      .send({ name: 'core system', role: 'DATA_SUBMITTER' });
    expect(created.status).toBe(201);
    const { key, id } = created.body;
    expect(key).toMatch(/^kcx_/);
    expect(created.body).toMatchObject({
      name: 'core system',
      role: 'DATA_SUBMITTER',
      keyPrefix: key.slice(0, 10),
      lastUsedAt: null,
    });

    const [row] = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const me = await t.http.get('/api/v1/auth/me').set('X-API-Key', key);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      kind: 'apiKey',
      userId: null,
      apiKeyId: id,
      cooperativeId: admin.cooperativeId,
      role: 'DATA_SUBMITTER',
    });

    const list = await t.http.get('/api/v1/api-keys').set(admin.auth);
    expect(list.body.items).toEqual([expect.objectContaining({ id, lastUsedAt: expect.any(String) })]);
    expect(JSON.stringify(list.body)).not.toContain(key);

    const [audit] = await t.factory.auditFor(created.headers['x-request-id']);
    expect(audit).toMatchObject({
      action: 'API_KEY_CREATED',
      outcome: 'ALLOWED',
      subject_ref: id,
      actor_user_id: admin.id,
    });
  });

  it('refuses an API key role other than LOAN_OFFICER or DATA_SUBMITTER', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const res = await t.http.post('/api/v1/api-keys').set(admin.auth).send({ name: 'x', role: 'COOP_ADMIN' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('role');
  });

  it('stops working at once on every process when revoked', async () => {
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const { key, id } = (
      await t.http.post('/api/v1/api-keys').set(admin.auth).send({ name: 'k', role: 'LOAN_OFFICER' })
    ).body;
    // Both processes have seen (and cached) the key.
    expect((await t.http.get('/api/v1/auth/me').set('X-API-Key', key)).status).toBe(200);
    expect((await other.http.get('/api/v1/auth/me').set('X-API-Key', key)).status).toBe(200);

    const revoke = await t.http.delete(`/api/v1/api-keys/${id}`).set(admin.auth);
    expect(revoke.status).toBe(204);
    const [audit] = await t.factory.auditFor(revoke.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'API_KEY_REVOKED', outcome: 'ALLOWED', subject_ref: id });

    expect((await t.http.get('/api/v1/auth/me').set('X-API-Key', key)).status).toBe(401);
    // The other process hears of it through Redis; allow the message a moment to arrive.
    let status = 0;
    for (let i = 0; i < 20; i++) {
      status = (await other.http.get('/api/v1/auth/me').set('X-API-Key', key)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe(401);
    const again = await t.http.delete(`/api/v1/api-keys/${id}`).set(admin.auth);
    expect(again.status).toBe(204);
    expect(await t.factory.auditFor(again.headers['x-request-id'])).toEqual([]);
  });

  it("answers 404 to coop A's admin for coop B's key, and leaves it working", async () => {
    const adminA = await t.factory.signedIn(Role.COOP_ADMIN);
    const keyB = await t.factory.apiKey(Role.DATA_SUBMITTER);
    const res = await t.http.delete(`/api/v1/api-keys/${keyB.id}`).set(adminA.auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('API_KEY.NOT_FOUND');
    expect((await t.http.get('/api/v1/auth/me').set(keyB.auth)).status).toBe(200);
    const list = await t.http.get('/api/v1/api-keys').set(adminA.auth);
    expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(keyB.id);
  });

  it.each(['', 'kcx_' + 'a'.repeat(43), 'not-a-key'])('refuses the unknown key %p', async (key) => {
    const res = await t.http.get('/api/v1/auth/me').set('X-API-Key', key);
    expect(res.status).toBe(401);
  });
});
