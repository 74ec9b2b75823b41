import { containsNikLike, isNikField, NIK_LIKE_MESSAGE, redactNikLike } from '../privacy/nik-guard';

/**
 * What no request body may hold, checked before validation: strings PostgreSQL cannot store (a NUL character in
 * text, a lone UTF-16 surrogate in jsonb), nesting deeper than any request needs, which would overflow the
 * stack of every recursive step after parsing (transformation, validation, hashing), and a NIK-like run (16 digits
 * in a row) anywhere but a NIK field: in a free-text value (a reference, a loanRef, a name) or in a key. Found
 * anywhere, each is a 400 naming the field, never a failed query, a 500 or a NIK stored as text. A key is named with
 * its run redacted (`records[0].[NIK]`), never echoed.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** No request of the API nests deeper than a few levels; 32 leaves room and stays far from the stack limit. */
export const MAX_NESTING = 32;

export interface BodyProblem {
  field: string;
  message: string;
}

const UNSTORABLE_MESSAGE = 'must not contain NUL or unpaired surrogate characters';
const TOO_DEEP_MESSAGE = `must not be nested more than ${MAX_NESTING} levels deep`;

/**
 * Passwords are only ever compared with or turned into a bcrypt hash: never stored as text, echoed or logged. A
 * 16-digit password is the password policy's business; refusing it here would lock out an account that has one.
 */
const SECRET_FIELD = /(^|\.)(password|currentPassword|newPassword)$/;

const NIK_LENGTH = 16;

/** A string that holds a NIK-like run where no NIK belongs. The cheap test first: most strings hold no 16 digits. */
const nikOutOfPlace = (text: string, path: string): boolean =>
  text.length >= NIK_LENGTH && containsNikLike(text) && !isNikField(path) && !SECRET_FIELD.test(path);

/**
 * The first problem in document order, or null. Iterative, so that the check itself cannot overflow the stack.
 * `root` names the value itself (a path parameter's name), '' for a body.
 */
export function findBodyProblem(value: unknown, root = ''): BodyProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const field = node.path || 'body';
    if (typeof node.value === 'string') {
      if (UNSTORABLE.test(node.value)) return { field, message: UNSTORABLE_MESSAGE };
      if (nikOutOfPlace(node.value, node.path)) return { field, message: NIK_LIKE_MESSAGE };
      continue;
    }
    const children = childrenOf(node.value, node.path);
    if (children === null) continue;
    if (node.depth >= MAX_NESTING) return { field, message: TOO_DEEP_MESSAGE };
    for (const child of children) {
      if (child.badKey) return { field, message: UNSTORABLE_MESSAGE };
      if (child.nikKey) return { field: child.path, message: NIK_LIKE_MESSAGE };
    }
    // Pushed in reverse, so that the first child is looked at first.
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ value: children[i].value, path: children[i].path, depth: node.depth + 1 });
  }
  return null;
}

/** Where the unstorable text is, or null (nesting aside). */
export function findUnstorable(value: unknown, path = ''): string | null {
  const problem = findBodyProblem(value, path);
  return problem?.message === UNSTORABLE_MESSAGE ? problem.field : null;
}

// A key holding a NIK-like run is named in the answer: redacted, in plain characters, never longer than this.
const MAX_ECHOED_KEY = 60;
const echoedKey = (key: string): string =>
  redactNikLike(
    redactNikLike(key)
      .replace(/[^\w$[\]-]/g, '?')
      .slice(0, MAX_ECHOED_KEY),
  );

interface Child {
  value: unknown;
  path: string;
  badKey: boolean;
  /** The key holds a NIK-like run: `path` shows it redacted. */
  nikKey: boolean;
}

function childrenOf(value: unknown, path: string): Child[] | null {
  if (Array.isArray(value))
    return value.map((inner, i) => ({ value: inner, path: `${path}[${i}]`, badKey: false, nikKey: false }));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).map(([key, inner]) => {
      const nikKey = key.length >= NIK_LENGTH && containsNikLike(key);
      const name = nikKey ? echoedKey(key) : key;
      return { value: inner, path: path ? `${path}.${name}` : name, badKey: UNSTORABLE.test(key), nikKey };
    });
  }
  return null;
}
