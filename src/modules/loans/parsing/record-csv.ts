/**
 * From CSV cells to the raw object that validateRecord takes. Cells arrive as Indonesian (or English) Excel writes
 * them: `5.000.000,00`, `31/12/2024`, `2` for condition `02`. Everything is turned into the JSON types here, so one
 * validator serves both upload paths. Pure; messages never carry a cell's value.
 */
import {
  FacilityType,
  FieldNames,
  Message,
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
  /** Each field as the file's header wrote it; a field the file lacks in the file's language (alias or CSV name). */
  names: FieldNames;
  errors: RecordError[];
}

/** Names as the template writes them: the Indonesian aliases, or the English CSV headers. */
export const columnNamesIn =
  (lang: 'id' | 'en'): FieldNames =>
  (field) =>
    lang === 'id' ? CSV_COLUMNS[field].alias : CSV_COLUMNS[field].csv;

const INDONESIAN_KEYS: ReadonlySet<string> = new Set(
  RECORD_FIELDS.filter((f) => CSV_COLUMNS[f].alias !== CSV_COLUMNS[f].csv).map((f) => headerKey(CSV_COLUMNS[f].alias)),
);

/** The header's own spelling of each column it names; the others in the language most of its headers are in. */
function namesOf(headers: string[], fields: (RecordField | null)[]): FieldNames {
  const written = new Map<RecordField, string>();
  let indonesian = 0;
  let other = 0;
  fields.forEach((field, index) => {
    if (field === null) return;
    const text = headers[index].replace(/^\uFEFF/, '').trim();
    written.set(field, text.slice(0, MAX_ECHOED_HEADER));
    if (INDONESIAN_KEYS.has(headerKey(text))) indonesian++;
    else if (CSV_COLUMNS[field].alias !== CSV_COLUMNS[field].csv) other++;
  });
  const fallback = columnNamesIn(indonesian > other ? 'id' : 'en');
  return (field) => written.get(field) ?? fallback(field);
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
  const names = namesOf(headers, fields);
  const missing = REQUIRED_RECORD_FIELDS.filter((field) => !seen.has(field)).map(missingColumn);
  // A NIK in the header is always named (by position), even when the line is data rather than a header.
  const errors = seen.size === 0 ? [...nikHeaders, ...missing] : [...nikHeaders, ...unknown, ...duplicates, ...missing];
  return { fields, names, errors };
}

function nikInHeader(index: number): RecordError {
  return {
    field: `column ${index + 1}`,
    code: 'CSV.NIK_IN_HEADER',
    message: `Header cell ${index + 1} holds a NIK (16 digits in a row); the first line must hold column names only, and a NIK belongs in the nik column.`,
    messageId: `Judul kolom ke-${index + 1} berisi NIK (16 angka berturut-turut); baris pertama hanya boleh berisi judul kolom, dan NIK hanya boleh di kolom nik.`,
  };
}

function unknownColumn(text: string, index: number): RecordError {
  if (looksLikeData(text)) {
    return {
      field: `column ${index + 1}`,
      code: 'CSV.UNKNOWN_COLUMN',
      message: 'Looks like data, not a column name; the first line must be the header.',
      messageId: 'Tampak seperti data, bukan judul kolom; baris pertama harus berisi judul kolom.',
    };
  }
  return {
    field: text.slice(0, MAX_ECHOED_HEADER),
    code: 'CSV.UNKNOWN_COLUMN',
    message: 'Unknown column.',
    messageId: 'Judul kolom tidak dikenal.',
  };
}

function duplicateColumn(text: string, field: RecordField): RecordError {
  const { csv, alias } = CSV_COLUMNS[field];
  return {
    field: text.slice(0, MAX_ECHOED_HEADER),
    code: 'CSV.DUPLICATE_COLUMN',
    message: `Another column already provides ${field} (${csv === alias ? csv : `${csv} or ${alias}`}).`,
    messageId: `Kolom lain sudah berisi data ini (${csv === alias ? alias : `${alias} atau ${csv}`}); hapus salah satunya.`,
  };
}

function missingColumn(field: RecordField): RecordError {
  const { csv, alias } = CSV_COLUMNS[field];
  return {
    field,
    code: 'CSV.MISSING_COLUMN',
    message: `Required column is missing (${csv === alias ? csv : `${csv} or ${alias}`}).`,
    messageId: `Kolom wajib tidak ada (${csv === alias ? alias : `${alias} atau ${csv}`}).`,
  };
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

// Month names and abbreviations as Indonesian and English Excel write them (`Okt-25`, `Oct-25`, `Agt`, `Sept`).
const MONTHS: readonly (readonly string[])[] = [
  ['jan', 'januari', 'january'],
  ['feb', 'februari', 'february', 'pebruari'],
  ['mar', 'maret', 'march'],
  ['apr', 'april'],
  ['mei', 'may'],
  ['jun', 'juni', 'june'],
  ['jul', 'juli', 'july'],
  ['agu', 'agt', 'ags', 'aug', 'agustus', 'august'],
  ['sep', 'sept', 'september'],
  ['okt', 'oct', 'oktober', 'october'],
  ['nov', 'nop', 'november', 'nopember'],
  ['des', 'dec', 'desember', 'december'],
];
const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/**
 * A month as Indonesian or English Excel writes one back once it has turned the cell into a date, or null:
 * `YYYY-MM`, `MM/YYYY`, `M/YYYY`, `MM-YYYY`, `YYYY/MM`; a whole date (`DD/MM/YYYY`, `D/M/YYYY`, `YYYY-MM-DD`),
 * whose month is taken; a month name or abbreviation in either language with a two- or four-digit year (`Okt-25`,
 * `nov-26`, `Nov-2026`, `November 2026`). Anything else is refused rather than guessed: `13/2025`, `Foo-25`, `11/26`.
 */
export function parsePeriod(text: string): string | null {
  const value = text.trim();
  const numeric = numericPeriod(value);
  if (numeric !== undefined) return numeric;
  const named = /^([a-z]+)\.?[\s/-]+('?)(\d{2}|\d{4})$/i.exec(value);
  if (named === null) return null;
  const month = MONTH_BY_NAME.get(named[1].toLowerCase());
  if (month === undefined) return null;
  // Two-digit years are this century's: a period is never after the current month, nor before 2000 in practice.
  const year = named[3].length === 2 ? `20${named[3]}` : named[3];
  return `${year}-${pad2(month)}`;
}

/** The all-digit forms; undefined when the text is not one of them (null when it is, but not a real month). */
function numericPeriod(value: string): string | null | undefined {
  const yearFirst = /^(\d{4})[/-](\d{1,2})$/.exec(value);
  const monthFirst = /^(\d{1,2})[/-](\d{4})$/.exec(value);
  if (yearFirst || monthFirst) {
    const [year, month] = yearFirst ? [yearFirst[1], yearFirst[2]] : [monthFirst![2], monthFirst![1]];
    const monthNumber = Number(month);
    return monthNumber >= 1 && monthNumber <= 12 ? `${year}-${pad2(monthNumber)}` : null;
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/-]\d{1,2}[/-]\d{4}$/.test(value)) {
    const iso = /^\d{4}-\d{1,2}-\d{1,2}$/.test(value)
      ? parseDate(value.replace(/-(\d)(?=-|$)/g, '-0$1'))
      : parseDate(value);
    return iso === null ? null : iso.slice(0, 7);
  }
  return undefined;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * A NIK that Excel turned into a number in a General-format cell: shown in scientific notation (`3,37501E+15`,
 * `3.37501E+15`), with thousands separators, or as 16 digits whose last was zeroed (Excel keeps 15 significant
 * digits), which leaves the serial `0000` that no NIK has. The NIK itself is lost either way.
 */
export function nikChangedByExcel(text: string): 'scientific' | 'zeroed' | null {
  const value = text.trim();
  if (/^\d(?:[.,]\d+)?e\+?\d{1,2}$/i.test(value)) return 'scientific';
  if (/^\d([.,])\d{3}(?:\1\d{3}){4}(?:[.,]0+)?$/.test(value)) return 'zeroed';
  if (/^\d{12}0000(?:[.,]0+)?$/.test(value)) return 'zeroed';
  return null;
}

const EXCEL_NIK_ADVICE: Message = {
  en: 'Format the NIK column as Text (Format Cells > Text), then type or paste the NIK again.',
  id: 'Format kolom NIK sebagai Teks (Format Cells > Text) lalu ketik ulang atau tempel NIK-nya.',
};
const EXCEL_NIK_CAUSE: Readonly<Record<'scientific' | 'zeroed', Message>> = {
  scientific: { en: 'written in scientific notation, E+15', id: 'ditulis dalam notasi ilmiah, E+15' },
  zeroed: {
    en: 'its last digit turned into 0: Excel keeps only 15 digits',
    id: 'digit terakhirnya menjadi 0: Excel hanya menyimpan 15 digit',
  },
};

function excelNikError(how: 'scientific' | 'zeroed'): RecordError {
  return {
    field: 'nik',
    code: 'NIK.CHANGED_BY_EXCEL',
    message: `Excel changed the NIK into a number (${EXCEL_NIK_CAUSE[how].en}). ${EXCEL_NIK_ADVICE.en}`,
    messageId: `NIK diubah oleh Excel menjadi angka (${EXCEL_NIK_CAUSE[how].id}). ${EXCEL_NIK_ADVICE.id}`,
  };
}

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

// The advice matches the template and API.md: both ways of writing an amount are accepted, with or without ,00.
function formatMessage(parser: CellParser): Message {
  if (parser === parseAmount) {
    return {
      en: 'Not a whole rupiah amount: write 5000000 or 5.000.000,00 (no cents other than ,00).',
      id: 'Bukan jumlah rupiah utuh: tulis 5000000 atau 5.000.000,00 (tanpa sen selain ,00).',
    };
  }
  if (parser === parseDate) {
    return {
      en: 'Not a real date: write DD/MM/YYYY (31/12/2024) or YYYY-MM-DD.',
      id: 'Bukan tanggal yang benar: tulis DD/MM/YYYY (31/12/2024) atau YYYY-MM-DD.',
    };
  }
  if (parser === parsePeriod) {
    return {
      en: 'Not a month: write MM/YYYY (10/2025), YYYY-MM or Oct-25; a whole date such as 01/10/2025 counts as its month.',
      id: 'Bukan bulan yang dikenali: tulis MM/YYYY (10/2025), YYYY-MM atau Okt-25; tanggal lengkap seperti 01/10/2025 dihitung bulannya.',
    };
  }
  return { en: 'Not a whole number.', id: 'Bukan bilangan bulat.' };
}

const NIK_OUTSIDE_CELL = (names: FieldNames): Message => ({
  en: `Must not contain a NIK (16 digits in a row); a NIK belongs only in the ${names('nik')} column.`,
  id: `Tidak boleh berisi NIK (16 angka berturut-turut); NIK hanya boleh di kolom ${names('nik')}.`,
});

export interface CsvCells {
  raw: Record<string, unknown>;
  errors: RecordError[];
}

/**
 * Builds the raw record from one row. Blank cells are left out (validateRecord then reports a required one as
 * missing); a cell that cannot be read gets a RECORD.FORMAT error and is left out too, so that validateRecord does
 * not judge it again. validateCsvRow joins the two error lists, naming each field once.
 */
export function csvCellsToRaw(
  fields: (string | null)[],
  cells: string[],
  names: FieldNames = columnNamesIn('en'),
): CsvCells {
  const raw: Record<string, unknown> = {};
  const errors: RecordError[] = [];
  fields.forEach((field, index) => {
    const parser = field === null ? undefined : CELL_PARSERS.get(field);
    const text = (cells[index] ?? '').trim();
    // A NIK outside the nik column (a name, a loan reference, even an ignored column) is refused, never stored.
    if (field !== 'nik' && containsNikLike(text)) {
      const message = NIK_OUTSIDE_CELL(names);
      errors.push({
        field: field ?? `column ${index + 1}`,
        code: 'RECORD.NIK_OUTSIDE_NIK_FIELD',
        message: message.en,
        messageId: message.id,
      });
      return;
    }
    if (field === null || parser === undefined || text === '') return;
    const excel = field === 'nik' ? nikChangedByExcel(text) : null;
    if (excel !== null) {
      errors.push(excelNikError(excel));
      return;
    }
    const value = parser(text);
    if (value === null) {
      const message = formatMessage(parser);
      errors.push({ field, code: 'RECORD.FORMAT', message: message.en, messageId: message.id });
    } else raw[field] = value;
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
  names: FieldNames = columnNamesIn('en'),
): RecordValidation {
  if (row.raw === null) return { record: null, errors: row.errors };
  const validation = validateRecord(row.raw, today, names);
  const unreadable = new Set(row.errors.map((error) => error.field));
  const errors = [...row.errors, ...validation.errors.filter((error) => !unreadable.has(error.field))];
  errors.sort((a, b) => fieldOrder(a) - fieldOrder(b));
  return { record: errors.length === 0 ? validation.record : null, errors };
}
