import { Role } from '../../src/common/auth/role';
import { QUEUE_DASHBOARD_PATH } from '../../src/modules/queue-dashboard/queue-dashboard';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { TEST_METRICS_TOKEN } from '../helpers/route-matrix';
import { createTestApp, TestApp } from '../helpers/test-app';

/** Every digit percent-encoded: what a client's URL encoder may send, and what a log line would show as it is. */
const encoded = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');

/**
 * Issue 16, findings 2 and 3: a NIK travels only in a request body's NIK fields (API.md). One in a URL is refused
 * before it is logged or routed; one in any other body field or key is refused before anything is stored. Neither is
 * ever echoed back.
 */
describe('a NIK outside the NIK fields of a body (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TEST_METRICS_TOKEN });
  });
  afterAll(() => t.close());

  const expectRefused = (
    res: {
      status: number;
      text: string;
      body: { error: { code: string; requestId: string; details: unknown[] } };
      headers: Record<string, string>;
    },
    nik: string,
    fields: string[],
  ) => {
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION', requestId: res.headers['x-request-id'] });
    const details = res.body.error.details as { field: string; message: string }[];
    expect(details.map((d) => d.field)).toEqual(fields);
    for (const d of details) expect(d.message).toContain('must not contain a NIK');
    expect(res.text).not.toContain(nik);
    expect(res.text).not.toContain(encoded(nik));
  };

  describe('in a URL', () => {
    type Send = (nik: string, auth: Record<string, string>) => ReturnType<TestApp['http']['get']>;
    it.each<[string, Send, string[]]>([
      [
        'a profile query with ?nik=',
        (nik, auth) =>
          t.http.post(`/api/v1/profiles/query?nik=${nik}`).set(auth).send({ nik, purpose: 'NEW_APPLICATION' }),
        ['query.nik'],
      ],
      ['a made-up profile path', (nik, auth) => t.http.get(`/api/v1/profiles/${nik}`).set(auth), ['path']],
      ['a consent id', (nik, auth) => t.http.get(`/api/v1/consents/${nik}`).set(auth), ['path']],
      ['a list cursor', (nik, auth) => t.http.get(`/api/v1/submissions?cursor=${nik}`).set(auth), ['query.cursor']],
      ['an audit cursor', (nik, auth) => t.http.get(`/api/v1/audit-events?cursor=${nik}`).set(auth), ['query.cursor']],
      [
        'a percent-encoded cursor',
        (nik, auth) => t.http.get(`/api/v1/audit-events?limit=5&cursor=${encoded(nik)}`).set(auth),
        ['query.cursor'],
      ],
      ['a query name', (nik, auth) => t.http.get(`/api/v1/audit-events?${nik}=1`).set(auth), ['query.[NIK]']],
      [
        'a run inside a value',
        (nik, auth) => t.http.get(`/api/v1/audit-events?ref=KTP+${nik}-01`).set(auth),
        ['query.ref'],
      ],
      ['a console page', (nik) => t.http.get(`/console/${nik}`), ['path']],
      ['a console asset, encoded', (nik) => t.http.get(`/console/assets/${encoded(nik)}.js`), ['path']],
      ['the OpenAPI pages', (nik) => t.http.get(`/api/docs/${nik}`), ['path']],
      ['the queue dashboard', (nik) => t.http.get(`${QUEUE_DASHBOARD_PATH}/api/queues/${nik}`), ['path']],
      [
        'the metrics',
        (nik) => t.http.get(`/metrics?x=${nik}`).set('Authorization', `Bearer ${TEST_METRICS_TOKEN}`),
        ['query.x'],
      ],
      ['liveness', (nik) => t.http.get(`/health/live?nik=${nik}`), ['query.nik']],
      ['readiness, encoded', (nik) => t.http.get(`/health/ready?nik=${encoded(nik)}`), ['query.nik']],
      ['a malformed escape before it', (nik) => t.http.get(`/health/live?bad=%zz&nik=${encoded(nik)}`), ['query.nik']],
      [
        'path and query at once',
        (nik, auth) => t.http.delete(`/api/v1/api-keys/${nik}?nik=${nik}`).set(auth),
        ['path', 'query.nik'],
      ],
    ])('refuses %s with 400 naming where, never echoing it', async (_name, send, fields) => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const res = await send(nik, officer.auth);
      expectRefused(res, nik, fields);
      // Refused before routing: no handler ran, so nothing was audited under the request's id either.
      expect(await t.factory.auditFor(res.headers['x-request-id'])).toEqual([]);
    });

    it('refuses before the handler: a profile query with the NIK in the URL records no query, allowed or denied', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      await t.factory.consent(officer.auth, nik);
      const res = await t.http
        .post(`/api/v1/profiles/query?nik=${nik}`)
        .set(officer.auth)
        .send({ nik, purpose: 'NEW_APPLICATION' });
      expectRefused(res, nik, ['query.nik']);
      const queried = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PROFILE_QUERIED' AND actor_user_id = $1`,
        [officer.id],
      );
      expect(queried[0].n).toBe(0);
    });

    it('keeps the other answers as they were: X-Request-Id, nosniff, and other digits pass', async () => {
      const res = await t.http.get(`/health/live?nik=${testNik()}`).set('X-Request-Id', 'caller-trace-0042');
      expect(res.headers['x-request-id']).toBe('caller-trace-0042');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect((await t.http.get('/health/live?t=1733215534000&n=337501120385000')).status).toBe(200);
    });

    it("answers an unknown route's 404 without its query string", async () => {
      const res = await t.http.get('/api/v1/nothing-here?ref=KTP-secret');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Cannot GET /api/v1/nothing-here');
    });
  });

  describe('in a body, outside the NIK fields', () => {
    const consentBody = (nik: string, reference: string) => ({
      nik,
      purpose: 'MONITORING',
      evidence: { type: 'SIGNED_FORM', reference },
    });
    const consents = async (coopId: string) =>
      (await t.dataSource.query('SELECT count(*)::int AS n FROM consents WHERE cooperative_id = $1', [coopId]))[0].n;

    it('refuses a consent reference "KTP <NIK>" with 400 naming evidence.reference, storing nothing', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const res = await t.http
        .post('/api/v1/consents')
        .set(officer.auth)
        .send(consentBody(nik, `KTP ${nik}`));
      expectRefused(res, nik, ['evidence.reference']);
      expect(await consents(officer.cooperativeId!)).toBe(0);
      // The same consent with a plain reference is taken: only the run is refused.
      expect(
        (await t.http.post('/api/v1/consents').set(officer.auth).send(consentBody(nik, 'KTP form 12'))).status,
      ).toBe(201);
    });

    it('refuses a key equal to a NIK, naming it redacted', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const res = await t.http
        .post('/api/v1/consents')
        .set(officer.auth)
        .send({ ...consentBody(nik, 'form 1'), [nik]: 'x' });
      expectRefused(res, nik, ['[NIK]']);
      expect(await consents(officer.cooperativeId!)).toBe(0);
    });

    describe('a JSON submission', () => {
      const holdings = async (coopId: string) =>
        (
          await t.dataSource.query(
            `SELECT (SELECT count(*)::int FROM submissions WHERE cooperative_id = $1) AS submissions,
                    (SELECT count(*)::int FROM loans WHERE cooperative_id = $1) AS loans,
                    (SELECT count(*)::int FROM submission_errors e JOIN submissions s ON s.id = e.submission_id WHERE s.cooperative_id = $1) AS errors`,
            [coopId],
          )
        )[0];

      it.each([
        [
          'STRICT',
          'loanRef "<NIK>-01"',
          (nik: string) => record({ nik, loanRef: `${nik}-01`, period: periodMonthsAgo(1) }),
          'records[2].loanRef',
        ],
        [
          'PARTIAL',
          'loanRef "<NIK>-01"',
          (nik: string) => record({ nik, loanRef: `${nik}-01`, period: periodMonthsAgo(1) }),
          'records[2].loanRef',
        ],
        [
          'PARTIAL',
          'a field named by the NIK',
          (nik: string) => ({ ...record({ nik, period: periodMonthsAgo(1) }), [nik]: 1 }),
          'records[2].[NIK]',
        ],
        [
          'PARTIAL',
          'a name holding it',
          (nik: string) => record({ nik, fullName: `Siti ${nik}`, period: periodMonthsAgo(1) }),
          'records[2].fullName',
        ],
      ])('%s: refuses %s with 400 naming field and row, storing nothing', async (mode, _what, bad, field) => {
        const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
        const nik = testNik();
        const records = [
          record({ nik: testNik(), loanRef: 'PK-1' }),
          record({ nik: testNik(), loanRef: 'PK-2' }),
          bad(nik),
        ];
        const res = await t.http.post('/api/v1/submissions').set(submitter.auth).send({ mode, records });
        expectRefused(res, nik, [field]);
        expect(res.body.error.details[0].row).toBe(3);
        expect(await holdings(submitter.cooperativeId!)).toEqual({ submissions: 0, loans: 0, errors: 0 });
      });
    });

    it('leaves passwords alone: a 16-digit password is a wrong password (401), not a refused field', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: `nobody-${testNik().slice(-6)}@x.kcx`, password: testNik() });
      expect(res.status).toBe(401);
    });
  });

  describe('in the audit log of a list read', () => {
    it('refuses a malformed cursor with 400 naming cursor, recording no read', async () => {
      const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      for (const cursor of ['abc', '1e3', ' 1', '0', '999999999999999999999']) {
        const res = await t.http.get('/api/v1/audit-events').query({ cursor }).set(auditor.auth);
        expect(res.status).toBe(400);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('cursor');
        expect(await t.factory.auditFor(res.headers['x-request-id'])).toEqual([]);
      }
    });

    it('records that a later page was read, never the cursor itself', async () => {
      const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const first = await t.http.get('/api/v1/audit-events').query({ limit: 1 }).set(auditor.auth);
      const cursor = first.body.nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      const next = await t.http.get('/api/v1/audit-events').query({ limit: 1, cursor }).set(auditor.auth);
      expect(next.status).toBe(200);
      const [read] = await t.factory.auditFor(next.headers['x-request-id']);
      expect(read.details).toEqual({ query: 'LIST', filters: {}, laterPage: true, returned: 1 });
      expect(JSON.stringify(read.details)).not.toContain(cursor);
      const search = await t.http
        .post('/api/v1/audit-events/search')
        .query({ cursor })
        .set(auditor.auth)
        .send({ nik: testNik() });
      const [searched] = await t.factory.auditFor(search.headers['x-request-id']);
      expect(searched.details).toMatchObject({ query: 'SEARCH', laterPage: true });
      expect(JSON.stringify(searched.details)).not.toContain(cursor);
    });
  });
});
