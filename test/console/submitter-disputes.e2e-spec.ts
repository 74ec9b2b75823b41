import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

describe('data submitter disputes in the console (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());
  jest.setTimeout(90_000);

  it("lets a data submitter see and resolve a dispute about the own coop's loan", async () => {
    const submitter = await h.t.factory.user(Role.DATA_SUBMITTER);
    const nik = testNik();
    const loanRef = h.t.factory.unique('PK');
    await h.t.factory.submit(submitter.cooperativeId!, [record({ nik, loanRef, period: periodMonthsAgo(1) })]);
    const [loan] = await h.t.dataSource.query(`SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = $2`, [
      submitter.cooperativeId,
      loanRef,
    ]);
    const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER);
    await h.t.factory.consent(officer.auth, nik);
    const opened = await h.t.http
      .post('/api/v1/disputes')
      .set(officer.auth)
      .send({ loanId: loan.id, reason: 'Bukan pinjaman saya' });
    expect(opened.status).toBe(201);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, submitter.email, submitter.password);
    await page.getByRole('link', { name: 'Sanggahan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sanggahan' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: loanRef });
    await row.waitFor();
    await screenshot(page, 'submitter-disputes');

    await row.getByRole('button', { name: `Selesaikan sanggahan pinjaman ${loanRef}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Selesaikan sanggahan' });
    await dialog.getByRole('radio', { name: /Data benar/ }).check();
    await dialog.getByLabel('Catatan').fill('Akad dan KTP cocok');
    await dialog.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Sanggahan pinjaman ${loanRef} diselesaikan: Data benar.` })
      .waitFor();
    const [dispute] = await h.t.dataSource.query(`SELECT status, resolution FROM disputes WHERE id = $1`, [
      opened.body.id,
    ]);
    expect(dispute).toEqual({ status: 'RESOLVED', resolution: 'CONFIRMED' });
  });
});
