import { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

const BROWSER_TEST_MS = 120_000;

/** `count` monthly reports of one loan, newest (k = 0, last month) first; `at(k)` overrides month k. */
function history(
  nik: string,
  loanRef: string,
  disbursedAt: string,
  count: number,
  at: (k: number) => Record<string, unknown> = () => ({}),
) {
  return Array.from({ length: count }, (_, k) =>
    record({ nik, loanRef, disbursedAt, maturityDate: null, period: periodMonthsAgo(k + 1), ...at(k) }),
  );
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

describe('web console: the credit report reads right and fits a phone (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  }, 60_000);
  afterAll(() => h.close());

  /**
   * Like the demo borrower: loans disbursed on the 1st and the 22nd of one month 21 months ago at the officer's coop
   * and another; the other restructured four months ago; a third coop's loan, paid off, under another name.
   */
  async function demoLikeBorrower(officerCoopId: string, nik: string) {
    const other = await h.t.factory.cooperative();
    const third = await h.t.factory.cooperative();
    const month = periodMonthsAgo(21);
    await h.t.factory.submit(
      officerCoopId,
      history(nik, 'PK-2025-000117', `${month}-01`, 20, (k) => ({
        principal: 10_000_000,
        outstanding: 4_000_000 + k * 300_000,
      })),
    );
    await h.t.factory.submit(
      other.id,
      history(nik, 'OTHER-SECRET-9', `${month}-22`, 20, (k) => ({
        principal: 15_000_000,
        outstanding: 9_000_000,
        restructureCount: k <= 3 ? 1 : 0,
        daysPastDue: k === 4 ? 40 : 0,
      })),
    );
    await h.t.factory.submit(
      third.id,
      history(nik, 'THIRD-SECRET-1', `${periodMonthsAgo(14)}-05`, 12, (k) => ({
        fullName: 'Sri Rahmawati Dewi',
        condition: k === 0 ? '02' : '00',
        outstanding: k === 0 ? 0 : 1_000_000,
      })),
    );
    return { other, third, month };
  }

  async function openReport(page: Page, nik: string) {
    await page.getByLabel('NIK', { exact: true }).fill(nik);
    await page.getByLabel('Tujuan pemeriksaan').selectOption({ label: 'Pengajuan pinjaman baru' });
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await page.getByRole('heading', { name: 'Laporan kredit pemohon' }).waitFor();
  }

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  it(
    'shows the condition in Status, names the restructured loan, withholds the grade reading, and fits 1280 and 390 px',
    async () => {
      const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const { other, third, month } = await demoLikeBorrower(officer.cooperativeId!, nik);
      await h.t.factory.consent(officer.auth, nik);
      // A dispute on the paid-off loan, as an officer opens it.
      const profile = await h.t.http
        .post('/api/v1/profiles/query')
        .set(officer.auth)
        .send({ nik, purpose: 'NEW_APPLICATION' });
      const paidOff = profile.body.loans.find((l: { condition: string }) => l.condition === '02');
      const opened = await h.t.http
        .post('/api/v1/disputes')
        .set(officer.auth)
        .send({ loanId: paidOff.id, reason: 'Pemohon menyatakan bukan pinjamannya.' });
      expect(opened.status).toBe(201);

      const { page } = await h.newPage();
      await signIn(page, h.baseUrl, officer.email, officer.password);
      await openReport(page, nik);

      // Status: the condition of the latest report, and "Disanggah" on the disputed loan.
      const loans = page.locator('table.check-loans'); // 'Pinjaman' in Indonesian, 'Loans' in English
      const statusColumn = await loans.locator('thead th').allTextContents();
      const statusAt = statusColumn.indexOf('Status');
      expect(statusAt).toBeGreaterThan(0);
      const statusOf = async (row: RegExp) =>
        ((await loans.getByRole('row', { name: row }).locator('th, td').nth(statusAt).textContent()) ?? '')
          .replace(/\s+/g, ' ')
          .trim();
      await expect(statusOf(/PK-2025-000117/)).resolves.toBe('Aktif');
      await expect(statusOf(/Koperasi B/)).resolves.toBe('Lunas Disanggah');
      await expect(statusOf(/Koperasi A/)).resolves.toBe('Aktif');

      // The restructured loan is named, as this officer may see it, and can be found in the table.
      const risk = page.getByRole('region', { name: 'Penilaian risiko' });
      const restructured = risk
        .getByRole('listitem')
        .filter({ hasText: 'Pinjaman direstrukturisasi dalam 12 bulan terakhir' });
      await expect(restructured.textContent()).resolves.toContain(
        `Koperasi A, pinjaman mulai ${ddmmyyyy(`${month}-22`)}`,
      );
      await restructured.getByRole('button', { name: 'Tunjukkan di tabel' }).click();
      const otherRow = loans.getByRole('row', { name: /Koperasi A/ });
      await expect(otherRow.getAttribute('class')).resolves.toContain('check-row-flagged');
      await expect(otherRow.locator('th').evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);

      // Identity doubt: the grade is shown without "low risk", with the caution instead.
      await risk.getByRole('listitem').filter({ hasText: 'Nama atau tanggal lahir berbeda' }).waitFor();
      const grade = risk.locator('.check-grade');
      await expect(grade.textContent()).resolves.toContain(
        'Periksa identitas dahulu: nilai ini mungkin milik orang lain',
      );
      await expect(grade.textContent()).resolves.not.toMatch(/Risiko/);
      await expect(risk.locator('.grade').textContent()).resolves.toMatch(/^[A-E]$/);

      // Nothing of the other coops leaks.
      const html = await page.content();
      for (const secret of [other.name, other.id, third.name, third.id, 'OTHER-SECRET-9', 'THIRD-SECRET-1'])
        expect(html).not.toContain(secret);

      expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
      // tmp/screenshots/report-1280.png and report-390.png; docs/screenshots holds copies of a run looked at.
      await screenshot(page, 'report-1280');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('heading', { name: 'Laporan kredit pemohon' }).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      // The 24-month grid scrolls inside its own box, not the page.
      const grid = page.locator('.check-grid .table-wrap');
      await expect(grid.evaluate((el) => el.scrollWidth > el.clientWidth)).resolves.toBe(true);
      await screenshot(page, 'report-390');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: "Applicant's credit report" }).waitFor();
      await expect(page.locator('.check-risk .check-grade').textContent()).resolves.toContain(
        'Check the identity first: this grade may belong to someone else',
      );
      await expect(statusOf(/PK-2025-000117/)).resolves.toBe('Active');
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    },
    BROWSER_TEST_MS,
  );
});
