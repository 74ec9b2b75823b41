import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('cooperatives (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.factory.signedIn(Role.NETWORK_ADMIN)).auth;
  });
  afterAll(() => t.close());

  const newCoop = () => ({
    name: 'KSP Maju Bersama',
    registrationNumber: t.factory.unique('518/BH'),
    type: 'KSPPS',
    district: 'Kabupaten Blora',
  });

  it('onboards a coop as ACTIVE and audits it', async () => {
    const body = newCoop();
    const res = await t.http.post('/api/v1/cooperatives').set(admin).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), ...body, status: 'ACTIVE' });
    const [audit] = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audit).toMatchObject({
      action: 'COOPERATIVE_CREATED',
      outcome: 'ALLOWED',
      subject_ref: res.body.id,
      actor_role: 'NETWORK_ADMIN',
    });
  });

  it('refuses a second coop with the same registration number (409)', async () => {
    const body = newCoop();
    expect((await t.http.post('/api/v1/cooperatives').set(admin).send(body)).status).toBe(201);
    const again = await t.http
      .post('/api/v1/cooperatives')
      .set(admin)
      .send({ ...body, name: 'Other' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COOPERATIVE.REGISTRATION_TAKEN');
  });

  it('names every bad field', async () => {
    const res = await t.http
      .post('/api/v1/cooperatives')
      .set(admin)
      .send({ name: '', registrationNumber: 'x', type: 'BANK', district: 'D', extra: 1 });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'type', 'district', 'extra']));
    expect(fields).not.toContain('registrationNumber');
  });

  it('suspends and reactivates, auditing each change with from and to', async () => {
    const coop = await t.factory.cooperative();
    const suspend = await t.http.patch(`/api/v1/cooperatives/${coop.id}`).set(admin).send({ status: 'SUSPENDED' });
    expect(suspend.status).toBe(200);
    expect(suspend.body.status).toBe('SUSPENDED');
    const [audit] = await t.factory.auditFor(suspend.headers['x-request-id']);
    expect(audit).toMatchObject({
      action: 'COOPERATIVE_STATUS_CHANGED',
      subject_ref: coop.id,
      details: { from: 'ACTIVE', to: 'SUSPENDED' },
    });
    const again = await t.http.patch(`/api/v1/cooperatives/${coop.id}`).set(admin).send({ status: 'SUSPENDED' });
    expect(await t.factory.auditFor(again.headers['x-request-id'])).toEqual([]);
    const missing = await t.http
      .patch('/api/v1/cooperatives/00000000-0000-4000-8000-000000000000')
      .set(admin)
      .send({ status: 'ACTIVE' });
    expect(missing.status).toBe(404);
  });

  it('pages through the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await t.factory.cooperative();
    // Other test files add coops meanwhile: every coop that existed before paging must be seen, exactly once.
    const before: { id: string }[] = await t.dataSource.query('SELECT id FROM cooperatives');
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get('/api/v1/cooperatives')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(admin);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 1000);
    expect(before.filter((c) => !seen.has(c.id))).toEqual([]);
    expect((await t.http.get('/api/v1/cooperatives').query({ limit: 501 }).set(admin)).status).toBe(400);
  });
});
