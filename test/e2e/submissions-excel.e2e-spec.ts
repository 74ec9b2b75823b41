import { Role } from '../../src/common/auth/role';
import { record, testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

/*
 * Issue 18: what Excel does to a submission file on its way back (months made dates, NIKs made numbers), record
 * errors in Bahasa Indonesia naming the file's own columns, the rejected-rows CSV in Indonesian Excel's form, rows in
 * row order, and a workbook refused whole with the summary and the error list agreeing.
 */
describe('Submissions and Excel round trips (e2e, issue 18)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ WORKER_IN_PROCESS: 'true' });
  });
  afterAll(() => t.close());

  const upload = (auth: Record<string, string>, body: Buffer | string, mode?: string) =>
    t.http
      .post(`/api/v1/submissions/csv${mode ? `?mode=${mode}` : ''}`)
      .set(auth)
      .set('Content-Type', 'text/csv')
      .send(body);

  async function finished(auth: Record<string, string>, id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await t.http.get(`/api/v1/submissions/${id}`).set(auth);
      if (!['QUEUED', 'PROCESSING'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`submission ${id} did not finish`);
  }

  const errorsCsv = (auth: Record<string, string>, id: string, query = '', headers: Record<string, string> = {}) =>
    t.http.get(`/api/v1/submissions/${id}/errors${query}`).set(auth).set(headers);

  /** The lines of a CSV download, without its BOM and final line break. */
  const linesOf = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r?\n$/, '')
      .split(/\r?\n/);

  // The Indonesian template's row (template e2e: accepted as served), with the cells a test changes.
  const ID_HEADER =
    'nik;nama;tanggal_lahir;no_rekening;jenis_fasilitas;plafon_awal;plafon;tanggal_mulai;tanggal_jatuh_tempo;' +
    'kondisi;periode;baki_debet;tunggakan_pokok;tunggakan_bunga;hari_tunggakan;pembayaran;frekuensi_restrukturisasi';
  const idRow = (cells: { nik?: string; ref: string; period?: string; principal?: string; outstanding?: string }) =>
    [
      cells.nik ?? '3375010112890001',
      'Siti Rahmawati',
      '01/12/1989',
      cells.ref,
      'INSTALLMENT',
      cells.principal ?? '5.000.000,00',
      '5.000.000,00',
      '10/03/2025',
      '10/03/2026',
      '00',
      cells.period ?? '10/2025',
      cells.outstanding ?? '1.250.000,00',
      '0',
      '0',
      '0',
      '450.000,00',
      '0',
    ].join(';');
  const idFile = (...rows: string[]) => `\uFEFF${ID_HEADER}\r\n${rows.join('\r\n')}\r\n`;

  describe('months as Excel writes them back (point 3)', () => {
    it.each<[string, string]>([
      ['Okt-25', '2025-10'],
      ['Nov-25', '2025-11'],
      ['nov-25', '2025-11'],
      ['Des-25', '2025-12'],
      ['Dec-25', '2025-12'],
      ['Mei-26', '2026-05'],
      ['Agt-25', '2025-08'],
      ['Agu-25', '2025-08'],
      ['Aug-25', '2025-08'],
      ['01/11/2025', '2025-11'],
      ['1/11/2025', '2025-11'],
      ['2025-11-01', '2025-11'],
      ['11/2025', '2025-11'],
      ['2025-11', '2025-11'],
      ['Nov-2025', '2025-11'],
      ['November 2025', '2025-11'],
      ['Oktober 2025', '2025-10'],
    ])('accepts %j as the period %s', async (cell, period) => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, idFile(idRow({ ref: 'PK-1', period: cell })));
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'COMPLETED', accepted: 1 });
      const rows = await t.dataSource.query(
        `SELECT r.period FROM loan_records r JOIN loans l ON l.id = r.loan_id WHERE l.cooperative_id = $1`,
        [submitter.cooperativeId],
      );
      expect(rows).toEqual([{ period: period }]);
    });

    it.each(['13/2025', 'Foo-25', '11/25'])('refuses %j, saying in Indonesian which forms it takes', async (cell) => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, idFile(idRow({ ref: 'PK-1', period: cell })));
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', rejected: 1 });
      const lines = linesOf((await errorsCsv(submitter.auth, res.body.id, '?lang=id')).text);
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(
          /^2;periode;RECORD\.FORMAT;"Bukan bulan yang dikenali: tulis MM\/YYYY \(10\/2025\), YYYY-MM atau Okt-25; .*";PK-1;period$/,
        ),
      ]);
    });

    it('serves a template whose Indonesian sample period is written like its dates, and accepts it as served', async () => {
      const template = (await t.http.get('/api/v1/submissions/template.csv')).text;
      const [header, sample] = linesOf(template);
      expect(sample.split(';')[header.split(';').indexOf('periode')]).toBe('10/2025');
    });
  });

  describe('a NIK Excel turned into a number (point 3)', () => {
    it.each(['3,37501E+15', '3.37501E+15', '3375010112890000'])(
      'refuses %j as NIK.CHANGED_BY_EXCEL with the Text-format advice, never echoing or storing the digits',
      async (cell) => {
        const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
        const res = await upload(submitter.auth, idFile(idRow({ ref: 'PK-1', nik: cell })));
        expect(await finished(submitter.auth, res.body.id)).toMatchObject({ status: 'REJECTED', rejected: 1 });
        const id = (await errorsCsv(submitter.auth, res.body.id, '', { 'Accept-Language': 'id' })).text;
        expect(linesOf(id)[1]).toMatch(
          /^2;nik;NIK\.CHANGED_BY_EXCEL;NIK diubah oleh Excel menjadi angka \(.+\)\. Format kolom NIK sebagai Teks \(Format Cells > Text\) lalu ketik ulang atau tempel NIK-nya\.;PK-1;nik$/,
        );
        const en = (await errorsCsv(submitter.auth, res.body.id)).text;
        expect(linesOf(en)[1]).toMatch(/^2,nik,NIK\.CHANGED_BY_EXCEL,"Excel changed the NIK into a number/);
        for (const text of [id, en]) expect(text).not.toMatch(/3375|37501/);
        const stored = await t.dataSource.query(
          `SELECT message, message_id, column_name FROM submission_errors WHERE submission_id = $1`,
          [res.body.id],
        );
        expect(JSON.stringify(stored)).not.toMatch(/3375|37501/);
      },
    );
  });

  describe('the rejected-rows CSV (point 4)', () => {
    // Row 2 good, row 3 a bad amount, row 4 repeats row 2's loan and period (found only after staging), row 5 a bad month.
    const file = idFile(
      idRow({ ref: 'PK-1' }),
      idRow({ ref: 'PK-2', principal: 'lima juta' }),
      idRow({ ref: 'PK-1' }),
      idRow({ ref: 'PK-3', period: 'Foo-25', outstanding: '99.000.000,00' }),
    );

    it('keeps the contract form by default: row,field,code,message, comma, English, API field names', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, file, 'PARTIAL');
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({
        status: 'COMPLETED',
        accepted: 1,
        rejected: 3,
      });
      const languages: Record<string, string>[] = [
        {},
        { 'Accept-Language': 'en-US,id;q=0.9' },
        { 'Accept-Language': 'fr' },
      ];
      for (const headers of languages) {
        const res2 = await errorsCsv(submitter.auth, res.body.id, '', headers);
        expect(res2.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res2.text.charCodeAt(0)).not.toBe(0xfeff);
        expect(linesOf(res2.text)).toEqual([
          'row,field,code,message',
          '3,principal,RECORD.FORMAT,"Not a whole rupiah amount: write 5000000 or 5.000.000,00 (no cents other than ,00)."',
          '4,period,RECORD.DUPLICATE,this no_rekening and periode already appear at row 2',
          expect.stringMatching(/^5,period,RECORD\.FORMAT,"Not a month/),
          expect.stringMatching(
            /^5,outstanding,RECORD\.OUTSTANDING_IMPLAUSIBLE,Must not be more than 3 times the larger of plafon_awal and plafon\.$/,
          ),
        ]);
      }
    });

    it.each<[string, string, Record<string, string>]>([
      ['Accept-Language: id', '', { 'Accept-Language': 'id' }],
      ['Accept-Language: id-ID first', '', { 'Accept-Language': 'id-ID,id;q=0.9,en;q=0.8' }],
      ['?lang=id', '?lang=id', {}],
      ['?lang=id over Accept-Language: en', '?lang=id', { 'Accept-Language': 'en' }],
    ])('answers the Indonesian Excel form for %s, in row order', async (_name, query, headers) => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, file, 'PARTIAL');
      await finished(submitter.auth, res.body.id);
      const download = await errorsCsv(submitter.auth, res.body.id, query, headers);
      expect(download.status).toBe(200);
      expect(download.text.charCodeAt(0)).toBe(0xfeff);
      expect(linesOf(download.text)).toEqual([
        'baris;kolom;kode;pesan;no_rekening;field_api',
        '3;plafon_awal;RECORD.FORMAT;Bukan jumlah rupiah utuh: tulis 5000000 atau 5.000.000,00 (tanpa sen selain ,00).;PK-2;principal',
        '4;periode;RECORD.DUPLICATE;no_rekening dan periode yang sama sudah ada di baris 2;PK-1;period',
        expect.stringMatching(/^5;periode;RECORD\.FORMAT;"Bukan bulan yang dikenali: .*";PK-3;period$/),
        '5;baki_debet;RECORD.OUTSTANDING_IMPLAUSIBLE;"Tidak boleh lebih dari 3 kali yang lebih besar dari plafon_awal dan plafon; periksa angkanya.";PK-3;outstanding',
      ]);
    });

    it('never keeps a loan reference that is not one on its own terms (a NIK in it, too long)', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(
        submitter.auth,
        idFile(idRow({ ref: 'KTP 3375011203850002' }), idRow({ ref: 'X'.repeat(51), principal: 'x' })),
        'PARTIAL',
      );
      await finished(submitter.auth, res.body.id);
      const lines = linesOf((await errorsCsv(submitter.auth, res.body.id, '?lang=id')).text);
      expect(lines.slice(1).map((line) => line.split(';').slice(-2)[0])).toEqual(['', '', '']);
      const stored = await t.dataSource.query(`SELECT loan_ref FROM submission_errors WHERE submission_id = $1`, [
        res.body.id,
      ]);
      expect(stored.map((r: { loan_ref: string | null }) => r.loan_ref)).toEqual([null, null, null]);
    });

    it('?lang=en answers the contract form even to Accept-Language: id', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, file, 'PARTIAL');
      await finished(submitter.auth, res.body.id);
      const download = await errorsCsv(submitter.auth, res.body.id, '?lang=en', { 'Accept-Language': 'id' });
      expect(linesOf(download.text)[0]).toBe('row,field,code,message');
    });

    it('answers 400 for an unknown lang', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(submitter.auth, file, 'PARTIAL');
      await finished(submitter.auth, res.body.id);
      expect((await errorsCsv(submitter.auth, res.body.id, '?lang=fr')).status).toBe(400);
    });
  });

  describe('JSON submissions: errors in row order, then column, both languages (points 4 and 6)', () => {
    it('lists each row once in order, its fields in record order, with column and messageId', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const nik = testNik();
      const res = await t.http
        .post('/api/v1/submissions')
        .set(submitter.auth)
        .send({
          mode: 'PARTIAL',
          records: [
            record({ nik, loanRef: 'J-1' }),
            // maturityDate is judged after daysPastDue is read (a rule between fields): listed before it all the same
            record({ nik, loanRef: 'J-2', maturityDate: '2000-01-01', daysPastDue: -1 }),
            record({ nik, loanRef: 'J-1' }),
          ],
        });
      expect(res.status).toBe(201);
      expect(res.body.errors).toEqual([
        {
          row: 2,
          field: 'maturityDate',
          column: 'maturityDate',
          code: 'RECORD.MATURITY_BEFORE_DISBURSEMENT',
          message: 'Must not be before the disbursement date (disbursedAt).',
          messageId: 'Tidak boleh sebelum tanggal mulai pinjaman (disbursedAt).',
        },
        {
          row: 2,
          field: 'daysPastDue',
          column: 'daysPastDue',
          code: 'RECORD.RANGE',
          message: 'Must be between 0 and 9999.',
          messageId: 'Harus antara 0 dan 9999.',
        },
        {
          row: 3,
          field: 'period',
          column: 'period',
          code: 'RECORD.DUPLICATE',
          message: 'this loanRef and period already appear at row 1',
          messageId: 'loanRef dan period yang sama sudah ada di baris 1',
        },
      ]);
    });

    it('answers a STRICT refusal in Indonesian detail by detail for Accept-Language: id', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await t.http
        .post('/api/v1/submissions')
        .set(submitter.auth)
        .set('Accept-Language', 'id')
        .send({ records: [record({ daysPastDue: -1 })] });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        {
          field: 'records[0].daysPastDue',
          column: 'daysPastDue',
          row: 1,
          code: 'RECORD.RANGE',
          message: 'Harus antara 0 dan 9999.',
        },
      ]);
    });
  });

  describe('an Excel workbook uploaded as it is (point 5)', () => {
    const workbook = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml', 'latin1'),
      Buffer.alloc(2000, 7),
    ]);

    it('is refused whole with the Indonesian advice; the summary and the error list agree (no row rejected)', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await t.http
        .post('/api/v1/submissions/csv')
        .set(submitter.auth)
        .attach('file', workbook, { filename: 'pinjaman.xlsx', contentType: 'application/vnd.ms-excel' });
      expect(res.status).toBe(202);
      const done = await finished(submitter.auth, res.body.id);
      expect(done).toMatchObject({
        status: 'REJECTED',
        totalRows: 0,
        accepted: 0,
        rejected: 0,
        errorCode: 'CSV.EXCEL_WORKBOOK',
        errorMessage: expect.stringMatching(
          /^Excel workbooks \(\.xlsx\) are not supported yet: save the sheet as CSV UTF-8/,
        ),
        errorMessageId: expect.stringMatching(
          /^Berkas Excel \(\.xlsx\) belum didukung: simpan sebagai CSV UTF-8 \(Simpan Sebagai > CSV UTF-8/,
        ),
        errorCounts: { 'CSV.EXCEL_WORKBOOK': 1 },
      });
      expect(done.errorMessage).not.toMatch(/UTF-8 text/);
      // One file-level problem: row 0 in the contract form, no row in the Indonesian one; no row counted as rejected.
      const en = linesOf((await errorsCsv(submitter.auth, res.body.id)).text);
      expect(en).toEqual(['row,field,code,message', expect.stringMatching(/^0,file,CSV\.EXCEL_WORKBOOK,/)]);
      const id = linesOf((await errorsCsv(submitter.auth, res.body.id, '?lang=id')).text);
      expect(id).toEqual([
        'baris;kolom;kode;pesan;no_rekening;field_api',
        expect.stringMatching(/^;;CSV\.EXCEL_WORKBOOK;Berkas Excel \(\.xlsx\) belum didukung: .*;;file$/),
      ]);
    });

    it('is refused as well when sent as text/csv, and a file that is not text says so in Indonesian', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const xlsx = await upload(submitter.auth, workbook);
      expect(await finished(submitter.auth, xlsx.body.id)).toMatchObject({ errorCode: 'CSV.EXCEL_WORKBOOK' });
      const latin1 = await upload(submitter.auth, Buffer.from(`${ID_HEADER}\nJos\xe9\n`, 'latin1'));
      expect(await finished(submitter.auth, latin1.body.id)).toMatchObject({
        status: 'REJECTED',
        rejected: 0,
        errorCode: 'CSV.NOT_TEXT',
        errorMessageId: 'Berkas bukan teks UTF-8. Di Excel, simpan sebagai "CSV UTF-8".',
      });
    });

    it('a header that does not match names its columns as the file wrote them, with no row rejected', async () => {
      const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
      const res = await upload(
        submitter.auth,
        idFile(idRow({ ref: 'PK-1' })).replace(';plafon_awal;', ';plafonawal2;'),
      );
      expect(await finished(submitter.auth, res.body.id)).toMatchObject({
        status: 'REJECTED',
        rejected: 0,
        totalRows: 0,
        errorCode: 'CSV.HEADER',
        errorMessageId: expect.stringMatching(/^Baris judul kolom tidak cocok/),
      });
      const id = linesOf((await errorsCsv(submitter.auth, res.body.id, '?lang=id')).text);
      expect(id.slice(1)).toEqual([
        '1;plafonawal2;CSV.UNKNOWN_COLUMN;Judul kolom tidak dikenal.;;plafonawal2',
        '1;plafon_awal;CSV.MISSING_COLUMN;Kolom wajib tidak ada (plafon_awal atau principal).;;principal',
      ]);
    });
  });
});
