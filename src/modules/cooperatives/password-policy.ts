import { dictionary } from '@zxcvbn-ts/language-common';

/** The one password policy: user creation (API, CLI, demo seed) and, later, a password change all apply it. */

export const PASSWORD_MIN_CHARACTERS = 12;
/** bcrypt reads the first 72 bytes and ignores the rest, so a longer password would be silently truncated. */
export const PASSWORD_MAX_BYTES = 72;
const MIN_DISTINCT_CHARACTERS = 5;

/** Words no password of this network should be built on, beside the common-password list. */
const LOCAL_WORDS = ['password', 'koperasi', 'katasandi', 'rahasia', 'kcx', 'sejahtera', 'pinjaman', 'simpanan'];

// Undo the usual letter-for-symbol swaps, so 'P@ssw0rd' is read as 'password'.
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

let common: Set<string> | null = null;
/** About 49,000 common passwords (zxcvbn-ts), loaded once on first use (~70 ms). */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const unleet = (text: string) => [...text.toLowerCase()].map((c) => LEET[c] ?? c).join('');

/** The password without leading and trailing digits and symbols, the separators between words, or swaps. */
function cores(password: string): string[] {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [
    ...new Set([lower, letters(lower), stripped, letters(stripped), letters(unleet(lower)), letters(unleet(stripped))]),
  ].filter((c) => c.length > 0);
}

export interface PasswordContext {
  email?: string;
  name?: string;
}

/**
 * Parts of the email's local part long enough to matter ('siti.rahma@…' -> siti, rahma). Not the display name:
 * names carry words like "(demo)" that a shared demo password legitimately contains.
 */
function personalWords(context: PasswordContext): string[] {
  const local = context.email?.split('@')[0] ?? '';
  return local
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 4);
}

/** Why the password is refused, or null. Messages are safe to show: they never repeat the password. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_CHARACTERS) return `must be at least ${PASSWORD_MIN_CHARACTERS} characters`;
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > PASSWORD_MAX_BYTES) {
    return `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (this one is ${bytes}; letters outside ASCII take 2 to 4 bytes each)`;
  }
  const counts = new Map<string, number>();
  for (const c of characters) counts.set(c.toLowerCase(), (counts.get(c.toLowerCase()) ?? 0) + 1);
  if (Math.max(...counts.values()) * 2 > characters.length) return 'must not be mostly one repeated character';
  if (counts.size < MIN_DISTINCT_CHARACTERS)
    return `must have at least ${MIN_DISTINCT_CHARACTERS} different characters`;

  const candidates = cores(password);
  const list = commonPasswords();
  if (candidates.some((c) => list.has(c))) return 'is a commonly used password';
  const plain = letters(unleet(password));
  const raw = letters(password);
  const local = LOCAL_WORDS.find((w) => plain.includes(w) || raw.includes(w));
  if (local) return `must not contain "${local}"`;
  if (personalWords(context).some((w) => raw.includes(letters(w)) || plain.includes(letters(w)))) {
    return 'must not contain your email address';
  }
  return null;
}
