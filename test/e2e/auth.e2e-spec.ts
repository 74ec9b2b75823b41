import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { LOGIN_DELAY_MAX_SECONDS } from '../../src/modules/auth/throttles';
import { ACCOUNT_CACHE_TTL_MS } from '../../src/modules/cooperatives/account-verifier';
import { UsersRepository } from '../../src/modules/cooperatives/users.repository';
import { UsersService } from '../../src/modules/cooperatives/users.service';
import { createTestApp, TestApp } from '../helpers/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('issues a bearer token with the user and audits the login', async () => {
      const user = await t.factory.user(Role.LOAN_OFFICER);
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email.toUpperCase(), password: user.password });
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
        expect.objectContaining({
          action: 'AUTH_LOGIN',
          outcome: 'ALLOWED',
          actor_user_id: user.id,
          subject_ref: user.id,
        }),
      ]);
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const user = await t.factory.user(Role.AUDITOR);
      const wrongPassword = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not-the-password' });
      const unknownEmail = await t.http
        .post('/api/v1/auth/login')
        .send({ email: `x${user.email}`, password: user.password });
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

    // Until issue 16 this locked the account for everyone; now only for the address that failed (see below).
    it('refuses the address that failed repeatedly on an account, even with the right password', async () => {
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

  describe('a lockout that cannot shut the owner out', () => {
    let p: TestApp;
    beforeAll(async () => {
      p = await createTestApp({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '50' });
    });
    afterAll(() => p.close());

    const address = () =>
      `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const login = (ip: string, email: string, password: string) =>
      p.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
    const limit = () => p.config.auth.loginMaxFailuresPerAccount;

    it('an attacker who fails from one address is refused there, while the owner signs in from a clean one', async () => {
      const user = await p.factory.user(Role.COOP_ADMIN);
      const attacker = address();
      for (let i = 0; i < limit(); i++) expect((await login(attacker, user.email, 'wrong-password')).status).toBe(401);
      const locked = await login(attacker, user.email, user.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('AUTH.THROTTLED');
      const owner = await login(address(), user.email, user.password);
      expect(owner.status).toBe(200);
    });

    it('failures from many addresses slow further guesses on the account, never the owner from a clean address', async () => {
      const user = await p.factory.user(Role.LOAN_OFFICER);
      const attackers = Array.from({ length: limit() + 3 }, address);
      for (const ip of attackers) expect((await login(ip, user.email, 'wrong-password')).status).toBe(401);
      // Past the free failures, a failed address must leave a gap between attempts on this account.
      const first = await login(attackers[0], user.email, 'wrong-password');
      expect(first.status).toBe(401);
      const second = await login(attackers[1], user.email, 'wrong-password');
      expect(second.status).toBe(429);
      expect(second.body.error.code).toBe('AUTH.THROTTLED');
      const wait = Number(second.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(LOGIN_DELAY_MAX_SECONDS);
      const started = Date.now();
      const owner = await login(address(), user.email, user.password);
      expect(owner.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('six simultaneous correct logins for one account all succeed', async () => {
      const user = await p.factory.user(Role.AUDITOR);
      const ip = address();
      const results = await Promise.all(Array.from({ length: 6 }, () => login(ip, user.email, user.password)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    });

    it('parallel wrong guesses from one address cannot slip past the limit', async () => {
      const user = await p.factory.user(Role.DATA_SUBMITTER);
      const ip = address();
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(ip, user.email, `wrong-guess-${i}`)),
      );
      const statuses = guesses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(limit());
      expect(statuses.filter((s) => s === 429)).toHaveLength(20 - limit());
      // Only the guesses that were checked are audited as wrong passwords; the right one now is refused unchecked.
      const [{ n }] = await p.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'AUTH_LOGIN' AND actor_user_id = $1 AND details->>'reason' = 'INVALID_CREDENTIALS'`,
        [user.id],
      );
      expect(n).toBe(limit());
      expect((await login(ip, user.email, user.password)).status).toBe(429);
    });

    it('parallel guesses with the right password among them reveal nothing past the limit', async () => {
      const user = await p.factory.user(Role.DATA_SUBMITTER);
      const ip = address();
      const passwords = Array.from({ length: 15 }, (_, i) => `wrong-guess-${i}`);
      passwords.push(user.password);
      const answers = await Promise.all(passwords.map((pw) => login(ip, user.email, pw)));
      const checked = answers.filter((r) => r.status !== 429);
      expect(checked.length).toBeLessThanOrEqual(limit() + 1);
      expect(answers.filter((r) => r.status === 401).length).toBeLessThanOrEqual(limit());
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
      const raised = Buffer.from(JSON.stringify({ ...claims, role: 'NETWORK_ADMIN', coop: null })).toString(
        'base64url',
      );
      const res = await t.http
        .get('/api/v1/cooperatives')
        .set('Authorization', `Bearer ${header}.${raised}.${signature}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
    });

    it('refuses a token without exp (signed with the real secret)', async () => {
      const user = await t.factory.user(Role.LOAN_OFFICER);
      const token = jwt.sign(
        { sub: user.id, role: user.role, coop: user.cooperativeId },
        {
          secret: t.config.auth.tokenSecret,
          issuer: 'kcx',
          audience: 'kcx-api',
        },
      );
      const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
    });

    it('refuses a token that outlives AUTH_TOKEN_TTL_SECONDS', async () => {
      const user = await t.factory.user(Role.LOAN_OFFICER);
      const token = sign({ sub: user.id, role: user.role, coop: user.cooperativeId }, t.config.auth.tokenSecret, {
        expiresIn: 365 * 86400,
      });
      const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
    });

    it.each<[string, (u: { id: string; cooperativeId: string | null }, otherCoop: string) => object]>([
      ['a COOP_ADMIN with coop null', (u) => ({ sub: u.id, role: Role.COOP_ADMIN, coop: null })],
      ['a COOP_ADMIN of another coop', (u, otherCoop) => ({ sub: u.id, role: Role.COOP_ADMIN, coop: otherCoop })],
      ['a NETWORK_ADMIN claim for a COOP_ADMIN', (u) => ({ sub: u.id, role: Role.NETWORK_ADMIN, coop: null })],
      ['a NETWORK_AUDITOR with a coop', (u) => ({ sub: u.id, role: Role.NETWORK_AUDITOR, coop: u.cooperativeId })],
      ['a user that never existed', () => ({ sub: randomUUID(), role: Role.NETWORK_ADMIN, coop: null })],
      ['a subject that is no id', () => ({ sub: 'admin', role: Role.NETWORK_ADMIN, coop: null })],
    ])('refuses a well-signed token of %s', async (_name, claims) => {
      const user = await t.factory.user(Role.COOP_ADMIN);
      const otherCoop = (await t.factory.cooperative()).id;
      const token = sign(claims(user, otherCoop), t.config.auth.tokenSecret);
      for (const path of ['/api/v1/auth/me', '/api/v1/users', '/api/v1/disputes']) {
        const res = await t.http.get(path).set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
      }
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
  describe('tokens are checked against the account', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      [a, b] = await Promise.all([createTestApp(), createTestApp()]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    const me = (app: TestApp, auth: Record<string, string>) => app.http.get('/api/v1/auth/me').set(auth);

    /** Polls until the token is refused; returns how long that took after the change. */
    async function refusedWithin(app: TestApp, auth: Record<string, string>, changedAt: number): Promise<number> {
      const deadline = changedAt + ACCOUNT_CACHE_TTL_MS + 2000;
      for (;;) {
        const res = await me(app, auth);
        if (res.status === 401) {
          expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
          return Date.now() - changedAt;
        }
        expect(res.status).toBe(200);
        if (Date.now() > deadline) throw new Error('the old token still answers 200');
        await sleep(250);
      }
    }

    it.each<[string, (user: { id: string }) => Promise<unknown>]>([
      [
        'its password hash is changed in the database',
        (u) =>
          a.dataSource.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
            u.id,
            bcrypt.hashSync('another-password-2026', 4),
          ]),
      ],
      [
        'its role is changed in the database',
        (u) => a.dataSource.query(`UPDATE users SET role = 'AUDITOR' WHERE id = $1`, [u.id]),
      ],
      [
        'its coop is changed in the database',
        async (u) =>
          a.dataSource.query(`UPDATE users SET cooperative_id = $2 WHERE id = $1`, [
            u.id,
            (await a.factory.cooperative()).id,
          ]),
      ],
      ['the user is deleted in the database', (u) => a.dataSource.query(`DELETE FROM users WHERE id = $1`, [u.id])],
    ])(
      'an old token answers 401 on every process within the cache TTL once %s',
      async (_name, change) => {
        const user = await a.factory.signedIn(Role.LOAN_OFFICER);
        // Both processes have the account cached.
        expect((await me(a, user.auth)).status).toBe(200);
        expect((await me(b, user.auth)).status).toBe(200);
        const consent = () => b.http.post('/api/v1/consents').set(user.auth).send({});
        expect((await consent()).status).toBe(400);

        const changedAt = Date.now();
        await change(user);
        const [tookA, tookB] = await Promise.all([
          refusedWithin(a, user.auth, changedAt),
          refusedWithin(b, user.auth, changedAt),
        ]);
        expect(Math.max(tookA, tookB)).toBeLessThanOrEqual(ACCOUNT_CACHE_TTL_MS + 1000);
        // Refused before the body is even looked at.
        expect((await consent()).status).toBe(401);
      },
      30_000,
    );

    it('a change through the service answers 401 at once on every process', async () => {
      const user = await a.factory.signedIn(Role.COOP_ADMIN);
      expect((await me(a, user.auth)).status).toBe(200);
      expect((await me(b, user.auth)).status).toBe(200);
      const changedAt = Date.now();
      await a.app.get(UsersService).endSessions(user.id);
      // The changing process forgets at once; the other hears it by pub/sub, a message that can trail the HTTP
      // request by a few milliseconds on a busy machine: far below the cache's TTL, which a missed message would take.
      const res = await me(a, user.auth);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
      expect(await refusedWithin(b, user.auth, changedAt)).toBeLessThan(ACCOUNT_CACHE_TTL_MS / 2);
      // A new login works at once, in the same second as the change.
      const fresh = { Authorization: `Bearer ${await b.factory.token(user)}` };
      expect((await me(a, fresh)).status).toBe(200);
      expect((await me(b, fresh)).status).toBe(200);
    });

    it('after a password change in the database the new password signs in and its token works at once', async () => {
      const user = await a.factory.signedIn(Role.AUDITOR);
      await a.dataSource.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
        user.id,
        bcrypt.hashSync('a-new-password-2026', 4),
      ]);
      const token = await a.factory.token({ ...user, password: 'a-new-password-2026' });
      expect((await me(a, { Authorization: `Bearer ${token}` })).status).toBe(200);
      expect(
        (await a.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password })).status,
      ).toBe(401);
    });

    it('an unchanged account is read once per TTL, not on every request (no query on the hot path)', async () => {
      const user = await a.factory.signedIn(Role.LOAN_OFFICER);
      expect((await me(a, user.auth)).status).toBe(200);
      const reads = jest.spyOn(a.app.get(UsersRepository), 'findAccountState');
      try {
        for (let i = 0; i < 20; i++) expect((await me(a, user.auth)).status).toBe(200);
        expect(reads).not.toHaveBeenCalled();
      } finally {
        reads.mockRestore();
      }
    });
  });
});
