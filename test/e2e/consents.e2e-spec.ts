import { Role } from '../../src/common/auth/role';
import { testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('consents (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const grant = (auth: Record<string, string>, nik: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/consents')
      .set(auth)
      .send({
        nik,
        purpose: 'NEW_APPLICATION',
        evidence: { type: 'SIGNED_FORM', reference: 'FORM-2026-0001' },
        ...extra,
      });

  it('records a consent with its evidence and a 30-day default, audited without the NIK', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    const res = await grant(officer.auth, nik);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      cooperativeId: officer.cooperativeId,
      purpose: 'NEW_APPLICATION',
      status: 'ACTIVE',
    });
    const days = (Date.parse(res.body.expiresAt) - Date.parse(res.body.grantedAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(JSON.stringify(res.body)).not.toContain(nik);
    const [audit] = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audit).toMatchObject({
      action: 'CONSENT_GRANTED',
      outcome: 'ALLOWED',
      consent_id: res.body.id,
      purpose: 'NEW_APPLICATION',
    });
    expect(audit.subject_ref).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(audit)).not.toContain(nik);
  });

  it('defaults MONITORING to a year and refuses an expiry past a year or in the past', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const monitoring = await grant(officer.auth, testNik(), { purpose: 'MONITORING' });
    expect(Math.round((Date.parse(monitoring.body.expiresAt) - Date.now()) / 86_400_000)).toBe(365);
    for (const expiresAt of ['2020-01-01T00:00:00Z', new Date(Date.now() + 400 * 86_400_000).toISOString()]) {
      const res = await grant(officer.auth, testNik(), { expiresAt });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('expiresAt');
    }
  });

  it('refuses a NEW_APPLICATION expiry past its 30 days (it may only be shortened), storing nothing', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const day = 86_400_000;
    for (const ahead of [365 * day, 31 * day]) {
      const res = await grant(officer.auth, testNik(), { expiresAt: new Date(Date.now() + ahead).toISOString() });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['expiresAt']);
    }
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM consents WHERE cooperative_id = $1', [
      officer.cooperativeId,
    ]);
    expect(n).toBe(0);
    const shorter = await grant(officer.auth, testNik(), { expiresAt: new Date(Date.now() + 10 * day).toISOString() });
    expect(shorter.status).toBe(201);
    const monitoring = await grant(officer.auth, testNik(), {
      purpose: 'MONITORING',
      expiresAt: new Date(Date.now() + 200 * day).toISOString(),
    });
    expect(monitoring.status).toBe(201);
  });

  it.each(['2026-12-30T00:00:00', '2026-12-30T07:00', '2026-12-30'])(
    'refuses an expiresAt without Z or an offset (%s)',
    async (expiresAt) => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const res = await grant(officer.auth, testNik(), { expiresAt });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['expiresAt']);
    },
  );

  it('refuses a reference holding a NIK-like run naming evidence.reference, storing nothing', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    const res = await grant(officer.auth, nik, {
      evidence: { type: 'SIGNED_FORM', reference: 'KTP 3375011203850002' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('evidence.reference');
    expect(res.text).not.toContain('3375011203850002');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM consents WHERE cooperative_id = $1', [
      officer.cooperativeId,
    ]);
    expect(n).toBe(0);
  });

  it('never echoes the evidence reference in its answers', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const reference = t.factory.unique('FORM-ECHO');
    const granted = await grant(officer.auth, testNik(), { evidence: { type: 'SIGNED_FORM', reference } });
    expect(granted.status).toBe(201);
    expect(granted.body.evidence).toEqual({ type: 'SIGNED_FORM' });
    const read = await t.http.get(`/api/v1/consents/${granted.body.id}`).set(officer.auth);
    const revoked = await t.http.post(`/api/v1/consents/${granted.body.id}/revoke`).set(officer.auth);
    for (const res of [granted, read, revoked]) expect(res.text).not.toContain(reference);
    // Kept as the proof of consent.
    const [row] = await t.dataSource.query('SELECT evidence_reference FROM consents WHERE id = $1', [granted.body.id]);
    expect(row.evidence_reference).toBe(reference);
  });

  it.each([
    ['a malformed NIK', { nik: '12345' }, 'nik'],
    ['an impossible NIK date', { nik: '3375013212890001' }, 'nik'],
    ['no evidence', { evidence: undefined }, 'evidence'],
    ['an unknown evidence type', { evidence: { type: 'HANDSHAKE', reference: 'x' } }, 'evidence.type'],
    ['an unknown purpose', { purpose: 'MARKETING' }, 'purpose'],
  ])('refuses %s naming the field, never echoing the NIK', async (_name, patch, field) => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const body = {
      nik: testNik(),
      purpose: 'NEW_APPLICATION',
      evidence: { type: 'OTP', reference: 'OTP-1' },
      ...patch,
    };
    const res = await t.http.post('/api/v1/consents').set(officer.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(JSON.stringify(res.body)).not.toContain(String(body.nik));
  });

  it('is revoked at once, audited, and revoking again changes nothing', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const { body: consent } = await grant(officer.auth, testNik());
    const revoke = await t.http.post(`/api/v1/consents/${consent.id}/revoke`).set(officer.auth);
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ id: consent.id, status: 'REVOKED', revokedAt: expect.any(String) });
    const [audit] = await t.factory.auditFor(revoke.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'CONSENT_REVOKED', consent_id: consent.id });
    const again = await t.http.post(`/api/v1/consents/${consent.id}/revoke`).set(officer.auth);
    expect(again.body.revokedAt).toBe(revoke.body.revokedAt);
    expect(await t.factory.auditFor(again.headers['x-request-id'])).toEqual([]);
    const read = await t.http.get(`/api/v1/consents/${consent.id}`).set(officer.auth);
    expect(read.body.status).toBe('REVOKED');
  });

  it('is invisible to another coop: 404 on read and revoke, and stays active', async () => {
    const officerA = await t.factory.signedIn(Role.LOAN_OFFICER);
    const officerB = await t.factory.signedIn(Role.LOAN_OFFICER);
    const adminB = await t.factory.signedIn(Role.COOP_ADMIN, officerB.cooperativeId!);
    const { body: consent } = await grant(officerA.auth, testNik());
    for (const auth of [officerB.auth, adminB.auth]) {
      expect((await t.http.get(`/api/v1/consents/${consent.id}`).set(auth)).status).toBe(404);
      expect((await t.http.post(`/api/v1/consents/${consent.id}/revoke`).set(auth)).status).toBe(404);
    }
    const adminA = await t.factory.signedIn(Role.COOP_ADMIN, officerA.cooperativeId!);
    expect((await t.http.get(`/api/v1/consents/${consent.id}`).set(adminA.auth)).body.status).toBe('ACTIVE');
  });

  it('can be granted by a LOAN_OFFICER API key', async () => {
    const key = await t.factory.apiKey(Role.LOAN_OFFICER);
    const res = await grant(key.auth, testNik());
    expect(res.status).toBe(201);
    const [row] = await t.dataSource.query('SELECT granted_by_api_key_id FROM consents WHERE id = $1', [res.body.id]);
    expect(row.granted_by_api_key_id).toBe(key.id);
  });
});
