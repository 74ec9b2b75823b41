import { readFile } from 'node:fs/promises';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

/** Everything the console keeps in the browser's storage, as one string (evaluated in the page). */
const BROWSER_STORAGE = 'JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })';

describe('auditor and network console (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());
  // A browser on a shared two-core machine: more room than the default 30 s.
  jest.setTimeout(90_000);

  it("lets the coop's auditor find the officer's profile query (by action and by NIK) and export it for Excel", async () => {
    const { factory, http, dataSource } = h.t;
    const coop = await factory.cooperative();
    const lender = await factory.cooperative();
    const nik = testNik();
    await factory.submit(lender.id, [record({ nik, loanRef: factory.unique('PK'), period: periodMonthsAgo(1) })]);
    const officer = await factory.signedIn(Role.LOAN_OFFICER, coop.id);
    const consent = await factory.consent(officer.auth, nik);
    const queried = await http
      .post('/api/v1/profiles/query')
      .set(officer.auth)
      .send({ nik, purpose: 'NEW_APPLICATION' });
    expect(queried.status).toBe(200);
    const requestId = queried.headers['x-request-id'] as string;
    // A refused query: no consent for this borrower. Its row says why, in words.
    const refused = await http
      .post('/api/v1/profiles/query')
      .set(officer.auth)
      .send({ nik: testNik(), purpose: 'NEW_APPLICATION' });
    expect(refused.status).toBe(403);
    const refusedId = refused.headers['x-request-id'] as string;
    await dataSource.query('UPDATE users SET name = $2 WHERE id = $1', [officer.id, 'Rina Kusuma']);
    const auditor = await factory.user(Role.AUDITOR, coop.id);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, auditor.email, auditor.password);
    expect(page.url()).toBe(`${h.baseUrl}/console/#/audit`);

    // By action: the officer, the purpose and the consent are on the query's row.
    await page.getByLabel('Aksi').selectOption('PROFILE_QUERIED');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: requestId });
    await row.waitFor();
    for (const shown of [
      'Rina Kusuma',
      officer.email,
      coop.name,
      officer.id,
      'Petugas kredit',
      'Profil diperiksa',
      'Diizinkan',
      'Pengajuan baru',
      consent.id,
    ]) {
      await expect(row.textContent()).resolves.toContain(shown);
    }
    await expect(row.getByText('Rina Kusuma').getAttribute('title')).resolves.toBe(officer.email);
    const refusedRow = page.getByRole('row').filter({ hasText: refusedId });
    for (const shown of [
      'Rina Kusuma',
      'Ditolak',
      'Belum ada persetujuan peminjam untuk tujuan ini',
      'CONSENT.MISSING',
    ]) {
      await expect(refusedRow.textContent()).resolves.toContain(shown);
    }
    await expect(page.getByRole('row').filter({ hasText: 'AUDIT_LOG_READ' }).count()).resolves.toBe(0);
    await screenshot(page, 'auditor-finds-profile-query');

    // The export of what is shown, in the form Indonesian Excel opens: BOM, ';', WIB, Indonesian headers.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ekspor untuk Excel' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('log-audit-wib.csv');
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('ID kejadian;Waktu (WIB);Aksi');
    expect(csv).toContain(requestId);
    expect(csv).toContain(consent.id);
    expect(csv).toContain('Rina Kusuma');
    expect(csv).toContain(';Belum ada persetujuan peminjam untuk tujuan ini;CONSENT.MISSING;');
    expect(csv).not.toContain('AUDIT_LOG_READ');
    await page.getByText('Berkas untuk Excel diunduh.').waitFor();

    // In English, on a phone-sized screen: the same rows, the reason in English words.
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await expect(refusedRow.textContent()).resolves.toContain('No consent of the borrower for this purpose');
    await expect(refusedRow.textContent()).resolves.toContain('Denied');
    // Wide tables scroll in their own box: the page itself fits the phone.
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'auditor-refusal-narrow-en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.setViewportSize({ width: 1280, height: 720 });

    // By borrower: the NIK goes in the body only and leaves the form once the answer is shown.
    await page.getByText('Cari menurut peminjam (NIK)').click();
    const nikField = page.getByLabel('NIK peminjam');
    await nikField.fill(nik);
    await page.getByRole('button', { name: 'Cari peminjam' }).click();
    await page.getByRole('heading', { name: 'Kejadian untuk peminjam yang dicari' }).waitFor();
    await page.getByRole('row').filter({ hasText: requestId }).waitFor();
    await expect(nikField.inputValue()).resolves.toBe('');
    expect(page.url()).not.toContain(nik);
    await expect(page.content()).resolves.not.toContain(nik);
    await expect(page.evaluate(BROWSER_STORAGE)).resolves.not.toContain(nik);
    await screenshot(page, 'auditor-search-by-nik');

    // Each read was itself audited (list, export, search), and none of them holds the NIK.
    const reads: { details: { query: string } }[] = await dataSource.query(
      `SELECT details FROM audit_events WHERE actor_user_id = $1 AND action = 'AUDIT_LOG_READ' ORDER BY id`,
      [auditor.id],
    );
    expect(reads.map((r) => r.details.query)).toEqual(['LIST', 'LIST', 'EXPORT', 'SEARCH']);
    expect(JSON.stringify(reads)).not.toContain(nik);
  });

  it("lets a network auditor verify the audit chain and see each coop's NPL and reporting freshness", async () => {
    const { factory } = h.t;
    const high = await factory.cooperative({ name: factory.unique('KSP Tinggi') });
    const low = await factory.cooperative({ name: factory.unique('KSP Sehat') });
    const loan = (loanRef: string, outstanding: number, daysPastDue: number, period = periodMonthsAgo(1)) =>
      record({ nik: testNik(), loanRef, period, outstanding, daysPastDue, disbursedAt: `${periodMonthsAgo(6)}-05` });
    // High: 1,000,000 at collectibility 3 of 10,000,000 outstanding: NPL 10%, one loan stale (missing from the last period).
    await factory.submit(high.id, [
      loan('H1', 8_000_000, 0),
      loan('H2', 1_000_000, 100),
      loan('H3', 1_000_000, 0, periodMonthsAgo(2)),
    ]);
    // Low: nothing in arrears: NPL 0%, reporting one month behind the network.
    await factory.submit(low.id, [loan('L1', 4_000_000, 0, periodMonthsAgo(2))]);
    const networkAuditor = await factory.user(Role.NETWORK_AUDITOR);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, networkAuditor.email, networkAuditor.password);
    await page.getByRole('link', { name: 'Jaringan' }).click();
    await page.getByRole('heading', { name: 'Jaringan', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Verifikasi rantai audit' }).click();
    await page.getByRole('status').filter({ hasText: 'Rantai audit utuh.' }).waitFor();
    await page.getByText('Kejadian diperiksa').waitFor();
    // The check is itself audited, with what the page showed.
    const [verified] = await h.t.dataSource.query(
      `SELECT details FROM audit_events WHERE actor_user_id = $1 AND action = 'AUDIT_LOG_READ' AND details->>'verify' = 'true'`,
      [networkAuditor.id],
    );
    expect(verified.details).toMatchObject({ valid: true, firstBrokenId: null });

    const highRow = page.getByRole('row').filter({ hasText: high.name });
    const lowRow = page.getByRole('row').filter({ hasText: low.name });
    await highRow.waitFor();
    await expect(highRow.textContent()).resolves.toMatch(/10,00\s?%/);
    await expect(highRow.textContent()).resolves.toContain('di atas target');
    await expect(highRow.getAttribute('class')).resolves.toContain('row-npl-high');
    await expect(lowRow.textContent()).resolves.toMatch(/0,00\s?%/);
    await expect(lowRow.textContent()).resolves.not.toContain('di atas target');
    await expect(lowRow.textContent()).resolves.toContain('tertinggal');
    await expect(lowRow.textContent()).resolves.toContain(periodMonthsAgo(2));
    // Stale loans (the sixth data cell): H3, missing from the coop's last period.
    await expect(highRow.getByRole('cell').nth(5).textContent()).resolves.toBe('1');
    await page.getByText('Rasio NPL').first().waitFor();
    await screenshot(page, 'network-auditor-chain-and-stats');

    // In English, on a phone-sized screen.
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Network', level: 1 }).waitFor();
    await expect(highRow.textContent()).resolves.toMatch(/10\.00%.*above target/);
    // The page fits the phone: wide tables scroll inside their cards, filters shrink to them.
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'network-narrow-en');
  });
});
