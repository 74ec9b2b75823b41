import { JwtService } from '@nestjs/jwt';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/modules/auth/jwt-options';
import { periodMonthsAgo, record, testNik, TestUser } from '../factories/factory';
import { consentAndEnrol } from '../factories/monitoring';
import { expectProperty, expectWellFormed } from '../helpers/hostile-input';
import {
  ALL_KEYS,
  ALL_USERS,
  Caller,
  CALLERS,
  documentedRoutes,
  GuardedRoute,
  isGuarded,
  MATRIX,
  METRICS_SCRAPER,
  OpenApiDocument,
  PUBLIC,
  routeKey,
  RouteRule,
  TEST_METRICS_TOKEN,
} from '../helpers/route-matrix';
import { createTestApp, TestApp } from '../helpers/test-app';

type Auth = Record<string, string>;

const guarded = MATRIX.filter(isGuarded);
const userRoles = (rule: GuardedRoute) => rule.allowed.filter((c): c is Role => (ALL_USERS as string[]).includes(c));
const AUTH_401_CODES = ['AUTH.UNAUTHENTICATED', 'AUTH.INVALID_TOKEN', 'AUTH.TOKEN_EXPIRED', 'AUTH.INVALID_API_KEY'];

describe('authorization matrix (e2e)', () => {
  let t: TestApp;
  const headers = new Map<Caller, Auth>();
  const users = new Map<Role, TestUser>();
  let coopId: string;

  beforeAll(async () => {
    // The sweep sends a few thousand requests with the same credentials; the rate limit has its own test.
    t = await createTestApp({ METRICS_TOKEN: TEST_METRICS_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
    coopId = (await t.factory.cooperative()).id;
    for (const role of ALL_USERS as Role[]) {
      const user = await t.factory.signedIn(role, coopId);
      users.set(role, user);
      headers.set(role, user.auth);
    }
    headers.set('KEY_LOAN_OFFICER', (await t.factory.apiKey(Role.LOAN_OFFICER, coopId)).auth);
    headers.set('KEY_DATA_SUBMITTER', (await t.factory.apiKey(Role.DATA_SUBMITTER, coopId)).auth);
  });
  afterAll(() => t.close());

  const send = (rule: { method: RouteRule['method']; path: string }, auth: Auth, id: string = randomUUID()) => {
    const req = t.http[rule.method](rule.path.replace('{id}', id)).set(auth);
    return rule.method === 'get' || rule.method === 'delete' ? req : req.send({});
  };

  /** An access token signed like the app's, with any claims, times and secret. */
  function forgeToken(
    claims: Record<string, unknown>,
    options: { secret?: string; algorithm?: 'HS256' | 'HS512'; issuer?: string; audience?: string } = {},
  ) {
    const jwt = new JwtService({ secret: options.secret ?? t.config.auth.tokenSecret });
    return jwt.sign(claims, {
      algorithm: options.algorithm ?? 'HS256',
      issuer: options.issuer ?? TOKEN_ISSUER,
      audience: options.audience ?? TOKEN_AUDIENCE,
    });
  }
  const claimsOf = (role: Role) => {
    const user = users.get(role)!;
    return { sub: user.id, role, coop: user.cooperativeId };
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    const documented = documentedRoutes(doc).map(routeKey);
    expect(documented.sort()).toEqual(MATRIX.map(routeKey).sort());
  });

  const cases = (allowed: boolean) =>
    guarded.flatMap((rule) =>
      CALLERS.filter((caller) => rule.allowed.includes(caller) === allowed).map(
        (caller) => [rule.method, rule.path, caller, rule] as const,
      ),
    );

  it.each(cases(true))('%s %s lets %s through', async (_m, _p, caller, rule) => {
    const res = await send(rule, headers.get(caller)!);
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });

  it.each(cases(false))('%s %s refuses %s with 403', async (_m, _p, caller, rule) => {
    const res = await send(rule, headers.get(caller)!);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it.each(guarded.map((r) => [r.method, r.path, r] as const))(
    '%s %s without credentials is 401',
    async (_m, _p, rule) => {
      const res = await send(rule, {});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    },
  );

  it.each(MATRIX.filter((r) => r.allowed === PUBLIC).map((r) => [r.method, r.path, r] as const))(
    '%s %s is public',
    async (_m, _p, rule) => {
      const res = await send(rule, {});
      expect([401, 403]).not.toContain(res.status);
    },
  );

  describe('the metrics scrape on the API port', () => {
    const scrapes = MATRIX.filter((r) => r.allowed === METRICS_SCRAPER);

    it.each(scrapes.map((r) => [r.method, r.path, r] as const))(
      '%s %s needs the metrics token, whoever calls',
      async (_m, _p, rule) => {
        for (const auth of [
          {},
          ...CALLERS.map((c) => headers.get(c)!),
          { Authorization: 'Bearer not-the-metrics-token' },
        ]) {
          const res = await send(rule, auth);
          expectWellFormed(res, `${routeKey(rule)} with ${Object.keys(auth).join(',') || 'nothing'}`);
          expect(res.status).toBe(401);
          expect(res.body.error.code).toBe('AUTH.UNAUTHENTICATED');
        }
        const scraper = await send(rule, { Authorization: `Bearer ${TEST_METRICS_TOKEN}` });
        expect(scraper.status).toBe(200);
        expect(scraper.text).toContain('# TYPE');
      },
    );
  });

  // ---------------------------------------------------------------- credentials that must never work

  const withUserRole = guarded.map((r) => [r.method, r.path, userRoles(r)[0], r] as const);

  it.each(withUserRole)(
    '%s %s: a fresh token of %s passes (the forging below is sound)',
    async (_m, _p, role, rule) => {
      const res = await send(rule, { Authorization: `Bearer ${forgeToken({ ...claimsOf(role), exp: now() + 60 })}` });
      expect([401, 403]).not.toContain(res.status);
    },
  );

  it.each(withUserRole)('%s %s: an expired token of %s is 401 AUTH.TOKEN_EXPIRED', async (_m, _p, role, rule) => {
    const expired = forgeToken({ ...claimsOf(role), iat: now() - 3600, exp: now() - 60 });
    const res = await send(rule, { Authorization: `Bearer ${expired}` });
    expectWellFormed(res, routeKey(rule));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it.each(withUserRole)(
    '%s %s: a token of %s with a bad signature is 401 AUTH.INVALID_TOKEN',
    async (_m, _p, role, rule) => {
      const token = forgeToken(
        { ...claimsOf(role), exp: now() + 60 },
        { secret: 'not-the-secret-of-this-deployment-000000' },
      );
      const res = await send(rule, { Authorization: `Bearer ${token}` });
      expectWellFormed(res, routeKey(rule));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
    },
  );

  describe('revoked API keys', () => {
    const revoked = new Map<Caller, Auth>();

    beforeAll(async () => {
      const admin = headers.get(Role.COOP_ADMIN)!;
      for (const [caller, role] of [
        ['KEY_LOAN_OFFICER', 'LOAN_OFFICER'],
        ['KEY_DATA_SUBMITTER', 'DATA_SUBMITTER'],
      ] as const) {
        const created = await t.http
          .post('/api/v1/api-keys')
          .set(admin)
          .send({ name: `revoked ${role}`, role });
        const auth = { 'X-API-Key': created.body.key as string };
        if ((await t.http.get('/api/v1/auth/me').set(auth)).status !== 200)
          throw new Error('the new key does not work');
        const deleted = await t.http.delete(`/api/v1/api-keys/${created.body.id}`).set(admin);
        if (deleted.status !== 204) throw new Error(`revocation failed: ${deleted.status}`);
        revoked.set(caller, auth);
      }
    });

    it.each(guarded.flatMap((r) => ALL_KEYS.map((k) => [r.method, r.path, k, r] as const)))(
      '%s %s: a revoked %s is 401 AUTH.INVALID_API_KEY',
      async (_m, _p, key, rule) => {
        const res = await send(rule, revoked.get(key)!);
        expectWellFormed(res, routeKey(rule));
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH.INVALID_API_KEY');
      },
    );
  });

  it('refuses forged, malformed and mixed credentials on every guarded route with a 401 in the error shape', async () => {
    const role = fc.constantFrom(...(ALL_USERS as Role[]));
    const forged = fc.oneof(
      role.map((r) => `Bearer ${forgeToken({ ...claimsOf(r), exp: now() + 60 }, { secret: 'x'.repeat(40) })}`),
      role.map((r) => `Bearer ${forgeToken({ ...claimsOf(r), exp: now() + 60 }, { algorithm: 'HS512' })}`),
      role.map((r) => `Bearer ${forgeToken({ ...claimsOf(r), exp: now() + 60 }, { issuer: 'someone-else' })}`),
      role.map((r) => `Bearer ${forgeToken({ ...claimsOf(r), exp: now() + 60 }, { audience: 'another-api' })}`),
      fc.constant(`Bearer ${forgeToken({ sub: randomUUID(), role: 'ROOT', coop: null, exp: now() + 60 })}`),
      fc.constant(`Bearer ${forgeToken({ sub: randomUUID(), exp: now() + 60 })}`),
      role.map((r) => {
        // alg "none": the claims of a real user, no signature.
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claimsOf(r), iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: now() + 60 })}.`;
      }),
      role.map((r) => {
        // A real token whose payload was swapped for a network admin's: the signature no longer matches.
        const [head, , sig] = forgeToken({ ...claimsOf(r), exp: now() + 60 }).split('.');
        const payload = Buffer.from(
          JSON.stringify({ ...claimsOf(Role.NETWORK_ADMIN), iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: now() + 60 }),
        ).toString('base64url');
        return `Bearer ${head}.${payload}.${sig}`;
      }),
      role.map((r) => `Bearer ${forgeToken({ ...claimsOf(r), exp: now() + 60 }).slice(0, -3)}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Bearer a b',
        'Basic YWRtaW46YWRtaW4=',
        'Token abc',
        'bearer',
        `Bearer ${'a'.repeat(8000)}`,
        'Bearer \u00e9',
        'null',
      ),
      fc
        .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 80 })
        .filter((s) => s.trim() !== '')
        .map((s) => `Bearer ${s}`),
    );
    const forgedKey = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== ''),
      fc.string({ unit: 'grapheme-ascii', minLength: 20, maxLength: 60 }).map((s) => `kcx_${s}`),
      fc
        .constant(headers.get('KEY_LOAN_OFFICER')!['X-API-Key'])
        .chain((key) =>
          fc
            .nat({ max: key.length - 1 })
            .map((i) => `${key.slice(0, i)}${key[i] === 'A' ? 'B' : 'A'}${key.slice(i + 1)}`),
        ),
    );
    const credential = fc.oneof(
      forged.map((a): Auth => ({ Authorization: a })),
      forgedKey.map((k): Auth => ({ 'X-API-Key': k })),
      // A bad bearer token beside a good key: the token is judged, never skipped for the key.
      forged.map((a): Auth => ({ Authorization: a, ...headers.get('KEY_DATA_SUBMITTER')! })),
    );
    await expectProperty(
      'forged credentials',
      fc.asyncProperty(fc.constantFrom(...guarded), credential, async (rule, auth) => {
        const res = await send(rule, auth);
        const what = `${routeKey(rule)} with ${JSON.stringify(auth).slice(0, 200)}`;
        expectWellFormed(res, what);
        expect({ what, status: res.status, code: AUTH_401_CODES.includes(res.body.error?.code) }).toEqual({
          what,
          status: 401,
          code: true,
        });
      }),
      300,
    );
  });

  describe('a suspended cooperative', () => {
    it('is refused profiles with 403 COOPERATIVE.SUSPENDED, by person and by key, and audited', async () => {
      const coop = await t.factory.cooperative();
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coop.id);
      const key = await t.factory.apiKey(Role.LOAN_OFFICER, coop.id);
      const nik = testNik();
      await t.factory.consent(officer.auth, nik);
      const suspend = await t.http
        .patch(`/api/v1/cooperatives/${coop.id}`)
        .set(headers.get(Role.NETWORK_ADMIN)!)
        .send({ status: 'SUSPENDED' });
      expect(suspend.status).toBe(200);
      for (const auth of [officer.auth, key.auth]) {
        const res = await t.http.post('/api/v1/profiles/query').set(auth).send({ nik, purpose: 'NEW_APPLICATION' });
        expectWellFormed(res, 'profile of a suspended coop');
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('COOPERATIVE.SUSPENDED');
        const [audit] = await t.factory.auditFor(res.headers['x-request-id']);
        expect(audit).toMatchObject({ action: 'PROFILE_QUERIED', outcome: 'DENIED' });
      }
    });
  });

  // ---------------------------------------------------------------- another coop's ids and rows

  describe("another coop's objects", () => {
    // Coop B's objects, aimed at by every allowed caller of coop A (the `headers` above).
    const b = {} as {
      coopId: string;
      admin: Auth;
      submitter: Auth;
      officer: Auth;
      key: { id: string; auth: Auth };
      consentId: string;
      submissionId: string;
      loanId: string;
      disputeId: string;
      userIds: string[];
      nik: string;
      enrollmentId: string;
      alertId: string;
      webhookId: string;
    };

    beforeAll(async () => {
      b.coopId = (await t.factory.cooperative()).id;
      const admin = await t.factory.signedIn(Role.COOP_ADMIN, b.coopId);
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER, b.coopId);
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, b.coopId);
      Object.assign(b, {
        admin: admin.auth,
        submitter: submitter.auth,
        officer: officer.auth,
        userIds: [admin.id, submitter.id, officer.id],
      });
      b.nik = testNik();
      const loanRef = t.factory.unique('B-LOAN');
      const submitted = await t.http
        .post('/api/v1/submissions')
        .set(b.submitter)
        .send({ records: [record({ nik: b.nik, loanRef, period: periodMonthsAgo(1) })] });
      if (submitted.status !== 201) throw new Error(`coop B submission: ${submitted.status} ${submitted.text}`);
      b.submissionId = submitted.body.id;
      [{ id: b.loanId }] = await t.dataSource.query('SELECT id FROM loans WHERE cooperative_id = $1', [b.coopId]);
      b.consentId = (await t.factory.consent(b.officer, b.nik)).id;
      const created = await t.http
        .post('/api/v1/api-keys')
        .set(b.admin)
        .send({ name: 'coop B system', role: 'LOAN_OFFICER' });
      b.key = { id: created.body.id, auth: { 'X-API-Key': created.body.key } };
      // The dispute is opened by coop A's officer (its coop holds consent for B's borrower): still B's to resolve.
      await t.factory.consent(headers.get(Role.LOAN_OFFICER)!, b.nik);
      const dispute = await t.http
        .post('/api/v1/disputes')
        .set(headers.get(Role.LOAN_OFFICER)!)
        .send({ loanId: b.loanId, reason: 'not mine' });
      if (dispute.status !== 201) throw new Error(`dispute on B's loan: ${dispute.status} ${dispute.text}`);
      b.disputeId = dispute.body.id;
      // Rows of coop A created after B's, so that a page "after B's row" would show them.
      const nikA = testNik();
      const own = await t.http
        .post('/api/v1/submissions')
        .set(headers.get(Role.DATA_SUBMITTER)!)
        .send({ records: [record({ nik: nikA, loanRef: t.factory.unique('A-LOAN'), period: periodMonthsAgo(1) })] });
      if (own.status !== 201) throw new Error(`coop A submission: ${own.status} ${own.text}`);
      const [{ id: loanA }] = await t.dataSource.query('SELECT id FROM loans WHERE cooperative_id = $1', [coopId]);
      await t.http
        .post('/api/v1/disputes')
        .set(headers.get(Role.NETWORK_ADMIN)!)
        .send({ loanId: loanA, reason: 'own dispute' });
      await t.http
        .post('/api/v1/api-keys')
        .set(headers.get(Role.COOP_ADMIN)!)
        .send({ name: 'later key', role: 'DATA_SUBMITTER' });
      await t.factory.user(Role.AUDITOR, coopId);
      // Coop B monitors its borrower, has an alert about it and a webhook (issue 12).
      b.enrollmentId = (await consentAndEnrol(t.factory, t.http, b.officer, b.nik)).enrollment.id;
      [{ id: b.alertId }] = await t.dataSource.query(
        `INSERT INTO monitoring_alerts (cooperative_id, enrollment_id, borrower_key, type, severity, event_key,
                                        occurred_at, lender_alias, message_id, message_en)
         SELECT cooperative_id, id, borrower_key, 'INQUIRY_ELSEWHERE', 'LOW', 'INQUIRY:matrix', now(), 'Koperasi lain',
                'Diperiksa koperasi lain', 'Queried by another coop'
           FROM monitoring_enrollments WHERE id = $1 RETURNING id`,
        [b.enrollmentId],
      );
      const hook = await t.http.post('/api/v1/monitoring/webhooks').set(b.admin).send({ url: 'http://127.0.0.1:9/b' });
      if (hook.status !== 201) throw new Error(`coop B webhook: ${hook.status} ${hook.text}`);
      b.webhookId = hook.body.id;
    });

    const objectState = async () =>
      (
        await t.dataSource.query(
          `SELECT (SELECT revoked_at FROM api_keys WHERE id = $1) AS key_revoked,
                  (SELECT revoked_at FROM consents WHERE id = $2) AS consent_revoked,
                  (SELECT row_to_json(s) FROM (SELECT status, accepted, rejected, updated_at FROM submissions WHERE id = $3) s) AS submission,
                  (SELECT row_to_json(d) FROM (SELECT status, resolution, note, resolved_at FROM disputes WHERE id = $4) d) AS dispute,
                  (SELECT row_to_json(c) FROM (SELECT status, updated_at FROM cooperatives WHERE id = $5) c) AS coop,
                  (SELECT row_to_json(e) FROM (SELECT status, ended_at FROM monitoring_enrollments WHERE id = $6) e) AS enrollment,
                  (SELECT acknowledged_at FROM monitoring_alerts WHERE id = $7) AS alert_acknowledged,
                  (SELECT deleted_at FROM monitoring_webhooks WHERE id = $8) AS webhook_deleted`,
          [b.key.id, b.consentId, b.submissionId, b.disputeId, b.coopId, b.enrollmentId, b.alertId, b.webhookId],
        )
      )[0];

    const ID_ROUTES: { path: string; method: RouteRule['method']; id: () => string; body?: object }[] = [
      { method: 'delete', path: '/api/v1/api-keys/{id}', id: () => b.key.id },
      { method: 'get', path: '/api/v1/consents/{id}', id: () => b.consentId },
      { method: 'post', path: '/api/v1/consents/{id}/revoke', id: () => b.consentId },
      { method: 'get', path: '/api/v1/submissions/{id}', id: () => b.submissionId },
      { method: 'get', path: '/api/v1/submissions/{id}/errors', id: () => b.submissionId },
      {
        method: 'post',
        path: '/api/v1/disputes/{id}/resolve',
        id: () => b.disputeId,
        body: { resolution: 'DELETED', note: 'not yours to resolve' },
      },
      { method: 'delete', path: '/api/v1/monitoring/enrollments/{id}', id: () => b.enrollmentId },
      { method: 'post', path: '/api/v1/monitoring/alerts/{id}/acknowledge', id: () => b.alertId },
      { method: 'delete', path: '/api/v1/monitoring/webhooks/{id}', id: () => b.webhookId },
      { method: 'get', path: '/api/v1/monitoring/webhooks/{id}/deliveries', id: () => b.webhookId },
    ];

    it('has a case for every route with an {id}, but the network-only PATCH /cooperatives/{id}', () => {
      const withId = MATRIX.filter((r) => r.path.includes('{id}')).map(routeKey);
      // PATCH /cooperatives/{id} is for NETWORK_ADMIN only, whose scope is every coop (API.md, Roles).
      expect(withId.sort()).toEqual([...ID_ROUTES.map(routeKey), 'patch /api/v1/cooperatives/{id}'].sort());
    });

    const idCases = ID_ROUTES.flatMap((route) => {
      const rule = MATRIX.find((r) => routeKey(r) === routeKey(route)) as GuardedRoute;
      return rule.allowed.map((caller) => [route.method, route.path, caller, route] as const);
    });

    it.each(idCases)(
      "%s %s: coop A's %s gets 404 for coop B's object, which stays as it was",
      async (_m, _p, caller, route) => {
        const before = await objectState();
        const req = t.http[route.method](route.path.replace('{id}', route.id())).set(headers.get(caller)!);
        const res = await (route.body ? req.send(route.body) : req);
        expectWellFormed(res, `${routeKey(route)} as ${caller}`);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toMatch(/NOT_FOUND$/);
        expect(res.text).not.toContain(b.coopId);
        expect(await objectState()).toEqual(before);
        // B's key still works.
        expect((await t.http.get('/api/v1/auth/me').set(b.key.auth)).status).toBe(200);
      },
    );

    it("refuses coop B's ids inside bodies and filters the same way", async () => {
      const admin = headers.get(Role.COOP_ADMIN)!;
      const email = `${randomUUID()}@cross.kcx`;
      const user = await t.http
        .post('/api/v1/users')
        .set(admin)
        .send({ email, name: 'Intruder', password: 'a-long-password', role: 'COOP_ADMIN', cooperativeId: b.coopId });
      expectWellFormed(user, 'user in coop B');
      expect(user.status).toBe(404);
      expect(await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email])).toEqual([]);

      // Coop A's officer holds no consent for this borrower of B: the loan "does not exist".
      const otherNik = testNik();
      const loanRef = t.factory.unique('B-LOAN');
      await t.http
        .post('/api/v1/submissions')
        .set(b.submitter)
        .send({ records: [record({ nik: otherNik, loanRef, period: periodMonthsAgo(1) })] });
      const [{ id: loanId }] = await t.dataSource.query(
        'SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = $2',
        [b.coopId, loanRef],
      );
      for (const caller of ['KEY_LOAN_OFFICER', Role.LOAN_OFFICER] as Caller[]) {
        const dispute = await t.http
          .post('/api/v1/disputes')
          .set(headers.get(caller)!)
          .send({ loanId, reason: 'probing' });
        expectWellFormed(dispute, `dispute as ${caller}`);
        expect(dispute.status).toBe(404);
        expect(dispute.body.error.code).toBe('LOAN.NOT_FOUND');
      }
      expect(await t.dataSource.query('SELECT id FROM disputes WHERE loan_id = $1', [loanId])).toEqual([]);
    });

    /** Every page of a list, for a caller. */
    async function everything(path: string, auth: Auth): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const res = await t.http.get(`${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`).set(auth);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        items.push(...(res.body.items as Record<string, unknown>[]));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      return items;
    }

    it.each([
      ['/api/v1/submissions', [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER']],
      ['/api/v1/disputes', [Role.DATA_SUBMITTER, Role.COOP_ADMIN, 'KEY_DATA_SUBMITTER']],
      ['/api/v1/api-keys', [Role.COOP_ADMIN]],
      ['/api/v1/users', [Role.COOP_ADMIN]],
      ['/api/v1/users?cooperativeId={B}', [Role.COOP_ADMIN]],
    ] as [string, Caller[]][])("GET %s never shows coop B's rows to coop A's %s", async (path, callers) => {
      const secrets = [b.coopId, b.submissionId, b.disputeId, b.key.id, b.consentId, ...b.userIds];
      for (const caller of callers) {
        const items = await everything(path.replace('{B}', b.coopId), headers.get(caller)!);
        const text = JSON.stringify(items);
        for (const secret of secrets)
          expect({ path, caller, leaked: text.includes(secret) ? secret : null }).toEqual({
            path,
            caller,
            leaked: null,
          });
      }
    });

    // Keyset paging finds the cursor row within the list's own scope (src/common/database/keyset.ts, the disputes
    // repository): were it read without the caller's coop, a cursor naming B's row would page from that row's
    // position (A's rows created after it, made above), telling A that the id exists and roughly when it was created.
    it.each([
      ['/api/v1/submissions', Role.DATA_SUBMITTER, () => b.submissionId],
      ['/api/v1/api-keys', Role.COOP_ADMIN, () => b.key.id],
      ['/api/v1/users', Role.COOP_ADMIN, () => b.userIds[0]],
      ['/api/v1/disputes', Role.COOP_ADMIN, () => b.disputeId],
    ] as [string, Role, () => string][])(
      "GET %s?cursor=<coop B's id> answers like an unknown cursor",
      async (path, role, id) => {
        const auth = headers.get(role)!;
        const theirs = await t.http.get(`${path}?cursor=${id()}`).set(auth);
        const unknown = await t.http.get(`${path}?cursor=${randomUUID()}`).set(auth);
        expect(theirs.status).toBe(unknown.status);
        expect(theirs.body).toEqual(unknown.body);
        // Not vacuous: the list itself has A's rows, which a page "after B's row" would have shown.
        expect((await t.http.get(path).set(auth)).body.items.length).toBeGreaterThan(0);
      },
    );

    it("lets network staff see coop B's rows where API.md says so (control for the test above)", async () => {
      const disputes = await everything('/api/v1/disputes', headers.get(Role.NETWORK_ADMIN)!);
      expect(disputes.map((d) => d.id)).toContain(b.disputeId);
      const users = await everything(`/api/v1/users?cooperativeId=${b.coopId}`, headers.get(Role.NETWORK_ADMIN)!);
      expect(users.map((u) => u.id)).toEqual(expect.arrayContaining(b.userIds));
      const events = await everything(
        `/api/v1/audit-events?actorCooperativeId=${b.coopId}`,
        headers.get(Role.NETWORK_AUDITOR)!,
      );
      expect(events.length).toBeGreaterThan(0);
    });

    it("never shows a coop AUDITOR coop B's audit events: list, filter, search or export", async () => {
      const auditor = headers.get(Role.AUDITOR)!;
      for (const path of ['/api/v1/audit-events', `/api/v1/audit-events?actorCooperativeId=${b.coopId}`]) {
        const events = await everything(path, auditor);
        for (const e of events)
          expect({ path, actor: (e.actor as { cooperativeId: string }).cooperativeId }).toEqual({
            path,
            actor: coopId,
          });
      }
      const search = await t.http.post('/api/v1/audit-events/search?limit=500').set(auditor).send({ nik: b.nik });
      expect(search.status).toBe(200);
      // Coop A's officer granted a consent and opened a dispute for this borrower: those, and nothing of B.
      expect(search.body.items.length).toBeGreaterThan(0);
      for (const e of search.body.items) expect(e.actor.cooperativeId).toBe(coopId);
      const exported = await t.http.get('/api/v1/audit-events/export').set(auditor);
      expect(exported.status).toBe(200);
      const rows = parse(exported.text, { columns: true }) as { actorCooperativeId: string }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.actorCooperativeId !== coopId)).toEqual([]);
    });
  });
});
