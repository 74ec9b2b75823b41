import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('subject access report (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const report = (auth: Record<string, string>, nik: unknown) =>
    t.http.post('/api/v1/subject-access-reports').set(auth).send({ nik });

  it('holds everything about the borrower with lender names, every inquiry held, and is audited without the NIK', async () => {
    const nik = testNik();
    const lenderA = await t.factory.cooperative({ name: t.factory.unique('KSP Sumber Rejeki') });
    const lenderB = await t.factory.cooperative({ name: t.factory.unique('KSPPS Amanah') });
    const disbursedAt = `${periodMonthsAgo(6)}-05`;
    const months = [3, 2, 1].map((k) =>
      record({
        nik,
        loanRef: 'SAR-A',
        period: periodMonthsAgo(k),
        disbursedAt,
        outstanding: 1_000_000 * k,
        daysPastDue: 10 * k,
      }),
    );
    await t.factory.submit(lenderA.id, months);
    // A correction of the last month keeps the earlier values
    await t.factory.submit(lenderA.id, [{ ...months[2], outstanding: 900_000 }]);
    await t.factory.submit(lenderB.id, [
      record({ nik, loanRef: 'SAR-B', period: periodMonthsAgo(1), outstanding: 700_000, daysPastDue: 0 }),
    ]);

    const officerA = await t.factory.signedIn(Role.LOAN_OFFICER, lenderA.id);
    const officerB = await t.factory.signedIn(Role.LOAN_OFFICER, lenderB.id);
    const consentA = await t.factory.consent(officerA.auth, nik, 'MONITORING');
    await t.factory.consent(officerB.auth, nik, 'NEW_APPLICATION');
    await t.http.post('/api/v1/profiles/query').set(officerA.auth).send({ nik, purpose: 'MONITORING' }).expect(200);
    await t.http
      .post('/api/v1/profiles/query')
      .set(officerB.auth)
      .send({ nik, purpose: 'NEW_APPLICATION' })
      .expect(200);
    const [borrower] = await t.dataSource.query(
      `SELECT b.borrower_key, b.subject_ref FROM borrowers b JOIN loans l ON l.borrower_key = b.borrower_key
        WHERE l.cooperative_id = $1 AND l.loan_ref = 'SAR-A'`,
      [lenderA.id],
    );
    // An inquiry of 13 months ago no longer counts in a profile, but it is held, so it is reported
    await t.dataSource.query(
      `INSERT INTO inquiries (id, borrower_key, cooperative_id, purpose, consent_id, occurred_at)
       VALUES ($1, $2, $3, 'MONITORING', $4, now() - interval '13 months')`,
      [randomUUID(), borrower.borrower_key, lenderA.id, consentA.id],
    );
    const [disputeRow] = await t.dataSource.query(
      `INSERT INTO disputes (loan_id, cooperative_id, borrower_key, status, reason, opened_by_user_id, due_at)
       SELECT id, cooperative_id, borrower_key, 'OPEN', 'not my loan', $2, now() + interval '30 days'
         FROM loans WHERE cooperative_id = $1 AND loan_ref = 'SAR-A' RETURNING id`,
      [lenderA.id, officerA.id],
    );
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);

    const res = await report(admin.auth, nik);

    expect(res.status).toBe(200);
    expect(res.body.subject).toEqual({ ref: borrower.subject_ref, nikHeldAs: 'KEYED_HASH' });
    expect(res.body.inquiries).toHaveLength(3);
    expect(res.body.inquiries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cooperative: lenderA.name, purpose: 'MONITORING' }),
        expect.objectContaining({ cooperative: lenderB.name, purpose: 'NEW_APPLICATION' }),
      ]),
    );
    const oldest = res.body.inquiries[2];
    expect(oldest.cooperative).toBe(lenderA.name);
    expect(Date.now() - Date.parse(oldest.at)).toBeGreaterThan(390 * 86_400_000);
    const loanA = res.body.loans.find((l: { loanRef: string }) => l.loanRef === 'SAR-A');
    const loanB = res.body.loans.find((l: { loanRef: string }) => l.loanRef === 'SAR-B');
    expect(res.body.loans).toHaveLength(2);
    expect(loanA).toMatchObject({
      lender: lenderA.name,
      facilityType: 'INSTALLMENT',
      principal: 5_000_000,
      creditLimit: 5_000_000,
      disbursedAt,
      condition: '00',
      outstanding: 900_000,
      daysPastDue: 10,
      collectibility: 2,
      latestPeriod: periodMonthsAgo(1),
      suppressedAt: null,
    });
    expect(loanA.history).toEqual([
      { period: periodMonthsAgo(1), condition: '00', outstanding: 900_000, daysPastDue: 10, collectibility: 2 },
      { period: periodMonthsAgo(2), condition: '00', outstanding: 2_000_000, daysPastDue: 20, collectibility: 2 },
      { period: periodMonthsAgo(3), condition: '00', outstanding: 3_000_000, daysPastDue: 30, collectibility: 2 },
    ]);
    expect(loanA.corrections).toEqual([
      expect.objectContaining({
        period: periodMonthsAgo(1),
        previous: expect.objectContaining({ outstanding: 1_000_000, daysPastDue: 10 }),
      }),
    ]);
    expect(loanA.disputes).toEqual([expect.objectContaining({ id: disputeRow.id, status: 'OPEN', resolution: null })]);
    expect(loanB).toMatchObject({
      lender: lenderB.name,
      outstanding: 700_000,
      history: [expect.objectContaining({ period: periodMonthsAgo(1) })],
      disputes: [],
    });
    expect(res.body.consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cooperative: lenderA.name,
          purpose: 'MONITORING',
          status: 'ACTIVE',
          evidenceType: 'SIGNED_FORM',
          revokedAt: null,
        }),
        expect.objectContaining({ cooperative: lenderB.name, purpose: 'NEW_APPLICATION', status: 'ACTIVE' }),
      ]),
    );
    expect(res.body.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cooperative: lenderA.name, fields: ['fullName', 'birthDate'], heldAs: 'KEYED_HASH' }),
        expect.objectContaining({ cooperative: lenderB.name, heldAs: 'KEYED_HASH' }),
      ]),
    );
    expect(res.body.risk).toMatchObject({ score: expect.any(Number), grade: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(nik);

    const audits = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'SUBJECT_ACCESS_REPORT',
      outcome: 'ALLOWED',
      subject_ref: borrower.subject_ref,
      actor_user_id: admin.id,
      actor_role: 'NETWORK_ADMIN',
      details: { found: true, loans: 2, inquiries: 3 },
    });
    expect(JSON.stringify(audits)).not.toContain(nik);
  });

  it('answers an unknown borrower with empty lists, audited with no subject', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const nik = testNik();
    const res = await report(admin.auth, nik);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subject: null,
      inquiries: [],
      loans: [],
      consents: [],
      identities: [],
      risk: null,
    });
    const audits = await t.factory.auditFor(res.headers['x-request-id']);
    expect(audits).toEqual([
      expect.objectContaining({ action: 'SUBJECT_ACCESS_REPORT', outcome: 'ALLOWED', subject_ref: null }),
    ]);
    expect(JSON.stringify(audits)).not.toContain(nik);
  });

  it('refuses a bad NIK with a 400 naming the field, without echoing it', async () => {
    const admin = await t.factory.signedIn(Role.NETWORK_ADMIN);
    const res = await report(admin.auth, '1234567890123456');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'nik' })]);
    expect(JSON.stringify(res.body)).not.toContain('1234567890123456');
  });

  it.each([Role.NETWORK_AUDITOR, Role.COOP_ADMIN, Role.LOAN_OFFICER, Role.AUDITOR])(
    'refuses %s (403), with no report',
    async (role) => {
      const user = await t.factory.signedIn(role);
      const res = await report(user.auth, testNik());
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
      expect(res.body.inquiries).toBeUndefined();
    },
  );
});
