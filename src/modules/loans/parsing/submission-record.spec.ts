import {
  CONDITION_CODES,
  FacilityType,
  MAX_AMOUNT,
  RECORD_FIELDS,
  SubmissionRecord,
  isIsoDate,
  isIsoPeriod,
  validateRecord,
} from './submission-record';

const today = new Date('2026-11-22T10:00:00Z');
const NIK = '3375010112890001'; // a man born 1 Dec 1989 in Kota Pekalongan

const validRaw = (): Record<string, unknown> => ({
  nik: NIK,
  fullName: 'Budi Santoso',
  birthDate: '1989-12-01',
  loanRef: 'KSP/2024/001',
  facilityType: 'INSTALLMENT',
  principal: 5_000_000,
  creditLimit: 6_000_000,
  disbursedAt: '2024-01-15',
  maturityDate: '2026-01-15',
  condition: '00',
  period: '2026-10',
  outstanding: 3_250_000,
  arrearsPrincipal: 150_000,
  arrearsInterest: 25_000,
  daysPastDue: 31,
  paidAmount: 400_000,
  restructureCount: 1,
});

// Nothing owed and nothing late: what a settled loan (condition 02 or 12) reports.
const settled = { outstanding: 0, arrearsPrincipal: 0, arrearsInterest: 0, daysPastDue: 0 };

const codesOf = (raw: unknown, at: Date = today): [string, string][] =>
  validateRecord(raw, at).errors.map((error) => [error.field, error.code]);

describe('RECORD_FIELDS', () => {
  it('lists the 17 fields of the API contract in its order', () => {
    expect(RECORD_FIELDS).toEqual(Object.keys(validRaw()));
  });
});

describe('validateRecord: accepted records', () => {
  it('returns every field of a complete record', () => {
    expect(validateRecord(validRaw(), today)).toEqual({
      record: { ...validRaw(), facilityType: FacilityType.INSTALLMENT },
      errors: [],
    });
  });

  it('fills the defaults of a minimal record', () => {
    const raw = validRaw();
    for (const field of [
      'creditLimit',
      'maturityDate',
      'arrearsPrincipal',
      'arrearsInterest',
      'paidAmount',
      'restructureCount',
    ]) {
      delete raw[field];
    }
    expect(validateRecord(raw, today).record).toMatchObject<Partial<SubmissionRecord>>({
      creditLimit: 5_000_000,
      maturityDate: null,
      arrearsPrincipal: 0,
      arrearsInterest: 0,
      paidAmount: null,
      restructureCount: 0,
    });
  });

  it.each<[string, Record<string, unknown>, Partial<SubmissionRecord>]>([
    [
      'trims strings',
      { fullName: '  Budi Santoso ', loanRef: ' A-1 ', condition: ' 02 ', ...settled },
      { fullName: 'Budi Santoso', loanRef: 'A-1', condition: '02' },
    ],
    ['normalises a NIK typed with spaces and dots', { nik: '3375.0101 1289-0001' }, { nik: NIK }],
    [
      'treats null optional fields as absent',
      { creditLimit: null, maturityDate: null, paidAmount: null },
      { creditLimit: 5_000_000, maturityDate: null, paidAmount: null },
    ],
    [
      'treats blank optional strings as absent',
      { maturityDate: ' ', paidAmount: '' },
      { maturityDate: null, paidAmount: null },
    ],
    ["accepts a woman's NIK (day + 40)", { nik: '3375014112890002' }, { nik: '3375014112890002' }],
    ['accepts a credit limit of 0', { creditLimit: 0 }, { creditLimit: 0 }],
    [
      'accepts the largest amount',
      { principal: MAX_AMOUNT, outstanding: MAX_AMOUNT, paidAmount: MAX_AMOUNT, creditLimit: 0 },
      { principal: MAX_AMOUNT, outstanding: MAX_AMOUNT, paidAmount: MAX_AMOUNT },
    ],
    ['accepts maturity on the disbursement day', { maturityDate: '2024-01-15' }, { maturityDate: '2024-01-15' }],
    ['accepts the period of the disbursement month', { period: '2024-01' }, { period: '2024-01' }],
    [
      'accepts the current month and today',
      { period: '2026-11', disbursedAt: '2026-11-22', maturityDate: null },
      { period: '2026-11', disbursedAt: '2026-11-22' },
    ],
    ['accepts every condition code', { condition: '13' }, { condition: '13' }],
    ['accepts REVOLVING', { facilityType: 'REVOLVING' }, { facilityType: FacilityType.REVOLVING }],
    ['accepts 9999 days past due', { daysPastDue: 9999 }, { daysPastDue: 9999 }],
    ['accepts a 100-character name', { fullName: 'a'.repeat(100) }, { fullName: 'a'.repeat(100) }],
    ['counts characters, not UTF-16 units', { fullName: '𝐁'.repeat(100) }, { fullName: '𝐁'.repeat(100) }],
    ['accepts a paid-off loan with nothing outstanding', { condition: '02', ...settled }, { outstanding: 0 }],
    ['accepts a loan paid with a discount, nothing owed', { condition: '12', ...settled }, { condition: '12' }],
    [
      'accepts outstanding of 3 x the larger of principal and limit',
      { outstanding: 18_000_000 },
      { outstanding: 18_000_000 },
    ],
    [
      'accepts arrears adding up to that ceiling',
      { outstanding: 18_000_000, arrearsPrincipal: 18_000_000, arrearsInterest: 0 },
      { arrearsPrincipal: 18_000_000 },
    ],
    ['accepts principal in arrears equal to outstanding', { outstanding: 150_000 }, { outstanding: 150_000 }],
    [
      'accepts a disbursement in 1960',
      { disbursedAt: '1960-01-01', maturityDate: null, birthDate: '1930-01-01', nik: '3375010101300001' },
      { disbursedAt: '1960-01-01' },
    ],
    ['accepts a 50-year term to the day', { maturityDate: '2074-01-15' }, { maturityDate: '2074-01-15' }],
    [
      'accepts a borrower who turned 16 on the disbursement day',
      { disbursedAt: '2005-12-01', maturityDate: null },
      { disbursedAt: '2005-12-01' },
    ],
    [
      'accepts names with letters of any script and punctuation',
      { fullName: "Ni Luh Putu Ayu-Dewi d'Souza" },
      { fullName: "Ni Luh Putu Ayu-Dewi d'Souza" },
    ],
    [
      'accepts a loan reference with 15 digits in a row',
      { loanRef: 'PK-337501120385000' },
      { loanRef: 'PK-337501120385000' },
    ],
  ])('%s', (_name, patch, expected) => {
    const { record, errors } = validateRecord({ ...validRaw(), ...patch }, today);
    expect(errors).toEqual([]);
    expect(record).toMatchObject(expected);
  });

  it('knows all six SLIK condition codes', () => {
    for (const condition of CONDITION_CODES) {
      expect(validateRecord({ ...validRaw(), condition, ...settled }, today).errors).toEqual([]);
    }
  });
});

describe('validateRecord: one bad field', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    // required
    ['a missing NIK', { nik: undefined }, 'nik', 'RECORD.REQUIRED'],
    ['a null name', { fullName: null }, 'fullName', 'RECORD.REQUIRED'],
    ['a blank loan reference', { loanRef: '   ' }, 'loanRef', 'RECORD.REQUIRED'],
    ['a missing facility type', { facilityType: undefined }, 'facilityType', 'RECORD.REQUIRED'],
    ['a missing principal', { principal: undefined }, 'principal', 'RECORD.REQUIRED'],
    ['a missing disbursement date', { disbursedAt: '' }, 'disbursedAt', 'RECORD.REQUIRED'],
    ['a missing condition', { condition: undefined }, 'condition', 'RECORD.REQUIRED'],
    ['a missing period', { period: undefined }, 'period', 'RECORD.REQUIRED'],
    ['a missing outstanding', { outstanding: null }, 'outstanding', 'RECORD.REQUIRED'],
    ['missing days past due', { daysPastDue: undefined }, 'daysPastDue', 'RECORD.REQUIRED'],
    ['a missing birth date', { birthDate: undefined }, 'birthDate', 'RECORD.REQUIRED'],
    // NIK
    ['a NIK of 15 digits', { nik: '337501011289000' }, 'nik', 'NIK.FORMAT'],
    ['a NIK as a number', { nik: 3375010112890001 }, 'nik', 'RECORD.TYPE'],
    ['an unknown province', { nik: '2075010112890001' }, 'nik', 'NIK.PROVINCE'],
    ['a zero district', { nik: '3375000112890001' }, 'nik', 'NIK.DISTRICT'],
    ['an impossible NIK birth date', { nik: '3375013104890001' }, 'nik', 'NIK.BIRTH_DATE'],
    ['serial 0000', { nik: '3375010112890000' }, 'nik', 'NIK.SERIAL'],
    // strings
    ['a name of 101 characters', { fullName: 'a'.repeat(101) }, 'fullName', 'RECORD.RANGE'],
    ['a name with a line break', { fullName: 'Budi\nSantoso' }, 'fullName', 'RECORD.FORMAT'],
    ['a name that is not a string', { fullName: 42 }, 'fullName', 'RECORD.TYPE'],
    ['a loan reference of 51 characters', { loanRef: 'A'.repeat(51) }, 'loanRef', 'RECORD.RANGE'],
    ['a loan reference with a comma', { loanRef: 'A,1' }, 'loanRef', 'RECORD.FORMAT'],
    ['a loan reference with a hash', { loanRef: 'A#1' }, 'loanRef', 'RECORD.FORMAT'],
    ['a lower-case facility type', { facilityType: 'installment' }, 'facilityType', 'RECORD.FORMAT'],
    ['an unknown facility type', { facilityType: 'LEASING' }, 'facilityType', 'RECORD.FORMAT'],
    ['condition 01', { condition: '01' }, 'condition', 'RECORD.FORMAT'],
    ['condition as a number', { condition: 0 }, 'condition', 'RECORD.TYPE'],
    ['condition written 0', { condition: '0' }, 'condition', 'RECORD.FORMAT'],
    // money
    ['a float principal', { principal: 1000.5 }, 'principal', 'RECORD.TYPE'],
    ['a principal as a string', { principal: '1000' }, 'principal', 'RECORD.TYPE'],
    ['a NaN principal', { principal: NaN }, 'principal', 'RECORD.TYPE'],
    ['an infinite principal', { principal: Infinity }, 'principal', 'RECORD.TYPE'],
    ['a zero principal', { principal: 0 }, 'principal', 'RECORD.RANGE'],
    ['a negative principal', { principal: -5 }, 'principal', 'RECORD.RANGE'],
    ['a principal above MAX_SAFE_INTEGER', { principal: 2 ** 53 }, 'principal', 'RECORD.RANGE'],
    ['a principal above the largest amount', { principal: MAX_AMOUNT + 1 }, 'principal', 'RECORD.RANGE'],
    ["an outstanding that would overflow a borrower's total", { outstanding: 2 ** 52 }, 'outstanding', 'RECORD.RANGE'],
    ['arrears above the largest amount', { arrearsInterest: MAX_AMOUNT + 1 }, 'arrearsInterest', 'RECORD.RANGE'],
    ['a huge principal', { principal: 1e21 }, 'principal', 'RECORD.RANGE'],
    ['a negative credit limit', { creditLimit: -1 }, 'creditLimit', 'RECORD.RANGE'],
    ['a float outstanding', { outstanding: 0.1 }, 'outstanding', 'RECORD.TYPE'],
    ['a negative outstanding', { outstanding: -1 }, 'outstanding', 'RECORD.RANGE'],
    ['negative principal arrears', { arrearsPrincipal: -1 }, 'arrearsPrincipal', 'RECORD.RANGE'],
    ['interest arrears as a string', { arrearsInterest: '0' }, 'arrearsInterest', 'RECORD.TYPE'],
    ['a float paid amount', { paidAmount: 99.99 }, 'paidAmount', 'RECORD.TYPE'],
    ['a boolean paid amount', { paidAmount: true }, 'paidAmount', 'RECORD.TYPE'],
    ['10000 days past due', { daysPastDue: 10000 }, 'daysPastDue', 'RECORD.RANGE'],
    ['negative days past due', { daysPastDue: -1 }, 'daysPastDue', 'RECORD.RANGE'],
    ['days past due as a string', { daysPastDue: '3' }, 'daysPastDue', 'RECORD.TYPE'],
    ['a negative restructure count', { restructureCount: -1 }, 'restructureCount', 'RECORD.RANGE'],
    ['a fractional restructure count', { restructureCount: 1.5 }, 'restructureCount', 'RECORD.TYPE'],
    // dates and periods
    ['30 February', { disbursedAt: '2025-02-30' }, 'disbursedAt', 'RECORD.FORMAT'],
    ['29 February in a common year', { disbursedAt: '2023-02-29' }, 'disbursedAt', 'RECORD.FORMAT'],
    ['a day-first date in JSON', { disbursedAt: '15/01/2024' }, 'disbursedAt', 'RECORD.FORMAT'],
    ['a date with a time', { disbursedAt: '2024-01-15T00:00:00Z' }, 'disbursedAt', 'RECORD.FORMAT'],
    ['a date as a number', { disbursedAt: 20240115 }, 'disbursedAt', 'RECORD.TYPE'],
    ['a disbursement tomorrow', { disbursedAt: '2026-11-23' }, 'disbursedAt', 'RECORD.FUTURE'],
    ['a disbursement in 1899', { disbursedAt: '1899-12-31', period: '2026-10' }, 'disbursedAt', 'RECORD.RANGE'],
    ['an impossible maturity date', { maturityDate: '2026-13-01' }, 'maturityDate', 'RECORD.FORMAT'],
    ['a birth date written day first', { birthDate: '01/12/1989' }, 'birthDate', 'RECORD.FORMAT'],
    ['next month as period', { period: '2026-12' }, 'period', 'RECORD.FUTURE'],
    ['month 13', { period: '2026-13' }, 'period', 'RECORD.FORMAT'],
    ['month 00', { period: '2026-00' }, 'period', 'RECORD.FORMAT'],
    ['a period with a day', { period: '2026-10-01' }, 'period', 'RECORD.FORMAT'],
    ['a one-digit month', { period: '2026-1' }, 'period', 'RECORD.FORMAT'],
    // rules between fields
    ["a birth date other than the NIK's", { birthDate: '1989-12-02' }, 'birthDate', 'RECORD.BIRTH_DATE_MISMATCH'],
    ['a period before disbursement', { period: '2023-12' }, 'period', 'RECORD.PERIOD_BEFORE_DISBURSEMENT'],
    [
      'maturity before disbursement',
      { maturityDate: '2024-01-14' },
      'maturityDate',
      'RECORD.MATURITY_BEFORE_DISBURSEMENT',
    ],
    [
      'a paid-off loan with money outstanding',
      { condition: '02', ...settled, outstanding: 1 },
      'outstanding',
      'RECORD.PAID_OFF_OUTSTANDING',
    ],
    // plausibility (issue 16)
    [
      'outstanding above 3 x the larger of principal and limit',
      { outstanding: 18_000_001 },
      'outstanding',
      'RECORD.OUTSTANDING_IMPLAUSIBLE',
    ],
    [
      'outstanding above 3 x principal without a limit',
      { creditLimit: null, outstanding: 15_000_001 },
      'outstanding',
      'RECORD.OUTSTANDING_IMPLAUSIBLE',
    ],
    [
      'principal in arrears above outstanding',
      { outstanding: 100_000, arrearsPrincipal: 100_001 },
      'arrearsPrincipal',
      'RECORD.ARREARS_EXCEED_OUTSTANDING',
    ],
    [
      'arrears adding up to more than the ceiling',
      { outstanding: 18_000_000, arrearsPrincipal: 0, arrearsInterest: 18_000_001 },
      'arrearsInterest',
      'RECORD.ARREARS_IMPLAUSIBLE',
    ],
    [
      'a paid-off loan with days past due',
      { condition: '02', ...settled, daysPastDue: 1 },
      'daysPastDue',
      'RECORD.PAID_OFF_DAYS_PAST_DUE',
    ],
    [
      'a loan paid with a discount with money outstanding',
      { condition: '12', ...settled, outstanding: 1 },
      'outstanding',
      'RECORD.PAID_OFF_OUTSTANDING',
    ],
    [
      'a loan paid with a discount with days past due',
      { condition: '12', ...settled, daysPastDue: 30 },
      'daysPastDue',
      'RECORD.PAID_OFF_DAYS_PAST_DUE',
    ],
    [
      'a paid-off loan with interest in arrears',
      { condition: '02', ...settled, arrearsInterest: 1 },
      'arrearsInterest',
      'RECORD.PAID_OFF_ARREARS',
    ],
    ['a disbursement in 1959', { disbursedAt: '1959-12-31', maturityDate: null }, 'disbursedAt', 'RECORD.RANGE'],
    [
      'a maturity 50 years and a day after disbursement',
      { maturityDate: '2074-01-16' },
      'maturityDate',
      'RECORD.MATURITY_TOO_FAR',
    ],
    [
      'the maturity of the attack, 9999-12-31',
      { maturityDate: '9999-12-31' },
      'maturityDate',
      'RECORD.MATURITY_TOO_FAR',
    ],
    [
      'a borrower a day short of 16 on the disbursement day',
      { disbursedAt: '2005-11-30', maturityDate: null },
      'disbursedAt',
      'RECORD.BORROWER_TOO_YOUNG',
    ],
    [
      'a disbursement before the borrower was born',
      { disbursedAt: '1989-11-30', maturityDate: null, period: '2026-10' },
      'disbursedAt',
      'RECORD.BORROWER_TOO_YOUNG',
    ],
    ['a name of zero-width characters', { fullName: '\u200b\u200c\u200d\u2060' }, 'fullName', 'RECORD.FORMAT'],
    ['a name with a zero-width space inside', { fullName: 'Budi\u200bSantoso' }, 'fullName', 'RECORD.FORMAT'],
    ['a name with a right-to-left override', { fullName: 'Budi \u202eotnasS' }, 'fullName', 'RECORD.FORMAT'],
    ['a name without a letter', { fullName: '123 - .' }, 'fullName', 'RECORD.NAME_WITHOUT_LETTERS'],
    ['a name holding a NIK', { fullName: 'Budi 3375011203850002' }, 'fullName', 'RECORD.NIK_OUTSIDE_NIK_FIELD'],
    ['a loan reference holding a NIK', { loanRef: '3375011203850002-01' }, 'loanRef', 'RECORD.NIK_OUTSIDE_NIK_FIELD'],
    ['a property named like a NIK', { '3375011203850002': 'x' }, '[NIK]', 'RECORD.UNKNOWN_FIELD'],
    // shape
    ['an unknown property', { nikHash: 'x' }, 'nikHash', 'RECORD.UNKNOWN_FIELD'],
    ['a snake_case property', { full_name: 'Budi' }, 'full_name', 'RECORD.UNKNOWN_FIELD'],
  ])('refuses %s', (_name, patch, field, code) => {
    const result = validateRecord({ ...validRaw(), ...patch }, today);
    expect(result.record).toBeNull();
    expect(result.errors.map((error) => [error.field, error.code])).toEqual([[field, code]]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [validRaw()]],
    ['a string', 'nik,full_name'],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuses %s as a record', (_name, raw) => {
    expect(validateRecord(raw, today)).toEqual({
      record: null,
      errors: [{ field: 'record', code: 'RECORD.TYPE', message: expect.any(String), messageId: expect.any(String) }],
    });
  });
});

describe('validateRecord: several bad fields', () => {
  it('reports every bad field once, in field order, unknown fields last', () => {
    const raw = {
      ...validRaw(),
      nik: '3375010112890000',
      principal: '5.000.000',
      disbursedAt: '2027-01-01',
      period: '2026-12',
      daysPastDue: 10000,
      extra: 1,
    };
    expect(codesOf(raw)).toEqual([
      ['nik', 'NIK.SERIAL'],
      ['principal', 'RECORD.TYPE'],
      ['disbursedAt', 'RECORD.FUTURE'],
      ['period', 'RECORD.FUTURE'],
      ['daysPastDue', 'RECORD.RANGE'],
      ['extra', 'RECORD.UNKNOWN_FIELD'],
    ]);
  });

  it('reports all eleven required fields of an empty object', () => {
    expect(codesOf({})).toEqual(
      [
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
      ].map((field) => [field, 'RECORD.REQUIRED']),
    );
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    [
      'an invalid NIK: no birth date comparison',
      { nik: '2075010112890001', birthDate: '1990-01-01' },
      [['nik', 'NIK.PROVINCE']],
    ],
    [
      'an invalid disbursement date: no period or maturity comparison',
      { disbursedAt: '2024-02-30', period: '2020-01', maturityDate: '2020-01-01' },
      [['disbursedAt', 'RECORD.FORMAT']],
    ],
    [
      'a paid-off loan with a bad outstanding',
      { condition: '02', ...settled, outstanding: -5 },
      [['outstanding', 'RECORD.RANGE']],
    ],
    [
      'a bad principal: no plausibility of amounts',
      { principal: 0, outstanding: 10 ** 12 },
      [['principal', 'RECORD.RANGE']],
    ],
    [
      'a bad disbursement date: no age or term comparison',
      { disbursedAt: '1950-01-01', maturityDate: '9999-12-31' },
      [['disbursedAt', 'RECORD.RANGE']],
    ],
    ['a malformed period is not compared with disbursement', { period: '2023-13' }, [['period', 'RECORD.FORMAT']]],
    [
      'a future maturity is fine, a future disbursement is not compared with it',
      { disbursedAt: '2027-01-01', maturityDate: '2026-01-01' },
      [['disbursedAt', 'RECORD.FUTURE']],
    ],
  ])('names a field only once: %s', (_name, patch, expected) => {
    expect(codesOf({ ...validRaw(), ...patch })).toEqual(expected);
  });
});

describe('validateRecord: the implausible records of issue 16', () => {
  it.each<[string, Record<string, unknown>, [string, string][]]>([
    [
      'principal 1 with outstanding 10^12',
      { principal: 1, creditLimit: null, outstanding: 10 ** 12, arrearsPrincipal: 0, arrearsInterest: 0 },
      [['outstanding', 'RECORD.OUTSTANDING_IMPLAUSIBLE']],
    ],
    [
      'condition 02 (paid off) with 9,999 days past due',
      { condition: '02', ...settled, daysPastDue: 9999 },
      [['daysPastDue', 'RECORD.PAID_OFF_DAYS_PAST_DUE']],
    ],
    [
      'outstanding 0 with arrears of 2 x 10^12',
      { outstanding: 0, arrearsPrincipal: 10 ** 12, arrearsInterest: 10 ** 12 },
      [
        ['arrearsPrincipal', 'RECORD.ARREARS_EXCEED_OUTSTANDING'],
        ['arrearsInterest', 'RECORD.ARREARS_IMPLAUSIBLE'],
      ],
    ],
    ['maturity 9999-12-31', { maturityDate: '9999-12-31' }, [['maturityDate', 'RECORD.MATURITY_TOO_FAR']]],
    ['a name of zero-width characters', { fullName: '\u200b\u200b\u200b' }, [['fullName', 'RECORD.FORMAT']]],
  ])('refuses %s', (_name, patch, expected) => {
    const result = validateRecord({ ...validRaw(), ...patch }, today);
    expect(result.record).toBeNull();
    expect(result.errors.map((error) => [error.field, error.code])).toEqual(expected);
  });
});

describe('validateRecord: privacy and time', () => {
  it('never echoes a NIK held in a free-text field or a property name', () => {
    const nik = '3375011203850002';
    const { errors } = validateRecord(
      { ...validRaw(), fullName: `KTP ${nik}`, loanRef: `${nik}-01`, [nik]: 1, [`x${nik}9999`.slice(0, 17)]: 1 },
      today,
    );
    expect(errors.map((error) => error.code)).toEqual([
      'RECORD.NIK_OUTSIDE_NIK_FIELD',
      'RECORD.NIK_OUTSIDE_NIK_FIELD',
      'RECORD.UNKNOWN_FIELD',
      'RECORD.UNKNOWN_FIELD',
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/\d{16}/);
  });

  it('never puts the NIK, name or birth date into a message', () => {
    const secrets = { nik: '3375010112890000', fullName: 'Siti\u0007Aminah', birthDate: '1989-13-01' };
    const { errors } = validateRecord({ ...validRaw(), ...secrets }, today);
    expect(errors.map((error) => error.field)).toEqual(['nik', 'fullName', 'birthDate']);
    const text = JSON.stringify(errors);
    for (const value of ['3375010112890000', '337501', 'Siti', 'Aminah', '1989-13-01', '1989']) {
      expect(text).not.toContain(value);
    }
  });

  it.each<[string, string, string, string[]]>([
    // 23:30 UTC on 30 Nov is already 1 Dec in Jakarta; the comparison is in UTC.
    ['late on the last day of the month, UTC', '2026-11-30T23:30:00Z', '2026-11-30', []],
    ['the next UTC day makes 1 Dec acceptable', '2026-12-01T00:00:00Z', '2026-12-01', []],
    ['a day early, 1 Dec is in the future', '2026-11-30T23:59:59Z', '2026-12-01', ['disbursedAt', 'period']],
  ])('compares with today in UTC: %s', (_name, now, disbursedAt, badFields) => {
    const period = disbursedAt.slice(0, 7);
    const { errors } = validateRecord({ ...validRaw(), disbursedAt, period, maturityDate: null }, new Date(now));
    expect(errors.map((error) => error.field)).toEqual(badFields);
  });
});

describe('calendar helpers', () => {
  it.each<[string, boolean]>([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2025-02-29', false],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-00-10', false],
    ['2025-1-10', false],
    ['25-01-10', false],
  ])('isIsoDate(%s) is %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['2025-01', true],
    ['2025-12', true],
    ['2025-00', false],
    ['2025-13', false],
    ['2025-1', false],
    ['202501', false],
  ])('isIsoPeriod(%s) is %s', (text, expected) => {
    expect(isIsoPeriod(text)).toBe(expected);
  });
});

describe('every record error has its Indonesian message', () => {
  const today = new Date('2026-11-22T00:00:00Z');
  const bad: Record<string, unknown>[] = [
    {},
    { nik: 12, fullName: 5, birthDate: 3, loanRef: [], facilityType: 'X', principal: '1', disbursedAt: 1, period: 1 },
    {
      nik: '3375010112890000',
      fullName: 'x'.repeat(101),
      birthDate: '1800-01-01',
      loanRef: 'a'.repeat(51),
      principal: 0.5,
      creditLimit: -1,
      disbursedAt: '2999-01-01',
      maturityDate: '2024-13-01',
      condition: '99',
      period: '2999-01',
      outstanding: 1.5,
      daysPastDue: 10_000,
      extra: 1,
    },
    {
      nik: '9975010112890001',
      fullName: '\u200b',
      loanRef: 'a;b',
      condition: '02',
      outstanding: 5,
      daysPastDue: 3,
      arrearsPrincipal: 2,
      arrearsInterest: 1,
    },
  ];
  it.each(bad.map((raw, i) => [i, raw] as const))('record %i', (_i, raw) => {
    const { errors } = validateRecord(raw, today);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.messageId).toMatch(/\S/);
      expect(error.messageId).not.toBe(error.message);
    }
  });
});
