import { Role } from '../../src/common/auth/role';
import { testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

const METRICS_TOKEN = 'usage-guard-metrics-token-0123456789abcdef';
type Auth = Record<string, string>;

/** Counts run per clock hour: a test that straddles the hour would see its count start again, so start clear of it. */
async function clearOfTheHourEdge(seconds = 45): Promise<void> {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 500));
}

function helpers(t: () => TestApp) {
  const consent = (auth: Auth, nik: string, reference: string, purpose = 'NEW_APPLICATION') =>
    t()
      .http.post('/api/v1/consents')
      .set(auth)
      .send({ nik, purpose, evidence: { type: 'SIGNED_FORM', reference } });
  const query = (auth: Auth, nik: string) =>
    t().http.post('/api/v1/profiles/query').set(auth).send({ nik, purpose: 'NEW_APPLICATION' });
  const anomalies = (cooperativeId: string) =>
    t().dataSource.query(`SELECT * FROM usage_anomalies WHERE cooperative_id = $1 ORDER BY kind`, [cooperativeId]);
  /** `perHour` answered queries in each of the `hours` hours before this one: the coop's history. */
  const history = async (consentId: string, hours: number, perHour: number) => {
    await t().dataSource.query(
      `INSERT INTO inquiries (id, borrower_key, cooperative_id, purpose, consent_id, occurred_at)
       SELECT gen_random_uuid(), c.borrower_key, c.cooperative_id, c.purpose, c.id,
              date_trunc('hour', now()) - make_interval(hours => h) + make_interval(mins => n)
         FROM consents c, generate_series(1, $2::int) h, generate_series(1, $3::int) n WHERE c.id = $1`,
      [consentId, hours, perHour],
    );
  };
  return { consent, query, anomalies, history };
}

describe('query-volume guard: per-coop hourly ceilings (e2e)', () => {
  let t: TestApp;
  const h = helpers(() => t);

  beforeAll(async () => {
    t = await createTestApp({ PROFILE_QUERIES_PER_COOP_PER_HOUR: '3', CONSENTS_PER_COOP_PER_HOUR: '4', METRICS_TOKEN });
  });
  afterAll(() => t.close());
  beforeEach(() => clearOfTheHourEdge());

  it("counts profile queries across all of a coop's users and keys, then answers 429 QUOTA_EXCEEDED, audited DENIED", async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const key = await t.factory.apiKey(Role.LOAN_OFFICER, officer.cooperativeId!);
    const nik = testNik();
    expect((await h.consent(officer.auth, nik, 'FORM-Q-1')).status).toBe(201);
    expect((await h.query(officer.auth, nik)).status).toBe(200);
    expect((await h.query(key.auth, nik)).status).toBe(200);
    expect((await h.query(officer.auth, nik)).status).toBe(200);

    const refused = await h.query(key.auth, nik);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('COOPERATIVE.QUOTA_EXCEEDED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(JSON.stringify(refused.body)).not.toContain(nik);
    const audits = await t.dataSource.query(
      `SELECT * FROM audit_events WHERE request_id = $1 AND action = 'PROFILE_QUERIED'`,
      [refused.headers['x-request-id']],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      outcome: 'DENIED',
      actor_api_key_id: key.id,
      actor_cooperative_id: officer.cooperativeId,
      purpose: 'NEW_APPLICATION',
      details: { reason: 'COOPERATIVE.QUOTA_EXCEEDED', limitPerHour: 3 },
    });
    expect(audits[0].subject_ref).toMatch(/^[0-9a-f-]{36}$/);
    // Not answered, so not an inquiry either.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM inquiries WHERE cooperative_id = $1`, [
      officer.cooperativeId,
    ]);
    expect(n).toBe(3);

    // Another coop has its own ceiling.
    const other = await t.factory.signedIn(Role.LOAN_OFFICER);
    const otherNik = testNik();
    await h.consent(other.auth, otherNik, 'FORM-Q-2');
    expect((await h.query(other.auth, otherNik)).status).toBe(200);

    const metrics = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.text).toMatch(/kcx_usage_quota_refusals_total\{measure="PROFILE_QUERIES"\} [1-9]/);
    expect(metrics.text).toMatch(/kcx_profile_queries_total\{outcome="COOPERATIVE.QUOTA_EXCEEDED"\} [1-9]/);
  });

  it("refuses consents past the coop's ceiling with 429, storing nothing", async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const key = await t.factory.apiKey(Role.LOAN_OFFICER, officer.cooperativeId!);
    for (const [i, auth] of [officer.auth, key.auth, officer.auth, key.auth].entries()) {
      expect((await h.consent(auth, testNik(), `FORM-C-${i}`)).status).toBe(201);
    }
    const refused = await h.consent(officer.auth, testNik(), 'FORM-C-9');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('COOPERATIVE.QUOTA_EXCEEDED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM consents WHERE cooperative_id = $1`, [
      officer.cooperativeId,
    ]);
    expect(n).toBe(4);
    const [audit] = await t.factory.auditFor(refused.headers['x-request-id']);
    expect(audit).toMatchObject({
      action: 'CONSENT_GRANTED',
      outcome: 'DENIED',
      consent_id: null,
      details: { reason: 'COOPERATIVE.QUOTA_EXCEEDED' },
    });
  });
});

describe('query-volume guard: anomaly signals for auditors (e2e)', () => {
  let t: TestApp;
  const h = helpers(() => t);

  beforeAll(async () => {
    // A low floor so that a test can reach it; the factor as configured in production.
    t = await createTestApp({ QUERY_SPIKE_MIN_PER_HOUR: '8', QUERY_SPIKE_FACTOR: '3', METRICS_TOKEN });
  });
  afterAll(() => t.close());
  beforeEach(() => clearOfTheHourEdge());

  it("flags a spike against the coop's own baseline, once per hour, and not a busy coop within its usual volume", async () => {
    const quiet = await t.factory.signedIn(Role.LOAN_OFFICER);
    const busy = await t.factory.signedIn(Role.LOAN_OFFICER);
    const quietNik = testNik();
    const busyNik = testNik();
    const quietConsent = await h.consent(quiet.auth, quietNik, 'FORM-S-1');
    const busyConsent = await h.consent(busy.auth, busyNik, 'FORM-S-2');
    await h.history(quietConsent.body.id, 20, 2); // usually 2 an hour
    await h.history(busyConsent.body.id, 20, 5); // usually 5 an hour: 12 is within 3x
    for (let i = 0; i < 12; i++) {
      expect((await h.query(quiet.auth, quietNik)).status).toBe(200);
      expect((await h.query(busy.auth, busyNik)).status).toBe(200);
    }
    const flagged = await h.anomalies(quiet.cooperativeId!);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ kind: 'PROFILE_QUERY_SPIKE', subject: '', baseline: '2.00', threshold: 8 });
    expect(flagged[0].observed).toBeGreaterThanOrEqual(8);
    expect(flagged[0].window_end.getTime() - flagged[0].window_start.getTime()).toBe(3_600_000);
    expect(await h.anomalies(busy.cooperativeId!)).toEqual([]);
  });

  it('flags a burst of consents with references FAKE-0...24 by one key, and the auditor sees it in the API and metrics', async () => {
    const key = await t.factory.apiKey(Role.LOAN_OFFICER);
    for (let i = 0; i < 25; i++) {
      expect((await h.consent({ 'X-API-Key': key.key }, testNik(), `FAKE-${i}`)).status).toBe(201);
    }
    const rows = await h.anomalies(key.cooperativeId);
    expect(rows.map((r: { kind: string }) => r.kind)).toEqual(['CONSENT_REFERENCE_BURST', 'CONSENT_SPIKE']);
    expect(rows[0]).toMatchObject({
      observed: 25,
      threshold: 20,
      actor_api_key_id: key.id,
      actor_user_id: null,
      reference_pattern: 'FAKE-#',
    });

    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const res = await t.http
      .get(`/api/v1/network/usage-anomalies?cooperativeId=${key.cooperativeId}`)
      .set(auditor.auth);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const burst = res.body.items.find((i: { kind: string }) => i.kind === 'CONSENT_REFERENCE_BURST');
    expect(burst).toMatchObject({
      cooperative: { id: key.cooperativeId, name: expect.any(String) },
      observed: 25,
      threshold: 20,
      baseline: null,
      credential: { userId: null, apiKeyId: key.id },
      referencePattern: 'FAKE-#',
    });
    expect(Date.parse(burst.windowEnd) - Date.parse(burst.windowStart)).toBe(10 * 60_000);
    const spike = res.body.items.find((i: { kind: string }) => i.kind === 'CONSENT_SPIKE');
    expect(spike).toMatchObject({ baseline: 0, threshold: 8, credential: null, referencePattern: null });

    const page = await t.http
      .get(`/api/v1/network/usage-anomalies?cooperativeId=${key.cooperativeId}&limit=1`)
      .set(auditor.auth);
    expect(page.body.items).toHaveLength(1);
    const next = await t.http
      .get(`/api/v1/network/usage-anomalies?cooperativeId=${key.cooperativeId}&limit=1&cursor=${page.body.nextCursor}`)
      .set(auditor.auth);
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual(
      res.body.items.slice(1).map((i: { id: string }) => i.id),
    );

    const metrics = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.text).toMatch(/kcx_usage_anomalies_total\{kind="CONSENT_REFERENCE_BURST"\} [1-9]/);
    expect(metrics.text).toMatch(/kcx_usage_anomalies_total\{kind="CONSENT_SPIKE"\} [1-9]/);
    expect(metrics.text).not.toContain(key.cooperativeId);
  });

  it('does not flag one officer recording a few forms with sequential numbers', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    for (let i = 0; i < 6; i++) {
      expect((await h.consent(officer.auth, testNik(), `FORM-PK-2026-00012${i}`)).status).toBe(201);
    }
    expect(await h.anomalies(officer.cooperativeId!)).toEqual([]);
  });
});

describe("query-volume guard with the default settings: an officer's normal day (e2e)", () => {
  let t: TestApp;
  const h = helpers(() => t);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => clearOfTheHourEdge());

  it('answers 40 queries in an hour and a dozen sequential forms without a refusal or a signal', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const colleague = await t.factory.signedIn(Role.LOAN_OFFICER, officer.cooperativeId!);
    const niks = Array.from({ length: 12 }, () => testNik());
    for (const [i, nik] of niks.entries()) {
      const res = await h.consent(i % 2 ? colleague.auth : officer.auth, nik, `FORM-PK-2026-000${100 + i}`);
      expect(res.status).toBe(201);
    }
    const [first] = await t.dataSource.query(`SELECT id FROM consents WHERE cooperative_id = $1 LIMIT 1`, [
      officer.cooperativeId,
    ]);
    await h.history(first.id, 24, 35); // its usual day: about 35 queries an hour
    for (let i = 0; i < 40; i++) {
      const res = await h.query(i % 2 ? colleague.auth : officer.auth, niks[i % niks.length]);
      expect(res.status).toBe(200);
    }
    expect(await h.anomalies(officer.cooperativeId!)).toEqual([]);
  });
});
