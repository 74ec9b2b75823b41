/**
 * One submission record (one loan's state in one month) and the single validator that JSON and CSV uploads share.
 * Pure: no Nest, no database. Error messages never carry a submitted value, so a NIK, name or birth date cannot leak
 * into a response or a log through them.
 */
import { containsNikLike, redactNikLike } from '../../../common/privacy/nik-guard';
import { checkNik, NikErrorCode } from '../../borrowers/nik';

export enum FacilityType {
  INSTALLMENT = 'INSTALLMENT',
  REVOLVING = 'REVOLVING',
}

// SLIK condition codes: 00 active, 02 paid off, 03 written off, 04 claim waived, 12 paid with discount, 13 blocked.
export const CONDITION_CODES = ['00', '02', '03', '04', '12', '13'] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];
// Paid off (02) and paid with a discount (12): the loan is settled, nothing is owed or late any more.
const SETTLED: readonly string[] = ['02', '12'];

// The JSON field names in the order of the API contract (API.md, "A submission record").
export const RECORD_FIELDS = [
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
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const REQUIRED_RECORD_FIELDS: readonly RecordField[] = [
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
];

export interface SubmissionRecord {
  nik: string;
  fullName: string;
  birthDate: string;
  loanRef: string;
  facilityType: FacilityType;
  principal: number;
  creditLimit: number;
  disbursedAt: string;
  maturityDate: string | null;
  condition: ConditionCode;
  period: string;
  outstanding: number;
  arrearsPrincipal: number;
  arrearsInterest: number;
  daysPastDue: number;
  paidAmount: number | null;
  restructureCount: number;
}

export interface RecordError {
  field: string;
  code: string;
  /** English. */
  message: string;
  /** The same in Bahasa Indonesia (what a coop's staff read first). */
  messageId: string;
}

/**
 * How a message names another field: by its JSON name (the JSON API), or as the coop's CSV file wrote the column
 * (`plafon_awal`), so that the advice matches the file in front of them.
 */
export type FieldNames = (field: RecordField) => string;
export const JSON_FIELD_NAMES: FieldNames = (field) => field;

export interface RecordValidation {
  record: SubmissionRecord | null;
  errors: RecordError[];
}

export const MAX_FULL_NAME_LENGTH = 100;
export const MAX_LOAN_REF_LENGTH = 50;
export const MAX_DAYS_PAST_DUE = 9999;
/** Stored as integer; no loan is restructured anywhere near this often. */
export const MAX_RESTRUCTURE_COUNT = 999;
// Dates before this are typing errors, not loans or borrowers this network will ever hold.
export const MIN_YEAR = 1900;
/**
 * The largest amount of a record, in rupiah (Rp 1 trillion). No cooperative loan comes near it; a larger figure is a
 * typing error, and figures near 2^53 would overflow the sums that profiles and network statistics add up exactly.
 */
export const MAX_AMOUNT = 1_000_000_000_000;

// ---------------------------------------------------------------- plausibility (issue 16, finding 7)
// A record that passes every field check can still be impossible, and it moves a borrower's flags and score at
// every other coop. These bounds refuse typing errors and made-up figures while leaving room for real loans.

/**
 * The outstanding balance and the arrears (principal + interest) may reach this multiple of the larger of principal
 * and credit limit. Above 1 because interest, penalties and restructuring are capitalised into the balance of a loan
 * in long arrears, and a revolving line may be drawn over its limit; 3 leaves room for about five years of unpaid
 * interest at the 24% a year cooperatives commonly charge (1.24^5 ≈ 2.9), and still refuses the typing error of
 * principal 1 with Rp 1 trillion outstanding.
 */
export const MAX_BALANCE_MULTIPLE = 3;
/** No loan this network holds was disbursed before 1960; earlier dates are typing errors (19 for 20, 0 for 2). */
export const MIN_DISBURSED_YEAR = 1960;
/** The longest term of any loan a cooperative grants (even housing loans run 30 years at most). */
export const MAX_TERM_YEARS = 50;
/**
 * The youngest a borrower can be on the disbursement day: a loan is granted on a KTP, which is issued at 17 or on
 * marriage, and the lowest marriage age was 16 (UU 1/1974, raised to 19 in 2019).
 */
export const MIN_BORROWER_AGE_YEARS = 16;

const LOAN_REF_PATTERN = /^[A-Za-z0-9._/ -]+$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// Zero-width spaces and joiners, direction marks and overrides, soft hyphens: invisible, so a "name" of them looks
// blank on screen and a name with them does not match the same name typed plainly.
const FORMAT_CHARACTERS = /\p{Cf}/u;
const LETTER = /\p{L}/u;
const NIK_OUTSIDE = (names: FieldNames): Message => ({
  en: `Must not contain a NIK (16 digits in a row); a NIK belongs only in the ${names('nik')} column.`,
  id: `Tidak boleh berisi NIK (16 angka berturut-turut); NIK hanya boleh di kolom ${names('nik')}.`,
});
const FACILITY_TYPES: readonly string[] = Object.values(FacilityType);
const KNOWN_FIELDS: ReadonlySet<string> = new Set(RECORD_FIELDS);

// ---------------------------------------------------------------- calendar helpers (shared with the CSV parser)

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** True for a real month written `YYYY-MM`. */
export function isIsoPeriod(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

// ---------------------------------------------------------------- field readers

// A field that failed; its error is already collected. Keeps the readers free of exceptions.
const INVALID: unique symbol = Symbol('invalid');
type Checked<T> = T | typeof INVALID;
type RawRecord = Readonly<Record<string, unknown>>;
/** A message in English and in Bahasa Indonesia. */
export interface Message {
  en: string;
  id: string;
}
type Fail = (field: RecordField, code: string, message: Message) => typeof INVALID;

const REQUIRED: Message = { en: 'This field is required.', id: 'Kolom ini wajib diisi.' };
const NOT_BEFORE_YEAR = (year: number): Message => ({
  en: `Must not be before ${year}.`,
  id: `Tidak boleh sebelum tahun ${year}.`,
});

// An empty or blank string is "not given", like undefined and null: spreadsheets and forms send "" for empty cells.
function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function readString(raw: RawRecord, field: RecordField, fail: Fail): Checked<string> {
  const value = raw[field];
  if (isAbsent(value)) return fail(field, 'RECORD.REQUIRED', REQUIRED);
  if (typeof value !== 'string')
    return fail(field, 'RECORD.TYPE', { en: 'Must be a string.', id: 'Harus berupa teks.' });
  return value.trim();
}

const atMostCharacters = (max: number): Message => ({
  en: `Must be at most ${max} characters.`,
  id: `Paling banyak ${max} karakter.`,
});

function readFullName(raw: RawRecord, names: FieldNames, fail: Fail): Checked<string> {
  const name = readString(raw, 'fullName', fail);
  if (name === INVALID) return INVALID;
  if ([...name].length > MAX_FULL_NAME_LENGTH) {
    return fail('fullName', 'RECORD.RANGE', atMostCharacters(MAX_FULL_NAME_LENGTH));
  }
  if (CONTROL_CHARACTERS.test(name)) {
    return fail('fullName', 'RECORD.FORMAT', {
      en: 'Must not contain control characters.',
      id: 'Tidak boleh berisi karakter kontrol.',
    });
  }
  if (FORMAT_CHARACTERS.test(name)) {
    return fail('fullName', 'RECORD.FORMAT', {
      en: 'Must not contain invisible characters (zero-width spaces, direction marks).',
      id: 'Tidak boleh berisi karakter tak terlihat (spasi lebar nol, tanda arah teks).',
    });
  }
  if (containsNikLike(name)) return fail('fullName', 'RECORD.NIK_OUTSIDE_NIK_FIELD', NIK_OUTSIDE(names));
  if (!LETTER.test(name)) {
    return fail('fullName', 'RECORD.NAME_WITHOUT_LETTERS', {
      en: 'Must contain at least one letter.',
      id: 'Harus berisi setidaknya satu huruf.',
    });
  }
  return name;
}

function readLoanRef(raw: RawRecord, names: FieldNames, fail: Fail): Checked<string> {
  const ref = readString(raw, 'loanRef', fail);
  if (ref === INVALID) return INVALID;
  if (ref.length > MAX_LOAN_REF_LENGTH) {
    return fail('loanRef', 'RECORD.RANGE', atMostCharacters(MAX_LOAN_REF_LENGTH));
  }
  if (!LOAN_REF_PATTERN.test(ref)) {
    return fail('loanRef', 'RECORD.FORMAT', {
      en: 'May contain only letters, digits, spaces and . _ / -',
      id: 'Hanya boleh berisi huruf, angka, spasi dan . _ / -',
    });
  }
  // The loan reference is shown to the coop in profiles and the stale-loans list, and kept for years.
  if (containsNikLike(ref)) return fail('loanRef', 'RECORD.NIK_OUTSIDE_NIK_FIELD', NIK_OUTSIDE(names));
  return ref;
}

// checkNik's own messages are English fragments ("must be 16 digits"); the two languages by code, never the NIK.
const NIK_MESSAGES: Readonly<Record<NikErrorCode, Message>> = {
  'NIK.FORMAT': { en: 'NIK must be 16 digits.', id: 'NIK harus 16 angka.' },
  'NIK.PROVINCE': {
    en: 'NIK starts with an unknown province code.',
    id: 'Kode provinsi di awal NIK tidak dikenal.',
  },
  'NIK.DISTRICT': {
    en: 'NIK has a zero regency or district code.',
    id: 'Kode kabupaten/kota atau kecamatan di NIK bernilai 00.',
  },
  'NIK.BIRTH_DATE': {
    en: 'NIK holds an impossible birth date.',
    id: 'Tanggal lahir di dalam NIK tidak mungkin; periksa NIK-nya.',
  },
  'NIK.SERIAL': { en: 'NIK has serial number 0000.', id: 'Nomor urut di akhir NIK tidak boleh 0000.' },
};

/**
 * The record's loan reference when it is one on its own terms (the rules of readLoanRef, no NIK in it), else null:
 * a rejected row's errors keep it, so that staff find the loan in their own system. Never judged, never an error.
 */
export function validLoanRefOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as RawRecord).loanRef;
  if (typeof value !== 'string') return null;
  const ref = value.trim();
  const fine = ref !== '' && ref.length <= MAX_LOAN_REF_LENGTH && LOAN_REF_PATTERN.test(ref) && !containsNikLike(ref);
  return fine ? ref : null;
}

function readNik(raw: RawRecord, today: Date, fail: Fail): Checked<{ nik: string; birthDate: string }> {
  const value = readString(raw, 'nik', fail);
  if (value === INVALID) return INVALID;
  const check = checkNik(value, today);
  if (!check.valid) return fail('nik', check.code, NIK_MESSAGES[check.code]);
  return { nik: check.nik, birthDate: check.birthDate };
}

function readEnum<T extends string>(
  raw: RawRecord,
  field: RecordField,
  allowed: readonly string[],
  fail: Fail,
): Checked<T> {
  const value = readString(raw, field, fail);
  if (value === INVALID) return INVALID;
  if (!allowed.includes(value)) {
    return fail(field, 'RECORD.FORMAT', {
      en: `Must be one of ${allowed.join(', ')}.`,
      id: `Harus salah satu dari ${allowed.join(', ')}.`,
    });
  }
  return value as T;
}

/** Whole numbers only: money is whole rupiah and must never pass through a float or a numeric string. */
function checkInteger(value: unknown, field: RecordField, min: number, max: number, fail: Fail): Checked<number> {
  if (typeof value !== 'number') {
    return fail(field, 'RECORD.TYPE', { en: 'Must be a JSON integer.', id: 'Harus berupa bilangan bulat JSON.' });
  }
  if (!Number.isInteger(value)) {
    return fail(field, 'RECORD.TYPE', { en: 'Must be a whole number.', id: 'Harus bilangan bulat.' });
  }
  if (value < min || value > max) {
    return fail(field, 'RECORD.RANGE', {
      en: `Must be between ${min} and ${max}.`,
      id: `Harus antara ${min} dan ${max}.`,
    });
  }
  return value === 0 ? 0 : value; // folds -0 into 0
}

function readRequiredInteger(
  raw: RawRecord,
  field: RecordField,
  fail: Fail,
  min = 0,
  max = MAX_AMOUNT,
): Checked<number> {
  const value = raw[field];
  if (isAbsent(value)) return fail(field, 'RECORD.REQUIRED', REQUIRED);
  return checkInteger(value, field, min, max, fail);
}

function readOptionalInteger(raw: RawRecord, field: RecordField, fail: Fail, max = MAX_AMOUNT): Checked<number | null> {
  const value = raw[field];
  return isAbsent(value) ? null : checkInteger(value, field, 0, max, fail);
}

function checkDate(value: unknown, field: RecordField, fail: Fail): Checked<string> {
  if (typeof value !== 'string') {
    return fail(field, 'RECORD.TYPE', {
      en: 'Must be a date string YYYY-MM-DD.',
      id: 'Harus berupa tanggal YYYY-MM-DD (teks).',
    });
  }
  const date = value.trim();
  if (!isIsoDate(date)) {
    return fail(field, 'RECORD.FORMAT', {
      en: 'Must be a real date written YYYY-MM-DD.',
      id: 'Harus tanggal yang benar, ditulis YYYY-MM-DD.',
    });
  }
  if (Number(date.slice(0, 4)) < MIN_YEAR) return fail(field, 'RECORD.RANGE', NOT_BEFORE_YEAR(MIN_YEAR));
  return date;
}

function readOptionalDate(raw: RawRecord, field: RecordField, fail: Fail): Checked<string | null> {
  const value = raw[field];
  return isAbsent(value) ? null : checkDate(value, field, fail);
}

function readPastDate(raw: RawRecord, field: RecordField, todayIso: string, fail: Fail): Checked<string> {
  const value = raw[field];
  if (isAbsent(value)) return fail(field, 'RECORD.REQUIRED', REQUIRED);
  const date = checkDate(value, field, fail);
  if (date === INVALID) return INVALID;
  if (date > todayIso) {
    return fail(field, 'RECORD.FUTURE', { en: 'Must not be in the future.', id: 'Tidak boleh di masa depan.' });
  }
  return date;
}

function readDisbursedAt(raw: RawRecord, todayIso: string, fail: Fail): Checked<string> {
  const date = readPastDate(raw, 'disbursedAt', todayIso, fail);
  if (date === INVALID) return INVALID;
  if (Number(date.slice(0, 4)) < MIN_DISBURSED_YEAR) {
    return fail('disbursedAt', 'RECORD.RANGE', NOT_BEFORE_YEAR(MIN_DISBURSED_YEAR));
  }
  return date;
}

function readPeriod(raw: RawRecord, todayIso: string, fail: Fail): Checked<string> {
  const value = readString(raw, 'period', fail);
  if (value === INVALID) return INVALID;
  if (!isIsoPeriod(value)) {
    return fail('period', 'RECORD.FORMAT', {
      en: 'Must be a month written YYYY-MM.',
      id: 'Harus bulan yang ditulis YYYY-MM.',
    });
  }
  if (Number(value.slice(0, 4)) < MIN_YEAR) return fail('period', 'RECORD.RANGE', NOT_BEFORE_YEAR(MIN_YEAR));
  if (value > todayIso.slice(0, 7)) {
    return fail('period', 'RECORD.FUTURE', {
      en: 'Must not be after the current month.',
      id: 'Tidak boleh setelah bulan berjalan.',
    });
  }
  return value;
}

// ---------------------------------------------------------------- the validator

function isPlainObject(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates and normalises one record. Every bad field is reported (at most one error per field); cross-field
 * rules run only when both fields are valid on their own, so a field is never named twice.
 * `today` is compared in UTC.
 */
export function validateRecord(raw: unknown, today: Date, names: FieldNames = JSON_FIELD_NAMES): RecordValidation {
  if (!isPlainObject(raw)) {
    const error = {
      field: 'record',
      code: 'RECORD.TYPE',
      message: 'A record must be an object.',
      messageId: 'Satu catatan harus berupa objek JSON.',
    };
    return { record: null, errors: [error] };
  }
  const errors: RecordError[] = [];
  const fail: Fail = (field, code, message) => {
    errors.push({ field, code, message: message.en, messageId: message.id });
    return INVALID;
  };
  const record = readFields(raw, today, names, fail);
  errors.push(...unknownFieldErrors(raw));
  return errors.length === 0 && record !== null ? { record, errors } : { record: null, errors };
}

type Valid<T> = { [K in keyof T]: Exclude<T[K], typeof INVALID> };

function allValid<T extends object>(values: T): values is Valid<T> {
  return !Object.values(values).includes(INVALID);
}

function readFields(raw: RawRecord, today: Date, names: FieldNames, fail: Fail): SubmissionRecord | null {
  const todayIso = today.toISOString().slice(0, 10);
  const fields = {
    nik: readNik(raw, today, fail),
    fullName: readFullName(raw, names, fail),
    birthDate: readPastDate(raw, 'birthDate', todayIso, fail),
    loanRef: readLoanRef(raw, names, fail),
    facilityType: readEnum<FacilityType>(raw, 'facilityType', FACILITY_TYPES, fail),
    principal: readRequiredInteger(raw, 'principal', fail, 1),
    creditLimit: readOptionalInteger(raw, 'creditLimit', fail),
    disbursedAt: readDisbursedAt(raw, todayIso, fail),
    maturityDate: readOptionalDate(raw, 'maturityDate', fail),
    condition: readEnum<ConditionCode>(raw, 'condition', CONDITION_CODES, fail),
    period: readPeriod(raw, todayIso, fail),
    outstanding: readRequiredInteger(raw, 'outstanding', fail),
    arrearsPrincipal: readOptionalInteger(raw, 'arrearsPrincipal', fail),
    arrearsInterest: readOptionalInteger(raw, 'arrearsInterest', fail),
    daysPastDue: readRequiredInteger(raw, 'daysPastDue', fail, 0, MAX_DAYS_PAST_DUE),
    paidAmount: readOptionalInteger(raw, 'paidAmount', fail),
    restructureCount: readOptionalInteger(raw, 'restructureCount', fail, MAX_RESTRUCTURE_COUNT),
  } as const; // `as const` keeps INVALID's unique symbol type from widening to symbol
  checkCrossFieldRules(fields, names, fail);
  if (!allValid(fields)) return null;
  return {
    ...fields,
    nik: fields.nik.nik,
    creditLimit: fields.creditLimit ?? fields.principal,
    arrearsPrincipal: fields.arrearsPrincipal ?? 0,
    arrearsInterest: fields.arrearsInterest ?? 0,
    restructureCount: fields.restructureCount ?? 0,
  };
}

interface CrossFieldInput {
  nik: Checked<{ birthDate: string }>;
  birthDate: Checked<string>;
  principal: Checked<number>;
  creditLimit: Checked<number | null>;
  disbursedAt: Checked<string>;
  maturityDate: Checked<string | null>;
  period: Checked<string>;
  condition: Checked<ConditionCode>;
  outstanding: Checked<number>;
  arrearsPrincipal: Checked<number | null>;
  arrearsInterest: Checked<number | null>;
  daysPastDue: Checked<number>;
}

const valid = <T>(value: Checked<T>): value is T => value !== INVALID;

/** `YYYY-MM-DD` plus whole years; 29 Feb stays 29 Feb, which still compares correctly as text. */
const plusYears = (date: string, years: number): string =>
  `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

/**
 * Rules between fields; each runs only when the fields it reads passed their own checks, and a field is named at
 * most once (the first rule that fails it wins).
 */
function checkCrossFieldRules(f: CrossFieldInput, names: FieldNames, fail: Fail): void {
  const named = new Set<RecordField>();
  const failOnce: FailOnce = (field, code, message) => {
    if (named.has(field)) return;
    named.add(field);
    fail(field, code, message);
  };
  checkDates(f, names, failOnce);
  checkAmounts(f, names, failOnce);
  checkSettled(f, names, failOnce);
}

type FailOnce = (field: RecordField, code: string, message: Message) => void;

function checkDates(f: CrossFieldInput, n: FieldNames, fail: FailOnce): void {
  if (valid(f.nik) && valid(f.birthDate) && f.nik.birthDate !== f.birthDate) {
    fail('birthDate', 'RECORD.BIRTH_DATE_MISMATCH', {
      en: 'Does not match the birth date encoded in the NIK.',
      id: `Tidak sama dengan tanggal lahir di dalam NIK (kolom ${n('nik')}).`,
    });
  }
  if (!valid(f.disbursedAt)) return;
  const disbursed = f.disbursedAt;
  if (valid(f.birthDate) && disbursed < plusYears(f.birthDate, MIN_BORROWER_AGE_YEARS)) {
    fail('disbursedAt', 'RECORD.BORROWER_TOO_YOUNG', {
      en: `The borrower must be at least ${MIN_BORROWER_AGE_YEARS} years old on the disbursement date.`,
      id: `Peminjam harus berumur paling sedikit ${MIN_BORROWER_AGE_YEARS} tahun pada tanggal mulai pinjaman; periksa ${n('disbursedAt')} dan ${n('birthDate')}.`,
    });
  }
  if (valid(f.maturityDate) && f.maturityDate !== null) {
    if (f.maturityDate < disbursed) {
      fail('maturityDate', 'RECORD.MATURITY_BEFORE_DISBURSEMENT', {
        en: `Must not be before the disbursement date (${n('disbursedAt')}).`,
        id: `Tidak boleh sebelum tanggal mulai pinjaman (${n('disbursedAt')}).`,
      });
    } else if (f.maturityDate > plusYears(disbursed, MAX_TERM_YEARS)) {
      fail('maturityDate', 'RECORD.MATURITY_TOO_FAR', {
        en: `Must be at most ${MAX_TERM_YEARS} years after the disbursement date (${n('disbursedAt')}).`,
        id: `Paling lama ${MAX_TERM_YEARS} tahun setelah tanggal mulai pinjaman (${n('disbursedAt')}).`,
      });
    }
  }
  if (valid(f.period) && f.period < disbursed.slice(0, 7)) {
    fail('period', 'RECORD.PERIOD_BEFORE_DISBURSEMENT', {
      en: `Must not be before the month of disbursement (${n('disbursedAt')}).`,
      id: `Tidak boleh sebelum bulan mulai pinjaman (${n('disbursedAt')}).`,
    });
  }
}

function checkAmounts(f: CrossFieldInput, n: FieldNames, fail: FailOnce): void {
  if (!valid(f.principal) || !valid(f.creditLimit)) return;
  // Whole rupiah up to 3 × 10^12: exact as a JavaScript number.
  const ceiling = Math.max(f.principal, f.creditLimit ?? f.principal) * MAX_BALANCE_MULTIPLE;
  const basis = {
    en: `${MAX_BALANCE_MULTIPLE} times the larger of ${n('principal')} and ${n('creditLimit')}`,
    id: `${MAX_BALANCE_MULTIPLE} kali yang lebih besar dari ${n('principal')} dan ${n('creditLimit')}`,
  };
  if (valid(f.outstanding) && f.outstanding > ceiling) {
    fail('outstanding', 'RECORD.OUTSTANDING_IMPLAUSIBLE', {
      en: `Must not be more than ${basis.en}.`,
      id: `Tidak boleh lebih dari ${basis.id}; periksa angkanya.`,
    });
  }
  const arrearsPrincipal = valid(f.arrearsPrincipal) ? (f.arrearsPrincipal ?? 0) : null;
  const arrearsInterest = valid(f.arrearsInterest) ? (f.arrearsInterest ?? 0) : null;
  // Principal in arrears is part of the outstanding balance (baki debet), so it can never be larger.
  if (arrearsPrincipal !== null && valid(f.outstanding) && arrearsPrincipal > f.outstanding) {
    fail('arrearsPrincipal', 'RECORD.ARREARS_EXCEED_OUTSTANDING', {
      en: `Must not be more than ${n('outstanding')}: principal in arrears is part of it.`,
      id: `Tidak boleh lebih dari ${n('outstanding')}: tunggakan pokok adalah bagian dari baki debet.`,
    });
  }
  if (arrearsPrincipal !== null && arrearsInterest !== null && arrearsPrincipal + arrearsInterest > ceiling) {
    fail('arrearsInterest', 'RECORD.ARREARS_IMPLAUSIBLE', {
      en: `${n('arrearsPrincipal')} + ${n('arrearsInterest')} must not be more than ${basis.en}.`,
      id: `${n('arrearsPrincipal')} + ${n('arrearsInterest')} tidak boleh lebih dari ${basis.id}; periksa angkanya.`,
    });
  }
}

function checkSettled(f: CrossFieldInput, n: FieldNames, fail: FailOnce): void {
  if (!valid(f.condition) || !SETTLED.includes(f.condition)) return;
  const settled: Message = {
    en: `Must be 0 when the loan is settled (${n('condition')} 02 or 12).`,
    id: `Harus 0 bila pinjaman sudah lunas (${n('condition')} 02 atau 12).`,
  };
  if (valid(f.outstanding) && f.outstanding !== 0) fail('outstanding', 'RECORD.PAID_OFF_OUTSTANDING', settled);
  if (valid(f.daysPastDue) && f.daysPastDue !== 0) fail('daysPastDue', 'RECORD.PAID_OFF_DAYS_PAST_DUE', settled);
  if (valid(f.arrearsPrincipal) && (f.arrearsPrincipal ?? 0) !== 0)
    fail('arrearsPrincipal', 'RECORD.PAID_OFF_ARREARS', settled);
  if (valid(f.arrearsInterest) && (f.arrearsInterest ?? 0) !== 0)
    fail('arrearsInterest', 'RECORD.PAID_OFF_ARREARS', settled);
}

function unknownFieldErrors(raw: RawRecord): RecordError[] {
  return (
    Object.keys(raw)
      .filter((key) => !KNOWN_FIELDS.has(key))
      // The name is echoed back and stored, so only a short, plain rendering of it, and never a NIK in it.
      .map((key) => ({
        field: unknownFieldName(key),
        code: 'RECORD.UNKNOWN_FIELD',
        message: 'Unknown field.',
        messageId: 'Kolom tidak dikenal.',
      }))
  );
}

/** How an unknown field name is stored and echoed: plain characters, at most 60, a NIK-like run replaced. */
export function unknownFieldName(key: string): string {
  // Redacted again after cutting: a longer run of digits cut at 60 could end as exactly 16.
  return redactNikLike(redactNikLike(key.slice(0, 200).replace(/[^\w.-]/g, '?')).slice(0, 60));
}
