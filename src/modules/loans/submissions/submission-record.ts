/**
 * One submission record (one loan's state in one month) and the single validator that JSON and CSV uploads share.
 * Pure: no Nest, no database. Error messages never carry a submitted value, so a NIK, name or birth date cannot leak
 * into a response or a log through them.
 */
import { checkNik } from '../../borrowers/nik';

export enum FacilityType {
  INSTALLMENT = 'INSTALLMENT',
  REVOLVING = 'REVOLVING',
}

// SLIK condition codes: 00 active, 02 paid off, 03 written off, 04 claim waived, 12 paid with discount, 13 blocked.
export const CONDITION_CODES = ['00', '02', '03', '04', '12', '13'] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];
const PAID_OFF: ConditionCode = '02';

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
  message: string;
}

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

const LOAN_REF_PATTERN = /^[A-Za-z0-9._/ -]+$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
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
type Fail = (field: RecordField, code: string, message: string) => typeof INVALID;

// An empty or blank string is "not given", like undefined and null: spreadsheets and forms send "" for empty cells.
function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function readString(raw: RawRecord, field: RecordField, fail: Fail): Checked<string> {
  const value = raw[field];
  if (isAbsent(value)) return fail(field, 'RECORD.REQUIRED', 'This field is required.');
  if (typeof value !== 'string') return fail(field, 'RECORD.TYPE', 'Must be a string.');
  return value.trim();
}

function readFullName(raw: RawRecord, fail: Fail): Checked<string> {
  const name = readString(raw, 'fullName', fail);
  if (name === INVALID) return INVALID;
  if ([...name].length > MAX_FULL_NAME_LENGTH) {
    return fail('fullName', 'RECORD.RANGE', `Must be at most ${MAX_FULL_NAME_LENGTH} characters.`);
  }
  if (CONTROL_CHARACTERS.test(name)) return fail('fullName', 'RECORD.FORMAT', 'Must not contain control characters.');
  return name;
}

function readLoanRef(raw: RawRecord, fail: Fail): Checked<string> {
  const ref = readString(raw, 'loanRef', fail);
  if (ref === INVALID) return INVALID;
  if (ref.length > MAX_LOAN_REF_LENGTH) {
    return fail('loanRef', 'RECORD.RANGE', `Must be at most ${MAX_LOAN_REF_LENGTH} characters.`);
  }
  if (!LOAN_REF_PATTERN.test(ref)) {
    return fail('loanRef', 'RECORD.FORMAT', 'May contain only letters, digits, spaces and . _ / -');
  }
  return ref;
}

function readNik(raw: RawRecord, today: Date, fail: Fail): Checked<{ nik: string; birthDate: string }> {
  const value = readString(raw, 'nik', fail);
  if (value === INVALID) return INVALID;
  const check = checkNik(value, today);
  // checkNik's messages are fragments like "must be 16 digits" and never contain the NIK.
  if (!check.valid) return fail('nik', check.code, `NIK ${check.message}.`);
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
  if (!allowed.includes(value)) return fail(field, 'RECORD.FORMAT', `Must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** Whole numbers only: money is whole rupiah and must never pass through a float or a numeric string. */
function checkInteger(value: unknown, field: RecordField, min: number, max: number, fail: Fail): Checked<number> {
  if (typeof value !== 'number') return fail(field, 'RECORD.TYPE', 'Must be a JSON integer.');
  if (!Number.isInteger(value)) return fail(field, 'RECORD.TYPE', 'Must be a whole number.');
  if (value < min || value > max) return fail(field, 'RECORD.RANGE', `Must be between ${min} and ${max}.`);
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
  if (isAbsent(value)) return fail(field, 'RECORD.REQUIRED', 'This field is required.');
  return checkInteger(value, field, min, max, fail);
}

function readOptionalInteger(raw: RawRecord, field: RecordField, fail: Fail, max = MAX_AMOUNT): Checked<number | null> {
  const value = raw[field];
  return isAbsent(value) ? null : checkInteger(value, field, 0, max, fail);
}

function checkDate(value: unknown, field: RecordField, fail: Fail): Checked<string> {
  if (typeof value !== 'string') return fail(field, 'RECORD.TYPE', 'Must be a date string YYYY-MM-DD.');
  const date = value.trim();
  if (!isIsoDate(date)) return fail(field, 'RECORD.FORMAT', 'Must be a real date written YYYY-MM-DD.');
  if (Number(date.slice(0, 4)) < MIN_YEAR) return fail(field, 'RECORD.RANGE', `Must not be before ${MIN_YEAR}.`);
  return date;
}

function readOptionalDate(raw: RawRecord, field: RecordField, fail: Fail): Checked<string | null> {
  const value = raw[field];
  return isAbsent(value) ? null : checkDate(value, field, fail);
}

function readPastDate(raw: RawRecord, field: RecordField, todayIso: string, fail: Fail): Checked<string> {
  const value = raw[field];
  if (isAbsent(value)) return fail(field, 'RECORD.REQUIRED', 'This field is required.');
  const date = checkDate(value, field, fail);
  if (date === INVALID) return INVALID;
  if (date > todayIso) return fail(field, 'RECORD.FUTURE', 'Must not be in the future.');
  return date;
}

function readPeriod(raw: RawRecord, todayIso: string, fail: Fail): Checked<string> {
  const value = readString(raw, 'period', fail);
  if (value === INVALID) return INVALID;
  if (!isIsoPeriod(value)) return fail('period', 'RECORD.FORMAT', 'Must be a month written YYYY-MM.');
  if (Number(value.slice(0, 4)) < MIN_YEAR) return fail('period', 'RECORD.RANGE', `Must not be before ${MIN_YEAR}.`);
  if (value > todayIso.slice(0, 7)) return fail('period', 'RECORD.FUTURE', 'Must not be after the current month.');
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
export function validateRecord(raw: unknown, today: Date): RecordValidation {
  if (!isPlainObject(raw)) {
    return { record: null, errors: [{ field: 'record', code: 'RECORD.TYPE', message: 'A record must be an object.' }] };
  }
  const errors: RecordError[] = [];
  const fail: Fail = (field, code, message) => {
    errors.push({ field, code, message });
    return INVALID;
  };
  const record = readFields(raw, today, fail);
  errors.push(...unknownFieldErrors(raw));
  return errors.length === 0 && record !== null ? { record, errors } : { record: null, errors };
}

type Valid<T> = { [K in keyof T]: Exclude<T[K], typeof INVALID> };

function allValid<T extends object>(values: T): values is Valid<T> {
  return !Object.values(values).includes(INVALID);
}

function readFields(raw: RawRecord, today: Date, fail: Fail): SubmissionRecord | null {
  const todayIso = today.toISOString().slice(0, 10);
  const fields = {
    nik: readNik(raw, today, fail),
    fullName: readFullName(raw, fail),
    birthDate: readPastDate(raw, 'birthDate', todayIso, fail),
    loanRef: readLoanRef(raw, fail),
    facilityType: readEnum<FacilityType>(raw, 'facilityType', FACILITY_TYPES, fail),
    principal: readRequiredInteger(raw, 'principal', fail, 1),
    creditLimit: readOptionalInteger(raw, 'creditLimit', fail),
    disbursedAt: readPastDate(raw, 'disbursedAt', todayIso, fail),
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
  checkCrossFieldRules(fields, fail);
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
  disbursedAt: Checked<string>;
  maturityDate: Checked<string | null>;
  period: Checked<string>;
  condition: Checked<ConditionCode>;
  outstanding: Checked<number>;
}

/** Rules between two fields; each runs only when both fields passed their own checks. */
function checkCrossFieldRules(f: CrossFieldInput, fail: Fail): void {
  if (f.nik !== INVALID && f.birthDate !== INVALID && f.nik.birthDate !== f.birthDate) {
    fail('birthDate', 'RECORD.BIRTH_DATE_MISMATCH', 'Does not match the birth date encoded in the NIK.');
  }
  const disbursed = f.disbursedAt;
  if (disbursed !== INVALID && f.maturityDate !== INVALID && f.maturityDate !== null && f.maturityDate < disbursed) {
    fail('maturityDate', 'RECORD.MATURITY_BEFORE_DISBURSEMENT', 'Must not be before the disbursement date.');
  }
  if (disbursed !== INVALID && f.period !== INVALID && f.period < disbursed.slice(0, 7)) {
    fail('period', 'RECORD.PERIOD_BEFORE_DISBURSEMENT', 'Must not be before the month of disbursement.');
  }
  if (f.condition === PAID_OFF && f.outstanding !== INVALID && f.outstanding !== 0) {
    fail('outstanding', 'RECORD.PAID_OFF_OUTSTANDING', 'Must be 0 when the loan is paid off (condition 02).');
  }
}

function unknownFieldErrors(raw: RawRecord): RecordError[] {
  return Object.keys(raw)
    .filter((key) => !KNOWN_FIELDS.has(key))
    // The name is echoed back and stored, so only a short, plain rendering of it.
    .map((key) => ({ field: key.replace(/[^\w.-]/g, '?').slice(0, 60), code: 'RECORD.UNKNOWN_FIELD', message: 'Unknown field.' }));
}
