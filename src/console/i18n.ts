import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

// Bahasa Indonesia first; English on the switch. Each page keeps its own words beside it: {id: {...}, en: {...}}
// with the same keys, so a missing translation is a type error.
export type Lang = 'id' | 'en';
export type Text<T extends Record<string, string>> = { id: T; en: { [K in keyof T]: string } };

export const LangContext = createContext<Lang>('id');

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useText<T extends Record<string, string>>(text: Text<T>): T {
  return (useLang() === 'en' ? text.en : text.id) as T;
}

const LANG_KEY = 'kcx.lang';

export function savedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
}

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** Dates and amounts the way the reader's language writes them (times in WIB, the network's calendar). */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
}

export function formatDate(isoDate: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(isoDate),
  );
}

export function formatRupiah(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  }).format(amount);
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID').format(n);
}
