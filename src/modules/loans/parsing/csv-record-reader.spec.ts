import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { binaryFormatOf, CsvFileError, CsvRow, ReadCsvOptions, readCsvRows } from './csv-record-reader';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  for (const part of parts) yield part;
}

/** Splits a buffer into pieces of `size` bytes: multi-byte characters and \r\n get cut in half. */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const result: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) result.push(bytes.subarray(at, at + size));
  return result;
}

type Row = Omit<CsvRow, 'names'>;

/** The rows without their column namer (a function, the same for every row; the header's names have their own test). */
async function collect(input: AsyncIterable<string | Buffer>, options?: ReadCsvOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const { names: _names, ...row } of readCsvRows(input, options)) rows.push(row);
  return rows;
}

const linesOf = (rows: Row[]): number[] => rows.map((row) => row.line);

const INDONESIAN =
  [
    '\uFEFFNIK;Nama;Tanggal Lahir;No Rekening;Jenis Fasilitas;Plafon Awal;Tanggal Mulai;Kondisi;Periode;Baki Debet;' +
      'Hari Tunggakan',
    '3375010112890001;Budi Santoso;01/12/1989;KSP/001;Angsuran;5.000.000,00;15/01/2024;0;10/2026;3.250.000,00;31',
    '3375014112890002;"Siti; Aminah";1/12/1989;KSP/002;Rekening Koran;10.000.000;2/2/2024;2;2026-10;0;0',
  ].join('\r\n') + '\r\n';

const ENGLISH =
  [
    'nik,full_name,birth_date,loan_ref,facility_type,principal,disbursed_at,condition,period,outstanding,days_past_due',
    '3375010112890001,"Santoso, Budi",1989-12-01,A-1,INSTALLMENT,"5,000,000.00",2024-01-15,00,2026-10,"3,250,000",31',
  ].join('\n') + '\n';

const HEADER =
  'nik,nama,tanggal_lahir,no_rekening,jenis_fasilitas,plafon_awal,tanggal_mulai,kondisi,periode,' +
  'baki_debet,hari_tunggakan';
const row = (ref: string): string =>
  `3375010112890001,Budi,1989-12-01,${ref},INSTALLMENT,5000000,2024-01-15,00,` + '2026-10,4000000,0';

describe('readCsvRows: reading', () => {
  it('reads a ; file from Indonesian Excel: BOM, Indonesian headers, decimal commas, CRLF', async () => {
    const rows = await collect(chunks(Buffer.from(INDONESIAN, 'utf8')));
    expect(rows).toEqual([
      {
        line: 2,
        errors: [],
        raw: {
          nik: '3375010112890001',
          fullName: 'Budi Santoso',
          birthDate: '1989-12-01',
          loanRef: 'KSP/001',
          facilityType: 'INSTALLMENT',
          principal: 5_000_000,
          disbursedAt: '2024-01-15',
          condition: '00',
          period: '2026-10',
          outstanding: 3_250_000,
          daysPastDue: 31,
        },
      },
      {
        line: 3,
        errors: [],
        raw: expect.objectContaining({ fullName: 'Siti; Aminah', facilityType: 'REVOLVING', condition: '02' }),
      },
    ]);
  });

  it('reads a , file from English Excel with a quoted field holding the delimiter', async () => {
    const rows = await collect(chunks(ENGLISH));
    expect(rows).toEqual([
      {
        line: 2,
        errors: [],
        raw: expect.objectContaining({ fullName: 'Santoso, Budi', principal: 5_000_000, outstanding: 3_250_000 }),
      },
    ]);
  });

  it.each<[string, number]>([
    ['one byte at a time', 1],
    ['two bytes at a time (cuts \\r\\n and multi-byte characters)', 2],
    ['seven bytes at a time', 7],
  ])('gives the same rows whatever the chunking: %s', async (_name, size) => {
    const text = INDONESIAN.replace('Budi Santoso', 'Budi Sântôso 𝐁');
    const whole = await collect(chunks(Buffer.from(text)));
    expect(await collect(chunks(...pieces(Buffer.from(text), size)))).toEqual(whole);
    expect(whole[0].raw).toMatchObject({ fullName: 'Budi Sântôso 𝐁' });
  });

  it('accepts string chunks as well as buffers', async () => {
    expect(await collect(chunks(...INDONESIAN.match(/[\s\S]{1,10}/g)!))).toEqual(
      await collect(chunks(Buffer.from(INDONESIAN))),
    );
  });

  it('numbers rows as Excel does: blank lines count, a quoted line break stays in its row', async () => {
    const text = [HEADER, row('A'), '', `3375010112890001,"Budi\nSantoso",x`, row('B'), '  ', ',,,,', row('C'), ''];
    const rows = await collect(chunks(text.join('\n')));
    expect(linesOf(rows)).toEqual([2, 4, 5, 8]);
    expect(rows.map((r) => r.raw?.loanRef ?? null)).toEqual(['A', null, 'B', 'C']);
  });

  it('handles a file that mixes \\r\\n and \\n and one without a final line break', async () => {
    const rows = await collect(chunks(`${HEADER}\r\n${row('A')}\n${row('B')}\r\n${row('C')}`));
    expect(rows.map((r) => [r.line, r.raw?.loanRef, r.raw?.daysPastDue])).toEqual([
      [2, 'A', 0],
      [3, 'B', 0],
      [4, 'C', 0],
    ]);
  });

  it('reports a ragged row and goes on with the next', async () => {
    const text = [HEADER, '3375010112890001,Budi,1989-12-01', `${row('B')},`, row('C')].join('\n');
    const rows = await collect(chunks(text));
    expect(rows).toEqual([
      {
        line: 2,
        raw: null,
        errors: [
          { field: 'row', code: 'CSV.COLUMN_COUNT', message: expect.any(String), messageId: expect.any(String) },
        ],
      },
      { line: 3, raw: expect.objectContaining({ loanRef: 'B' }), errors: [] }, // a trailing empty cell is fine
      { line: 4, raw: expect.objectContaining({ loanRef: 'C' }), errors: [] },
    ]);
  });

  it('reports a row with an extra filled cell as ragged', async () => {
    const rows = await collect(chunks([HEADER, `${row('A')},surplus`].join('\n')));
    expect(rows[0]).toMatchObject({ raw: null, errors: [{ code: 'CSV.COLUMN_COUNT' }] });
  });

  it('keeps a stray quote inside an unquoted cell instead of refusing the file', async () => {
    const rows = await collect(chunks([HEADER, row('A').replace('Budi', 'Budi "Bud" O"Brien')].join('\n')));
    expect(rows[0]).toMatchObject({ errors: [], raw: { fullName: 'Budi "Bud" O"Brien' } });
  });

  it('passes cell errors on with the row', async () => {
    const rows = await collect(chunks([HEADER, row('A').replace('5000000', '"5.000.000,50"')].join('\n')));
    expect(rows).toEqual([
      {
        line: 2,
        raw: expect.not.objectContaining({ principal: expect.anything() }),
        errors: [
          { field: 'principal', code: 'RECORD.FORMAT', message: expect.any(String), messageId: expect.any(String) },
        ],
      },
    ]);
  });

  it('skips rows up to startAfterLine (to resume a job), counting lines as before', async () => {
    const text = [HEADER, row('A'), row('B'), '', row('C'), row('D')].join('\n');
    const rows = await collect(chunks(text), { startAfterLine: 4 });
    expect(rows.map((r) => [r.line, r.raw?.loanRef])).toEqual([
      [5, 'C'],
      [6, 'D'],
    ]);
    expect(await collect(chunks(text), { startAfterLine: 99 })).toEqual([]);
  });

  it('closes the input when the caller stops early', async () => {
    let closed = false;
    async function* input(): AsyncGenerator<string> {
      try {
        yield `${HEADER}\n`;
        for (let i = 0; ; i++) yield `${row(`R${i}`)}\n`;
      } finally {
        closed = true;
      }
    }
    for await (const r of readCsvRows(input())) {
      expect(r.raw).toMatchObject({ loanRef: 'R0' });
      break;
    }
    expect(closed).toBe(true);
  });
});

describe('readCsvRows: refused files', () => {
  async function refusal(input: AsyncIterable<string | Buffer>): Promise<CsvFileError> {
    const error: unknown = await collect(input).then(
      () => null,
      (reason: unknown) => reason,
    );
    if (!(error instanceof CsvFileError)) throw new Error(`expected a CsvFileError, got ${String(error)}`);
    return error;
  }

  it.each<[string, (string | Buffer)[]]>([
    ['no input at all', []],
    ['an empty buffer', [Buffer.alloc(0)]],
    ['only a BOM', [Buffer.from('\uFEFF')]],
    ['only whitespace and blank lines', ['  \r\n\t\n', '\n   ']],
  ])('CSV.EMPTY for %s', async (_name, parts) => {
    await expect(refusal(chunks(...parts))).resolves.toMatchObject({ code: 'CSV.EMPTY' });
  });

  it.each<[string, string]>([
    ['a header line only', `${HEADER}\r\n`],
    ['a header line without a line break', HEADER],
    ['a header line and blank or separator-only lines', `\n${HEADER}\r\n\n,,,,\n`],
  ])('CSV.EMPTY naming the header line for %s', async (_name, text) => {
    const error = await refusal(chunks(text));
    expect(error).toMatchObject({ code: 'CSV.EMPTY', line: text.startsWith('\n') ? 2 : 1 });
  });

  it.each<[string, Buffer[]]>([
    ['a NUL byte in the data', [Buffer.from(`${HEADER}\n${row('A')}\n`), Buffer.from('3375\u00000101\n')]],
    ['a NUL byte in the header', [Buffer.from(`nik\u0000,nama\n`)]],
    ['invalid UTF-8 (a Windows-1252 é)', [Buffer.from(`${HEADER}\n`), Buffer.from([0x42, 0x75, 0x64, 0xe9, 0x0a])]],
    ['a UTF-8 sequence cut off at the end of the file', [Buffer.from(`${HEADER}\n`), Buffer.from([0xc3])]],
    ['UTF-16 text (Excel "Unicode Text")', [Buffer.from(`\uFEFF${HEADER}\n`, 'utf16le')]],
    ['a PNG image', [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])]],
  ])('CSV.NOT_TEXT for %s', async (_name, parts) => {
    await expect(refusal(chunks(...parts))).resolves.toMatchObject({ code: 'CSV.NOT_TEXT' });
  });

  it('CSV.HEADER with the header errors', async () => {
    const error = await refusal(chunks('nik;nama;catatan\n1;2;3\n'));
    expect(error).toMatchObject({ code: 'CSV.HEADER', line: 1 });
    expect(error.errors.map((e) => [e.field, e.code])).toEqual([
      ['catatan', 'CSV.UNKNOWN_COLUMN'],
      ['birthDate', 'CSV.MISSING_COLUMN'],
      ['loanRef', 'CSV.MISSING_COLUMN'],
      ['facilityType', 'CSV.MISSING_COLUMN'],
      ['principal', 'CSV.MISSING_COLUMN'],
      ['disbursedAt', 'CSV.MISSING_COLUMN'],
      ['condition', 'CSV.MISSING_COLUMN'],
      ['period', 'CSV.MISSING_COLUMN'],
      ['outstanding', 'CSV.MISSING_COLUMN'],
      ['daysPastDue', 'CSV.MISSING_COLUMN'],
    ]);
  });

  it('CSV.HEADER, without echoing the cells, when the first line is a data row', async () => {
    const error = await refusal(chunks(`${row('A')}\n${row('B')}\n`));
    expect(error.code).toBe('CSV.HEADER');
    expect(JSON.stringify(error.errors) + error.message).not.toContain('3375010112890001');
  });

  it('CSV.HEADER for a first line too long to be a header', async () => {
    await expect(refusal(chunks('x'.repeat(70_000)))).resolves.toMatchObject({ code: 'CSV.HEADER' });
  });

  it.each<[string, string, number]>([
    ['an unterminated quote', `${HEADER}\n${row('A')}\n\n3375010112890001,"Budi\n${row('C')}\n`, 4],
    ['a row longer than any real row', `${HEADER}\n${row('A')}\n${'x'.repeat(70_000)}\n`, 3],
  ])('CSV.MALFORMED with the line for %s', async (_name, text, line) => {
    const error = await refusal(chunks(text));
    expect(error).toMatchObject({ code: 'CSV.MALFORMED', line });
    expect(error.message).toContain(`Line ${line}`);
    expect(error.message).not.toContain('Budi');
  });

  it('yields the good rows before the malformed one', async () => {
    const seen: number[] = [];
    const reading = (async () => {
      for await (const r of readCsvRows(chunks(`${HEADER}\n${row('A')}\n${row('B')}\n"unclosed\n`))) seen.push(r.line);
    })();
    await expect(reading).rejects.toMatchObject({ code: 'CSV.MALFORMED', line: 4 });
    expect(seen).toEqual([2, 3]);
  });
});

describe('readCsvRows: large files', () => {
  const ROWS = 200_000;
  const ROWS_PER_CHUNK = 1000;
  const MB = 1024 * 1024;
  // Short rows, because the parser's cost is per byte (and several times higher inside Jest's sandbox).
  const compactRow = (n: number): string => `${n},N${n},,R${n},,,,,,,`;

  // A full collection before each sample, so the heap shows what is retained, not garbage not yet collected.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const retainedHeap = (): number => {
    gc();
    return process.memoryUsage().heapUsed;
  };

  it('streams 200,000 rows lazily, with memory that does not grow with the file', async () => {
    let produced = 0;
    async function* generate(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${HEADER}\r\n`);
      while (produced < ROWS) {
        let text = '';
        for (let i = 0; i < ROWS_PER_CHUNK; i++) text += `${compactRow(produced + i)}\r\n`;
        produced += ROWS_PER_CHUNK;
        yield Buffer.from(text);
      }
    }
    const heapBefore = retainedHeap();
    let heapPeak = heapBefore;
    let consumed = 0;
    let maxLead = 0; // how many rows the input ran ahead of the consumer
    let last: CsvRow | undefined;
    for await (const r of readCsvRows(generate())) {
      consumed++;
      last = r;
      maxLead = Math.max(maxLead, produced - consumed);
      if (consumed % 100_000 === 0) heapPeak = Math.max(heapPeak, retainedHeap());
    }
    expect(consumed).toBe(ROWS);
    const n = ROWS - 1;
    expect(last).toEqual({
      line: ROWS + 1,
      errors: [],
      raw: { nik: `${n}`, fullName: `N${n}`, loanRef: `R${n}` },
      names: expect.any(Function),
    });
    expect(maxLead).toBeLessThanOrEqual(2 * ROWS_PER_CHUNK);
    // Measured: about 1 MB. A reader that kept every row would retain about 48 MB of these short rows, so the
    // bound is well below 50 MB.
    expect(heapPeak - heapBefore).toBeLessThan(10 * MB);
  });
});

describe('readCsvRows: Excel workbooks and archives (issue 18)', () => {
  const zipEntry = (name: string): Buffer =>
    Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.alloc(26),
      Buffer.from(name, 'latin1'),
      Buffer.alloc(600),
    ]);
  it.each<[string, Buffer, string, RegExp]>([
    [
      'an .xlsx workbook',
      zipEntry('[Content_Types].xml'),
      'CSV.EXCEL_WORKBOOK',
      /^Berkas Excel \(\.xlsx\) belum didukung: simpan sebagai CSV UTF-8 \(Simpan Sebagai > CSV UTF-8/,
    ],
    [
      'an .xlsx whose first entry is a sheet',
      zipEntry('xl/workbook.xml'),
      'CSV.EXCEL_WORKBOOK',
      /^Berkas Excel \(\.xlsx\) belum didukung/,
    ],
    [
      'an old .xls workbook',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
      'CSV.EXCEL_WORKBOOK',
      /^Berkas Excel lama \(\.xls\) tidak didukung/,
    ],
    ['a ZIP archive', zipEntry('data/pinjaman.csv'), 'CSV.ARCHIVE', /^Berkas ini arsip ZIP/],
    [
      'a tiny ZIP (shorter than the sniffed head)',
      Buffer.from('PK\x05\x06', 'latin1'),
      'CSV.ARCHIVE',
      /^Berkas ini arsip ZIP/,
    ],
  ])('refuses %s whole, Indonesian first', async (_name, file, code, messageId) => {
    const error = await collect(chunks(...pieces(file, 100))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFileError);
    expect(error).toMatchObject({ code, messageId: expect.stringMatching(messageId), errors: [] });
    expect((error as CsvFileError).line).toBeUndefined();
  });

  it.each<[string, string | Buffer, ReturnType<typeof binaryFormatOf>]>([
    ['text that starts with PK', 'PK;nama\n', null],
    ['a CSV', `${HEADER}\n`, null],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47]), null],
    ['an empty head', Buffer.alloc(0), null],
  ])('binaryFormatOf: %s is not a workbook', (_name, head, format) => {
    expect(binaryFormatOf(Buffer.from(head))).toBe(format);
  });

  it('reads a CSV chunked finer than the sniffed head the same way', async () => {
    const text = Buffer.from(`${HEADER}\n${row('A')}\n${row('B')}\n`);
    expect(await collect(chunks(...pieces(text, 3)))).toEqual(await collect(chunks(text)));
  });
});
