/** What production asks of a secret; pure functions, so the rules have a table test of their own. */

export const MIN_SECRET_LENGTH = 32;
/** `openssl rand -hex 16` (32 hex digits) has about 14 distinct characters; 10 leaves room and still stops 'abab…'. */
export const MIN_SECRET_DISTINCT_CHARACTERS = 10;
/** Of: lower-case letters, upper-case letters, digits, anything else. Hex and base64 both have two or more. */
export const MIN_SECRET_CHARACTER_CLASSES = 2;

/** Placeholders people paste from examples; a value containing one is not a secret of its own. */
const PLACEHOLDERS = ['changeme', 'devonly', 'secret1234', 'password'];

/**
 * Case, whitespace and punctuation do not make a new secret: 'DEV-ONLY-auth…' and 'dev only auth…  ' are the
 * published default.
 */
export function normaliseSecret(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value)).length;
}

/**
 * Why a value is not good enough for production, or null when it is. `published` are the development defaults:
 * a value equal to one of them or containing one after normalising is refused.
 */
export function weakSecretReason(value: string | undefined, published: readonly string[]): string | null {
  if (value === undefined || value.trim() === '') return 'is not set';
  if (value.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  const normal = normaliseSecret(value);
  if (published.some((p) => normal.includes(normaliseSecret(p))))
    return 'is (or contains) the published development default';
  if (PLACEHOLDERS.some((p) => normal.includes(p)))
    return 'contains a placeholder word (change-me, dev-only, password)';
  if (new Set(value).size < MIN_SECRET_DISTINCT_CHARACTERS) {
    return `has fewer than ${MIN_SECRET_DISTINCT_CHARACTERS} distinct characters`;
  }
  if (characterClasses(value) < MIN_SECRET_CHARACTER_CLASSES) {
    return `uses only one kind of character (mix letters, digits or symbols, e.g. openssl rand -base64 48)`;
  }
  return null;
}

/**
 * Pairs of variables that hold the same secret (after normalising, or one inside the other): one leaked value
 * must not open everything.
 */
export function sharedSecretPairs(values: Record<string, string | undefined>): [string, string][] {
  const set = Object.entries(values).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
  );
  const pairs: [string, string][] = [];
  for (let i = 0; i < set.length; i++) {
    for (let j = i + 1; j < set.length; j++) {
      const a = normaliseSecret(set[i][1]);
      const b = normaliseSecret(set[j][1]);
      if (a.includes(b) || b.includes(a)) pairs.push([set[i][0], set[j][0]]);
    }
  }
  return pairs;
}
