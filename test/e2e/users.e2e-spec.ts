import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('users (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const body = (role: Role, cooperativeId?: string) => ({
    email: `${t.factory.unique('new')}@Test.KCX`,
    name: 'Dewi Lestari',
    password: 'river-lantern-copper-71',
    role,
    ...(cooperativeId ? { cooperativeId } : {}),
  });

  it('lets a network admin create staff of any coop, who can then log in', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const coop = await t.factory.cooperative();
    const input = body(Role.LOAN_OFFICER, coop.id);
    const res = await t.http.post('/api/v1/users').set(admin.auth).send(input);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: input.email.toLowerCase(),
      name: 'Dewi Lestari',
      role: 'LOAN_OFFICER',
      cooperativeId: coop.id,
    });
    const login = await t.http.post('/api/v1/auth/login').send({ email: input.email, password: input.password });
    expect(login.status).toBe(200);
    const [audit] = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audit).toMatchObject({
      action: 'USER_CREATED',
      outcome: 'ALLOWED',
      subject_ref: res.body.id,
      actor_user_id: admin.id,
    });
    // The password is stored as a bcrypt hash, never as given.
    const [row] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
    expect(row.password_hash).toMatch(/^\$2[aby]\$/);
  });

  // Each was accepted before the policy (10 to 72 characters counted as UTF-16 units was the only rule).
  it.each<[string, string]>([
    ['ten repeated letters', 'aaaaaaaaaaaa'],
    ['a common password', 'qwertyuiop123'],
    ['a common word with digits', 'Sunshine2026!'],
    ['"password" inside', 'my-password-2026'],
    ['the email local part', 'dewi.lestari.2026'],
    ['70 characters that are 140 bytes (bcrypt would read half)', 'é'.repeat(35) + 'ñ'.repeat(35)],
  ])('refuses %s with 400 VALIDATION naming password, and stores nothing', async (_name, password) => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const coop = await t.factory.cooperative();
    const input = {
      ...body(Role.LOAN_OFFICER, coop.id),
      email: `dewi.lestari.${t.factory.unique('x')}@test.kcx`,
      password,
    };
    const res = await t.http.post('/api/v1/users').set(admin.auth).send(input);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.details).toEqual([{ field: 'password', message: expect.any(String) }]);
    expect(JSON.stringify(res.body)).not.toContain(password);
    expect(await t.dataSource.query('SELECT id FROM users WHERE email = $1', [input.email.toLowerCase()])).toEqual([]);
  });

  it('names the byte limit when a password is too long for bcrypt', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const coop = await t.factory.cooperative();
    const res = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ ...body(Role.AUDITOR, coop.id), password: 'Kx9!Lm3#'.repeat(9) + 'z' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/72 bytes/);
  });

  it('accepts the demo password and a 72-byte one', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const coop = await t.factory.cooperative();
    for (const password of ['Demo-Pass-2026', 'Kx9!Lm3#'.repeat(9)]) {
      const input = { ...body(Role.AUDITOR, coop.id), password };
      expect((await t.http.post('/api/v1/users').set(admin.auth).send(input)).status).toBe(201);
      expect((await t.http.post('/api/v1/auth/login').send({ email: input.email, password })).status).toBe(200);
    }
  });

  it('keeps network roles without a coop and coop roles with one', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const coop = await t.factory.cooperative();
    const withCoop = await t.http.post('/api/v1/users').set(admin.auth).send(body(Role.NETWORK_AUDITOR, coop.id));
    expect(withCoop.status).toBe(400);
    expect(withCoop.body.error.details[0].field).toBe('cooperativeId');
    const withoutCoop = await t.http.post('/api/v1/users').set(admin.auth).send(body(Role.AUDITOR));
    expect(withoutCoop.status).toBe(400);
    const unknownCoop = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send(body(Role.AUDITOR, '00000000-0000-4000-8000-000000000000'));
    expect(unknownCoop.status).toBe(404);
  });

  it('refuses a taken email with 409, whatever its case', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const existing = await t.factory.user(Role.AUDITOR);
    const res = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ ...body(Role.AUDITOR, existing.cooperativeId!), email: existing.email.toUpperCase() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('USER.EMAIL_TAKEN');
  });

  describe('a coop admin', () => {
    it('creates coop roles in the own coop only', async () => {
      const adminA = await t.factory.signedIn(Role.COOP_ADMIN);
      const coopB = await t.factory.cooperative();
      const own = await t.http
        .post('/api/v1/users')
        .set(adminA.auth)
        .send(body(Role.DATA_SUBMITTER, adminA.cooperativeId!));
      expect(own.status).toBe(201);
      const other = await t.http.post('/api/v1/users').set(adminA.auth).send(body(Role.DATA_SUBMITTER, coopB.id));
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('COOPERATIVE.NOT_FOUND');
      const network = await t.http.post('/api/v1/users').set(adminA.auth).send(body(Role.NETWORK_ADMIN));
      expect(network.status).toBe(403);
      const count = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE cooperative_id = $1', [
        coopB.id,
      ]);
      expect(count[0].n).toBe(0);
    });

    it('lists the own coop users only, whatever filter is sent', async () => {
      const adminA = await t.factory.signedIn(Role.COOP_ADMIN);
      const colleague = await t.factory.user(Role.AUDITOR, adminA.cooperativeId!);
      const outsider = await t.factory.user(Role.AUDITOR);
      const res = await t.http.get('/api/v1/users').query({ cooperativeId: outsider.cooperativeId }).set(adminA.auth);
      expect(res.status).toBe(200);
      const ids = res.body.items.map((u: { id: string }) => u.id);
      expect(ids.sort()).toEqual([adminA.id, colleague.id].sort());
      expect(JSON.stringify(res.body)).not.toContain('password');
    });
  });
});
