import type { LogFn, Logger } from 'pino';

/** The ids a logger may be bound to (a request's, a job's) that a call site may also write out of habit. */
export const BOUND_IDS = ['requestId', 'userId', 'apiKeyId', 'cooperativeId', 'submissionId', 'jobId'] as const;

/**
 * pino's logMethod hook: an id the logger is already bound to, given again with the same value in the line's
 * object (`logger.warn({ err, requestId }, ...)` inside a request), is written once. pino joins bindings and the
 * object as they are, and a line would carry the key twice. A different value is kept: it says something.
 */
export function dropBoundRepeats(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  const [first] = args;
  if (first === null || typeof first !== 'object' || first instanceof Error) return method.apply(this, args);
  const fields = first as Record<string, unknown>;
  const repeated = BOUND_IDS.filter((key) => Object.hasOwn(fields, key));
  if (repeated.length === 0) return method.apply(this, args);
  // Parsed only here: most lines name no id of their own.
  const bound = this.bindings();
  const same = repeated.filter((key) => bound[key] !== undefined && bound[key] === fields[key]);
  if (same.length === 0) return method.apply(this, args);
  const rest = { ...fields };
  for (const key of same) delete rest[key];
  return method.apply(this, [rest, ...args.slice(1)] as Parameters<LogFn>);
}
