import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

type Auth = Record<string, string>;
interface Item {
  id: string;
  loanId: string;
  cooperativeId: string;
  status: string;
  overdue: boolean;
}

describe('disputes (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const open = (auth: Auth, loanId: string, reason = 'Pinjaman ini sudah lunas') =>
    t.http.post('/api/v1/disputes').set(auth).send({ loanId, reason });
  const resolve = (auth: Auth, id: string, resolution: string, note = 'Sudah diperiksa') =>
    t.http.post(`/api/v1/disputes/${id}/resolve`).set(auth).send({ resolution, note });
  const list = (auth: Auth, query = '') => t.http.get(`/api/v1/disputes?limit=500${query}`).set(auth);
  const profile = (auth: Auth, nik: string) =>
    t.http.post('/api/v1/profiles/query').set(auth).send({ nik, purpose: 'NEW_APPLICATION' });
  const ids = (body: { items: Item[] }) => body.items.map((i) => i.id);

  /** A furnishing coop with one reported loan, and an officer of another coop holding consent for its borrower. */
  async function disputedLoan(loanRef = t.factory.unique('LOAN')) {
    const furnisher = await t.factory.cooperative();
    const nik = testNik();
    await t.factory.submit(furnisher.id, [record({ nik, loanRef, period: periodMonthsAgo(1) })]);
    const [loan] = await t.dataSource.query(`SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = $2`, [
      furnisher.id,
      loanRef,
    ]);
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    await t.factory.consent(officer.auth, nik);
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER, furnisher.id);
    return { furnisher, nik, loanRef, loanId: loan.id as string, officer, submitter };
  }

  it('opens, lists to the furnishing coop only, and resolves CORRECTED once a corrected report arrives', async () => {
    const s = await disputedLoan();
    const opened = await open(s.officer.auth, s.loanId, '  Sudah lunas bulan lalu  ');
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({
      id: expect.any(String),
      loanId: s.loanId,
      status: 'OPEN',
      reason: 'Sudah lunas bulan lalu',
      openedAt: expect.any(String),
      dueAt: expect.any(String),
    });
    // The opener learns nothing of the furnishing coop.
    for (const secret of [s.furnisher.id, s.furnisher.name, s.loanRef])
      expect(JSON.stringify(opened.body)).not.toContain(secret);
    const days = (Date.parse(opened.body.dueAt) - Date.parse(opened.body.openedAt)) / 86_400_000;
    expect(days).toBe(t.config.disputes.dueDays);

    const [borrower] = await t.dataSource.query(
      `SELECT subject_ref FROM borrowers b JOIN loans l USING (borrower_key) WHERE l.id = $1`,
      [s.loanId],
    );
    const [openAudit] = await t.factory.auditFor(opened.headers['x-request-id']);
    expect(openAudit).toMatchObject({
      action: 'DISPUTE_OPENED',
      outcome: 'ALLOWED',
      actor_user_id: s.officer.id,
      actor_cooperative_id: s.officer.cooperativeId,
      subject_ref: borrower.subject_ref,
      details: { disputeId: opened.body.id, loanId: s.loanId },
    });
    expect(JSON.stringify(openAudit)).not.toContain(s.furnisher.id);

    const listed = await list(s.submitter.auth, '&status=OPEN');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: opened.body.id,
        loanId: s.loanId,
        cooperativeId: s.furnisher.id,
        loanRef: s.loanRef,
        status: 'OPEN',
        resolution: null,
        reason: 'Sudah lunas bulan lalu',
        note: null,
        openedAt: opened.body.openedAt,
        dueAt: opened.body.dueAt,
        overdue: false,
        resolvedAt: null,
      },
    ]);
    expect(listed.body.nextCursor).toBeNull();
    expect(ids((await list(s.submitter.auth, '&status=RESOLVED')).body)).toEqual([]);
    const otherSubmitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    expect(ids((await list(otherSubmitter.auth)).body)).not.toContain(opened.body.id);

    const early = await resolve(s.submitter.auth, opened.body.id, 'CORRECTED');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('DISPUTE.NOT_CORRECTED');

    await t.factory.submit(s.furnisher.id, [
      record({ nik: s.nik, loanRef: s.loanRef, period: periodMonthsAgo(1), outstanding: 0, condition: '02' }),
    ]);
    const corrected = await resolve(s.submitter.auth, opened.body.id, 'CORRECTED', 'Dikoreksi: lunas');
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      id: opened.body.id,
      loanId: s.loanId,
      status: 'RESOLVED',
      resolution: 'CORRECTED',
      note: 'Dikoreksi: lunas',
      overdue: false,
    });
    expect(corrected.body.resolvedAt).toEqual(expect.any(String));
    const [resolveAudit] = await t.factory.auditFor(corrected.headers['x-request-id']);
    expect(resolveAudit).toMatchObject({
      action: 'DISPUTE_RESOLVED',
      outcome: 'ALLOWED',
      actor_cooperative_id: s.furnisher.id,
      subject_ref: borrower.subject_ref,
      details: { disputeId: opened.body.id, loanId: s.loanId, resolution: 'CORRECTED' },
    });

    const again = await resolve(s.submitter.auth, opened.body.id, 'CONFIRMED');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DISPUTE.ALREADY_RESOLVED');
    expect(ids((await list(s.submitter.auth, '&status=RESOLVED')).body)).toEqual([opened.body.id]);
  });

  it('allows one open dispute per loan, and a new one once it is resolved CONFIRMED', async () => {
    const s = await disputedLoan();
    const first = await open(s.officer.auth, s.loanId);
    expect(first.status).toBe(201);
    const second = await open(s.officer.auth, s.loanId);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('DISPUTE.ALREADY_OPEN');
    expect(await t.dataSource.query(`SELECT id FROM disputes WHERE loan_id = $1`, [s.loanId])).toHaveLength(1);

    const admin = await t.factory.signedIn(Role.COOP_ADMIN, s.furnisher.id);
    const confirmed = await resolve(admin.auth, first.body.id, 'CONFIRMED');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'RESOLVED', resolution: 'CONFIRMED' });
    expect((await open(s.officer.auth, s.loanId)).status).toBe(201);
  });

  it('resolved DELETED takes the loan out of later profiles and out of reach of new disputes', async () => {
    const s = await disputedLoan();
    const otherRef = t.factory.unique('KEEP');
    await t.factory.submit(s.furnisher.id, [record({ nik: s.nik, loanRef: otherRef, period: periodMonthsAgo(1) })]);
    const reader = await t.factory.signedIn(Role.LOAN_OFFICER);
    await t.factory.consent(reader.auth, s.nik);
    const before = await profile(reader.auth, s.nik);
    expect(before.body.loans.map((l: { id: string }) => l.id)).toContain(s.loanId);
    expect(before.body.loans).toHaveLength(2);

    const opened = await open(s.officer.auth, s.loanId);
    const key = await t.factory.apiKey(Role.DATA_SUBMITTER, s.furnisher.id);
    const deleted = await resolve(key.auth, opened.body.id, 'DELETED', 'Salah input');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ status: 'RESOLVED', resolution: 'DELETED' });
    const [loan] = await t.dataSource.query(`SELECT suppressed_at, suppressed_by_dispute_id FROM loans WHERE id = $1`, [
      s.loanId,
    ]);
    expect(loan.suppressed_at).not.toBeNull();
    expect(loan.suppressed_by_dispute_id).toBe(opened.body.id);
    const [row] = await t.dataSource.query(
      `SELECT resolved_by_api_key_id, resolved_by_user_id FROM disputes WHERE id = $1`,
      [opened.body.id],
    );
    expect(row).toEqual({ resolved_by_api_key_id: key.id, resolved_by_user_id: null });

    const after = await profile(reader.auth, s.nik);
    expect(after.status).toBe(200);
    expect(after.body.loans.map((l: { id: string }) => l.id)).not.toContain(s.loanId);
    expect(after.body.loans).toHaveLength(1);
    // Later reports of the deleted loan stay hidden.
    await t.factory.submit(s.furnisher.id, [record({ nik: s.nik, loanRef: s.loanRef, period: periodMonthsAgo(0) })]);
    expect((await profile(reader.auth, s.nik)).body.loans).toHaveLength(1);

    const gone = await open(s.officer.auth, s.loanId);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('LOAN.NOT_FOUND');
  });

  describe('who may do what', () => {
    it('refuses an officer without an active consent for the borrower with 404 LOAN.NOT_FOUND, as for no loan at all', async () => {
      const s = await disputedLoan();
      const stranger = await t.factory.signedIn(Role.LOAN_OFFICER);
      const noConsent = await open(stranger.auth, s.loanId);
      expect(noConsent.status).toBe(404);
      expect(noConsent.body.error.code).toBe('LOAN.NOT_FOUND');
      const missing = await open(s.officer.auth, '00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('LOAN.NOT_FOUND');

      const revoker = await t.factory.signedIn(Role.LOAN_OFFICER);
      const consent = await t.factory.consent(revoker.auth, s.nik);
      await t.http.post(`/api/v1/consents/${consent.id}/revoke`).set(revoker.auth).expect(200);
      expect((await open(revoker.auth, s.loanId)).status).toBe(404);
      expect(await t.dataSource.query(`SELECT id FROM disputes WHERE loan_id = $1`, [s.loanId])).toEqual([]);
    });

    it('lets a LOAN_OFFICER API key open, and any consent purpose will do', async () => {
      const s = await disputedLoan();
      const key = await t.factory.apiKey(Role.LOAN_OFFICER);
      const colleague = await t.factory.signedIn(Role.LOAN_OFFICER, key.cooperativeId);
      await t.factory.consent(colleague.auth, s.nik, 'MONITORING');
      const res = await open(key.auth, s.loanId);
      expect(res.status).toBe(201);
      const [row] = await t.dataSource.query(
        `SELECT opened_by_api_key_id, opened_by_user_id, opened_by_cooperative_id, cooperative_id FROM disputes WHERE id = $1`,
        [res.body.id],
      );
      expect(row).toEqual({
        opened_by_api_key_id: key.id,
        opened_by_user_id: null,
        opened_by_cooperative_id: key.cooperativeId,
        cooperative_id: s.furnisher.id,
      });
    });

    it("keeps another coop's disputes out of reach (404), and LOAN_OFFICER and NETWORK_ADMIN from resolving (403)", async () => {
      const s = await disputedLoan();
      const { body } = await open(s.officer.auth, s.loanId);
      const otherAdmin = await t.factory.signedIn(Role.COOP_ADMIN);
      const notYours = await resolve(otherAdmin.auth, body.id, 'CONFIRMED');
      expect(notYours.status).toBe(404);
      expect(notYours.body.error.code).toBe('DISPUTE.NOT_FOUND');
      expect(ids((await list(otherAdmin.auth)).body)).not.toContain(body.id);

      const networkAdmin = await t.factory.signedIn(Role.NETWORK_ADMIN);
      for (const auth of [s.officer.auth, networkAdmin.auth]) {
        const res = await resolve(auth, body.id, 'CONFIRMED');
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
      }
      expect((await list(s.officer.auth)).status).toBe(403);
      const auditor = await t.factory.signedIn(Role.AUDITOR, s.furnisher.id);
      expect((await list(auditor.auth)).status).toBe(403);
      const [row] = await t.dataSource.query(`SELECT status FROM disputes WHERE id = $1`, [body.id]);
      expect(row.status).toBe('OPEN');
    });

    it("lets NETWORK_ADMIN open a dispute on any loan and list every coop's disputes", async () => {
      const a = await disputedLoan();
      const b = await disputedLoan();
      const networkAdmin = await t.factory.signedIn(Role.NETWORK_ADMIN);
      const fromStaff = await open(networkAdmin.auth, a.loanId, 'Permintaan debitur lewat surat');
      expect(fromStaff.status).toBe(201);
      const [row] = await t.dataSource.query(
        `SELECT opened_by_cooperative_id, opened_by_user_id FROM disputes WHERE id = $1`,
        [fromStaff.body.id],
      );
      expect(row).toEqual({ opened_by_cooperative_id: null, opened_by_user_id: networkAdmin.id });
      const fromOfficer = await open(b.officer.auth, b.loanId);

      const all = await list(networkAdmin.auth, '&status=OPEN');
      expect(all.status).toBe(200);
      const ours = all.body.items.filter((i: Item) => [fromStaff.body.id, fromOfficer.body.id].includes(i.id));
      expect(ours.map((i: Item) => i.cooperativeId).sort()).toEqual([a.furnisher.id, b.furnisher.id].sort());
    });
  });

  it('shows an open dispute past its due date as overdue, a resolved one never', async () => {
    const s = await disputedLoan();
    const late = await open(s.officer.auth, s.loanId);
    await t.dataSource.query(
      `UPDATE disputes SET opened_at = now() - interval '31 days', due_at = now() - interval '1 day' WHERE id = $1`,
      [late.body.id],
    );
    const [item] = (await list(s.submitter.auth)).body.items;
    expect(item).toMatchObject({ id: late.body.id, overdue: true });
    await resolve(s.submitter.auth, late.body.id, 'CONFIRMED').expect(200);
    const [resolved] = (await list(s.submitter.auth)).body.items;
    expect(resolved).toMatchObject({ id: late.body.id, status: 'RESOLVED', overdue: false });
  });

  it('pages the list oldest first with a cursor', async () => {
    const s = await disputedLoan();
    const second = await disputedLoan();
    await t.factory.submit(s.furnisher.id, [
      record({ nik: second.nik, loanRef: 'PAGE-2', period: periodMonthsAgo(1) }),
    ]);
    const [loan2] = await t.dataSource.query(`SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = 'PAGE-2'`, [
      s.furnisher.id,
    ]);
    const d1 = await open(s.officer.auth, s.loanId);
    const d2 = await open(second.officer.auth, loan2.id);
    const page1 = await t.http.get('/api/v1/disputes?limit=1').set(s.submitter.auth);
    expect(ids(page1.body)).toEqual([d1.body.id]);
    expect(page1.body.nextCursor).toBe(d1.body.id);
    const page2 = await t.http.get(`/api/v1/disputes?limit=1&cursor=${page1.body.nextCursor}`).set(s.submitter.auth);
    expect(ids(page2.body)).toEqual([d2.body.id]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it.each([
    [{ loanId: 'not-a-uuid', reason: 'x' }, 'loanId'],
    [{ loanId: '00000000-0000-4000-8000-000000000000', reason: '' }, 'reason'],
    [{ loanId: '00000000-0000-4000-8000-000000000000', reason: '   ' }, 'reason'],
    [{ loanId: '00000000-0000-4000-8000-000000000000', reason: 'x'.repeat(1001) }, 'reason'],
  ])('refuses a bad open request %p with 400 naming %s', async (body, field) => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const res = await t.http.post('/api/v1/disputes').set(officer.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a bad resolution, a missing note and a bad status filter with 400', async () => {
    const s = await disputedLoan();
    const { body } = await open(s.officer.auth, s.loanId);
    const bad = await t.http
      .post(`/api/v1/disputes/${body.id}/resolve`)
      .set(s.submitter.auth)
      .send({ resolution: 'IGNORED', note: 'x' });
    expect(bad.status).toBe(400);
    const noNote = await t.http
      .post(`/api/v1/disputes/${body.id}/resolve`)
      .set(s.submitter.auth)
      .send({ resolution: 'CONFIRMED' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details.map((d: { field: string }) => d.field)).toContain('note');
    expect((await list(s.submitter.auth, '&status=OVERDUE')).status).toBe(400);
    expect(
      (
        await t.http
          .post('/api/v1/disputes/nope/resolve')
          .set(s.submitter.auth)
          .send({ resolution: 'CONFIRMED', note: 'x' })
      ).status,
    ).toBe(400);
  });
});
