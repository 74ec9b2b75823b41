import { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

const BROWSER_TEST_MS = 120_000;

/** `count` monthly reports of one loan, newest (k = 0, last month) first; `at(k)` overrides month k. */
function history(nik: string, loanRef: string, count: number, at: (k: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: count }, (_, k) =>
    record({ nik, loanRef, period: periodMonthsAgo(k + 1), disbursedAt: `${periodMonthsAgo(count + 1)}-05`, ...at(k) }),
  );
}

// The other coop's loan, newest month first: 45 and 15 days late (collectibility 2), 95 days (3), then on time (1).
const LATE_DAYS = [45, 15, 95];

describe('web console: the loan officer checks an applicant (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  }, 60_000);
  afterAll(() => h.close());

  /** An officer's coop with its own 10-month loan for the NIK, and another coop with an 8-month loan now 45 days late. */
  async function applicantWithTwoLenders(officerCoopId: string, nik: string) {
    const other = await h.t.factory.cooperative();
    await h.t.factory.submit(
      officerCoopId,
      history(nik, 'PK-OWN-0001', 10, () => ({ outstanding: 3_000_000 })),
    );
    await h.t.factory.submit(
      other.id,
      history(nik, 'OTHER-7781', 8, (k) => ({
        daysPastDue: LATE_DAYS[k] ?? 0,
        principal: 8_000_000,
        outstanding: 6_400_000,
      })),
    );
    const [own] = await h.t.dataSource.query(`SELECT name FROM cooperatives WHERE id = $1`, [officerCoopId]);
    return { ownName: own.name as string, other };
  }

  /** Every URL the page asks for, and the request bodies that carried the NIK. */
  function watchRequests(page: Page, nik: string) {
    const urls: string[] = [];
    const bodiesWithNik: string[] = [];
    page.on('request', (req) => {
      urls.push(req.url());
      if ((req.postData() ?? '').includes(nik)) bodiesWithNik.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    return { urls, bodiesWithNik };
  }

  async function expectNoNikInBrowser(page: Page, nik: string, urls: string[]) {
    expect(page.url()).not.toContain(nik);
    for (const url of urls) expect(url).not.toContain(nik);
    // Strings: the test is compiled without the DOM library; this runs in the page.
    const storage = await page.evaluate<string>(
      'JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])',
    );
    expect(storage).not.toContain(nik);
    expect(await page.content()).not.toContain(nik);
    // page.content() shows attributes, not what an input holds now.
    const values = await page.evaluate<string>(
      'JSON.stringify([...document.querySelectorAll("input, textarea")].map((e) => e.value))',
    );
    expect(values).not.toContain(nik);
  }

  async function checkApplicant(page: Page, nik: string) {
    await page.getByLabel('NIK', { exact: true }).fill(nik);
    await page.getByLabel('Tujuan pemeriksaan').selectOption({ label: 'Pengajuan pinjaman baru' });
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
  }

  it(
    'without a consent: asks for it, records it, and shows the report with aliased lenders, grade, explained flags and the grid',
    async () => {
      const officer = await h.t.factory.user(Role.LOAN_OFFICER);
      const nik = testNik();
      const { ownName, other } = await applicantWithTwoLenders(officer.cooperativeId!, nik);
      const { page } = await h.newPage();
      const seen = watchRequests(page, nik);
      await signIn(page, h.baseUrl, officer.email, officer.password);

      await checkApplicant(page, nik);
      const consentHeading = page.getByRole('heading', { name: 'Catat persetujuan pemohon' });
      await consentHeading.waitFor();
      await expect(consentHeading.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
      await expect(page.getByRole('status').first().textContent()).resolves.toContain('Belum ada persetujuan');
      await expect(page.getByText(`NIK berakhiran ${nik.slice(-4)}`).isVisible()).resolves.toBe(true);
      const formNumber = h.t.factory.unique('FORM-PK-2026');
      await page.getByLabel('Jenis bukti persetujuan').selectOption({ label: 'Formulir bertanda tangan' });
      await page.getByLabel('Nomor bukti').fill(formNumber);
      await screenshot(page, 'officer-consent-form');
      await page.getByRole('button', { name: 'Catat persetujuan dan periksa' }).click();

      await page.getByRole('heading', { name: 'Laporan kredit pemohon' }).waitFor();

      // The loans: the own coop by name and account number, the other by its alias only.
      const loans = page.getByRole('table', { name: 'Pinjaman' });
      const ownRow = loans.getByRole('row', { name: new RegExp(ownName) });
      await expect(ownRow.textContent()).resolves.toContain('PK-OWN-0001');
      const otherRow = loans.getByRole('row', { name: /Koperasi A/ });
      const otherText = (await otherRow.textContent()) ?? '';
      expect(otherText).toContain('Dalam Perhatian Khusus');
      expect(otherText).toContain('45');
      expect(otherText).not.toContain('OTHER-7781');
      expect(await page.content()).not.toContain(other.name);

      // The grade and score, and a flag with the API's line and the page's plain explanation.
      const risk = page.getByRole('region', { name: 'Penilaian risiko' });
      await expect(risk.locator('.grade').textContent()).resolves.toMatch(/^[A-E]$/);
      const score = Number(await risk.locator('.check-score-value').textContent());
      expect(score).toBeGreaterThanOrEqual(250);
      expect(score).toBeLessThanOrEqual(900);
      const flag = risk
        .getByRole('listitem')
        .filter({ hasText: 'Pinjaman aktif menunggak lebih dari 30 hari di koperasi lain' });
      await expect(flag.textContent()).resolves.toContain('Pemohon sedang menunggak di koperasi lain');
      await expect(flag.locator('.badge').textContent()).resolves.toBe('Tinggi');

      // The 24-month grid, newest month first: 2, 2, 3, then five months of 1, then months nobody reported.
      const grid = page.getByRole('table', { name: 'Riwayat kolektibilitas 24 bulan' });
      await expect(grid.getByRole('columnheader').count()).resolves.toBe(25);
      const gridRow = grid.getByRole('row', { name: /Koperasi A/ });
      const cells = await gridRow.getByRole('cell').allTextContents();
      expect(cells).toHaveLength(24);
      expect(cells.slice(0, 8)).toEqual(['2', '2', '3', '1', '1', '1', '1', '1']);
      expect(cells[8]).toContain('tidak ada laporan');
      await expect(gridRow.getByRole('cell').nth(2).locator('.kol').getAttribute('class')).resolves.toContain('kol-3');
      await expect(page.getByText('Dalam Perhatian Khusus').first().isVisible()).resolves.toBe(true);
      const reportId = (await page.locator('.check-report-head code').textContent())!;
      await screenshot(page, 'officer-check-without-consent-profile');

      // The database holds the consent as recorded and the audit trail: the refusal, then the answer under it.
      const consents = await h.t.dataSource.query(
        `SELECT id, purpose, evidence_type, evidence_reference, granted_by_user_id FROM consents WHERE cooperative_id = $1`,
        [officer.cooperativeId],
      );
      expect(consents).toEqual([
        {
          id: expect.any(String),
          purpose: 'NEW_APPLICATION',
          evidence_type: 'SIGNED_FORM',
          evidence_reference: formNumber,
          granted_by_user_id: officer.id,
        },
      ]);
      const audits = await h.t.dataSource.query(
        `SELECT outcome, consent_id, details FROM audit_events WHERE action = 'PROFILE_QUERIED' AND actor_user_id = $1 ORDER BY id`,
        [officer.id],
      );
      expect(audits).toEqual([
        { outcome: 'DENIED', consent_id: null, details: expect.objectContaining({ reason: 'CONSENT.MISSING' }) },
        { outcome: 'ALLOWED', consent_id: consents[0].id, details: expect.objectContaining({ reportId }) },
      ]);

      // The NIK went only into the bodies of the query and the consent, and stayed nowhere in the browser.
      expect(seen.bodiesWithNik).toEqual([
        'POST /api/v1/profiles/query',
        'POST /api/v1/consents',
        'POST /api/v1/profiles/query',
      ]);
      await expectNoNikInBrowser(page, nik, seen.urls);
      await page.getByRole('button', { name: 'Periksa pemohon lain' }).click();
      await expect(page.getByLabel('NIK', { exact: true }).inputValue()).resolves.toBe('');
      await expect(page.getByLabel('NIK', { exact: true }).getAttribute('autocomplete')).resolves.toBe('off');
    },
    BROWSER_TEST_MS,
  );

  it(
    'with a consent: goes straight to the report, opens a dispute on a loan, and prints a clean report',
    async () => {
      const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER);
      const nik = testNik();
      const { other } = await applicantWithTwoLenders(officer.cooperativeId!, nik);
      const consent = await h.t.factory.consent(officer.auth, nik);
      const { page } = await h.newPage();
      const seen = watchRequests(page, nik);
      await signIn(page, h.baseUrl, officer.email, officer.password);

      await checkApplicant(page, nik);
      await page.getByRole('heading', { name: 'Laporan kredit pemohon' }).waitFor();
      await expect(page.getByRole('heading', { name: 'Catat persetujuan pemohon' }).count()).resolves.toBe(0);
      expect(seen.bodiesWithNik).toEqual(['POST /api/v1/profiles/query']);

      // A dispute on the other coop's loan.
      const loans = page.getByRole('table', { name: 'Pinjaman' });
      await loans.getByRole('button', { name: 'Ajukan sanggahan: Koperasi A' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sanggah data pinjaman' });
      await dialog
        .getByLabel('Alasan sanggahan')
        .fill('Pemohon menyatakan pinjaman ini sudah lunas bulan lalu; bukti pelunasan ada.');
      await dialog.getByRole('button', { name: 'Kirim sanggahan' }).click();
      await page.getByText('Sanggahan untuk pinjaman Koperasi A dicatat').waitFor();
      await expect(dialog.count()).resolves.toBe(0);
      const otherRow = loans.getByRole('row', { name: /Koperasi A/ });
      await expect(otherRow.textContent()).resolves.toContain('Disanggah');
      await expect(otherRow.getByRole('button').count()).resolves.toBe(0);
      await screenshot(page, 'officer-dispute-opened');
      const disputes = await h.t.dataSource.query(
        `SELECT d.status, d.reason, l.cooperative_id, l.loan_ref FROM disputes d JOIN loans l ON l.id = d.loan_id WHERE d.opened_by_user_id = $1`,
        [officer.id],
      );
      expect(disputes).toEqual([
        {
          status: 'OPEN',
          reason: expect.stringContaining('sudah lunas'),
          cooperative_id: other.id,
          loan_ref: 'OTHER-7781',
        },
      ]);

      // English on the switch: the API's flag message and the explanation in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: "Applicant's credit report" }).waitFor();
      await expect(
        page.getByText('Active loan more than 30 days past due at another cooperative').isVisible(),
      ).resolves.toBe(true);
      await expect(
        page.getByText('The applicant is behind on a loan at another cooperative').isVisible(),
      ).resolves.toBe(true);
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

      // "Cetak laporan" asks the browser to print; the print layout has its header and no navigation or buttons.
      await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; }');
      await page.getByRole('button', { name: 'Cetak laporan' }).click();
      await expect(page.evaluate('window.printed')).resolves.toBe(1);
      await page.emulateMedia({ media: 'print' });
      const header = page.locator('.check-print-header');
      await expect(header.isVisible()).resolves.toBe(true);
      const headerText = (await header.textContent()) ?? '';
      const [allowed] = await h.t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'PROFILE_QUERIED' AND outcome = 'ALLOWED' AND actor_user_id = $1`,
        [officer.id],
      );
      for (const part of [
        officer.email,
        'Pengajuan pinjaman baru',
        allowed.details.reportId,
        consent.id,
        `****${nik.slice(-4)}`,
      ]) {
        expect(headerText).toContain(part);
      }
      // CSS selectors here: role locators skip hidden elements, so they could not tell hidden from missing.
      await expect(page.locator('nav').count()).resolves.toBe(1);
      await expect(page.locator('nav').isVisible()).resolves.toBe(false);
      await expect(page.locator('button').count()).resolves.toBeGreaterThan(3);
      await expect(page.locator('button:visible').count()).resolves.toBe(0);
      await expect(page.locator('th', { hasText: 'Tindakan' }).isVisible()).resolves.toBe(false);
      const kolColour = await page
        .getByRole('table', { name: 'Riwayat kolektibilitas 24 bulan' })
        .locator('.kol-1')
        .first()
        .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
      expect(kolColour).toBe('rgb(46, 125, 50)');
      await screenshot(page, 'officer-report-print');
      await page.emulateMedia({ media: 'screen' });
      await expectNoNikInBrowser(page, nik, seen.urls);
    },
    BROWSER_TEST_MS,
  );
});
