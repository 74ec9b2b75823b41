import {
  CSV_COLUMNS,
  canonicalField,
  csvCellsToRaw,
  detectDelimiter,
  mapHeader,
  parseAmount,
  parseDate,
  nikChangedByExcel,
  parsePeriod,
  splitLine,
  validateCsvRow,
} from './record-csv';
import { RECORD_FIELDS, validateRecord } from './submission-record';

const REQUIRED_CSV = [
  'nik',
  'full_name',
  'birth_date',
  'loan_ref',
  'facility_type',
  'principal',
  'disbursed_at',
  'condition',
  'period',
  'outstanding',
  'days_past_due',
];
const ALIASES = [
  'nik',
  'nama',
  'tanggal_lahir',
  'no_rekening',
  'jenis_fasilitas',
  'plafon_awal',
  'tanggal_mulai',
  'kondisi',
  'periode',
  'baki_debet',
  'hari_tunggakan',
];

describe('canonicalField', () => {
  it.each<[string, string | null]>([
    ['fullName', 'fullName'],
    ['full_name', 'fullName'],
    ['nama', 'fullName'],
    ['Full Name', 'fullName'],
    ['  FULL-NAME ', 'fullName'],
    ['Tanggal Lahir', 'birthDate'],
    ['tanggal-lahir', 'birthDate'],
    ['TANGGAL_LAHIR', 'birthDate'],
    ['\uFEFFnik', 'nik'],
    ['NIK', 'nik'],
    ['plafon', 'creditLimit'],
    ['Plafon Awal', 'principal'],
    ['Baki Debet', 'outstanding'],
    ['frekuensi_restrukturisasi', 'restructureCount'],
    ['No Rekening', 'loanRef'],
    ['daysPastDue', 'daysPastDue'],
    ['name', null],
    ['', null],
    ['nik2', null],
    ['toString', null],
    ['__proto__', null],
  ])('maps %j to %j', (header, field) => {
    expect(canonicalField(header)).toBe(field);
  });

  it('maps every JSON name, CSV name and alias of API.md to its field', () => {
    for (const field of RECORD_FIELDS) {
      const { csv, alias } = CSV_COLUMNS[field];
      expect([field, csv, alias].map(canonicalField)).toEqual([field, field, field]);
    }
  });
});

describe('mapHeader', () => {
  it('maps the required English columns with no errors', () => {
    const { names: _names, ...mapping } = mapHeader(REQUIRED_CSV);
    expect(mapping).toEqual({
      fields: [
        'nik',
        'fullName',
        'birthDate',
        'loanRef',
        'facilityType',
        'principal',
        'disbursedAt',
        'condition',
        'period',
        'outstanding',
        'daysPastDue',
      ],
      errors: [],
    });
  });

  it('maps a BOM-prefixed Indonesian header in another order, with optional columns', () => {
    const headers = ['\uFEFFNama', ...ALIASES.filter((alias) => alias !== 'nama'), 'Plafon', 'Pembayaran'];
    const { fields, errors } = mapHeader(headers);
    expect(errors).toEqual([]);
    expect(fields.slice(0, 2)).toEqual(['fullName', 'nik']);
    expect(fields.slice(-2)).toEqual(['creditLimit', 'paidAmount']);
  });

  it('ignores blank header cells (a trailing delimiter)', () => {
    const { names: _names, ...mapping } = mapHeader([...REQUIRED_CSV, '', ' ']);
    expect(mapping).toEqual({
      fields: [...mapHeader(REQUIRED_CSV).fields, null, null],
      errors: [],
    });
  });

  it.each<[string, string[], [string, string][]]>([
    ['an unknown column', [...REQUIRED_CSV, 'catatan'], [['catatan', 'CSV.UNKNOWN_COLUMN']]],
    ['a duplicate under another name', [...REQUIRED_CSV, 'Nama'], [['Nama', 'CSV.DUPLICATE_COLUMN']]],
    ['the same column twice', [...REQUIRED_CSV, 'nik'], [['nik', 'CSV.DUPLICATE_COLUMN']]],
    ['a missing required column', REQUIRED_CSV.filter((name) => name !== 'period'), [['period', 'CSV.MISSING_COLUMN']]],
    [
      'all three at once',
      [...REQUIRED_CSV.slice(1), 'x', 'loan_ref'],
      [
        ['x', 'CSV.UNKNOWN_COLUMN'],
        ['loan_ref', 'CSV.DUPLICATE_COLUMN'],
        ['nik', 'CSV.MISSING_COLUMN'],
      ],
    ],
    [
      'a NIK among known headers (named by position)',
      [...REQUIRED_CSV, '3375010112890001'],
      [['column 12', 'CSV.NIK_IN_HEADER']],
    ],
    [
      'a NIK inside a longer header cell',
      ['KTP 3375010112890001', ...REQUIRED_CSV],
      [['column 1', 'CSV.NIK_IN_HEADER']],
    ],
    ['other long digit runs as data, not a NIK', [...REQUIRED_CSV, '12345678'], [['column 12', 'CSV.UNKNOWN_COLUMN']]],
  ])('reports %s', (_name, headers, expected) => {
    expect(mapHeader(headers).errors.map((error) => [error.field, error.code])).toEqual(expected);
  });

  it('reports only missing columns (and where a NIK is) when the first line is data, never echoing its cells', () => {
    const { errors } = mapHeader(['3375010112890001', 'Budi Santoso', '01/12/1989', 'A-1']);
    expect(errors.map((error) => error.code)).toEqual([
      'CSV.NIK_IN_HEADER',
      ...REQUIRED_CSV.map(() => 'CSV.MISSING_COLUMN'),
    ]);
    expect(errors[0].field).toBe('column 1');
    expect(JSON.stringify(errors)).not.toMatch(/3375010112890001|Budi|1989/);
  });
});

describe('detectDelimiter and splitLine', () => {
  it.each<[string, string, ',' | ';']>([
    ['Indonesian Excel', 'nik;nama;tanggal_lahir;plafon_awal', ';'],
    ['English Excel', 'nik,full_name,birth_date,principal', ','],
    ['a comma inside a quoted Indonesian header', 'nik;"nama, lengkap";tanggal_lahir', ';'],
    ['a semicolon inside a quoted English header', 'nik,"a;b;c;d",full_name', ','],
    ['unknown headers, more semicolons', 'a;b;c,d', ';'],
    ['unknown headers, more commas', 'a,b,c;d', ','],
    ['a single column', 'nik', ','],
  ])('%s', (_name, line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });

  it.each<[string, string, string[]]>([
    ['a;b;c', ';', ['a', 'b', 'c']],
    ['"a;b";c', ';', ['a;b', 'c']],
    ['"say ""hi""",x', ',', ['say "hi"', 'x']],
    ['a,,', ',', ['a', '', '']],
  ])('splitLine(%j)', (line, delimiter, expected) => {
    expect(splitLine(line, delimiter)).toEqual(expected);
  });
});

describe('parseAmount', () => {
  it.each<[string, number | null]>([
    ['5000000', 5_000_000],
    ['5.000.000', 5_000_000],
    ['5.000.000,00', 5_000_000],
    ['5000000,00', 5_000_000],
    ['5,000,000.00', 5_000_000],
    ['5,000,000', 5_000_000],
    ['5000000.00', 5_000_000],
    ['  5.000.000  ', 5_000_000],
    ['Rp 5.000.000', 5_000_000],
    ['Rp5.000.000,00', 5_000_000],
    ['Rp. 5.000.000', 5_000_000],
    ['rp 750', 750],
    ['IDR 1,250,000', 1_250_000],
    ['5.000', 5000],
    ['5,000', 5000],
    ['12.500', 12_500],
    ['1,00', 1],
    ['1.0', 1],
    ['0', 0],
    ['0,00', 0],
    ['-0', 0],
    ['007', 7],
    ['-5.000.000', -5_000_000],
    ['Rp -5.000', -5000],
    ['-Rp 5.000', -5000],
    ['9007199254740993', 9007199254740992], // beyond MAX_SAFE_INTEGER: validateRecord refuses it as a range error
    // not whole rupiah
    ['5.000.000,50', null],
    ['5,000,000.01', null],
    ['1,5', null],
    ['1.5', null],
    ['1,50', null],
    ['0.500', null],
    ['1.0001', null],
    // not an amount
    ['', null],
    ['Rp', null],
    ['abc', null],
    ['5.00.000', null],
    ['5.000,000.00', null],
    ['5,000.000,00', null],
    ['5..000', null],
    ['.5', null],
    ['5.', null],
    ['5.000,', null],
    ['1e6', null],
    ['5 000 000', null],
    ['--5', null],
    ['+5', null],
    ['0x10', null],
  ])('%j → %j', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each<[string, string | null]>([
    ['2024-01-15', '2024-01-15'],
    ['15/01/2024', '2024-01-15'],
    ['5/1/2024', '2024-01-05'],
    ['15-01-2024', '2024-01-15'],
    [' 29/02/2024 ', '2024-02-29'],
    ['29/02/2023', null],
    ['31/04/2024', null],
    ['2025-02-30', null],
    ['01/13/2024', null],
    ['15/01-2024', null],
    ['2024/01/15', null],
    ['15/01/24', null],
    ['2024-1-5', null],
    ['', null],
    ['45321', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('parsePeriod', () => {
  it.each<[string, string | null]>([
    ['2025-03', '2025-03'],
    ['03/2025', '2025-03'],
    ['3/2025', '2025-03'],
    ['03-2025', '2025-03'],
    ['2025/03', '2025-03'],
    ['2025/3', '2025-03'],
    [' 12/2025 ', '2025-12'],
    ['13/2025', null],
    ['00/2025', null],
    ['2025-13', null],
    ['202503', null],
    // What Excel writes back once it has made the cell a date (issue 18): the month of a whole date...
    ['01/11/2026', '2026-11'],
    ['1/11/2026', '2026-11'],
    ['30/11/2026', '2026-11'],
    ['01-11-2026', '2026-11'],
    ['2025-03-01', '2025-03'],
    ['2025-3-1', '2025-03'],
    // ...and mmm-yy in Indonesian and English, any case
    ['Nov-26', '2026-11'],
    ['Okt-25', '2025-10'],
    ['Oct-25', '2025-10'],
    ['Mei-25', '2025-05'],
    ['May-25', '2025-05'],
    ['Agu-25', '2025-08'],
    ['Agt-25', '2025-08'],
    ['Aug-25', '2025-08'],
    ['Des-25', '2025-12'],
    ['Dec-25', '2025-12'],
    ['okt-25', '2025-10'],
    ['OKT-25', '2025-10'],
    ['Sept-25', '2025-09'],
    ['Nov-2026', '2026-11'],
    ['Nov 2026', '2026-11'],
    ['November 2026', '2026-11'],
    ['Oktober 2025', '2025-10'],
    ['Agustus 2025', '2025-08'],
    ['Desember-2025', '2025-12'],
    ['Mar 2025', '2025-03'],
    // ambiguous or not a month: refused, never guessed
    ['13/2025', null],
    ['Foo-25', null],
    ['Okt', null],
    ['Okt-5', null],
    ['Okt-025', null],
    ['11/26', null],
    ['32/11/2026', null],
    ['31/11/2026', null],
    ['2025-02-30', null],
    ['1/11/26', null],
    ['Okt-25-01', null],
  ])('%j → %j', (text, expected) => {
    expect(parsePeriod(text)).toBe(expected);
  });

  it('says which forms it takes, in Indonesian first, in the CSV error', () => {
    const { errors } = csvCellsToRaw(['period'], ['Foo-25']);
    expect(errors).toEqual([
      {
        field: 'period',
        code: 'RECORD.FORMAT',
        message: expect.stringContaining('Oct-25'),
        messageId: expect.stringMatching(
          /^Bukan bulan yang dikenali: tulis MM\/YYYY \(10\/2025\), YYYY-MM atau Okt-25/,
        ),
      },
    ]);
  });
});

describe('NIK changed by Excel', () => {
  it.each<[string, 'scientific' | 'zeroed' | null]>([
    ['3,37501E+15', 'scientific'],
    ['3.37501E+15', 'scientific'],
    ['3,37501e+15', 'scientific'],
    ['3,375010112890E+15', 'scientific'],
    ['3E+15', 'scientific'],
    ['3375010112890000', 'zeroed'],
    ['3375010112890000,00', 'zeroed'],
    ['3.375.010.112.890.000', 'zeroed'],
    ['3,375,010,112,890,000', 'zeroed'],
    // a NIK as typed, or wrong in ways Excel does not cause
    ['3375010112890001', null],
    ['3375010112890010', null],
    ['337501011289000', null],
    ['33750101128900000', null],
    ['3375 0101 1289 0001', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(nikChangedByExcel(text)).toBe(expected);
  });

  it.each(['3,37501E+15', '3.37501E+15', '3375010112890000', '3.375.010.112.890.000'])(
    'refuses %j as NIK.CHANGED_BY_EXCEL with the advice, Indonesian first, never echoing the digits',
    (cell) => {
      const { raw, errors } = csvCellsToRaw(['nik'], [cell]);
      expect(raw).toEqual({});
      expect(errors).toEqual([
        {
          field: 'nik',
          code: 'NIK.CHANGED_BY_EXCEL',
          message: expect.stringMatching(
            /^Excel changed the NIK into a number \(.*\)\. Format the NIK column as Text \(Format Cells > Text\)/,
          ),
          messageId: expect.stringMatching(
            /^NIK diubah oleh Excel menjadi angka \(.*\)\. Format kolom NIK sebagai Teks \(Format Cells > Text\) lalu ketik ulang atau tempel NIK-nya\.$/,
          ),
        },
      ]);
      const text = errors[0].message + errors[0].messageId;
      expect(text).not.toContain(cell);
      expect(text).not.toMatch(/3375|37501/);
    },
  );

  it('is reported once, without a second "required" error, by validateCsvRow', () => {
    const header = mapHeader(ALIASES);
    const cells = [
      '3,37501E+15',
      'Budi',
      '01/12/1989',
      'A-1',
      'angsuran',
      '5.000.000',
      '15/01/2024',
      '0',
      '10/2026',
      '4.000.000',
      '0',
    ];
    const { errors } = validateCsvRow(
      csvCellsToRaw(header.fields, cells, header.names),
      new Date('2026-11-22T00:00:00Z'),
      header.names,
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([['nik', 'NIK.CHANGED_BY_EXCEL']]);
  });
});

describe('csvCellsToRaw', () => {
  const fields = [
    'nik',
    'fullName',
    'birthDate',
    'loanRef',
    'facilityType',
    'principal',
    'creditLimit',
    'disbursedAt',
    'maturityDate',
    'condition',
    'period',
    'outstanding',
    'arrearsPrincipal',
    'arrearsInterest',
    'daysPastDue',
    'paidAmount',
    'restructureCount',
    null,
  ];
  const cells = [
    '3375010112890001',
    ' Budi Santoso ',
    '01/12/1989',
    'KSP/001',
    'Angsuran',
    '5.000.000,00',
    '',
    '15/01/2024',
    '',
    '2',
    '10/2026',
    'Rp 3.250.000',
    '150.000',
    '0',
    '31',
    '',
    '1',
    'ignored',
  ];

  it('turns an Indonesian Excel row into typed values that validateRecord accepts', () => {
    const { raw, errors } = csvCellsToRaw(fields, cells);
    expect(errors).toEqual([]);
    expect(raw).toEqual({
      nik: '3375010112890001',
      fullName: 'Budi Santoso',
      birthDate: '1989-12-01',
      loanRef: 'KSP/001',
      facilityType: 'INSTALLMENT',
      principal: 5_000_000,
      disbursedAt: '2024-01-15',
      condition: '02',
      period: '2026-10',
      outstanding: 3_250_000,
      arrearsPrincipal: 150_000,
      arrearsInterest: 0,
      daysPastDue: 31,
      restructureCount: 1,
    });
    // condition 02 with money outstanding, days past due and arrears: the validator's own rules, not parse errors
    expect(validateRecord(raw, new Date('2026-11-22T00:00:00Z')).errors.map((error) => error.code)).toEqual([
      'RECORD.PAID_OFF_OUTSTANDING',
      'RECORD.PAID_OFF_DAYS_PAST_DUE',
      'RECORD.PAID_OFF_ARREARS',
    ]);
  });

  it.each<[string, string, unknown]>([
    ['facilityType', 'angsuran', 'INSTALLMENT'],
    ['facilityType', 'installment', 'INSTALLMENT'],
    ['facilityType', 'Rekening Koran', 'REVOLVING'],
    ['facilityType', 'REKENING_KORAN', 'REVOLVING'],
    ['facilityType', 'revolving', 'REVOLVING'],
    ['facilityType', 'Leasing', 'Leasing'],
    ['condition', '0', '00'],
    ['condition', '00', '00'],
    ['condition', '2', '02'],
    ['condition', '13', '13'],
    ['condition', 'x', 'x'],
    ['daysPastDue', '0', 0],
    ['daysPastDue', '-3', -3],
    ['restructureCount', '12', 12],
    ['maturityDate', '2030-01-31', '2030-01-31'],
    ['nik', ' 3375 0101 1289 0001 ', '3375 0101 1289 0001'],
  ])('%s %j → %j', (field, cell, expected) => {
    expect(csvCellsToRaw([field], [cell])).toEqual({ raw: { [field]: expected }, errors: [] });
  });

  it.each<[string, string]>([
    ['principal', '1,5'],
    ['outstanding', 'lima juta'],
    ['paidAmount', '100.000,50'],
    ['disbursedAt', '31/02/2024'],
    ['birthDate', '1989-12-1'],
    ['period', '13/2025'],
    ['daysPastDue', '3,5'],
    ['restructureCount', 'satu'],
  ])('refuses %s %j with RECORD.FORMAT and leaves it out', (field, cell) => {
    const { raw, errors } = csvCellsToRaw([field], [cell]);
    expect(raw).toEqual({});
    expect(errors).toEqual([
      { field, code: 'RECORD.FORMAT', message: expect.any(String), messageId: expect.any(String) },
    ]);
    expect(errors[0].message).not.toContain(cell);
    expect(errors[0].messageId).not.toContain(cell);
  });

  it('leaves out blank cells, unmapped columns and cells beyond the row', () => {
    expect(csvCellsToRaw(['nik', null, 'fullName', 'loanRef'], ['  ', 'x', ''])).toEqual({ raw: {}, errors: [] });
  });
});

describe('validateCsvRow', () => {
  const today = new Date('2026-11-22T00:00:00Z');
  const header = mapHeader([
    'nik',
    'nama',
    'tanggal_lahir',
    'no_rekening',
    'jenis_fasilitas',
    'plafon_awal',
    'plafon',
    'tanggal_mulai',
    'kondisi',
    'periode',
    'baki_debet',
    'hari_tunggakan',
  ]).fields;
  const goodRow = [
    '3375010112890001',
    'Budi',
    '01/12/1989',
    'A-1',
    'angsuran',
    '5.000.000',
    '',
    '15/01/2024',
    '0',
    '10/2026',
    '4.000.000',
    '0',
  ];
  const withCells = (patch: Record<number, string>): string[] => goodRow.map((cell, index) => patch[index] ?? cell);

  it('accepts a good row', () => {
    const { record, errors } = validateCsvRow(csvCellsToRaw(header, goodRow), today);
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ principal: 5_000_000, creditLimit: 5_000_000, condition: '00' });
  });

  it('names each bad field once, in field order, parse errors and rule errors together', () => {
    const row = withCells({ 1: '', 5: '1,5', 7: '31/02/2024', 8: '1', 10: '-7', 11: 'x' });
    const { record, errors } = validateCsvRow(csvCellsToRaw(header, row), today);
    expect(record).toBeNull();
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ['fullName', 'RECORD.REQUIRED'],
      ['principal', 'RECORD.FORMAT'],
      ['disbursedAt', 'RECORD.FORMAT'],
      ['condition', 'RECORD.FORMAT'],
      ['outstanding', 'RECORD.RANGE'],
      ['daysPastDue', 'RECORD.FORMAT'],
    ]);
  });

  it('refuses a row whose only bad cell is optional (it must not fall back to the default)', () => {
    const { record, errors } = validateCsvRow(csvCellsToRaw(header, withCells({ 6: '6.000.000,50' })), today);
    expect(record).toBeNull();
    expect(errors.map((error) => [error.field, error.code])).toEqual([['creditLimit', 'RECORD.FORMAT']]);
  });

  it.each<[string, Record<number, string>, string]>([
    ['the name', { 1: 'Budi 3375011203850002' }, 'fullName'],
    ['the loan reference', { 3: '3375011203850002-01' }, 'loanRef'],
    ['an amount', { 10: '3375011203850002' }, 'outstanding'],
    ['a date-like cell', { 7: '3375011203850002' }, 'disbursedAt'],
  ])('refuses a NIK in %s, naming the field and never the value', (_name, patch, field) => {
    const { record, errors } = validateCsvRow(csvCellsToRaw(header, withCells(patch)), today);
    expect(record).toBeNull();
    expect(errors.map((error) => [error.field, error.code])).toEqual([[field, 'RECORD.NIK_OUTSIDE_NIK_FIELD']]);
    expect(JSON.stringify(errors)).not.toContain('3375011203850002');
  });

  it('refuses a NIK in a column the header leaves unnamed, by position', () => {
    const fields = [...header, null];
    const { errors } = validateCsvRow(csvCellsToRaw(fields, [...goodRow, 'KTP 3375011203850002']), today);
    expect(errors.map((error) => [error.field, error.code])).toEqual([['column 13', 'RECORD.NIK_OUTSIDE_NIK_FIELD']]);
  });

  it('passes a ragged row through', () => {
    const errors = [{ field: 'row', code: 'CSV.COLUMN_COUNT', message: 'Has 3 cells.', messageId: 'Berisi 3 sel.' }];
    expect(validateCsvRow({ raw: null, errors }, today)).toEqual({ record: null, errors });
  });
});

describe('messages name the columns as the file wrote them, Indonesian first', () => {
  const today = new Date('2026-11-22T00:00:00Z');
  const INDONESIAN = [
    'nik',
    'nama',
    'tanggal_lahir',
    'no_rekening',
    'jenis_fasilitas',
    'plafon_awal',
    'tanggal_mulai',
    'kondisi',
    'periode',
    'baki_debet',
    'hari_tunggakan',
    'tunggakan_pokok',
    'tunggakan_bunga',
  ];
  const ENGLISH = INDONESIAN.map((alias) => {
    const field = RECORD_FIELDS.find((f) => CSV_COLUMNS[f].alias === alias)!;
    return CSV_COLUMNS[field].csv;
  });
  // principal 1.000.000, outstanding 2.000.000, arrears 1.500.000 + 2.000.000 (over 3 x the loan)
  const cells = [
    '3375010112890001',
    'Budi',
    '01/12/1989',
    'A-1',
    'angsuran',
    '1.000.000',
    '15/01/2024',
    '0',
    '10/2026',
    '2.000.000',
    '0',
    '1.500.000',
    '2.000.000',
  ];

  it.each<[string, string[], string, string]>([
    [
      'Indonesian headers',
      INDONESIAN,
      'tunggakan_pokok + tunggakan_bunga tidak boleh lebih dari 3 kali yang lebih besar dari plafon_awal dan plafon',
      'tunggakan_pokok + tunggakan_bunga must not be more than 3 times the larger of plafon_awal and plafon',
    ],
    [
      'English headers',
      ENGLISH,
      'arrears_principal + arrears_interest tidak boleh lebih dari 3 kali yang lebih besar dari principal dan credit_limit',
      'arrears_principal + arrears_interest must not be more than 3 times the larger of principal and credit_limit',
    ],
    [
      'headers written differently',
      INDONESIAN.map((h) => h.replace(/_/g, ' ').toUpperCase()),
      'TUNGGAKAN POKOK + TUNGGAKAN BUNGA tidak boleh lebih dari 3 kali yang lebih besar dari PLAFON AWAL dan plafon',
      'TUNGGAKAN POKOK + TUNGGAKAN BUNGA must not be more than',
    ],
  ])('%s', (_name, headers, id, en) => {
    const header = mapHeader(headers);
    const { errors } = validateCsvRow(csvCellsToRaw(header.fields, cells, header.names), today, header.names);
    const arrears = errors.find((e) => e.code === 'RECORD.ARREARS_IMPLAUSIBLE')!;
    expect(arrears.messageId).toContain(id);
    expect(arrears.message).toContain(en);
    expect(errors.find((e) => e.code === 'RECORD.ARREARS_EXCEED_OUTSTANDING')).toBeUndefined();
    expect(header.names('principal')).toBe(headers[5]);
  });

  it('the amount advice matches the template: 5000000 and 5.000.000,00', () => {
    const { errors } = csvCellsToRaw(['principal'], ['lima juta']);
    expect(errors[0].messageId).toBe(
      'Bukan jumlah rupiah utuh: tulis 5000000 atau 5.000.000,00 (tanpa sen selain ,00).',
    );
    expect(errors[0].message).toContain('5000000 or 5.000.000,00');
  });
});
