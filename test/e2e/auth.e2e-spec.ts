import { JwtService } from '@nestjs/jwt';
import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('issues a bearer token with the user and audits the login', async () => {
      const user = await t.factory.user(Role.LOAN_OFFICER);
      const res = await t.http.post('/api/v1/auth/login').send({ email: user.email.toUpperCase(), password: user.password });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: t.config.auth.tokenTtlSeconds,
        user: { id: user.id, email: user.email, role: Role.LOAN_OFFICER, cooperativeId: user.cooperativeId },
      });
      expect(res.body.user.passwordHash).toBeUndefined();
      const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.body).toMatchObject({ kind: 'user', userId: user.id, role: Role.LOAN_OFFICER });

      const audit = await t.factory.auditFor(res.headers['x-request-id']);
      expect(audit).toEqual([
        expect.objectContaining({ action: 'AUTH_LOGIN', outcome: 'ALLOWED', actor_user_id: user.id, subject_ref: user.id }),
      ]);
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const user = await t.factory.user(Role.AUDITOR);
      const wrongPassword = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' });
      const unknownEmail = await t.http.post('/api/v1/auth/login').send({ email: `x${user.email}`, password: user.password });
      for (const res of [wrongPassword, unknownEmail]) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH.INVALID_CREDENTIALS');
      }
      expect(unknownEmail.body.error.message).toBe(wrongPassword.body.error.message);
      expect(Object.keys(unknownEmail.body.error)).toEqual(Object.keys(wrongPassword.body.error));

      const [denied] = await t.factory.auditFor(wrongPassword.headers['x-request-id']);
      expect(denied).toMatchObject({ action: 'AUTH_LOGIN', outcome: 'DENIED', actor_user_id: user.id });
      expect(denied.details).toEqual({ reason: 'INVALID_CREDENTIALS' });
    });

    it('throttles an account after repeated failures, even for the right password', async () => {
      const user = await t.factory.user(Role.COOP_ADMIN);
      for (let i = 0; i < t.config.auth.loginMaxFailuresPerAccount; i++) {
        const res = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' });
        expect(res.status).toBe(401);
      }
      const blocked = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('AUTH.THROTTLED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      const [audit] = await t.factory.auditFor(blocked.headers['x-request-id']);
      expect(audit).toMatchObject({ action: 'AUTH_LOGIN', outcome: 'DENIED', details: { reason: 'THROTTLED' } });

      // Another account from the same address is not affected.
      const other = await t.factory.user(Role.COOP_ADMIN);
      const ok = await t.http.post('/api/v1/auth/login').send({ email: other.email, password: other.password });
      expect(ok.status).toBe(200);
    });

    it('clears the account count after a successful login', async () => {
      const user = await t.factory.user(Role.AUDITOR);
      const fail = () => t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' });
      for (let i = 1; i < t.config.auth.loginMaxFailuresPerAccount; i++) await fail();
      await t.factory.token(user);
      for (let i = 1; i < t.config.auth.loginMaxFailuresPerAccount; i++) expect((await fail()).status).toBe(401);
    });

    it('refuses a body without the fields, naming them', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ email: 5 });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['email', 'password']),
      );
    });
  });

  describe('throttling per address, shared by every API process', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const env = { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' };
      [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it('blocks an address after failures on different accounts, across processes', async () => {
      const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
      const attempt = (app: TestApp, email: string, password = 'wrong-password') =>
        app.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
      expect((await attempt(a, 'one@nowhere.kcx')).status).toBe(401);
      expect((await attempt(b, 'two@nowhere.kcx')).status).toBe(401);
      expect((await attempt(a, 'three@nowhere.kcx')).status).toBe(401);
      const user = await a.factory.user(Role.LOAN_OFFICER);
      const blocked = await attempt(b, user.email, user.password);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('AUTH.THROTTLED');
    });
  });

  describe('tokens', () => {
    const jwt = new JwtService({});
    const sign = (payload: object, secret: string, options: Record<string, unknown> = {}) =>
      jwt.sign(payload, { secret, issuer: 'kcx', audience: 'kcx-api', expiresIn: 300, ...options });

    it.each([
      ['no credentials', () => ({}), 'AUTH.UNAUTHENTICATED'],
      ['a malformed header', () => ({ Authorization: 'Token abc' }), 'AUTH.INVALID_TOKEN'],
      ['garbage', () => ({ Authorization: 'Bearer not.a.token' }), 'AUTH.INVALID_TOKEN'],
    ])('refuses %s with 401', async (_name, headers, code) => {
      const res = await t.http.get('/api/v1/auth/me').set(headers());
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe(code);
    });

    it('refuses an expired token', async () => {
      const user = await t.factory.user(Role.LOAN_OFFICER);
      const token = sign({ sub: user.id, role: user.role, coop: user.cooperativeId }, t.config.auth.tokenSecret, {
        expiresIn: -10,
      });
      const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.TOKEN_EXPIRED');
    });

    it('refuses a token whose claims were changed (role raised)', async () => {
      const user = await t.factory.signedIn(Role.LOAN_OFFICER);
      const [header, payload, signature] = user.auth.Authorization.slice(7).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const raised = Buffer.from(JSON.stringify({ ...claims, role: 'NETWORK_ADMIN', coop: null })).toString('base64url');
      const res = await t.http.get('/api/v1/cooperatives').set('Authorization', `Bearer ${header}.${raised}.${signature}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
    });

    it('refuses a token signed with another secret, and an unsigned one', async () => {
      const claims = { sub: '00000000-0000-4000-8000-000000000000', role: 'NETWORK_ADMIN', coop: null };
      const forged = sign(claims, 'x'.repeat(48));
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      for (const token of [forged, unsigned]) {
        const res = await t.http.get('/api/v1/cooperatives').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
      }
    });
  });
});
