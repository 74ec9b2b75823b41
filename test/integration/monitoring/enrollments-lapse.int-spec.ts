import { Role } from '../../../src/common/auth/role';
import { EnrollmentsService } from '../../../src/modules/monitoring/enrollments/enrollments.service';
import { testNik } from '../../factories/factory';
import { enrol, expireConsent, grantMonitoringConsent, storedEnrollment } from '../../factories/monitoring';
import { createTestApp, TestApp } from '../../helpers/test-app';

describe('enrollments: the lapse sweep and concurrent enrolments (integration)', () => {
  let t: TestApp;
  let service: EnrollmentsService;

  beforeAll(async () => {
    t = await createTestApp();
    service = t.app.get(EnrollmentsService);
  });
  afterAll(() => t.close());

  const endedAudits = (enrollmentId: string) =>
    t.dataSource.query(
      `SELECT * FROM audit_events WHERE action = 'MONITORING_ENDED' AND details->>'enrollmentId' = $1`,
      [enrollmentId],
    );

  it('endLapsed ends revoked and expired enrollments (reason, time of the lapse), audited once by the system', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const [keptNik, revokedNik, expiredNik] = [testNik(), testNik(), testNik()];
    const kept = await grantMonitoringConsent(t.factory, officer.auth, keptNik);
    const revoked = await grantMonitoringConsent(t.factory, officer.auth, revokedNik);
    const expired = await grantMonitoringConsent(t.factory, officer.auth, expiredNik);
    const eKept = await enrol(t.http, officer.auth, keptNik);
    const eRevoked = await enrol(t.http, officer.auth, revokedNik);
    const eExpired = await enrol(t.http, officer.auth, expiredNik);
    await t.http.post(`/api/v1/consents/${revoked.id}/revoke`).set(officer.auth).expect(200);
    await expireConsent(t.dataSource, expired.id);
    // Expiring moves granted_at before the enrolment; keep the enrollment inside the consent's life.
    await t.dataSource.query(
      `UPDATE monitoring_enrollments SET enrolled_at = now() - interval '2 days' WHERE id = $1`,
      [eExpired.id],
    );

    // The run's other workers sweep this database too and may end them first: what is stored is what counts.
    await service.endLapsed(new Date());

    const [consentRevoked] = await t.dataSource.query(`SELECT revoked_at FROM consents WHERE id = $1`, [revoked.id]);
    const [consentExpired] = await t.dataSource.query(`SELECT expires_at FROM consents WHERE id = $1`, [expired.id]);
    expect(await storedEnrollment(t.dataSource, eRevoked.id)).toMatchObject({
      status: 'ENDED',
      end_reason: 'CONSENT.REVOKED',
      ended_at: consentRevoked.revoked_at,
    });
    expect(await storedEnrollment(t.dataSource, eExpired.id)).toMatchObject({
      status: 'ENDED',
      end_reason: 'CONSENT.EXPIRED',
      ended_at: consentExpired.expires_at,
    });
    expect(await storedEnrollment(t.dataSource, eKept.id)).toMatchObject({ status: 'ACTIVE', consent_id: kept.id });

    for (const [e, consentId, reason] of [
      [eRevoked, revoked.id, 'CONSENT.REVOKED'],
      [eExpired, expired.id, 'CONSENT.EXPIRED'],
    ] as const) {
      const audits = await endedAudits(e.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        outcome: 'ALLOWED',
        actor_user_id: null,
        actor_cooperative_id: null,
        subject_ref: e.subject.ref,
        consent_id: consentId,
        purpose: 'MONITORING',
        details: { enrollmentId: e.id, cooperativeId: officer.cooperativeId, endReason: reason },
      });
      expect(audits[0].request_id).toMatch(/^cli-monitoring-sweep-/);
    }
    expect(await endedAudits(eKept.id)).toHaveLength(0);

    // The list already said so, and says the same after the sweep stored it.
    const items = (await t.http.get('/api/v1/monitoring/enrollments').set(officer.auth)).body.items;
    const byId = new Map(items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(eRevoked.id)).toMatchObject({
      status: 'ENDED',
      endReason: 'CONSENT.REVOKED',
      endedAt: consentRevoked.revoked_at.toISOString(),
    });

    // Running it again ends nothing more of these and audits nothing more.
    await service.endLapsed(new Date());
    expect(await endedAudits(eRevoked.id)).toHaveLength(1);
    expect(await endedAudits(eExpired.id)).toHaveLength(1);
  });

  it('keeps an enrollment whose consent was revoked while another MONITORING consent of the coop still allows', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    const first = await grantMonitoringConsent(t.factory, officer.auth, nik);
    const e = await enrol(t.http, officer.auth, nik);
    await grantMonitoringConsent(t.factory, officer.auth, nik);
    await t.http.post(`/api/v1/consents/${first.id}/revoke`).set(officer.auth).expect(200);
    await service.endLapsed(new Date());
    expect((await storedEnrollment(t.dataSource, e.id))?.status).toBe('ACTIVE');
  });

  it('answers one enrollment to concurrent enrolments of one borrower', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    await grantMonitoringConsent(t.factory, officer.auth, nik);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? t.http.post('/api/v1/monitoring/enrollments').set(officer.auth).send({ nik })
          : t.http
              .post('/api/v1/monitoring/enrollments/bulk')
              .set(officer.auth)
              .send({ niks: [nik] }),
      ),
    );
    const single = answers.filter((_, i) => i % 2 === 0);
    const bulk = answers.filter((_, i) => i % 2 === 1);
    expect(single.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(bulk.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(single.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM monitoring_enrollments WHERE cooperative_id = $1`,
      [officer.cooperativeId],
    );
    expect(n).toBe(1);
    // One request made it; each bulk row counts as enrolled or already enrolled, never both, never refused.
    for (const r of bulk) expect(r.body.enrolled + r.body.alreadyEnrolled).toBe(1);
    const [{ allowed }] = await t.dataSource.query(
      `SELECT count(*)::int AS allowed FROM audit_events
        WHERE action = 'MONITORING_ENROLLED' AND outcome = 'ALLOWED' AND details->>'enrollmentId' = $1
          AND details->>'alreadyEnrolled' = 'false'`,
      [single[0].body.id],
    );
    expect(allowed).toBe(1);
  });
});
