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

// The server's Indonesian Excel form (?lang=id, issue 18): `;`, a BOM, Indonesian headers and messages, `kolom` the
// column as the coop's file wrote it, `no_rekening` the row's loan when it could be read, `field_api` the API field. Its headers, by the English one each stands for.
const INDONESIAN: Record<string, string> = {
  baris: 'row',
  field_api: 'field',
  kolom: 'column',
  kode: 'code',
  pesan: 'message',
  no_rekening: 'loanRef',
};

/** The language of the messages in a rejected-rows CSV: 'id' for the server's Indonesian form. */
export function rejectedRowsLanguage(text: string): 'id' | 'en' {
  return /^\uFEFF?baris;/.test(text) ? 'id' : 'en';
}

/**
 * The API's rejected-rows CSV as objects: the default form (row, field, code, message, comma) or the Indonesian
 * one; columns found by their header, the separator by the header line.
 */
export function parseRejectedRows(text: string): RejectedRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header, ...rows] = parseCsv(text, separator).filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  const names = header.map((h) => INDONESIAN[h] ?? h);
  const at = COLUMNS.map((name) => names.indexOf(name));
  const columnAt = names.indexOf('column');
  const loanRefAt = names.indexOf('loanRef');
  return rows.map((r) => ({
    row: Number(r[at[0]] ?? 0),
    field: r[at[1]] ?? '',
    ...(columnAt >= 0 && r[columnAt] ? { column: r[columnAt] } : {}),
    ...(loanRefAt >= 0 && r[loanRefAt] ? { loanRef: r[loanRefAt] } : {}),
    code: r[at[2]] ?? '',
    message: r[at[3]] ?? '',
  }));
}

/**
 * Rejected rows in the reader's order: by row, then by column in the template's order (`fieldOrder`), unknown fields
 * after the known ones; otherwise as the server listed them (the sort is stable).
 */
export function sortRejectedRows(rows: RejectedRow[], fieldOrder: readonly string[]): RejectedRow[] {
  const rank = (field: string) => {
    const i = fieldOrder.indexOf(field);
    return i < 0 ? fieldOrder.length : i;
  };
  return [...rows].sort((a, b) => a.row - b.row || rank(a.field) - rank(b.field));
}

/** The rejected rows to download: UTF-8 with a BOM so Excel reads it as UTF-8, CRLF line ends. */
export function rejectedRowsCsv(rows: RejectedRow[], separator = ','): string {
  return '\uFEFF' + toCsv([[...COLUMNS], ...rows.map((r) => [r.row, r.field, r.code, r.message])], separator);
}
