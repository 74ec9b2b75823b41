/**
 * A property of a caught value, whatever was thrown (a catch clause gives `unknown`; drivers wrap their errors in
 * loosely typed fields): undefined for null and primitives. Read the result with a typeof check.
 */
export function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** The message of a caught value: an Error's own, else the value as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
