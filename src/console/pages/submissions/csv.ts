import type { RejectedRow } from './types';

// Pure CSV helpers (no DOM): reading the rejected rows the API sends, writing the file the submitter downloads.

/** Rows of an RFC 4180 CSV: quoted fields, doubled quotes, separators and line breaks inside quotes, CRLF or LF. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Text from an uploaded file (a header cell) could start a formula when Excel opens the download.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field, quoted when it holds the separator, a quote or a line break; text that would start a formula gets a leading '. */
export function csvField(value: string | number, separator = ','): string {
  const s = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: (string | number)[][], separator = ','): string {
  return rows.map((r) => r.map((v) => csvField(v, separator)).join(separator) + '\r\n').join('');
}

const COLUMNS = ['row', 'field', 'code', 'message'] as const;

/** The API's rejected-rows CSV (header row, field, code, message) as objects; columns found by their header. */
export function parseRejectedRows(text: string): RejectedRow[] {
  const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  const at = COLUMNS.map((name) => header.indexOf(name));
  return rows.map((r) => ({
    row: Number(r[at[0]] ?? 0),
    field: r[at[1]] ?? '',
    code: r[at[2]] ?? '',
    message: r[at[3]] ?? '',
  }));
}

/** The rejected rows to download: UTF-8 with a BOM so Excel reads it as UTF-8, CRLF line ends. */
export function rejectedRowsCsv(rows: RejectedRow[], separator = ','): string {
  return '\uFEFF' + toCsv([[...COLUMNS], ...rows.map((r) => [r.row, r.field, r.code, r.message])], separator);
}
