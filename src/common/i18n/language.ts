/*
 * The language of what the API says to people: Bahasa Indonesia for a caller that asks for it (Accept-Language), else
 * English, the language the contract's existing clients were written against. Only error messages follow it; codes,
 * fields and the shape of an answer never change with the language.
 */
export type Language = 'id' | 'en';

/** No header, or nothing we speak: the contract's English. */
export const DEFAULT_LANGUAGE: Language = 'en';

// `in` is Indonesian's code before ISO 639 renamed it (1989); old Java and Android clients still send it.
const PRIMARY: Record<string, Language> = { id: 'id', in: 'id', en: 'en' };
const SPOKEN: Language[] = ['en', 'id'];

// A header is a handful of entries; anything past this many is not a browser's and is not read.
const MAX_ENTRIES = 32;
const RANGE = /^(\*|[a-z]{1,8})(-[a-z0-9]{1,8})*$/;
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

interface Preference {
  q: number;
  /** Position in the header, for ties: the one named first wins. */
  order: number;
}

interface Entry {
  primary: string;
  bare: boolean;
  q: number;
  order: number;
}

function parseEntry(raw: string, order: number): Entry | null {
  const [rangePart, ...params] = raw.split(';').map((p) => p.trim());
  const range = rangePart.toLowerCase();
  if (!RANGE.test(range)) return null;
  let q = 1;
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((p) => p.trim());
    if (name.toLowerCase() !== 'q') continue;
    if (!QVALUE.test(value)) return null;
    q = Number(value);
  }
  const [primary] = range.split('-');
  return { primary, bare: primary === range, q, order };
}

/**
 * The language to answer in (RFC 9110 §12.5.4): each language we speak takes the q of its bare tag (`id`, or `in`)
 * when named, else the best of its regional tags (`id-ID`), else the wildcard's; the highest q above 0 wins, a tie
 * going to the one named first (a named language before the wildcard). Malformed entries are skipped.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  if (header === undefined) return DEFAULT_LANGUAGE;
  const text = Array.isArray(header) ? header.join(',') : header;
  const entries = text
    .split(',', MAX_ENTRIES)
    .map((raw, i) => parseEntry(raw, i))
    .filter((e): e is Entry => e !== null);
  const wildcard = entries.find((e) => e.primary === '*');
  let best: { language: Language; pref: Preference } | null = null;
  for (const language of SPOKEN) {
    const own = entries.filter((e) => PRIMARY[e.primary] === language);
    const bare = own.filter((e) => e.bare);
    const pick = bare.length > 0 ? bare : own;
    const pref: Preference | null =
      pick.length > 0
        ? pick.reduce((a, e) => (e.q > a.q ? { q: e.q, order: e.order } : a), { q: -1, order: 0 })
        : wildcard
          ? { q: wildcard.q, order: MAX_ENTRIES + SPOKEN.indexOf(language) }
          : null;
    if (!pref || pref.q <= 0) continue;
    if (!best || pref.q > best.pref.q || (pref.q === best.pref.q && pref.order < best.pref.order))
      best = { language, pref };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/** The language a request asks for, from its Accept-Language header (also the answer's Content-Language). */
export const languageOf = (request: { headers?: Record<string, string | string[] | undefined> }): Language =>
  negotiateLanguage(request.headers?.['accept-language']);
