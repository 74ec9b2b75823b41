/**
 * The one rule for NIKs outside NIK fields: a run of exactly 16 digits (a NIK's length) anywhere else in a request,
 * a log line or an error message. Requests carrying one are refused with a 400 naming the field; text that is
 * written out (log lines, messages) has it replaced. Deliberately strict: a reference or key that happens to hold 16
 * digits in a row is refused too, which costs the client a new value and never leaks a borrower's id.
 */
const NIK_RUN = /(?<!\d)\d{16}(?!\d)/;
const NIK_RUN_GLOBAL = /(?<!\d)\d{16}(?!\d)/g;

export const NIK_REDACTED = '[NIK]';

/** The field names that carry a NIK on purpose: `nik` itself and the items of a `niks` list. */
export function isNikField(path: string): boolean {
  return /(^|\.)nik$/.test(path) || /(^|\.)niks\[\d+\]$/.test(path);
}

export function containsNikLike(text: string): boolean {
  return NIK_RUN.test(text);
}

/** The text with every NIK-like run replaced; for log lines and error messages. */
export function redactNikLike(text: string): string {
  return text.replace(NIK_RUN_GLOBAL, NIK_REDACTED);
}

/**
 * Each valid %XX decoded byte by byte, the rest left as it is: a malformed sequence elsewhere in the text
 * (`%zz&nik=%33%33...`, which decodeURIComponent gives up on whole) cannot hide encoded digits. Digits are ASCII, so
 * nothing more is needed to see them.
 */
export function lenientlyDecoded(text: string): string {
  return text.includes('%')
    ? text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** A URL or query value may be percent-encoded (`%33%33...`); look at what it decodes to as well. */
export function urlContainsNikLike(url: string): boolean {
  return containsNikLike(url) || containsNikLike(lenientlyDecoded(url));
}

export const NIK_LIKE_MESSAGE =
  'must not contain a NIK (16 digits in a row): a NIK travels only in a request body\'s "nik" field';
