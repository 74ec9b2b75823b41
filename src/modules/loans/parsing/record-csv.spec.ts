import {
  CSV_COLUMNS,
  canonicalField,
  csvCellsToRaw,
  detectDelimiter,
  mapHeader,
  parseAmount,
  parseDate,
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
    expect(mapHeader(REQUIRED_CSV)).toEqual({
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
    expect(mapHeader([...REQUIRED_CSV, '', ' '])).toEqual({
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
    ['2025-03-01', null],
    ['202503', null],
    ['Mar 2025', null],
  ])('%j → %j', (text, expected) => {
    expect(parsePeriod(text)).toBe(expected);
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
    expect(errors).toEqual([{ field, code: 'RECORD.FORMAT', message: expect.any(String) }]);
    expect(errors[0].message).not.toContain(cell);
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
    const errors = [{ field: 'row', code: 'CSV.COLUMN_COUNT', message: 'Has 3 cells.' }];
    expect(validateCsvRow({ raw: null, errors }, today)).toEqual({ record: null, errors });
  });
});
