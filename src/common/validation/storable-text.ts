/**
 * What no request body may hold, checked before validation: strings PostgreSQL cannot store (a NUL character in
 * text, a lone UTF-16 surrogate in jsonb), and nesting deeper than any request needs, which would overflow the
 * stack of every recursive step after parsing (transformation, validation, hashing). Found anywhere, either is a
 * 400 naming the field, never a failed query or a 500.
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
 * The first problem in document order, or null. Iterative, so that the check itself cannot overflow the stack.
 * `root` names the value itself (a path parameter's name), '' for a body.
 */
export function findBodyProblem(value: unknown, root = ''): BodyProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const field = node.path || 'body';
    if (typeof node.value === 'string') {
      if (UNSTORABLE.test(node.value)) return { field, message: UNSTORABLE_MESSAGE };
      continue;
    }
    const children = childrenOf(node.value, node.path);
    if (children === null) continue;
    if (node.depth >= MAX_NESTING) return { field, message: TOO_DEEP_MESSAGE };
    for (const child of children) {
      if (child.badKey) return { field, message: UNSTORABLE_MESSAGE };
    }
    // Pushed in reverse, so that the first child is looked at first.
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i].value, path: children[i].path, depth: node.depth + 1 });
  }
  return null;
}

/** Where the unstorable text is, or null (nesting aside). */
export function findUnstorable(value: unknown, path = ''): string | null {
  const problem = findBodyProblem(value, path);
  return problem?.message === UNSTORABLE_MESSAGE ? problem.field : null;
}

function childrenOf(value: unknown, path: string): { value: unknown; path: string; badKey: boolean }[] | null {
  if (Array.isArray(value)) return value.map((inner, i) => ({ value: inner, path: `${path}[${i}]`, badKey: false }));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).map(([key, inner]) => ({ value: inner, path: path ? `${path}.${key}` : key, badKey: UNSTORABLE.test(key) }));
  }
  return null;
}
