/**
 * From CSV cells to the raw object that validateRecord takes. Cells arrive as Indonesian (or English) Excel writes
 * them: `5.000.000,00`, `31/12/2024`, `2` for condition `02`. Everything is turned into the JSON types here, so one
 * validator serves both upload paths. Pure; messages never carry a cell's value.
 */
import {
  FacilityType,
  RECORD_FIELDS,
  REQUIRED_RECORD_FIELDS,
  RecordError,
  RecordField,
  RecordValidation,
  isIsoDate,
  isRealDate,
  validateRecord,
} from './submission-record';
import { containsNikLike } from '../../../common/privacy/nik-guard';

// The CSV header and the Indonesian alias of each field (API.md, "A submission record").
export const CSV_COLUMNS: Readonly<Record<RecordField, { csv: string; alias: string }>> = {
  nik: { csv: 'nik', alias: 'nik' },
  fullName: { csv: 'full_name', alias: 'nama' },
  birthDate: { csv: 'birth_date', alias: 'tanggal_lahir' },
  loanRef: { csv: 'loan_ref', alias: 'no_rekening' },
  facilityType: { csv: 'facility_type', alias: 'jenis_fasilitas' },
  principal: { csv: 'principal', alias: 'plafon_awal' },
  creditLimit: { csv: 'credit_limit', alias: 'plafon' },
  disbursedAt: { csv: 'disbursed_at', alias: 'tanggal_mulai' },
  maturityDate: { csv: 'maturity_date', alias: 'tanggal_jatuh_tempo' },
  condition: { csv: 'condition', alias: 'kondisi' },
  period: { csv: 'period', alias: 'periode' },
  outstanding: { csv: 'outstanding', alias: 'baki_debet' },
  arrearsPrincipal: { csv: 'arrears_principal', alias: 'tunggakan_pokok' },
  arrearsInterest: { csv: 'arrears_interest', alias: 'tunggakan_bunga' },
  daysPastDue: { csv: 'days_past_due', alias: 'hari_tunggakan' },
  paidAmount: { csv: 'paid_amount', alias: 'pembayaran' },
  restructureCount: { csv: 'restructure_count', alias: 'frekuensi_restrukturisasi' },
};

// ---------------------------------------------------------------- header

// Case, spaces, hyphens and underscores do not matter: `Tanggal Lahir`, `tanggal-lahir`, `birthDate`, `BIRTH_DATE`.
const headerKey = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const FIELD_BY_HEADER_KEY: ReadonlyMap<string, RecordField> = new Map(
  RECORD_FIELDS.flatMap((field) => {
    const { csv, alias } = CSV_COLUMNS[field];
    return [field, csv, alias].map((name) => [headerKey(name), field] as const);
  }),
);

/** The JSON field name a CSV header stands for, or null for an unknown header. */
export function canonicalField(header: string): RecordField | null {
  return FIELD_BY_HEADER_KEY.get(headerKey(header)) ?? null;
}

export interface HeaderMapping {
  fields: (RecordField | null)[];
  errors: RecordError[];
}

// A header cell holding a long run of digits is a data row read as a header: name the column, not its text,
// so a NIK in the first line is never echoed back.
const looksLikeData = (header: string): boolean => /\d{6,}/.test(header);
const MAX_ECHOED_HEADER = 100;

/**
 * Maps each column to its field (null = ignored). Blank header cells (trailing `;;` that Excel leaves) are ignored
 * without an error. When not a single header is known, the line is data or a different file: only the missing
 * columns are reported, so none of its (possibly personal) cells are echoed.
 */
export function mapHeader(headers: string[]): HeaderMapping {
  const fields: (RecordField | null)[] = [];
  const unknown: RecordError[] = [];
  const duplicates: RecordError[] = [];
  const nikHeaders: RecordError[] = [];
  const seen = new Set<RecordField>();
  headers.forEach((header, index) => {
    const text = header.replace(/^\uFEFF/, '').trim();
    const field = canonicalField(text);
    if (field !== null && seen.has(field)) duplicates.push(duplicateColumn(text, field));
    if (field === null && containsNikLike(text)) nikHeaders.push(nikInHeader(index));
    else if (field === null && text !== '') unknown.push(unknownColumn(text, index));
    fields.push(field !== null && !seen.has(field) ? field : null);
    if (field !== null) seen.add(field);
  });
  const missing = REQUIRED_RECORD_FIELDS.filter((field) => !seen.has(field)).map(missingColumn);
  // A NIK in the header is always named (by position), even when the line is data rather than a header.
  const errors = seen.size === 0 ? [...nikHeaders, ...missing] : [...nikHeaders, ...unknown, ...duplicates, ...missing];
  return { fields, errors };
}

function nikInHeader(index: number): RecordError {
  return {
    field: `column ${index + 1}`,
    code: 'CSV.NIK_IN_HEADER',
    message: `Header cell ${index + 1} holds a NIK (16 digits in a row); the first line must hold column names only, and a NIK belongs in the nik column.`,
  };
}

function unknownColumn(text: string, index: number): RecordError {
  if (looksLikeData(text)) {
    return {
      field: `column ${index + 1}`,
      code: 'CSV.UNKNOWN_COLUMN',
      message: 'Looks like data, not a column name; the first line must be the header.',
    };
  }
  return { field: text.slice(0, MAX_ECHOED_HEADER), code: 'CSV.UNKNOWN_COLUMN', message: 'Unknown column.' };
}

function duplicateColumn(text: string, field: RecordField): RecordError {
  return {
    field: text.slice(0, MAX_ECHOED_HEADER),
    code: 'CSV.DUPLICATE_COLUMN',
    message: `Another column already provides ${field}.`,
  };
}

function missingColumn(field: RecordField): RecordError {
  const { csv, alias } = CSV_COLUMNS[field];
  const names = csv === alias ? csv : `${csv} or ${alias}`;
  return { field, code: 'CSV.MISSING_COLUMN', message: `Required column is missing (${names}).` };
}

/** Splits one line on `delimiter` outside double quotes and unquotes the cells. Enough for a header line. */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"' && quoted && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}

const knownColumns = (line: string, delimiter: string): number =>
  splitLine(line, delimiter).filter((cell) => canonicalField(cell) !== null).length;

const countOutsideQuotes = (line: string, delimiter: string): number => splitLine(line, delimiter).length - 1;

/**
 * Indonesian Excel separates with `;` (the comma is its decimal mark), English Excel with `,`. The header decides:
 * whichever splits it into more known columns, else whichever occurs more often outside quotes; `,` on a tie.
 */
export function detectDelimiter(headerLine: string): ',' | ';' {
  const byKnown = knownColumns(headerLine, ';') - knownColumns(headerLine, ',');
  if (byKnown !== 0) return byKnown > 0 ? ';' : ',';
  return countOutsideQuotes(headerLine, ';') > countOutsideQuotes(headerLine, ',') ? ';' : ',';
}

// ---------------------------------------------------------------- cells

const RUPIAH_PREFIX = /^(?:rp\.?|idr)\s*/i;

/**
 * A whole-rupiah amount as Excel writes it, or null. `.` and `,` may each be the thousands or the decimal mark:
 * with both present the last one is the decimal mark; a lone mark followed by exactly three digits groups thousands
 * (`5.000` and `5,000` are five thousand); otherwise a lone mark starts a fraction, which must be zero.
 * Integer arithmetic only: the digits are joined and read as an integer, never through a float.
 */
export function parseAmount(text: string): number | null {
  const { negative, body } = splitSign(text.trim());
  if (!/^[\d.,]+$/.test(body)) return null;
  const parts = splitDecimal(body);
  if (parts === null || !/^0*$/.test(parts.fraction)) return null;
  const digits = joinThousands(parts.integer, parts.thousands);
  if (digits === null) return null;
  const value = Number(digits);
  return negative && value !== 0 ? -value : value;
}

function splitSign(text: string): { negative: boolean; body: string } {
  // The minus may stand before or after the currency: `-Rp 5.000`, `Rp -5.000`.
  let body = text;
  let negative = false;
  if (body.startsWith('-')) [negative, body] = [true, body.slice(1).trim()];
  body = body.replace(RUPIAH_PREFIX, '');
  if (!negative && body.startsWith('-')) [negative, body] = [true, body.slice(1).trim()];
  return { negative, body };
}

interface AmountParts {
  integer: string;
  fraction: string;
  thousands: '.' | ',' | null;
}

function splitDecimal(body: string): AmountParts | null {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const [decimal, thousands] = lastDot > lastComma ? (['.', ','] as const) : ([',', '.'] as const);
    const at = body.lastIndexOf(decimal);
    if (body.indexOf(decimal) !== at || at === body.length - 1) return null;
    return { integer: body.slice(0, at), fraction: body.slice(at + 1), thousands };
  }
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return { integer: body, fraction: '', thousands: null };
  const pieces = body.split(mark);
  if (pieces.length > 2 || isThousandsGroup(pieces)) return { integer: body, fraction: '', thousands: mark };
  // A decimal mark needs digits on both sides: `5.` and `.5` are typing errors.
  return pieces[1] === '' ? null : { integer: pieces[0], fraction: pieces[1], thousands: null };
}

// `5.000` or `12,500`: a lone mark with 1-3 leading digits (no leading zero) and exactly three after it.
const isThousandsGroup = ([head, tail]: string[]): boolean => /^[1-9]\d{0,2}$/.test(head) && /^\d{3}$/.test(tail);

function joinThousands(integer: string, thousands: '.' | ',' | null): string | null {
  if (thousands === null) return /^\d+$/.test(integer) ? integer : null;
  const groups = integer.split(thousands);
  const [head, ...rest] = groups;
  if (!/^\d{1,3}$/.test(head) || !rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

/** `YYYY-MM-DD`, or day first as Indonesians write it (`DD/MM/YYYY`, `D/M/YYYY`, `DD-MM-YYYY`); null if not real. */
export function parseDate(text: string): string | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isIsoDate(value) ? value : null;
  const match = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(value);
  if (match === null) return null;
  const [day, month, year] = [Number(match[1]), Number(match[3]), Number(match[4])];
  return isRealDate(year, month, day) ? `${match[4]}-${pad2(month)}-${pad2(day)}` : null;
}

/** `YYYY-MM`, also `MM/YYYY`, `M/YYYY`, `MM-YYYY` and `YYYY/MM`. Null if the month is not 1-12. */
export function parsePeriod(text: string): string | null {
  const value = text.trim();
  const yearFirst = /^(\d{4})[/-](\d{1,2})$/.exec(value);
  const monthFirst = /^(\d{1,2})[/-](\d{4})$/.exec(value);
  const [year, month] = yearFirst ? [yearFirst[1], yearFirst[2]] : monthFirst ? [monthFirst[2], monthFirst[1]] : [];
  if (year === undefined || month === undefined) return null;
  const monthNumber = Number(month);
  return monthNumber >= 1 && monthNumber <= 12 ? `${year}-${pad2(monthNumber)}` : null;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

// Excel drops the leading zero of `02`; condition codes are always two digits.
const parseCondition = (text: string): string => (/^\d$/.test(text) ? `0${text}` : text);

// The English codes and their Indonesian names (angsuran = instalments, rekening koran = current-account credit).
const FACILITY_ALIASES: ReadonlyMap<string, FacilityType> = new Map([
  ['INSTALLMENT', FacilityType.INSTALLMENT],
  ['ANGSURAN', FacilityType.INSTALLMENT],
  ['REVOLVING', FacilityType.REVOLVING],
  ['REKENINGKORAN', FacilityType.REVOLVING],
]);

// Unknown values pass through unchanged, so validateRecord reports them with the list of allowed values.
const parseFacilityType = (text: string): string =>
  FACILITY_ALIASES.get(text.toUpperCase().replace(/[\s_-]+/g, '')) ?? text;

// Counts are plain digits; a minus passes so that validateRecord can give its range error.
const parseCount = (text: string): number | null => (/^-?\d+$/.test(text) ? Number(text) || 0 : null);

// ---------------------------------------------------------------- row

type CellParser = (text: string) => unknown;
const asIs: CellParser = (text) => text;

const CELL_PARSERS: ReadonlyMap<string, CellParser> = new Map<RecordField, CellParser>([
  ['nik', asIs],
  ['fullName', asIs],
  ['birthDate', parseDate],
  ['loanRef', asIs],
  ['facilityType', parseFacilityType],
  ['principal', parseAmount],
  ['creditLimit', parseAmount],
  ['disbursedAt', parseDate],
  ['maturityDate', parseDate],
  ['condition', parseCondition],
  ['period', parsePeriod],
  ['outstanding', parseAmount],
  ['arrearsPrincipal', parseAmount],
  ['arrearsInterest', parseAmount],
  ['daysPastDue', parseCount],
  ['paidAmount', parseAmount],
  ['restructureCount', parseCount],
]);

function formatMessage(parser: CellParser): string {
  if (parser === parseAmount) return 'Not a whole rupiah amount (write 5000000 or 5.000.000).';
  if (parser === parseDate) return 'Not a real date (write YYYY-MM-DD or DD/MM/YYYY).';
  if (parser === parsePeriod) return 'Not a month (write YYYY-MM or MM/YYYY).';
  return 'Not a whole number.';
}

const NIK_OUTSIDE_CELL = 'Must not contain a NIK (16 digits in a row); a NIK belongs only in the nik column.';

export interface CsvCells {
  raw: Record<string, unknown>;
  errors: RecordError[];
}

/**
 * Builds the raw record from one row. Blank cells are left out (validateRecord then reports a required one as
 * missing); a cell that cannot be read gets a RECORD.FORMAT error and is left out too, so that validateRecord does
 * not judge it again. validateCsvRow joins the two error lists, naming each field once.
 */
export function csvCellsToRaw(fields: (string | null)[], cells: string[]): CsvCells {
  const raw: Record<string, unknown> = {};
  const errors: RecordError[] = [];
  fields.forEach((field, index) => {
    const parser = field === null ? undefined : CELL_PARSERS.get(field);
    const text = (cells[index] ?? '').trim();
    // A NIK outside the nik column (a name, a loan reference, even an ignored column) is refused, never stored.
    if (field !== 'nik' && containsNikLike(text)) {
      errors.push({
        field: field ?? `column ${index + 1}`,
        code: 'RECORD.NIK_OUTSIDE_NIK_FIELD',
        message: NIK_OUTSIDE_CELL,
      });
      return;
    }
    if (field === null || parser === undefined || text === '') return;
    const value = parser(text);
    if (value === null) errors.push({ field, code: 'RECORD.FORMAT', message: formatMessage(parser) });
    else raw[field] = value;
  });
  return { raw, errors };
}

const FIELD_ORDER: ReadonlyMap<string, number> = new Map(RECORD_FIELDS.map((field, index) => [field, index]));
const fieldOrder = (error: RecordError): number => FIELD_ORDER.get(error.field) ?? RECORD_FIELDS.length;

/**
 * validateRecord for a CSV row: a cell that could not be read was left out of `raw`, so validateRecord would call
 * a required one missing; that second error is dropped, and the row is refused even when the bad cell was optional.
 * Errors come back in field order, each field named once.
 */
export function validateCsvRow(
  row: { raw: Record<string, unknown> | null; errors: RecordError[] },
  today: Date,
): RecordValidation {
  if (row.raw === null) return { record: null, errors: row.errors };
  const validation = validateRecord(row.raw, today);
  const unreadable = new Set(row.errors.map((error) => error.field));
  const errors = [...row.errors, ...validation.errors.filter((error) => !unreadable.has(error.field))];
  errors.sort((a, b) => fieldOrder(a) - fieldOrder(b));
  return { record: errors.length === 0 ? validation.record : null, errors };
}
