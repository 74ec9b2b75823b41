import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { AuthService } from '../../src/modules/auth/auth.service';
import { QueueDashboardAuth } from '../../src/modules/queue-dashboard/queue-dashboard-auth';
import { createTestApp, TestApp } from '../helpers/test-app';

const basic = (email: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`,
});
const REALM = 'Basic realm="KCX queues", charset="UTF-8"';

describe('queue dashboard (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:board-${randomUUID().slice(0, 8)}`,
    });
  });
  afterAll(() => t.close());

  /** Refused: the API error shape, never the board's page or data. */
  const expectRefused = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      error: { code, message: expect.any(String), requestId: res.headers['x-request-id'], details: [] },
    });
    expect(res.text).not.toMatch(/<html|"queues"/i);
    if (status === 401) expect(res.headers['www-authenticate']).toBe(REALM);
  };

  it('serves the board to a NETWORK_ADMIN with a bearer token: the page, its files and the queues API', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const page = await t.http.get('/admin/queues').set(admin.auth);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="root">');
    expect(page.text).toContain('<base href="/admin/queues/"');

    const api = await t.http.get('/admin/queues/api/queues').set(admin.auth);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'audit',
      'monitoring',
      'retention',
      'risk',
      'submissions',
      'webhooks',
    ]);
    expect(api.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);

    const script = /<script defer src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)![1];
    const js = await t.http.get(`/admin/queues/${script}`).set(admin.auth);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it("renders under the API's Content-Security-Policy: every script and style the page loads is its own", async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const page = await t.http.get('/admin/queues').set(admin.auth).expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    // Scripts: external files from the board's own path (script-src 'self'); the one inline block is JSON data.
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    const sources = scripts.flatMap((attrs) => /src="([^"]+)"/.exec(attrs)?.[1] ?? []);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((src) => !src.startsWith('static/'))).toEqual([]);
    expect(scripts.filter((attrs) => !attrs.includes('src='))).toEqual([
      expect.stringContaining('type="application/json"'),
    ]);
    // Stylesheets from its own path; the Google Fonts one is refused by style-src and the page uses system fonts.
    const styles = [...page.text.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)].map((m) => m[1]);
    expect(styles.filter((href) => !href.startsWith('https://fonts.googleapis.com/'))).toEqual([
      expect.stringMatching(/^static\/css\//),
    ]);
    for (const href of styles.filter((h) => h.startsWith('static/'))) {
      expect((await t.http.get(`/admin/queues/${href}`).set(admin.auth)).status).toBe(200);
    }
  });

  it("asks a browser for Basic credentials and admits a NETWORK_ADMIN's email and password, remembered briefly", async () => {
    const admin = await t.factory.user(Role.NETWORK_ADMIN);
    expectRefused(await t.http.get('/admin/queues'), 401, 'AUTH.UNAUTHENTICATED');

    const auth = t.app.get(QueueDashboardAuth);
    const login = jest.spyOn((auth as unknown as { auth: AuthService }).auth, 'login');
    try {
      const credentials = basic(admin.email, admin.password);
      // A page and its files arrive together: one login between them, then none while remembered.
      const first = await Promise.all([
        t.http.get('/admin/queues').set(credentials),
        t.http.get('/admin/queues/api/queues').set(credentials),
      ]);
      expect(first.map((r) => r.status)).toEqual([200, 200]);
      expect((await t.http.get('/admin/queues/api/queues').set(credentials)).status).toBe(200);
      expect(login).toHaveBeenCalledTimes(1);
    } finally {
      login.mockRestore();
    }
    // The login is audited like any other.
    const [audit] = await t.dataSource.query(
      `SELECT outcome FROM audit_events WHERE action = 'AUTH_LOGIN' AND actor_user_id = $1 ORDER BY id`,
      [admin.id],
    );
    expect(audit.outcome).toBe('ALLOWED');
  });

  it('refuses a wrong password, an unknown email and malformed credentials with 401, through the login throttle', async () => {
    const admin = await t.factory.user(Role.NETWORK_ADMIN);
    expectRefused(
      await t.http.get('/admin/queues').set(basic(admin.email, 'wrong-password')),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    expectRefused(
      await t.http.get('/admin/queues/api/queues').set(basic(`nobody-${randomUUID()}@test.kcx`, 'x')),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    expectRefused(
      await t.http.get('/admin/queues').set({ Authorization: 'Basic not-base64!' }),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    expectRefused(
      await t.http.get('/admin/queues').set({ Authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    expectRefused(
      await t.http.get('/admin/queues').set({ Authorization: 'Bearer not-a-token' }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    // A wrong password is never remembered: after it, the right one still works, the wrong one still fails.
    expect((await t.http.get('/admin/queues').set(basic(admin.email, admin.password))).status).toBe(200);
    expectRefused(
      await t.http.get('/admin/queues').set(basic(admin.email, 'wrong-password')),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    const failures = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'AUTH_LOGIN' AND outcome = 'DENIED' AND actor_user_id = $1`,
      [admin.id],
    );
    expect(failures[0].n).toBe(2);
  });

  it('answers 429 once the login throttle trips', async () => {
    const throttled = await createTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '2',
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:board-throttle-${randomUUID().slice(0, 8)}`,
    });
    try {
      const admin = await throttled.factory.user(Role.NETWORK_ADMIN);
      for (let i = 0; i < 2; i++)
        expect((await throttled.http.get('/admin/queues').set(basic(admin.email, 'wrong'))).status).toBe(401);
      const res = await throttled.http.get('/admin/queues').set(basic(admin.email, admin.password));
      expectRefused(res, 429, 'AUTH.THROTTLED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await throttled.close();
    }
  });

  it.each([Role.NETWORK_AUDITOR, Role.COOP_ADMIN, Role.LOAN_OFFICER, Role.DATA_SUBMITTER, Role.AUDITOR])(
    'refuses a %s with 403, by token or by password',
    async (role) => {
      const user = await t.factory.signedIn(role);
      for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/api/queues/risk/pause']) {
        expectRefused(await t.http.get(path).set(user.auth), 403, 'AUTH.FORBIDDEN');
      }
      expectRefused(await t.http.get('/admin/queues').set(basic(user.email, user.password)), 403, 'AUTH.FORBIDDEN');
    },
  );

  it('refuses API keys and requests without credentials, files included', async () => {
    const key = await t.factory.apiKey(Role.LOAN_OFFICER);
    expectRefused(await t.http.get('/admin/queues').set(key.auth), 401, 'AUTH.UNAUTHENTICATED');
    expectRefused(await t.http.get('/admin/queues/api/queues'), 401, 'AUTH.UNAUTHENTICATED');
    expectRefused(await t.http.get('/admin/queues/static/images/logo.svg'), 401, 'AUTH.UNAUTHENTICATED');
    expectRefused(await t.http.put('/admin/queues/api/queues/risk/pause'), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('is read-only even for a NETWORK_ADMIN', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    for (const [method, path] of [
      ['put', '/admin/queues/api/queues/risk/pause'],
      ['put', '/admin/queues/api/queues/submissions/empty'],
      ['put', '/admin/queues/api/queues/risk/retry/failed'],
    ] as const) {
      expect((await t.http[method](path).set(admin.auth)).status).toBe(405);
    }
  });

  it('is not in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
  });
});
