import { Role } from '../../src/common/auth/role';
import { gradeForScore } from '../../src/modules/risk/scoring/score';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

/** `count` monthly records of one loan, newest (k = 0, last month) first; `at(k)` overrides month k. */
function history(nik: string, loanRef: string, count: number, at: (k: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: count }, (_, k) =>
    record({ nik, loanRef, period: periodMonthsAgo(k + 1), disbursedAt: `${periodMonthsAgo(count + 1)}-05`, ...at(k) }),
  );
}

describe('profile query (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const query = (auth: Record<string, string>, nik: string, purpose = 'NEW_APPLICATION') =>
    t.http.post('/api/v1/profiles/query').set(auth).send({ nik, purpose });

  const profileAudits = (requestId: string) =>
    t.dataSource.query(`SELECT * FROM audit_events WHERE request_id = $1 AND action = 'PROFILE_QUERIED'`, [requestId]);

  describe('the consent gate', () => {
    const expectRefused = async (
      res: { status: number; body: { error: { code: string } }; headers: Record<string, string> },
      code: string,
      consentId: string | null,
    ) => {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe(code);
      const audits = await profileAudits(res.headers['x-request-id']);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ outcome: 'DENIED', consent_id: consentId, details: { reason: code } });
    };

    it('refuses without any consent (CONSENT.MISSING) and audits the refusal', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      await expectRefused(await query(officer.auth, testNik()), 'CONSENT.MISSING', null);
    });

    it("refuses with only another coop's consent, or one for another purpose (CONSENT.MISSING)", async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const other = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      await t.factory.consent(other.auth, nik);
      await expectRefused(await query(officer.auth, nik), 'CONSENT.MISSING', null);
      await t.factory.consent(officer.auth, nik, 'MONITORING');
      const res = await query(officer.auth, nik, 'NEW_APPLICATION');
      await expectRefused(res, 'CONSENT.MISSING', null);
      const [audit] = await profileAudits(res.headers['x-request-id']);
      expect(audit.purpose).toBe('NEW_APPLICATION');
      expect(audit.subject_ref).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a revoked consent (CONSENT.REVOKED) and an expired one (CONSENT.EXPIRED), naming the consent', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const revokedNik = testNik();
      const revoked = await t.factory.consent(officer.auth, revokedNik);
      await t.http.post(`/api/v1/consents/${revoked.id}/revoke`).set(officer.auth).expect(200);
      await expectRefused(await query(officer.auth, revokedNik), 'CONSENT.REVOKED', revoked.id);

      const expiredNik = testNik();
      const expired = await t.factory.consent(officer.auth, expiredNik);
      await t.dataSource.query(
        `UPDATE consents SET granted_at = now() - interval '40 days', expires_at = now() - interval '1 second' WHERE id = $1`,
        [expired.id],
      );
      await expectRefused(await query(officer.auth, expiredNik), 'CONSENT.EXPIRED', expired.id);
      // A fresh consent after the expired one opens the gate again, and the answer names it.
      const fresh = await t.factory.consent(officer.auth, expiredNik);
      const res = await query(officer.auth, expiredNik);
      expect(res.status).toBe(200);
      expect(res.body.consentId).toBe(fresh.id);
    });

    it('refuses a suspended coop even with an active consent (COOPERATIVE.SUSPENDED)', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await t.factory.consent(officer.auth, nik);
      await t.dataSource.query(`UPDATE cooperatives SET status = 'SUSPENDED' WHERE id = $1`, [officer.cooperativeId]);
      await expectRefused(await query(officer.auth, nik), 'COOPERATIVE.SUSPENDED', consent.id);
    });

    it('refuses a coop past its grace period that has not reported lately (RECIPROCITY.NOT_REPORTING), until it reports', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await t.factory.consent(officer.auth, nik);
      await t.dataSource.query(`UPDATE cooperatives SET created_at = now() - interval '100 days' WHERE id = $1`, [
        officer.cooperativeId,
      ]);
      await expectRefused(await query(officer.auth, nik), 'RECIPROCITY.NOT_REPORTING', consent.id);

      const { id } = await t.factory.submit(officer.cooperativeId!, [record({ nik: testNik(), loanRef: 'GIVE-1' })]);
      await t.dataSource.query(`UPDATE submissions SET finished_at = now() - interval '46 days' WHERE id = $1`, [id]);
      await expectRefused(await query(officer.auth, nik), 'RECIPROCITY.NOT_REPORTING', consent.id); // too long ago

      await t.factory.submit(officer.cooperativeId!, [record({ nik: testNik(), loanRef: 'GIVE-2' })]);
      expect((await query(officer.auth, nik)).status).toBe(200);
    });

    it('answers with an active consent, audits it with the consent and records an inquiry, all without the NIK', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const consent = await t.factory.consent(officer.auth, nik);
      const res = await query(officer.auth, nik);
      expect(res.status).toBe(200);
      expect(res.body.consentId).toBe(consent.id);
      const [audit] = await profileAudits(res.headers['x-request-id']);
      expect(audit).toMatchObject({
        outcome: 'ALLOWED',
        consent_id: consent.id,
        purpose: 'NEW_APPLICATION',
        subject_ref: res.body.subject.ref,
      });
      expect(audit.details.reportId).toBe(res.body.reportId);
      const [inquiry] = await t.dataSource.query(`SELECT * FROM inquiries WHERE id = $1`, [res.body.reportId]);
      expect(inquiry).toMatchObject({
        cooperative_id: officer.cooperativeId,
        consent_id: consent.id,
        purpose: 'NEW_APPLICATION',
        user_id: officer.id,
      });
      for (const text of [JSON.stringify(res.body), JSON.stringify(audit), JSON.stringify(inquiry)])
        expect(text).not.toContain(nik);
    });

    it('answers a LOAN_OFFICER API key', async () => {
      const key = await t.factory.apiKey(Role.LOAN_OFFICER);
      const nik = testNik();
      const user = await t.factory.signedIn(Role.LOAN_OFFICER, key.cooperativeId);
      await t.factory.consent(user.auth, nik);
      const res = await query(key.auth, nik);
      expect(res.status).toBe(200);
      const [inquiry] = await t.dataSource.query(`SELECT api_key_id FROM inquiries WHERE id = $1`, [res.body.reportId]);
      expect(inquiry.api_key_id).toBe(key.id);
    });

    it('refuses a bad NIK with 400 naming the field, before any decision', async () => {
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
      const res = await query(officer.auth, '1234567890123456');
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('nik');
      expect(JSON.stringify(res.body)).not.toContain('1234567890123456');
    });
  });

  it('gives a borrower nobody reported a 200 with no loans and a THIN_FILE flag', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    await t.factory.consent(officer.auth, nik);
    const res = await query(officer.auth, nik);
    expect(res.status).toBe(200);
    expect(res.body.loans).toEqual([]);
    expect(res.body.summary).toMatchObject({ activeLoans: 0, activeLenders: 0, totalOutstanding: 0, totalArrears: 0 });
    expect(res.body.risk.flags.map((f: { code: string }) => f.code)).toContain('THIN_FILE');
    expect(res.body.risk.score).toBeGreaterThanOrEqual(250);
    expect(res.body.risk.score).toBeLessThanOrEqual(900);
  });

  it("shows own loans by name and loanRef, another coop's under an alias that reveals neither", async () => {
    const coopA = await t.factory.cooperative();
    const coopB = await t.factory.cooperative({ name: `KSP Rahasia ${t.factory.unique('B')}` });
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coopA.id);
    const nik = testNik();
    const refB = t.factory.unique('SECRET-REF-B');
    await t.factory.submit(coopA.id, history(nik, 'A-LOAN-1', 3));
    await t.factory.submit(
      coopB.id,
      history(nik, refB, 3, (k) => ({ daysPastDue: k === 0 ? 45 : 0, outstanding: 3_000_000 })),
    );
    await t.factory.consent(officer.auth, nik);
    const res = await query(officer.auth, nik);
    expect(res.status).toBe(200);
    const own = res.body.loans.find((l: { lender: { own: boolean } }) => l.lender.own);
    const other = res.body.loans.find((l: { lender: { own: boolean } }) => !l.lender.own);
    expect(own).toMatchObject({ loanRef: 'A-LOAN-1', lender: { own: true, name: coopA.name } });
    expect(other.lender).toEqual({ own: false, alias: 'Koperasi A' });
    expect(other).not.toHaveProperty('loanRef');
    const body = JSON.stringify(res.body);
    for (const secret of [coopB.name, coopB.id, refB, coopB.registrationNumber]) expect(body).not.toContain(secret);
    // B's loan is 45 days past due: delinquent elsewhere, from A's side.
    expect(res.body.risk.flags.map((f: { code: string }) => f.code)).toContain('DELINQUENT_ELSEWHERE');
    expect(res.body.summary).toMatchObject({ activeLoans: 2, activeLenders: 2, totalOutstanding: 5_500_000 });
  });

  it('marks a loan under an open dispute in every profile, with a DISPUTED_RECORD flag', async () => {
    const coopA = await t.factory.cooperative();
    const coopB = await t.factory.cooperative();
    const officerA = await t.factory.signedIn(Role.LOAN_OFFICER, coopA.id);
    const officerC = await t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    await t.factory.submit(coopB.id, history(nik, 'DISPUTED-1', 2));
    await t.factory.consent(officerA.auth, nik);
    await t.factory.consent(officerC.auth, nik);
    const before = await query(officerA.auth, nik);
    expect(before.body.loans[0].disputed).toBe(false);
    const opened = await t.http
      .post('/api/v1/disputes')
      .set(officerA.auth)
      .send({ loanId: before.body.loans[0].id, reason: 'Sudah lunas' });
    expect(opened.status).toBe(201);
    for (const officer of [officerA, officerC]) {
      const { body } = await query(officer.auth, nik);
      expect(body.loans[0].disputed).toBe(true);
      expect(body.risk.flags.map((f: { code: string }) => f.code)).toContain('DISPUTED_RECORD');
    }
  });

  it('shows up to 24 months of history per loan, newest first', async () => {
    const coop = await t.factory.cooperative();
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coop.id);
    const nik = testNik();
    await t.factory.submit(
      coop.id,
      history(nik, 'LONG-1', 30, (k) => ({ daysPastDue: k === 2 ? 100 : 0 })),
    );
    await t.factory.consent(officer.auth, nik);
    const { body } = await query(officer.auth, nik);
    const periods = body.loans[0].history.map((h: { period: string }) => h.period);
    expect(periods).toHaveLength(24);
    expect(periods[0]).toBe(periodMonthsAgo(1));
    expect([...periods].sort().reverse()).toEqual(periods);
    expect(body.loans[0].history[2]).toMatchObject({ daysPastDue: 100, collectibility: 3 });
    expect(body.summary.worstCollectibility).toEqual({ current: 1, last12Months: 3, last24Months: 3 });
    expect(body.risk.flags.map((f: { code: string }) => f.code)).toContain('SEVERE_DELINQUENCY_12M');
  });

  it('counts inquiries by distinct coops and flags credit shopping from the third coop', async () => {
    const nik = testNik();
    const officers = await Promise.all([1, 2, 3].map(() => t.factory.signedIn(Role.LOAN_OFFICER)));
    for (const o of officers) await t.factory.consent(o.auth, nik);
    const codes = (body: { risk: { flags: { code: string }[] } }) => body.risk.flags.map((f) => f.code);

    const first = await query(officers[0].auth, nik);
    expect(first.body.summary.inquiries).toEqual({ last7Days: 1, last30Days: 1, last90Days: 1 });
    await query(officers[0].auth, nik);
    const second = await query(officers[1].auth, nik);
    expect(second.body.summary.inquiries).toEqual({ last7Days: 2, last30Days: 2, last90Days: 2 });
    expect(codes(second.body)).not.toContain('CREDIT_SHOPPING');
    const third = await query(officers[2].auth, nik);
    expect(third.body.summary.inquiries).toEqual({ last7Days: 3, last30Days: 3, last90Days: 3 });
    expect(codes(third.body)).toContain('CREDIT_SHOPPING');

    // An inquiry 40 days old counts for 90 days only.
    await t.dataSource.query(
      `UPDATE inquiries SET occurred_at = now() - interval '40 days' WHERE cooperative_id = $1`,
      [officers[0].cooperativeId],
    );
    const later = await query(officers[1].auth, nik);
    expect(later.body.summary.inquiries).toEqual({ last7Days: 2, last30Days: 2, last90Days: 3 });
  });

  it('computes a borrower still marked stale before answering, and clears the marker', async () => {
    const coop = await t.factory.cooperative();
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coop.id);
    const nik = testNik();
    await t.factory.consent(officer.auth, nik);
    const before = await query(officer.auth, nik);
    expect(before.body.loans).toHaveLength(0);

    await t.factory.submit(
      coop.id,
      history(nik, 'FRESH-1', 2, () => ({ daysPastDue: 200 })),
    );
    const key = (
      await t.dataSource.query(`SELECT borrower_key FROM inquiries WHERE id = $1`, [before.body.reportId])
    )[0].borrower_key;
    // No worker runs in this test app: the marker is still there when the officer asks.
    const markers = await t.dataSource.query(`SELECT 1 FROM risk_recalc_markers WHERE borrower_key = $1`, [key]);
    expect(markers).toHaveLength(1);
    const after = await query(officer.auth, nik);
    expect(after.body.loans).toHaveLength(1);
    expect(after.body.loans[0]).toMatchObject({ daysPastDue: 200, collectibility: 5 });
    expect(after.body.risk.flags.map((f: { code: string }) => f.code)).toContain('WRITTEN_OFF_24M');
    expect(after.body.risk.score).toBeLessThan(before.body.risk.score);
    expect(await t.dataSource.query(`SELECT 1 FROM risk_recalc_markers WHERE borrower_key = $1`, [key])).toHaveLength(
      0,
    );
    const [audit] = await profileAudits(after.headers['x-request-id']);
    expect(audit.details.recomputed).toBe(true);
  });
  describe('a report that does not mislead (issue 18)', () => {
    const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

    it("names the restructured loans, the own by loanRef and another coop's by alias and date, with their ids", async () => {
      const coopA = await t.factory.cooperative();
      const coopB = await t.factory.cooperative();
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coopA.id);
      const nik = testNik();
      const refB = t.factory.unique('SECRET-REF-B');
      const restructuredLastMonth = (k: number) => ({ restructureCount: k === 0 ? 1 : 0 });
      await t.factory.submit(coopA.id, history(nik, 'A-RESTR-1', 3, restructuredLastMonth));
      await t.factory.submit(coopB.id, history(nik, refB, 3, restructuredLastMonth));
      await t.factory.consent(officer.auth, nik);
      const { body } = await query(officer.auth, nik);
      const own = body.loans.find((l: { lender: { own: boolean } }) => l.lender.own);
      const other = body.loans.find((l: { lender: { own: boolean } }) => !l.lender.own);
      const flag = body.risk.flags.find((f: { code: string }) => f.code === 'RESTRUCTURED_12M');
      expect([...flag.loanIds].sort()).toEqual([own.id, other.id].sort());
      const otherName = `${other.lender.alias}, pinjaman mulai ${ddmmyyyy(other.disbursedAt)}`;
      expect(flag.message.id).toContain('pinjaman A-RESTR-1 (koperasi Anda)');
      expect(flag.message.id).toContain(otherName);
      expect(flag.message.en).toContain(`${other.lender.alias}, loan from ${ddmmyyyy(other.disbursedAt)}`);
      const text = JSON.stringify(body);
      for (const secret of [coopB.id, coopB.name, refB, 'cooperativeIds']) expect(text).not.toContain(secret);
      expect(body.risk.caution).toBeNull();
    });

    it('withholds the reading of the grade while a HIGH identity mismatch stands (risk.caution), score and grade kept', async () => {
      const coopA = await t.factory.cooperative();
      const coopB = await t.factory.cooperative();
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coopA.id);
      const nik = testNik();
      await t.factory.submit(coopA.id, history(nik, 'ID-A-1', 8));
      await t.factory.submit(
        coopB.id,
        history(nik, 'ID-B-1', 8, () => ({ fullName: 'Orang Lain Sekali' })),
      );
      await t.factory.consent(officer.auth, nik);
      const { body } = await query(officer.auth, nik);
      expect(body.risk.flags.map((f: { code: string }) => f.code)).toContain('IDENTITY_MISMATCH');
      expect(body.risk.grade).toBe(gradeForScore(body.risk.score));
      expect(body.risk.caution).toEqual({
        code: 'IDENTITY_MISMATCH',
        message: {
          id: 'Periksa identitas dahulu: nilai ini mungkin milik orang lain',
          en: 'Check the identity first: this grade may belong to someone else',
        },
      });
    });

    it('does not flag stacking for two loans taken close together twenty months ago, even if stored under rule set 1', async () => {
      const coopA = await t.factory.cooperative();
      const coopB = await t.factory.cooperative();
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coopA.id);
      const nik = testNik();
      const at = (day: string) => () => ({ disbursedAt: `${periodMonthsAgo(20)}-${day}`, maturityDate: null });
      await t.factory.submit(coopA.id, history(nik, 'STACK-A', 19, at('01')));
      await t.factory.submit(coopB.id, history(nik, 'STACK-B', 19, at('22')));
      await t.factory.consent(officer.auth, nik);
      const first = await query(officer.auth, nik);
      expect(first.body.risk.flags.map((f: { code: string }) => f.code)).not.toContain('LOAN_STACKING');

      // A profile stored by rule set 1 (version 1, same thresholds), which flagged the pair: recomputed on the query.
      const [{ borrower_key: key, rule_set: ruleSet }] = await t.dataSource.query(
        `SELECT p.borrower_key, p.rule_set FROM borrower_profiles p JOIN inquiries i ON i.borrower_key = p.borrower_key
          WHERE i.id = $1`,
        [first.body.reportId],
      );
      const stacking = {
        code: 'LOAN_STACKING',
        severity: 'MEDIUM',
        message: {
          id: 'Pinjaman baru dari 2 koperasi dalam 90 hari',
          en: 'New loans from 2 cooperatives within 90 days',
        },
      };
      await t.dataSource.query(
        `UPDATE borrower_profiles
            SET rule_set = $2, snapshot = jsonb_set(snapshot, '{flags}', (snapshot->'flags') || $3::jsonb)
          WHERE borrower_key = $1`,
        [key, ruleSet.replace(/^\d+:/, '1:'), JSON.stringify([stacking])],
      );
      const again = await query(officer.auth, nik);
      expect(again.body.risk.flags.map((f: { code: string }) => f.code)).not.toContain('LOAN_STACKING');
      expect(again.body.risk.ruleSet).toBe(ruleSet);
      const [audit] = await profileAudits(again.headers['x-request-id']);
      expect(audit.details.recomputed).toBe(true);
    });

    it("the OpenAPI document's examples give the grade of their score", async () => {
      const doc = (await t.http.get('/api/docs-json')).body as {
        components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
      };
      const pairs = Object.entries(doc.components.schemas)
        .filter(([, schema]) => schema.properties?.score?.example !== undefined && schema.properties.grade)
        .map(([name, schema]) => [name, schema.properties!.score.example, schema.properties!.grade.example]);
      expect(pairs.length).toBeGreaterThan(0);
      for (const [name, score, grade] of pairs) expect([name, grade]).toEqual([name, gradeForScore(Number(score))]);
    });
  });
});
