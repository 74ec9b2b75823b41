import { Role } from '../../src/common/auth/role';
import { record, testNik } from '../factories/factory';
import { enrol, expireConsent, grantMonitoringConsent, storedEnrollment } from '../factories/monitoring';
import { createTestApp, TestApp } from '../helpers/test-app';

type Auth = Record<string, string>;
const BASE = '/api/v1/monitoring/enrollments';

describe('monitoring enrollments (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (auth: Auth, nik: unknown) => t.http.post(BASE).set(auth).send({ nik });
  const bulk = (auth: Auth, niks: unknown) => t.http.post(`${BASE}/bulk`).set(auth).send({ niks });
  const enrolAudits = (requestId: string) =>
    t.dataSource.query(
      `SELECT * FROM audit_events WHERE request_id = $1 AND action = 'MONITORING_ENROLLED' ORDER BY (details->>'row')::int NULLS FIRST, id`,
      [requestId],
    );
  const list = (auth: Auth, query = '') => t.http.get(`${BASE}${query}`).set(auth);

  describe('POST /enrollments', () => {
    it('enrols under an active MONITORING consent, audited with the consent and the subject, without the NIK', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await grantMonitoringConsent(t.factory, officer.auth, nik);
      const res = await post(officer.auth, nik);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        subject: { ref: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        consentId: consent.id,
        status: 'ACTIVE',
        enrolledAt: expect.any(String),
      });
      const audits = await enrolAudits(res.headers['x-request-id']);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        outcome: 'ALLOWED',
        consent_id: consent.id,
        subject_ref: res.body.subject.ref,
        purpose: 'MONITORING',
        actor_cooperative_id: officer.cooperativeId,
        actor_user_id: officer.id,
        details: { source: 'SINGLE', enrollmentId: res.body.id, alreadyEnrolled: false },
      });
      const stored = await storedEnrollment(t.dataSource, res.body.id);
      expect(stored).toMatchObject({ cooperative_id: officer.cooperativeId, status: 'ACTIVE', consent_id: consent.id });
      for (const text of [res.text, JSON.stringify(audits)]) expect(text).not.toContain(nik);
    });

    it('answers the same enrollment when enrolling twice, auditing both attempts', async () => {
      const officer = await t.factory.signedIn(Role.COOP_ADMIN);
      const nik = testNik();
      const lo = await t.factory.signedIn(Role.LOAN_OFFICER, officer.cooperativeId!);
      await grantMonitoringConsent(t.factory, lo.auth, nik);
      const first = await post(officer.auth, nik);
      const second = await post(officer.auth, nik);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      const [again] = await enrolAudits(second.headers['x-request-id']);
      expect(again).toMatchObject({
        outcome: 'ALLOWED',
        details: { enrollmentId: first.body.id, alreadyEnrolled: true },
      });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM monitoring_enrollments WHERE cooperative_id = $1`,
        [officer.cooperativeId],
      );
      expect(n).toBe(1);
    });

    it('enrols for a LOAN_OFFICER API key', async () => {
      const key = await t.factory.apiKey(Role.LOAN_OFFICER);
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, key.cooperativeId);
      const nik = testNik();
      await grantMonitoringConsent(t.factory, officer.auth, nik);
      const res = await post(key.auth, nik);
      expect(res.status).toBe(201);
      const [audit] = await enrolAudits(res.headers['x-request-id']);
      expect(audit.actor_api_key_id).toBe(key.id);
    });

    const expectRefused = async (
      res: { status: number; body: { error: { code: string } }; headers: Record<string, string>; text: string },
      code: string,
      consentId: string | null,
      subjectKnown: boolean,
    ) => {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe(code);
      const audits = await enrolAudits(res.headers['x-request-id']);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ outcome: 'DENIED', consent_id: consentId, details: { reason: code } });
      if (subjectKnown) expect(audits[0].subject_ref).toMatch(/^[0-9a-f-]{36}$/);
      else expect(audits[0].subject_ref).toBeNull();
    };

    it('refuses an unknown NIK as CONSENT.MISSING, audited without a subject', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      await expectRefused(await post(officer.auth, testNik()), 'CONSENT.MISSING', null, false);
    });

    it('refuses a known borrower with only a NEW_APPLICATION consent, or only another coop’s (CONSENT.MISSING)', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const other = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      await grantMonitoringConsent(t.factory, other.auth, nik);
      await t.factory.consent(officer.auth, nik, 'NEW_APPLICATION');
      await expectRefused(await post(officer.auth, nik), 'CONSENT.MISSING', null, true);
    });

    it('refuses a revoked consent (CONSENT.REVOKED) and an expired one (CONSENT.EXPIRED), naming the consent', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const revokedNik = testNik();
      const revoked = await grantMonitoringConsent(t.factory, officer.auth, revokedNik);
      await t.http.post(`/api/v1/consents/${revoked.id}/revoke`).set(officer.auth).expect(200);
      await expectRefused(await post(officer.auth, revokedNik), 'CONSENT.REVOKED', revoked.id, true);

      const expiredNik = testNik();
      const expired = await grantMonitoringConsent(t.factory, officer.auth, expiredNik);
      await expireConsent(t.dataSource, expired.id);
      await expectRefused(await post(officer.auth, expiredNik), 'CONSENT.EXPIRED', expired.id, true);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM monitoring_enrollments WHERE cooperative_id = $1`,
        [officer.cooperativeId],
      );
      expect(n).toBe(0);
    });

    it('refuses a suspended coop even with an active consent (COOPERATIVE.SUSPENDED), audited', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await grantMonitoringConsent(t.factory, officer.auth, nik);
      await t.dataSource.query(`UPDATE cooperatives SET status = 'SUSPENDED' WHERE id = $1`, [officer.cooperativeId]);
      await expectRefused(await post(officer.auth, nik), 'COOPERATIVE.SUSPENDED', consent.id, true);
    });

    it('refuses a malformed NIK with 400 naming the field, never echoing it', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const res = await post(officer.auth, '3375013212890001');
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['nik']);
      expect(res.text).not.toContain('3375013212890001');
    });

    it('ends a lapsed enrollment when asked again, and enrols anew under a fresh consent', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const old = await grantMonitoringConsent(t.factory, officer.auth, nik);
      const first = await enrol(t.http, officer.auth, nik);
      await t.http.post(`/api/v1/consents/${old.id}/revoke`).set(officer.auth).expect(200);
      // Refused, and the lapsed enrollment is ended in the same transaction (the sweep has not run).
      await expectRefused(await post(officer.auth, nik), 'CONSENT.REVOKED', old.id, true);
      expect(await storedEnrollment(t.dataSource, first.id)).toMatchObject({
        status: 'ENDED',
        end_reason: 'CONSENT.REVOKED',
      });
      const fresh = await grantMonitoringConsent(t.factory, officer.auth, nik);
      const second = await enrol(t.http, officer.auth, nik);
      expect(second.id).not.toBe(first.id);
      expect(second.consentId).toBe(fresh.id);
    });
  });

  describe('POST /enrollments/bulk', () => {
    it('answers a mixed batch with exact counts and rows, one audit row per row, no NIK anywhere', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const [withConsent, without, already] = [testNik(), testNik(), testNik()];
      const consent = await grantMonitoringConsent(t.factory, officer.auth, withConsent);
      await grantMonitoringConsent(t.factory, officer.auth, already);
      const before = await enrol(t.http, officer.auth, already);
      const niks = [withConsent, without, '12345', withConsent.replace(/^(\d{6})/, '$1.'), already, '9975010112890001'];
      const res = await bulk(officer.auth, niks);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        enrolled: 1,
        // row 4 repeats row 1 (spelled with a dot); row 5 was enrolled before
        alreadyEnrolled: 2,
        refused: [
          { row: 2, code: 'CONSENT.MISSING' },
          { row: 3, code: 'NIK.FORMAT' },
          { row: 6, code: 'NIK.PROVINCE' },
        ],
      });
      const audits = await enrolAudits(res.headers['x-request-id']);
      expect(audits.map((a: { details: { row: number } }) => a.details.row)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(audits.map((a: { outcome: string }) => a.outcome)).toEqual([
        'ALLOWED',
        'DENIED',
        'DENIED',
        'ALLOWED',
        'ALLOWED',
        'DENIED',
      ]);
      expect(audits[0]).toMatchObject({ consent_id: consent.id, details: { source: 'BULK', alreadyEnrolled: false } });
      expect(audits[3].details).toMatchObject({ enrollmentId: audits[0].details.enrollmentId, alreadyEnrolled: true });
      expect(audits[4].details).toMatchObject({ enrollmentId: before.id, alreadyEnrolled: true });
      expect(audits[2]).toMatchObject({ subject_ref: null, details: { reason: 'NIK.FORMAT' } });
      expect(audits[1]).toMatchObject({ details: { reason: 'CONSENT.MISSING' } });
      const all = res.text + JSON.stringify(audits);
      for (const nik of niks) expect(all).not.toContain(nik);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM monitoring_enrollments WHERE cooperative_id = $1 AND status = 'ACTIVE'`,
        [officer.cooperativeId],
      );
      expect(n).toBe(2);
    });

    it('enrols 5,000 NIKs in one request', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const niks = Array.from({ length: 5000 }, () => testNik());
      const consented = niks.slice(0, 3);
      for (const nik of consented) await grantMonitoringConsent(t.factory, officer.auth, nik);
      const res = await bulk(officer.auth, niks);
      expect(res.status).toBe(200);
      expect(res.body.enrolled).toBe(3);
      expect(res.body.alreadyEnrolled).toBe(0);
      expect(res.body.refused).toHaveLength(4997);
      expect(res.body.refused[0]).toEqual({ row: 4, code: 'CONSENT.MISSING' });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND action = 'MONITORING_ENROLLED'`,
        [res.headers['x-request-id']],
      );
      expect(n).toBe(5000);
    });

    it.each([
      ['5,001 NIKs', Array.from({ length: 5001 }, () => '3375010112890001')],
      ['not an array', '3375010112890001'],
      ['an array holding a number', ['3375010112890001', 3375010112890002]],
    ])('refuses %s with 400 VALIDATION naming niks, storing nothing', async (_name, niks) => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const res = await bulk(officer.auth, niks);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('niks');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`, [
        res.headers['x-request-id'],
      ]);
      expect(n).toBe(0);
    });

    it('refuses a suspended coop with 403, every row audited', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      await grantMonitoringConsent(t.factory, officer.auth, nik);
      await t.dataSource.query(`UPDATE cooperatives SET status = 'SUSPENDED' WHERE id = $1`, [officer.cooperativeId]);
      const res = await bulk(officer.auth, [nik, testNik()]);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('COOPERATIVE.SUSPENDED');
      const audits = await enrolAudits(res.headers['x-request-id']);
      expect(audits.map((a: { details: { reason: string } }) => a.details.reason)).toEqual([
        'COOPERATIVE.SUSPENDED',
        'COOPERATIVE.SUSPENDED',
      ]);
    });
  });

  describe('POST /enrollments/portfolio', () => {
    it('enrols the active portfolio where consent exists and lists the rest with their loan numbers', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const coop = officer.cooperativeId!;
      const [consented, unconsented, paidOff, enrolledBefore] = [testNik(), testNik(), testNik(), testNik()];
      const tag = t.factory.unique('PF');
      await t.factory.submit(coop, [
        record({ nik: consented, loanRef: `${tag}-A1` }),
        record({ nik: unconsented, loanRef: `${tag}-B2` }),
        record({ nik: unconsented, loanRef: `${tag}-B1` }),
        record({ nik: paidOff, loanRef: `${tag}-C1`, condition: '02', outstanding: 0 }),
        record({ nik: enrolledBefore, loanRef: `${tag}-D1` }),
      ]);
      for (const nik of [consented, paidOff, enrolledBefore])
        await grantMonitoringConsent(t.factory, officer.auth, nik);
      await enrol(t.http, officer.auth, enrolledBefore);
      const res = await t.http.post(`${BASE}/portfolio`).set(officer.auth).send();
      expect(res.status).toBe(200);
      const [unconsentedRef] = await t.dataSource.query(
        `SELECT DISTINCT b.subject_ref FROM borrowers b JOIN loans l ON l.borrower_key = b.borrower_key WHERE l.loan_ref = $1`,
        [`${tag}-B1`],
      );
      expect(res.body).toEqual({
        enrolled: 1,
        alreadyEnrolled: 1,
        refused: [
          {
            subject: { ref: unconsentedRef.subject_ref },
            loanRefs: [`${tag}-B1`, `${tag}-B2`],
            code: 'CONSENT.MISSING',
          },
        ],
      });
      const audits = await enrolAudits(res.headers['x-request-id']);
      expect(audits).toHaveLength(3);
      expect(audits.every((a: { details: { source: string } }) => a.details.source === 'PORTFOLIO')).toBe(true);
      const items = (await list(officer.auth)).body.items;
      expect(items).toHaveLength(2); // the paid-off borrower is not enrolled
      expect(items.map((i: { loanRefs: string[] }) => i.loanRefs).sort()).toEqual([[`${tag}-A1`], [`${tag}-D1`]]);
    });
  });

  describe('GET and DELETE /enrollments', () => {
    it('lists newest first with loanRefs, ENDED as soon as the consent is revoked, before the sweep', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const [a, b] = [testNik(), testNik()];
      const tag = t.factory.unique('LS');
      await t.factory.submit(officer.cooperativeId!, [record({ nik: a, loanRef: `${tag}-1` })]);
      const consentA = await grantMonitoringConsent(t.factory, officer.auth, a);
      await grantMonitoringConsent(t.factory, officer.auth, b);
      const first = await enrol(t.http, officer.auth, a);
      const second = await enrol(t.http, officer.auth, b);
      await t.http.post(`/api/v1/consents/${consentA.id}/revoke`).set(officer.auth).expect(200);

      const res = await list(officer.auth);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
      expect(res.body.items[1]).toEqual({
        ...first,
        status: 'ENDED',
        endedAt: expect.any(String),
        endReason: 'CONSENT.REVOKED',
        loanRefs: [`${tag}-1`],
      });
      expect(res.body.items[0]).toMatchObject({ status: 'ACTIVE', endedAt: null, endReason: null, loanRefs: [] });
      expect((await storedEnrollment(t.dataSource, first.id))?.status).toBe('ACTIVE'); // not swept yet

      const active = await list(officer.auth, '?status=ACTIVE');
      expect(active.body.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
      const ended = await list(officer.auth, '?status=ENDED');
      expect(ended.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);

      const page1 = await list(officer.auth, '?limit=1');
      expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
      const page2 = await list(officer.auth, `?limit=1&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
      expect(page2.body.nextCursor).toBeNull();
    });

    it('ends an enrollment (204, ENDED_BY_COOP, audited); ending it again changes nothing', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await grantMonitoringConsent(t.factory, officer.auth, nik);
      const e = await enrol(t.http, officer.auth, nik);
      const res = await t.http.delete(`${BASE}/${e.id}`).set(officer.auth);
      expect(res.status).toBe(204);
      expect(await storedEnrollment(t.dataSource, e.id)).toMatchObject({
        status: 'ENDED',
        end_reason: 'ENDED_BY_COOP',
      });
      const audits = await t.dataSource.query(
        `SELECT * FROM audit_events WHERE request_id = $1 AND action = 'MONITORING_ENDED'`,
        [res.headers['x-request-id']],
      );
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        outcome: 'ALLOWED',
        consent_id: consent.id,
        subject_ref: e.subject.ref,
        details: { enrollmentId: e.id, endReason: 'ENDED_BY_COOP' },
      });
      const again = await t.http.delete(`${BASE}/${e.id}`).set(officer.auth);
      expect(again.status).toBe(204);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`, [
        again.headers['x-request-id'],
      ]);
      expect(n).toBe(0);
      const [item] = (await list(officer.auth)).body.items;
      expect(item).toMatchObject({ id: e.id, status: 'ENDED', endReason: 'ENDED_BY_COOP' });
      // Enrolling again makes a new enrollment.
      expect((await enrol(t.http, officer.auth, nik)).id).not.toBe(e.id);
    });

    it("keeps coop A's enrollments from coop B: not listed, not deletable (404 as unknown), not a cursor", async () => {
      const a = await t.factory.signedIn(Role.LOAN_OFFICER);
      const b = await t.factory.signedIn(Role.COOP_ADMIN);
      const nik = testNik();
      await grantMonitoringConsent(t.factory, a.auth, nik);
      const e = await enrol(t.http, a.auth, nik);
      expect((await list(b.auth)).body).toEqual({ items: [], nextCursor: null });
      expect((await list(b.auth, `?cursor=${e.id}`)).body).toEqual({ items: [], nextCursor: null });
      const foreign = await t.http.delete(`${BASE}/${e.id}`).set(b.auth);
      const unknown = await t.http.delete(`${BASE}/00000000-0000-4000-8000-000000000000`).set(b.auth);
      for (const res of [foreign, unknown]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('MONITORING.ENROLLMENT_NOT_FOUND');
      }
      expect(foreign.body.error.message).toBe(unknown.body.error.message);
      expect((await storedEnrollment(t.dataSource, e.id))?.status).toBe('ACTIVE');
    });
  });
});
