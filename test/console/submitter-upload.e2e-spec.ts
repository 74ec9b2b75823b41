import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

// Issue 18, the submissions page: upload progress and cancel, the outcome's colour, rejected rows in row order, a
// file-level refusal shown as one, the column and Excel help, and the page at 1280 and 390 px.
describe('web console: the submissions page (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  const P1 = periodMonthsAgo(1);
  const [y] = P1.split('-');
  const BAD_NIK = '3375013212890001'; // day 32: no valid birth date
  const HEADER =
    'nik;nama;tanggal_lahir;no_rekening;jenis_fasilitas;plafon_awal;tanggal_mulai;kondisi;periode;baki_debet;hari_tunggakan';
  const line = (nik: string, ref: string) =>
    `${nik};Siti Rahmawati;01/12/1989;${ref};INSTALLMENT;5.000.000,00;10/01/${Number(y) - 1};00;${P1};1.000.000,00;0`;
  const csv = (lines: string[]) => '\uFEFF' + [HEADER, ...lines].map((l) => `${l}\r\n`).join('');

  // Colours of console.css: --ok, --warn, --danger.
  const GREEN = 'rgb(30, 107, 52)';
  const AMBER = 'rgb(138, 90, 0)';
  const RED = 'rgb(164, 22, 26)';

  async function submitterPage(): Promise<{ page: Page; coopId: string }> {
    const submitter = await h.t.factory.user(Role.DATA_SUBMITTER);
    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, submitter.email, submitter.password);
    await page.getByRole('heading', { name: 'Kirim data pinjaman' }).waitFor();
    return { page, coopId: submitter.cooperativeId! };
  }

  async function upload(page: Page, name: string, body: string | Buffer, mode: 'STRICT' | 'PARTIAL' = 'STRICT') {
    await page.getByLabel('Berkas CSV').setInputFiles({
      name,
      mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
      buffer: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    });
    await page
      .getByRole('radio', { name: mode === 'PARTIAL' ? /Simpan baris yang benar/ : /Semua atau tidak sama sekali/ })
      .check();
    await page.getByRole('button', { name: 'Kirim berkas' }).click();
  }

  const resultStatus = (page: Page) => page.getByRole('region', { name: 'Hasil pengiriman' }).getByRole('status');
  const colour = (sel: ReturnType<Page['locator']>) =>
    sel.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color);

  it('shows the upload progress in percent and bytes, can cancel it, and ends at 100%', async () => {
    const { page, coopId } = await submitterPage();
    // A slow line (256 KiB/s up) and a 1.5 MB file: several progress steps before the server answers.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    // A header the server refuses at once: the upload is what this test watches, not the rows.
    const big = 'nik;kolom_tak_dikenal\r\n' + 'x;y\r\n'.repeat(300_000);
    await upload(page, 'besar.csv', big);

    const bar = page.getByRole('progressbar', { name: /Mengunggah/ });
    await bar.waitFor();
    const label = page.getByText(/^Mengunggah: \d+% \(.+ dari .+\)$/);
    await page.getByText(/^Mengunggah: ([1-9]|[1-9]\d)% /).waitFor({ timeout: 10_000 });
    await expect(label.textContent()).resolves.toMatch(/dari 1,5 MB\)$/);
    await page.getByRole('button', { name: 'Batalkan unggahan' }).click();
    await page.getByText('Pengunggahan dibatalkan; berkas tidak terkirim.').waitFor();
    await expect(page.getByRole('button', { name: 'Kirim berkas' }).isEnabled()).resolves.toBe(true);
    const [none] = await h.t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE cooperative_id = $1`, [
      coopId,
    ]);
    expect(none.n).toBe(0);

    // Sent in full: the bar ends at 100% and the result of the server follows.
    await upload(page, 'besar.csv', big);
    await resultStatus(page)
      .filter({ hasText: /^Ditolak/ })
      .waitFor({ timeout: 30_000 });
    const done = page.getByRole('progressbar', { name: /Terkirim/ });
    const [value, max] = await Promise.all([done.getAttribute('value'), done.getAttribute('max')]);
    expect(value).toBe(max);
    await expect(page.getByText(/^Terkirim: 100% \(1,5 MB\)$/).isVisible()).resolves.toBe(true);
    await cdp.detach();
  });

  it('shows a partial result as a warning, green only when nothing was rejected, red when refused', async () => {
    const { page } = await submitterPage();

    await upload(page, 'bersih.csv', csv([line(testNik(), 'PK-G-1'), line(testNik(), 'PK-G-2')]));
    await resultStatus(page)
      .filter({ hasText: /^Selesai, data tersimpan/ })
      .waitFor({ timeout: 20_000 });
    await expect(resultStatus(page).textContent()).resolves.toContain('2 baris diterima, 0 baris ditolak.');
    await expect(colour(resultStatus(page))).resolves.toBe(GREEN);

    await upload(
      page,
      'sebagian.csv',
      csv([line(testNik(), 'PK-P-1'), line(BAD_NIK, 'PK-P-2'), line(testNik(), 'PK-P-3')]),
      'PARTIAL',
    );
    const partial = resultStatus(page).filter({ hasText: /^Selesai sebagian/ });
    await partial.waitFor({ timeout: 20_000 });
    await expect(partial.textContent()).resolves.toBe('Selesai sebagian: 2 baris tersimpan, 1 baris ditolak.');
    await expect(colour(partial)).resolves.toBe(AMBER);
    const past = page.getByRole('table', { name: /Pengiriman koperasi Anda/ });
    const partialCell = past.getByRole('row').nth(1).getByRole('cell').nth(3);
    await partialCell.filter({ hasText: 'Selesai sebagian' }).waitFor();
    await expect(colour(partialCell)).resolves.toBe(AMBER);
    await expect(past.getByRole('row').nth(2).getByRole('cell').nth(3).textContent()).resolves.toBe(
      'Selesai, data tersimpan',
    );

    await upload(page, 'ditolak.csv', csv([line(testNik(), 'PK-R-1'), line(BAD_NIK, 'PK-R-2')]), 'STRICT');
    const refused = resultStatus(page).filter({ hasText: /^Ditolak/ });
    await refused.waitFor({ timeout: 20_000 });
    await expect(colour(refused)).resolves.toBe(RED);

    await page.getByRole('button', { name: 'English' }).click();
    // Newest first: the refused one, then the partial one.
    const pastEn = page.getByRole('table', { name: /Your coop's submissions/ });
    await pastEn.getByRole('row').nth(2).getByRole('button', { name: /^Open/ }).click();
    await page
      .getByRole('region', { name: 'Submission result' })
      .getByRole('status')
      .filter({ hasText: 'Partly done: 2 rows saved, 1 row rejected.' })
      .waitFor();
  }, 60_000);

  it('lists the rejected rows by row, then column in template order', async () => {
    const { page } = await submitterPage();
    // The server's order is not the reader's (servers before issue 18): the console sorts what it is given. In
    // Bahasa Indonesia it asks for the Indonesian form, which also names each row's loan.
    await page.route(/\/api\/v1\/submissions\/[^/]+\/errors/, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/csv; charset=utf-8',
        body: route.request().url().endsWith('?lang=id')
          ? '\uFEFFbaris;kolom;kode;pesan;no_rekening;field_api\n' +
            '5;baki_debet;RECORD.RANGE;Harus 0 atau lebih.;PK-O-5;outstanding\n' +
            '3;kondisi;RECORD.FORMAT;Bukan kode kondisi.;PK-O-3;condition\n' +
            '2;nik;NIK.BIRTH_DATE;Tanggal lahir di dalam NIK tidak mungkin.;;nik\n' +
            '3;nik;NIK.SERIAL;Nomor urut 0000.;PK-O-3;nik\n'
          : 'row,field,code,message\n' +
            '5,outstanding,RECORD.RANGE,outstanding must be >= 0\n' +
            '3,condition,RECORD.FORMAT,Not a condition code\n' +
            '2,nik,NIK.BIRTH_DATE,NIK has no valid birth date\n' +
            '3,nik,NIK.SERIAL,serial 0000\n',
      }),
    );
    await upload(
      page,
      'urutan.csv',
      csv([line(testNik(), 'PK-O-1'), line(BAD_NIK, 'PK-O-2'), line(testNik(), 'PK-O-3')]),
      'PARTIAL',
    );
    const cellsOf = (table: ReturnType<Page['locator']>, n: number) =>
      table
        .getByRole('row')
        .evaluateAll(
          (trs, k) => trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].slice(0, k).map((td) => td.textContent)),
          n,
        );
    const table = page.getByRole('table', { name: /3 baris ditolak, 4 masalah/ });
    await table.waitFor({ timeout: 20_000 });
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Baris',
      'No. rekening',
      'Kolom',
      'Kode',
      'Alasan',
    ]);
    await expect(cellsOf(table, 3)).resolves.toEqual([
      ['2', '', 'nik'],
      ['3', 'PK-O-3', 'nik'],
      ['3', 'PK-O-3', 'kondisi'],
      ['5', 'PK-O-5', 'baki_debet'],
    ]);
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('table', { name: /Rows rejected: 3; problems found: 4/ });
    await english.waitFor();
    await expect(cellsOf(english, 2)).resolves.toEqual([
      ['2', 'nik'],
      ['3', 'nik'],
      ['3', 'condition'],
      ['5', 'outstanding'],
    ]);
  });

  it('shows an .xlsx upload as a file-level refusal, not as a row 0, with a summary that agrees', async () => {
    const { page } = await submitterPage();
    // A workbook is a zip: it starts with PK\x03\x04.
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      Buffer.alloc(600, 0x9c),
    ]);
    await upload(page, 'laporan.xlsx', xlsx);
    const region = page.getByRole('region', { name: 'Hasil pengiriman' });
    await resultStatus(page)
      .filter({ hasText: /^Ditolak/ })
      .waitFor({ timeout: 20_000 });
    const fileLevel = region.locator('.alert-error').filter({ hasText: 'Berkas ditolak seluruhnya' });
    await fileLevel.waitFor();
    // In Bahasa Indonesia, with the advice: save the sheet as CSV.
    await expect(fileLevel.textContent()).resolves.toMatch(/CSV UTF-8|sebagai CSV/);
    await expect(fileLevel.textContent()).resolves.toMatch(/^Berkas ditolak seluruhnya: Berkas /);
    await expect(resultStatus(page).textContent()).resolves.not.toMatch(/\d+ baris ditolak/);
    // Give the rejected rows time to load: none may show as a table row.
    await page.waitForTimeout(500);
    await expect(region.getByRole('table').count()).resolves.toBe(0);
    await expect(region.getByText('Baris yang ditolak').count()).resolves.toBe(0);
  });

  it('explains the columns, their codes and the Excel rules, in Indonesian then English, and downloads ?lang=id', async () => {
    const { page } = await submitterPage();
    const help = page.getByRole('region', { name: 'Panduan kolom dan Excel' });
    await help.getByText('Tampilkan panduan').click();
    const codes = help.getByRole('table', { name: /Kolom berkas/ });
    await codes.waitFor();
    const text = (await help.textContent()) ?? '';
    for (const s of [
      'jenis_fasilitas',
      'INSTALLMENT',
      'Angsuran',
      'REVOLVING',
      'kondisi',
      '00',
      'Aktif',
      '02',
      'Lunas',
      '03',
      'Hapus buku',
      '04',
      'Hapus tagih',
      '12',
      'Lunas dengan diskon',
      '13',
      'Diblokir',
      'CSV UTF-8',
      '5.000.000,00',
      '5000000',
      'DD/MM/YYYY',
      'YYYY-MM-DD',
      'Nov-26',
      'Okt-25',
      '01/11/2026',
      '2025-10',
      '10/2025',
      '3,37501E+15',
      'Teks',
    ])
      expect(text).toContain(s);
    await page.getByRole('button', { name: 'English' }).click();
    const en = page.getByRole('region', { name: 'Columns and Excel guide' });
    await en.getByRole('table', { name: /File columns/ }).waitFor();
    const english = (await en.textContent()) ?? '';
    for (const s of ['Installment', 'Paid off', 'Written off', 'Claim waived', 'Paid with discount', 'Blocked', 'Text'])
      expect(english).toContain(s);
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

    // In Indonesian, the rejected rows come in the server's Indonesian Excel form (?lang=id), and download as it.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/errors')) asked.push(r.url());
    });
    await upload(page, 'unduh.csv', csv([line(testNik(), 'PK-D-1'), line(BAD_NIK, 'PK-D-2')]), 'PARTIAL');
    const button = page.getByRole('button', { name: 'Unduh baris yang ditolak (CSV)' });
    await button.waitFor({ timeout: 20_000 });
    expect(asked.some((u) => u.endsWith('/errors?lang=id'))).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const body = readFileSync((await download.path())!, 'utf8');
    const lines = body.split(/\r?\n/);
    expect(lines[0]).toMatch(/^\uFEFFbaris;kolom;kode;pesan;(.+;)?field_api$/);
    expect(lines[1]).toMatch(/^3;nik;NIK\.[A-Z_]+;.+;nik$/);
    expect(body).not.toContain(BAD_NIK);
  });

  it('fits 1280 px and 390 px without the page scrolling sideways (screenshots for the docs)', async () => {
    const { page } = await submitterPage();
    await upload(
      page,
      'layar.csv',
      csv([line(testNik(), 'PK-S-1'), line(BAD_NIK, 'PK-S-2'), line(testNik(), 'PK-S-3')]),
      'PARTIAL',
    );
    await page.getByRole('table', { name: /1 baris ditolak/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: 'Panduan kolom dan Excel' }).getByText('Tampilkan panduan').click();
    // Under tmp/screenshots, like the others; docs/screenshots/submissions-*.png are copies of these two.
    await screenshot(page, 'submissions-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const widths = await page.locator('html').evaluate((html) => ({ page: html.scrollWidth, view: html.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await screenshot(page, 'submissions-390');
  });
});
