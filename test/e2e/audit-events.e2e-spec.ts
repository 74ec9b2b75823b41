import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

interface Item {
  id: string;
  action: string;
  outcome: string;
  actor: { userId: string | null; cooperativeId: string | null };
  subjectRef: string | null;
}

describe('audit events (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const list = (auth: Record<string, string>, query: Record<string, string | number> = {}) =>
    t.http.get('/api/v1/audit-events').query(query).set(auth);
  const ids = (items: Item[]) => items.map((i) => i.id);

  /** Audit rows written straight into the log for a coop no one logs into, so only these rows carry its id. */
  async function seed(
    rows: { action?: string; outcome?: string; userId?: string; minutesAgo?: number; count?: number }[],
    coopId?: string,
  ) {
    const coop = coopId ?? (await t.factory.cooperative()).id;
    const seeded: string[] = [];
    for (const r of rows) {
      const inserted: { id: string }[] = await t.dataSource.query(
        `INSERT INTO audit_events (occurred_at, action, outcome, actor_user_id, actor_cooperative_id, actor_role, request_id)
         SELECT now() - make_interval(mins => $1), $2, $3, $4, $5, 'LOAN_OFFICER', 'seed-' || g FROM generate_series(1, $6) g
         RETURNING id`,
        [
          r.minutesAgo ?? 1,
          r.action ?? 'CONSENT_GRANTED',
          r.outcome ?? 'ALLOWED',
          r.userId ?? null,
          coop,
          r.count ?? 1,
        ],
      );
      seeded.push(...inserted.map((i) => String(i.id)));
    }
    return { coop, ids: seeded.sort((a, b) => Number(BigInt(b) - BigInt(a))) };
  }

  const readAudit = async (requestId: string) => {
    const rows = await t.factory.auditFor(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'AUDIT_LOG_READ', outcome: 'ALLOWED' });
    return rows[0];
  };

  describe('scope', () => {
    it("shows a coop AUDITOR only its own actors' events, even when it names another coop; NETWORK_AUDITOR sees both", async () => {
      const officerA = await t.factory.signedIn(Role.LOAN_OFFICER);
      const officerB = await t.factory.signedIn(Role.LOAN_OFFICER);
      const consentA = await t.factory.consent(officerA.auth, testNik());
      const consentB = await t.factory.consent(officerB.auth, testNik());
      const auditorA = await t.factory.signedIn(Role.AUDITOR, officerA.cooperativeId!);

      const own = await list(auditorA.auth, { limit: 500 });
      expect(own.status).toBe(200);
      expect(own.body.items.every((i: Item) => i.actor.cooperativeId === officerA.cooperativeId)).toBe(true);
      expect(own.body.items.map((i: Item & { consentId: string }) => i.consentId)).toContain(consentA.id);
      expect(JSON.stringify(own.body)).not.toContain(consentB.id);

      const other = await list(auditorA.auth, { actorCooperativeId: officerB.cooperativeId! });
      expect(other.status).toBe(200);
      expect(other.body).toEqual({ items: [], nextCursor: null });
      const otherAction = await list(auditorA.auth, {
        actorCooperativeId: officerB.cooperativeId!,
        action: 'CONSENT_GRANTED',
      });
      expect(otherAction.body.items).toEqual([]);

      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      for (const [coop, consent] of [
        [officerA.cooperativeId, consentA],
        [officerB.cooperativeId, consentB],
      ] as const) {
        const res = await list(network.auth, { actorCooperativeId: coop!, action: 'CONSENT_GRANTED' });
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([
          expect.objectContaining({
            action: 'CONSENT_GRANTED',
            outcome: 'ALLOWED',
            consentId: consent.id,
            actor: {
              userId: expect.any(String),
              apiKeyId: null,
              cooperativeId: coop,
              role: 'LOAN_OFFICER',
              userName: 'Test User',
              userEmail: expect.stringMatching(/@test\.kcx$/),
              apiKeyName: null,
              cooperativeName: expect.stringMatching(/^KSP Test-/),
            },
            reason: null,
            subjectRef: expect.stringMatching(/^[0-9a-f-]{36}$/),
            purpose: 'NEW_APPLICATION',
            requestId: expect.any(String),
            ip: expect.any(String),
            occurredAt: expect.any(String),
          }),
        ]);
        expect(res.body.items[0].id).toMatch(/^\d+$/);
      }
    });

    it.each([Role.NETWORK_ADMIN, Role.COOP_ADMIN, Role.LOAN_OFFICER, Role.DATA_SUBMITTER])(
      'refuses %s with 403 on every route',
      async (role) => {
        const user = await t.factory.signedIn(role);
        expect((await list(user.auth)).status).toBe(403);
        expect((await t.http.post('/api/v1/audit-events/search').set(user.auth).send({ nik: testNik() })).status).toBe(
          403,
        );
        expect((await t.http.get('/api/v1/audit-events/export').set(user.auth)).status).toBe(403);
      },
    );
  });

  describe('filters', () => {
    const userA = randomUUID();
    const userB = randomUUID();
    const rows = [
      { action: 'CONSENT_GRANTED', outcome: 'ALLOWED', userId: userA, minutesAgo: 180 },
      { action: 'PROFILE_QUERIED', outcome: 'DENIED', userId: userB, minutesAgo: 120 },
      { action: 'PROFILE_QUERIED', outcome: 'ALLOWED', userId: userA, minutesAgo: 60 },
      { action: 'CONSENT_REVOKED', outcome: 'FAILED', userId: userB, minutesAgo: 30 },
    ];
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

    it.each([
      ['action', () => ({ action: 'PROFILE_QUERIED' }), [1, 2]],
      ['outcome', () => ({ outcome: 'ALLOWED' }), [0, 2]],
      ['actorUserId', () => ({ actorUserId: userB }), [1, 3]],
      ['from (inclusive)', () => ({ from: ago(90) }), [2, 3]],
      ['to (exclusive)', () => ({ to: ago(90) }), [0, 1]],
      ['from and to', () => ({ from: ago(150), to: ago(45) }), [1, 2]],
      ['action and outcome', () => ({ action: 'PROFILE_QUERIED', outcome: 'DENIED' }), [1]],
    ])('filters by %s', async (_name, filter, expected) => {
      const { coop, ids: newestFirst } = await seed(rows);
      const oldestFirst = [...newestFirst].reverse();
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const res = await list(network.auth, { actorCooperativeId: coop, ...filter() });
      expect(res.status).toBe(200);
      expect(ids(res.body.items)).toEqual(expected.map((i) => oldestFirst[i]).reverse());
    });

    it.each([
      ['limit', { limit: 0 }],
      ['limit', { limit: 501 }],
      ['limit', { limit: 'ten' }],
      ['cursor', { cursor: 'abc' }],
      ['cursor', { cursor: '-5' }],
      ['cursor', { cursor: randomUUID() }],
      ['action', { action: 'NOT_AN_ACTION' }],
      ['outcome', { outcome: 'MAYBE' }],
      ['actorCooperativeId', { actorCooperativeId: 'coop-a' }],
      ['actorUserId', { actorUserId: '123' }],
      ['from', { from: 'yesterday' }],
      ['to', { to: '2026-02-30T00:00:00Z' }],
      ['to', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    ])('refuses a bad %s (%p) with 400 naming the field', async (field, query) => {
      const auditor = await t.factory.signedIn(Role.AUDITOR);
      for (const path of ['/api/v1/audit-events', '/api/v1/audit-events/export'].filter(
        (p) => !(p.endsWith('export') && ['limit', 'cursor'].includes(field)),
      )) {
        const res = await t.http.get(path).query(query).set(auditor.auth);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });
  });

  it('walks every page newest first with limit and nextCursor, without duplicates', async () => {
    const { coop, ids: seeded } = await seed([{ count: 23 }]);
    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const walked: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(auditor.auth, { actorCooperativeId: coop, limit: 5, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      sizes.push(res.body.items.length);
      walked.push(...ids(res.body.items));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(walked).toEqual(seeded);
    expect(new Set(walked).size).toBe(23);
    const whole = await list(auditor.auth, { actorCooperativeId: coop, limit: 500 });
    expect(ids(whole.body.items)).toEqual(seeded);
    expect(whole.body.nextCursor).toBeNull();
  });

  describe('search by NIK', () => {
    it("finds one borrower's consent and profile events within the scope, never holding the NIK", async () => {
      const officerA = await t.factory.signedIn(Role.LOAN_OFFICER);
      const officerB = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await t.factory.consent(officerA.auth, nik);
      await t.http.post(`/api/v1/consents/${consent.id}/revoke`).set(officerA.auth).expect(200);
      await t.http
        .post('/api/v1/profiles/query')
        .set(officerA.auth)
        .send({ nik, purpose: 'NEW_APPLICATION' })
        .expect(403);
      await t.factory.consent(officerA.auth, testNik()); // another borrower, same coop
      await t.factory.consent(officerB.auth, nik); // same borrower, another coop

      const auditorA = await t.factory.signedIn(Role.AUDITOR, officerA.cooperativeId!);
      const res = await t.http.post('/api/v1/audit-events/search').set(auditorA.auth).send({ nik });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: Item) => [i.action, i.outcome])).toEqual([
        ['PROFILE_QUERIED', 'DENIED'],
        ['CONSENT_REVOKED', 'ALLOWED'],
        ['CONSENT_GRANTED', 'ALLOWED'],
      ]);
      const subjectRef = res.body.items[0].subjectRef;
      expect(
        res.body.items.every(
          (i: Item) => i.subjectRef === subjectRef && i.actor.cooperativeId === officerA.cooperativeId,
        ),
      ).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain(nik);

      const audit = await readAudit(res.headers['x-request-id']);
      expect(audit.details).toMatchObject({
        query: 'SEARCH',
        filters: { subjectRef },
        borrowerKnown: true,
        returned: 3,
      });
      expect(audit.subject_ref).toBeNull();
      expect(JSON.stringify(audit)).not.toContain(nik);

      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const all = await t.http.post('/api/v1/audit-events/search').query({ limit: 2 }).set(network.auth).send({ nik });
      expect(all.body.items).toHaveLength(2);
      expect(all.body.items[0].actor.cooperativeId).toBe(officerB.cooperativeId);
      const rest = await t.http
        .post('/api/v1/audit-events/search')
        .query({ limit: 500, cursor: all.body.nextCursor })
        .set(network.auth)
        .send({ nik });
      expect(rest.body.items.map((i: Item) => i.action)).toEqual(['CONSENT_REVOKED', 'CONSENT_GRANTED']);
      expect(rest.body.nextCursor).toBeNull();

      const range = await t.http
        .post('/api/v1/audit-events/search')
        .set(network.auth)
        .send({ nik, from: new Date(Date.now() + 60_000).toISOString() });
      expect(range.body.items).toEqual([]);
    });

    it('answers an unknown borrower with an empty list and a bad NIK with 400, echoing neither', async () => {
      const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const nik = testNik();
      const res = await t.http.post('/api/v1/audit-events/search').set(auditor.auth).send({ nik });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
      const audit = await readAudit(res.headers['x-request-id']);
      expect(audit.details).toMatchObject({ query: 'SEARCH', borrowerKnown: false, returned: 0 });
      expect(JSON.stringify(audit)).not.toContain(nik);

      const bad = await t.http.post('/api/v1/audit-events/search').set(auditor.auth).send({ nik: '3375013212890001' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('nik');
      expect(JSON.stringify(bad.body)).not.toContain('3375013212890001');
    });
  });

  describe('CSV export', () => {
    const exportCsv = (auth: Record<string, string>, query: Record<string, string> = {}) =>
      t.http
        .get('/api/v1/audit-events/export')
        .query(query)
        .set(auth)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        });
    const lines = (body: string) => body.trimEnd().split('\n');

    it('streams thousands of rows newest first, with a header, filtered, and records the read', async () => {
      const { coop, ids: seeded } = await seed([{ count: 3000, action: 'PROFILE_QUERIED' }]);
      await seed([{ count: 5, action: 'CONSENT_GRANTED', outcome: 'DENIED' }], coop);
      const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);

      const res = await exportCsv(auditor.auth, { actorCooperativeId: coop, action: 'PROFILE_QUERIED' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('audit-events.csv');
      const [header, ...body] = lines(res.body as string);
      expect(header).toBe(
        'id,occurredAt,action,outcome,actorUserId,actorApiKeyId,actorCooperativeId,actorRole,subjectRef,purpose,consentId,requestId,ip,' +
          'actorUserName,actorUserEmail,actorApiKeyName,actorCooperativeName,reason',
      );
      expect(body).toHaveLength(3000);
      expect(body.map((l) => l.split(',')[0])).toEqual(seeded);
      expect(body[0].split(',')).toEqual([
        seeded[0],
        expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        'PROFILE_QUERIED',
        'ALLOWED',
        '',
        '',
        coop,
        'LOAN_OFFICER',
        '',
        '',
        '',
        expect.stringMatching(/^seed-/),
        '',
        '',
        '',
        '',
        expect.stringMatching(/^KSP Test-/),
        '',
      ]);

      const denied = await exportCsv(auditor.auth, { actorCooperativeId: coop, outcome: 'DENIED' });
      expect(lines(denied.body as string)).toHaveLength(6);

      const audit = await readAudit(res.headers['x-request-id']);
      expect(audit.details).toEqual({
        query: 'EXPORT',
        filters: { actorCooperativeId: coop, action: 'PROFILE_QUERIED' },
      });
    });

    it("gives a coop AUDITOR only its own actors' events, its own read first", async () => {
      const own = await seed([{ count: 20 }]);
      const other = await seed([{ count: 20 }]);
      const auditor = await t.factory.signedIn(Role.AUDITOR, own.coop);
      const res = await exportCsv(auditor.auth);
      expect(res.status).toBe(200);
      const [, ...body] = lines(res.body as string);
      const coops = new Set(body.map((l) => l.split(',')[6]));
      expect([...coops]).toEqual([own.coop]);
      const exported = body.map((l) => l.split(',')[0]);
      expect(exported).toEqual(expect.arrayContaining(own.ids));
      expect(exported).toEqual(expect.not.arrayContaining([other.ids[0]]));
      // The read was committed before the first row went out, so the export lists itself first.
      expect(body[0].split(',').slice(2, 4)).toEqual(['AUDIT_LOG_READ', 'ALLOWED']);
      expect(body[0].split(',')[11]).toBe(res.headers['x-request-id']);
      const named = await exportCsv(auditor.auth, { actorCooperativeId: other.coop });
      expect(lines(named.body as string)).toHaveLength(1);
    });
  });

  it('records each list read with its filters, as the reader', async () => {
    const auditor = await t.factory.signedIn(Role.AUDITOR);
    const res = await list(auditor.auth, { action: 'AUTH_LOGIN', limit: 10 });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Item) => i.actor.userId)).toEqual([auditor.id]);
    const audit = await readAudit(res.headers['x-request-id']);
    expect(audit).toMatchObject({
      actor_user_id: auditor.id,
      actor_cooperative_id: auditor.cooperativeId,
      actor_role: 'AUDITOR',
    });
    expect(audit.details).toEqual({ query: 'LIST', filters: { action: 'AUTH_LOGIN' }, returned: 1 });
    // The read itself is now in the log, for the next read to find.
    const reads = await list(auditor.auth, { action: 'AUDIT_LOG_READ' });
    expect(ids(reads.body.items)).toEqual([String(audit.id)]);
  });
});
