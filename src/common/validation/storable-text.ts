/**
 * Strings PostgreSQL cannot store: a NUL character (text) or a lone UTF-16 surrogate (jsonb). Found anywhere in a
 * body, they are a 400 naming the field, never a failed query.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function findUnstorable(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorable(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, inner] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return path || 'body';
      const hit = findUnstorable(inner, path ? `${path}.${key}` : key);
      if (hit) return hit;
    }
  }
  return null;
}
