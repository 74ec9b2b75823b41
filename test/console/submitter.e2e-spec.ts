import { readFileSync } from 'node:fs';
import { Download, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

/** Waits for the download a click starts; its content as text. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, text: readFileSync(path!, 'utf8') };
}

describe('web console: data submitter (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  const P1 = periodMonthsAgo(1);
  const P2 = periodMonthsAgo(2);
  const [y] = P1.split('-');
  const BAD_NIK = '3375013212890001'; // day 32: no valid birth date

  /** The Indonesian Excel dialect: BOM, ';', Indonesian headers, decimal commas, DD/MM/YYYY. Row 3 (Excel's line 3) is bad. */
  function octoberCsv(goodNiks: string[]): string {
    const header =
      'nik;nama;tanggal_lahir;no_rekening;jenis_fasilitas;plafon_awal;tanggal_mulai;kondisi;periode;baki_debet;hari_tunggakan';
    const line = (nik: string, ref: string, outstanding: string, dpd: number) =>
      `${nik};Siti Rahmawati;01/12/1989;${ref};INSTALLMENT;5.000.000,00;10/01/${Number(y) - 1};00;${P1};${outstanding};${dpd}`;
    return (
      '\uFEFF' +
      [
        header,
        line(goodNiks[0], 'PK-OK-001', '2.500.000,00', 0),
        line(BAD_NIK, 'PK-BAD-002', '1.000.000,00', 0),
        line(goodNiks[1], 'PK-OK-003', '750.000,00', 35),
      ]
        .map((l) => `${l}\r\n`)
        .join('')
    );
  }

  it('uploads a CSV with a bad row in PARTIAL mode, sees and downloads the rejection, the past submission and a stale loan', async () => {
    const submitter = await h.t.factory.user(Role.DATA_SUBMITTER);
    const coopId = submitter.cooperativeId!;
    // A loan last reported two months ago: once the upload makes last month the coop's latest period, it is stale.
    await h.t.factory.submit(coopId, [
      record({ nik: testNik(), loanRef: 'PK-LAMA-009', period: P2, outstanding: 1_200_000, daysPastDue: 45 }),
    ]);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, submitter.email, submitter.password);
    expect(page.url()).toBe(`${h.baseUrl}/console/#/submissions`);
    await page.getByRole('heading', { name: 'Kirim data pinjaman' }).waitFor();

    // The template downloads as Indonesian Excel's CSV.
    const template = await downloaded(page, () =>
      page.getByRole('link', { name: /Unduh templat \(judul kolom Indonesia/ }).click(),
    );
    expect(template.text.startsWith('\uFEFFnik;nama;tanggal_lahir;no_rekening;')).toBe(true);

    await page.getByLabel('Berkas CSV').setInputFiles({
      name: `laporan-${P1}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(octoberCsv([testNik(), testNik()]), 'utf8'),
    });
    await page.getByRole('radio', { name: /Simpan baris yang benar/ }).check();
    await page.getByRole('button', { name: 'Kirim berkas' }).click();

    // Processed in the app's own worker; the status line announces the outcome.
    const status = page.getByRole('region', { name: 'Hasil pengiriman' }).getByRole('status');
    // Saved in part: a warning that says how many rows were saved and how many rejected (issue 18), not "done".
    await status.filter({ hasText: /^Selesai sebagian/ }).waitFor({ timeout: 20_000 });
    await expect(status.textContent()).resolves.toBe('Selesai sebagian: 2 baris tersimpan, 1 baris ditolak.');
    // The rows' progress (the upload's own bar, at 100%, stays above it).
    await expect(page.getByRole('progressbar', { name: /Baris diproses/ }).getAttribute('value')).resolves.toBe('3');
    await expect(page.getByText('Baris diproses: 3 dari 3').isVisible()).resolves.toBe(true);

    // The rejected row with the line Excel shows and the reason; the bad NIK itself is never shown.
    const rejected = page.getByRole('table', { name: /1 baris ditolak/ });
    await rejected.waitFor();
    const cells = await rejected.getByRole('row').nth(1).getByRole('cell').allTextContents();
    const headers = await rejected.getByRole('columnheader').allTextContents();
    const cell = (name: string) => cells[headers.indexOf(name)];
    expect(headers).toEqual(['Baris', 'No. rekening', 'Kolom', 'Kode', 'Alasan']);
    expect(cell('Baris')).toBe('3');
    // The row's loan, as the server's Indonesian form names it (issue 18).
    expect(cell('No. rekening')).toBe('PK-BAD-002');
    expect(cell('Kolom')).toBe('nik');
    // The reason in Bahasa Indonesia, the server's own (issue 18: no English beside it).
    expect(cell('Alasan')).toMatch(/^Tanggal lahir di dalam NIK tidak mungkin/);
    expect(cell('Alasan')).not.toMatch(/\(NIK /);
    await expect(page.content()).resolves.not.toContain(BAD_NIK);
    await screenshot(page, 'submitter-rejected-row');

    const rows = await downloaded(page, () =>
      page.getByRole('button', { name: 'Unduh baris yang ditolak (CSV)' }).click(),
    );
    expect(rows.download.suggestedFilename()).toMatch(/^kcx-rejected-rows-[0-9a-f]{8}\.csv$/);
    const lines = rows.text.split(/\r?\n/);
    // The server's Indonesian Excel form (?lang=id): BOM, Indonesian Excel's separator, Indonesian headers and reasons.
    expect(lines[0]).toMatch(/^\uFEFFbaris;kolom;kode;pesan;(.+;)?field_api$/);
    expect(lines[1].startsWith(`3;nik;${cell('Kode')};`)).toBe(true);
    expect(lines[1]).toMatch(/;"?Tanggal lahir di dalam NIK/);
    expect(lines.filter((l) => l !== '')).toHaveLength(2);

    // What the database holds: the two good rows applied for last month, the bad one not at all.
    const loans = await h.t.dataSource.query(
      `SELECT l.loan_ref, r.period, r.outstanding::text, r.days_past_due FROM loans l JOIN loan_records r ON r.loan_id = l.id
        WHERE l.cooperative_id = $1 AND l.loan_ref LIKE 'PK-%' AND r.period = $2 ORDER BY l.loan_ref`,
      [coopId, P1],
    );
    expect(loans).toEqual([
      { loan_ref: 'PK-OK-001', period: P1, outstanding: '2500000', days_past_due: 0 },
      { loan_ref: 'PK-OK-003', period: P1, outstanding: '750000', days_past_due: 35 },
    ]);
    const [bad] = await h.t.dataSource.query(
      `SELECT count(*)::int AS n FROM loans WHERE cooperative_id = $1 AND loan_ref = 'PK-BAD-002'`,
      [coopId],
    );
    expect(bad.n).toBe(0);
    const [csv] = await h.t.dataSource.query(
      `SELECT status, mode, accepted, rejected FROM submissions WHERE cooperative_id = $1 AND source = 'CSV'`,
      [coopId],
    );
    expect(csv).toEqual({ status: 'COMPLETED', mode: 'PARTIAL', accepted: 2, rejected: 1 });

    // The stale loan: active, last reported in P2, missing from the coop's latest period P1.
    const stale = page.getByRole('table', { name: 'Pinjaman aktif yang tertinggal' });
    await stale.getByRole('cell', { name: 'PK-LAMA-009' }).waitFor();
    const staleCells = await stale.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(staleCells[0]).toBe('PK-LAMA-009');
    expect(staleCells[5]).toContain('Dalam Perhatian Khusus');
    await expect(stale.getByRole('row').count()).resolves.toBe(2); // the header and the one stale loan
    await stale.scrollIntoViewIfNeeded();
    await screenshot(page, 'submitter-stale-loans');

    // In a fresh visit, the past submissions list both, and the CSV one opens with its rejected row again.
    await page.reload();
    const past = page.getByRole('table', { name: /Pengiriman koperasi Anda/ });
    await past.waitFor();
    const pastRows = past.getByRole('row');
    await expect(pastRows.count()).resolves.toBe(3);
    // Newest first: the CSV uploaded last heads the list.
    await expect(pastRows.nth(1).textContent()).resolves.toContain('CSV');
    const csvRow = pastRows.filter({ hasText: 'CSV' });
    const csvCells = await csvRow.getByRole('cell').allTextContents();
    expect(csvCells.slice(1, 6)).toEqual([
      'CSV',
      'Simpan baris yang benar',
      'Selesai sebagian: 2 baris tersimpan, 1 baris ditolak.',
      '2',
      '1',
    ]);
    await csvRow.getByRole('button', { name: /^Lihat/ }).click();
    await page.getByRole('table', { name: /1 baris ditolak/ }).waitFor();
    await expect(
      page.getByRole('region', { name: 'Hasil pengiriman' }).evaluate((el) => el === el.ownerDocument.activeElement),
    ).resolves.toBe(true);
    await screenshot(page, 'submitter-past-submissions');

    // In English on a phone-sized screen: the same result, the API's message as the reason.
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Submit loan data' }).waitFor();
    const english = page.getByRole('table', { name: /Rows rejected: 1;/ });
    const reason = (await english.getByRole('row').nth(1).getByRole('cell').allTextContents())[3];
    expect(reason).toMatch(/^NIK /);
    await expect(
      page.getByRole('region', { name: 'Submission result' }).getByRole('status').textContent(),
    ).resolves.toContain('Partly done: 2 rows saved, 1 row rejected.');
    await screenshot(page, 'submitter-narrow-en');
  });
});
