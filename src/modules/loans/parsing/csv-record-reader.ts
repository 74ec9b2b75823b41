/**
 * Streams a CSV upload into raw records, one row at a time: memory stays flat however large the file is, because
 * rows are handed on as they are parsed and backpressure reaches back to the input. Pure of Nest and the database.
 */
import { TextDecoder } from 'node:util';
import { CsvError, Parser, parse } from 'csv-parse';
import { csvCellsToRaw, detectDelimiter, mapHeader } from './record-csv';
import { FieldNames, Message, RecordError } from './submission-record';

export type CsvFileErrorCode =
  'CSV.EMPTY' | 'CSV.NOT_TEXT' | 'CSV.HEADER' | 'CSV.MALFORMED' | 'CSV.EXCEL_WORKBOOK' | 'CSV.ARCHIVE';

/** The file as a whole cannot be read; no row of it should be applied. `message` is English, `messageId` Indonesian. */
export class CsvFileError extends Error {
  readonly messageId: string;

  constructor(
    readonly code: CsvFileErrorCode,
    text: Message,
    readonly errors: RecordError[] = [],
    readonly line?: number,
    /** For a header that does not match: its columns as written, to name them in the errors. */
    readonly names?: FieldNames,
  ) {
    super(text.en);
    this.messageId = text.id;
    this.name = 'CsvFileError';
  }
}

/**
 * `line` is the row number Excel shows (header = 1, blank lines counted); `raw` is null for a ragged row; `names`
 * names each field as the file's header wrote it (the same function for every row of a file).
 */
export interface CsvRow {
  line: number;
  raw: Record<string, unknown> | null;
  errors: RecordError[];
  names: FieldNames;
}

export interface ReadCsvOptions {
  /** Resumes an interrupted job: rows up to and including this line are parsed but not yielded. */
  startAfterLine?: number;
}

// No header line this long is real; stop buffering instead of reading a whole one-line file into memory.
const MAX_HEADER_CHARS = 64 * 1024;
// Bounds one row, so that a stray quote cannot swallow the rest of the file into a single growing cell.
const MAX_RECORD_CHARS = 64 * 1024;
// The parser gets at most this much text at a time, so that the rows waiting to be yielded stay few even when the
// caller hands over the whole file as one string.
const MAX_SLICE_CHARS = 64 * 1024;

/**
 * Yields the data rows of a CSV upload with their Excel line numbers. Throws CsvFileError for a file that cannot be
 * read at all: CSV.EMPTY (also a header without rows), CSV.NOT_TEXT, CSV.HEADER (before any row) or CSV.MALFORMED (after the rows before it).
 * Each row still needs validateCsvRow.
 */
export async function* readCsvRows(
  input: AsyncIterable<Buffer | string>,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvRow> {
  const text = decodeUtf8(refuseBinaryFormats(input));
  try {
    const head = await readHead(text);
    const records = parseRecords(detectDelimiter(head.headerLine), prepend(head.text, text));
    yield* toRows(records, options.startAfterLine ?? 0);
  } finally {
    // Stops reading the input (and lets it close) when the caller stops early or the file is refused.
    await text.return(undefined);
  }
}

// ---------------------------------------------------------------- binary formats

const XLSX_MESSAGE: Message = {
  en: 'Excel workbooks (.xlsx) are not supported yet: save the sheet as CSV UTF-8 (Save As > CSV UTF-8 (Comma delimited)) and upload that file.',
  id: 'Berkas Excel (.xlsx) belum didukung: simpan sebagai CSV UTF-8 (Simpan Sebagai > CSV UTF-8 (Dipisahkan koma)) lalu unggah berkas itu.',
};
const XLS_MESSAGE: Message = {
  en: 'Old Excel workbooks (.xls) are not supported: save the sheet as CSV UTF-8 (Save As > CSV UTF-8 (Comma delimited)) and upload that file.',
  id: 'Berkas Excel lama (.xls) tidak didukung: simpan sebagai CSV UTF-8 (Simpan Sebagai > CSV UTF-8 (Dipisahkan koma)) lalu unggah berkas itu.',
};
const ZIP_MESSAGE: Message = {
  en: 'The file is a compressed ZIP archive, not CSV: extract it and upload the CSV file inside, or save the sheet from Excel as CSV UTF-8.',
  id: 'Berkas ini arsip ZIP terkompresi, bukan CSV: ekstrak dulu lalu unggah berkas CSV di dalamnya, atau simpan lembar kerja dari Excel sebagai CSV UTF-8.',
};

// Enough of the start to see a ZIP's first entry name ([Content_Types].xml or xl/... in a workbook).
const SNIFF_BYTES = 512;
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** What the first bytes of an upload say it is, when it is a format we recognise and refuse. Pure. */
export function binaryFormatOf(head: Buffer): 'xlsx' | 'xls' | 'zip' | null {
  if (head.subarray(0, 8).equals(OLE2_MAGIC)) return 'xls';
  if (!ZIP_MAGIC.some((magic) => head.subarray(0, 4).equals(magic))) return null;
  const names = head.subarray(0, SNIFF_BYTES).toString('latin1');
  return /\[Content_Types\]\.xml|xl\/|docProps\//.test(names) ? 'xlsx' : 'zip';
}

/**
 * Passes the input through unchanged after looking at its first bytes: an Excel workbook or a ZIP archive is
 * refused as a whole with advice (Indonesian first), instead of the "not UTF-8 text" that its bytes would earn.
 */
async function* refuseBinaryFormats(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  let head = Buffer.alloc(0);
  let sniffed = false;
  for await (const chunk of input) {
    if (sniffed || typeof chunk === 'string') {
      if (!sniffed && head.length > 0) {
        checkHead(head);
        yield head;
      }
      sniffed = true;
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < SNIFF_BYTES) continue;
    sniffed = true;
    checkHead(head);
    yield head;
  }
  if (!sniffed && head.length > 0) {
    checkHead(head);
    yield head;
  }
}

function checkHead(head: Buffer): void {
  const format = binaryFormatOf(head);
  if (format === 'xlsx') throw new CsvFileError('CSV.EXCEL_WORKBOOK', XLSX_MESSAGE);
  if (format === 'xls') throw new CsvFileError('CSV.EXCEL_WORKBOOK', XLS_MESSAGE);
  if (format === 'zip') throw new CsvFileError('CSV.ARCHIVE', ZIP_MESSAGE);
}

// ---------------------------------------------------------------- text

/** UTF-8 only: a NUL byte or an invalid sequence means a binary file or a legacy encoding, which we refuse. */
async function* decodeUtf8(input: AsyncIterable<Buffer | string>): AsyncGenerator<string, void, undefined> {
  // ignoreBOM keeps a BOM in the text: readHead strips it once, at the very start only.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? decode(decoder) + chunk : decode(decoder, chunk);
    if (text !== '') yield assertText(text);
  }
  const tail = decode(decoder);
  if (tail !== '') yield assertText(tail);
}

function decode(decoder: TextDecoder, bytes?: Uint8Array): string {
  try {
    // Without bytes this flushes: a sequence cut off at the end of the input is an error too.
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch {
    throw notText();
  }
}

function assertText(text: string): string {
  if (text.includes('\0')) throw notText();
  return text;
}

const notText = (): CsvFileError =>
  new CsvFileError('CSV.NOT_TEXT', {
    en: 'The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".',
    id: 'Berkas bukan teks UTF-8. Di Excel, simpan sebagai "CSV UTF-8".',
  });

interface Head {
  text: string;
  headerLine: string;
}

/** Buffers the start of the file until its first non-blank line is complete, to choose the delimiter. */
async function readHead(text: AsyncIterator<string>): Promise<Head> {
  let buffered = '';
  for (;;) {
    const headerLine = firstNonBlankLine(buffered, false);
    if (headerLine !== null) return { text: buffered, headerLine };
    if (buffered.length > MAX_HEADER_CHARS) {
      throw new CsvFileError(
        'CSV.HEADER',
        {
          en: 'The first line is too long to be a header line.',
          id: 'Baris pertama terlalu panjang untuk baris judul kolom.',
        },
        [],
        1,
      );
    }
    const next = await text.next();
    if (next.done) break;
    buffered = buffered === '' ? next.value.replace(/^\uFEFF/, '') : buffered + next.value;
  }
  const headerLine = firstNonBlankLine(buffered, true);
  if (headerLine === null) throw new CsvFileError('CSV.EMPTY', { en: 'The file is empty.', id: 'Berkas kosong.' });
  return { text: buffered, headerLine };
}

/** The first line holding more than whitespace; `atEnd` says whether an unterminated last line counts. */
function firstNonBlankLine(text: string, atEnd: boolean): string | null {
  const lines = text.split(/\r\n|\n|\r/);
  if (!atEnd) lines.pop();
  return lines.find((line) => line.trim() !== '') ?? null;
}

async function* prepend(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Cuts text into slices of at most MAX_SLICE_CHARS, never between the two halves of a surrogate pair. */
function* slices(text: string): Generator<string> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + MAX_SLICE_CHARS, text.length);
    const code = text.charCodeAt(end);
    if (end < text.length && code >= 0xdc00 && code <= 0xdfff) end--;
    yield text.slice(at, end);
    at = end;
  }
}

// ---------------------------------------------------------------- records

interface ParsedRecord {
  cells: string[];
  line: number;
}

/**
 * Pull-driven parsing: one slice is written, the records it completed are yielded, and only then is the next
 * slice read. So memory holds one slice and its rows, and the caller's pace reaches back to the input.
 */
async function* parseRecords(delimiter: ',' | ';', text: AsyncIterable<string>): AsyncGenerator<ParsedRecord> {
  const parsed: ParsedRecord[] = [];
  const parser = createParser(delimiter, parsed);
  try {
    for await (const chunk of text) {
      for (const slice of slices(chunk)) yield* feed(parser, slice, parsed);
    }
    yield* feed(parser, null, parsed);
  } finally {
    parser.destroy();
  }
}

function createParser(delimiter: ',' | ';', parsed: ParsedRecord[]): Parser {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // Explicit, because auto-detection locks onto the first ending and a file may mix \r\n and \n.
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_CHARS,
    // Records are taken as they are parsed, not from the readable side: a parse error then cannot discard the rows
    // parsed before it. Excel shows every record and every empty line as a row (a quoted line break stays inside).
    on_record: (cells, context) => {
      parsed.push({ cells, line: context.records + context.empty_lines });
      return null;
    },
  });
  parser.on('error', () => undefined); // errors arrive through the write callbacks in feed()
  return parser;
}

/** Writes one slice (null = end of input), then yields the records it completed; a parse error comes after them. */
async function* feed(parser: Parser, slice: string | null, parsed: ParsedRecord[]): AsyncGenerator<ParsedRecord> {
  const failure = await new Promise<Error | null>((resolve) => {
    const done = (error?: Error | null): void => resolve(error ?? null);
    if (slice === null) parser.end(done);
    else parser.write(slice, done);
  });
  yield* parsed.splice(0);
  if (failure !== null) throw toFileError(failure);
}

// ---------------------------------------------------------------- rows

async function* toRows(records: AsyncIterable<ParsedRecord>, startAfterLine: number): AsyncGenerator<CsvRow> {
  let fields: (string | null)[] | null = null;
  let names: FieldNames = () => '';
  let headerLine = 0;
  let dataRows = 0;
  for await (const { cells, line } of records) {
    if (cells.every(isBlank)) continue; // `;;;;` rows that Excel leaves behind deleted content
    if (fields === null) {
      ({ fields, names } = headerFields(cells, line));
      headerLine = line;
    } else {
      dataRows++;
      if (line > startAfterLine) yield toRow(fields, names, cells, line);
    }
  }
  if (fields === null) {
    throw new CsvFileError('CSV.EMPTY', {
      en: 'The file has no header line.',
      id: 'Berkas tidak punya baris judul kolom.',
    });
  }
  // Otherwise the submission would end REJECTED with not a single error to say why.
  if (dataRows === 0) {
    const text = {
      en: 'The file has a header line but no rows.',
      id: 'Berkas hanya berisi baris judul kolom, tanpa baris data.',
    };
    throw new CsvFileError('CSV.EMPTY', text, [], headerLine);
  }
}

const isBlank = (cell: string): boolean => cell.trim() === '';

function headerFields(cells: string[], line: number): { fields: (string | null)[]; names: FieldNames } {
  const { fields, names, errors } = mapHeader(cells);
  if (errors.length > 0) {
    const text = {
      en: 'The header line does not match the submission columns.',
      id: 'Baris judul kolom tidak cocok dengan kolom pengiriman (lihat templat).',
    };
    throw new CsvFileError('CSV.HEADER', text, errors, line, names);
  }
  return { fields, names };
}

function toRow(fields: (string | null)[], names: FieldNames, cells: string[], line: number): CsvRow {
  // Cells beyond the header are tolerated when empty: spreadsheets often write a trailing delimiter.
  if (cells.length < fields.length || !cells.slice(fields.length).every(isBlank)) {
    const error = {
      field: 'row',
      code: 'CSV.COLUMN_COUNT',
      message: `Has ${cells.length} cells; the header has ${fields.length} columns.`,
      messageId: `Berisi ${cells.length} sel; baris judul punya ${fields.length} kolom.`,
    };
    return { line, raw: null, errors: [error], names };
  }
  return { line, ...csvCellsToRaw(fields, cells, names), names };
}

const MALFORMED_MESSAGES: Readonly<Record<string, Message>> = {
  CSV_QUOTE_NOT_CLOSED: { en: 'a quoted cell is never closed.', id: 'sel bertanda kutip tidak pernah ditutup.' },
  CSV_MAX_RECORD_SIZE: {
    en: 'the row is too long; a quote is probably missing.',
    id: 'baris terlalu panjang; mungkin ada tanda kutip yang kurang.',
  },
};
const NOT_CSV: Message = { en: 'the file is not valid CSV.', id: 'berkas bukan CSV yang benar.' };

/** csv-parse errors become CSV.MALFORMED with the row where the broken record starts; no cell is quoted. */
function toFileError(error: Error): Error {
  if (!(error instanceof CsvError)) return error;
  const records = typeof error.records === 'number' ? error.records : 0;
  const emptyLines = typeof error.empty_lines === 'number' ? error.empty_lines : 0;
  const line = records + emptyLines + 1;
  const detail = MALFORMED_MESSAGES[error.code] ?? NOT_CSV;
  return new CsvFileError(
    'CSV.MALFORMED',
    { en: `Line ${line}: ${detail.en}`, id: `Baris ${line}: ${detail.id}` },
    [],
    line,
  );
}
