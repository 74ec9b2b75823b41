import type { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { grantMonitoringConsent } from '../factories/monitoring';
import { waitFor } from '../helpers/child-process';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

/**
 * A loan officer's monitoring page in Chromium: enrol a borrower, the alert another coop's report raises (lender only
 * by alias), acknowledge it, enrol the whole portfolio and see who could not be enrolled, all on a 390 px phone too.
 */
describe('monitoring in the console: inbox and enrolment (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());
  jest.setTimeout(120_000);

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  it('enrols a borrower, shows the alert of a delinquent loan elsewhere masked, and acknowledges it', async () => {
    const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER);
    const nik = testNik();
    await grantMonitoringConsent(h.t.factory, officer.auth, nik);
    const otherCoop = await h.t.factory.cooperative();
    const [{ name: otherName }] = await h.t.dataSource.query(`SELECT name FROM cooperatives WHERE id = $1`, [
      otherCoop.id,
    ]);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, officer.email, officer.password);
    await page.getByRole('link', { name: 'Pemantauan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pemantauan' }).waitFor();
    await page.getByRole('tab', { name: 'Peminjam dipantau' }).click();

    const nikInput = page.getByLabel('NIK peminjam');
    await nikInput.fill(nik);
    await page.getByRole('button', { name: 'Pantau peminjam' }).click();
    await page.getByRole('status').filter({ hasText: 'dipantau sejak' }).waitFor();
    await expect(nikInput.inputValue()).resolves.toBe('');
    const [enrollment] = await h.t.dataSource.query(
      `SELECT id FROM monitoring_enrollments WHERE cooperative_id = $1 AND status = 'ACTIVE'`,
      [officer.cooperativeId],
    );
    expect(enrollment).toBeDefined();
    await page.getByRole('row').filter({ hasText: 'Aktif' }).waitFor();
    await expect(page.locator('body').textContent()).resolves.not.toContain(nik);

    // Another coop reports the borrower 45 days past due on an old loan: one DELINQUENT_ELSEWHERE alert.
    await h.t.factory.submit(otherCoop.id, [
      record({ nik, loanRef: h.t.factory.unique('LAIN'), period: periodMonthsAgo(1), daysPastDue: 45 }),
    ]);
    await waitFor('the alert', async () => {
      const [row] = await h.t.dataSource.query(
        `SELECT count(*)::int AS n FROM monitoring_alerts WHERE cooperative_id = $1`,
        [officer.cooperativeId],
      );
      return row.n > 0;
    });

    await page.getByRole('tab', { name: 'Peringatan' }).click();
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    const alertRow = page.getByRole('row').filter({ hasText: 'Menunggak di koperasi lain' });
    await alertRow.waitFor();
    await page.getByRole('heading', { level: 1, name: 'Pemantauan (1 belum dibaca)' }).waitFor();
    await page.getByRole('tab', { name: 'Peringatan (1)' }).waitFor();
    const rowText = (await alertRow.textContent()) ?? '';
    expect(rowText).toContain('menunggak 45 hari');
    expect(rowText).toContain('Tinggi');
    expect(rowText).toMatch(/Koperasi [A-Z]/);
    expect(rowText).toContain('WIB');
    await expect(page.locator('main').textContent()).resolves.not.toContain(otherName);
    // The digest counts it by type.
    await expect(page.locator('.mon-digest').textContent()).resolves.toMatch(/Menunggak di koperasi lain\s*1/);
    // The officer holds an active consent for the borrower: the report can be opened (on the check page).
    await expect(alertRow.getByRole('button', { name: /^Buka laporan peminjam/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'monitoring-inbox-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'monitoring-inbox-390');
    await page.setViewportSize({ width: 1280, height: 720 });

    await alertRow.getByRole('button', { name: /^Tandai sudah dibaca/ }).click();
    await page.getByRole('status').filter({ hasText: 'ditandai sudah dibaca' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Pemantauan', exact: true }).waitFor();
    const [alert] = await h.t.dataSource.query(
      `SELECT acknowledged_at FROM monitoring_alerts WHERE cooperative_id = $1`,
      [officer.cooperativeId],
    );
    expect(alert.acknowledged_at).not.toBeNull();
    // The list is read again after the acknowledgement: the row then says when it was read.
    await alertRow.getByText(/^Dibaca /).waitFor();
    await expect(alertRow.getByRole('button', { name: /^Tandai sudah dibaca/ }).count()).resolves.toBe(0);

    // The type filter: no inquiry alerts.
    await page.getByLabel('Jenis peringatan').selectOption({ label: 'Diperiksa koperasi lain' });
    await page.getByText('Tidak ada peringatan.').waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monitoring' }).waitFor();
  });

  it('enrols the active portfolio and lists the borrower without a consent by loan number and reason', async () => {
    const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER);
    const withConsent = testNik();
    const without = testNik();
    const okRef = h.t.factory.unique('PK');
    const refusedRef = h.t.factory.unique('PK');
    await h.t.factory.submit(officer.cooperativeId!, [
      record({ nik: withConsent, loanRef: okRef, period: periodMonthsAgo(1) }),
      record({ nik: without, loanRef: refusedRef, period: periodMonthsAgo(1) }),
    ]);
    await grantMonitoringConsent(h.t.factory, officer.auth, withConsent);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, officer.email, officer.password);
    await page.getByRole('link', { name: 'Pemantauan' }).click();
    await page.getByRole('tab', { name: 'Peminjam dipantau' }).click();
    await page.getByRole('button', { name: 'Pantau seluruh portofolio aktif' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '1 peminjam baru dipantau, 0 sudah dipantau sebelumnya, 1 tidak dapat dipantau.' })
      .waitFor();
    const refused = page.locator('table.mon-refused').getByRole('row').filter({ hasText: refusedRef });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('Belum ada persetujuan pemantauan (MONITORING)');
    await expect(page.locator('table.mon-refused').textContent()).resolves.not.toContain(okRef);

    // The enrolled borrower is listed with the own loan number; ending it shows Berakhir with the reason.
    const listed = page.locator('table.mon-enrollments').getByRole('row').filter({ hasText: okRef });
    await listed.waitFor();
    await screenshot(page, 'monitoring-enrol-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'monitoring-enrol-390');
    await page.setViewportSize({ width: 1280, height: 720 });

    await listed.getByRole('button', { name: /^Akhiri pemantauan peminjam/ }).click();
    await page.getByRole('status').filter({ hasText: 'diakhiri' }).waitFor();
    await listed.getByText('Berakhir', { exact: true }).waitFor();
    await expect(listed.textContent()).resolves.toContain('Diakhiri oleh koperasi');
    const [row] = await h.t.dataSource.query(
      `SELECT status, end_reason FROM monitoring_enrollments WHERE cooperative_id = $1`,
      [officer.cooperativeId],
    );
    expect(row).toEqual({ status: 'ENDED', end_reason: 'ENDED_BY_COOP' });
  });
});
