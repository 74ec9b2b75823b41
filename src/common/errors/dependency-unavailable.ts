import { propertyOf } from './caught';

/*
 * Whether an error means a dependency (Postgres) could not be reached or is refusing work right now, rather than a
 * bug: such a request answers 503 with Retry-After, not 500. Pure, so the table in its spec is the definition.
 */

// The socket failed: refused, reset, timed out, broken, or the host could not be found.
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const PG_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
// SQLSTATE class 08: connection exception.
const PG_CONNECTION_CLASS = /^08[0-9A-Z]{3}$/;
// node-postgres and pg-pool say these without a code.
const PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
];
// How far to follow wrappers (TypeORM's driverError, an Error's cause, AggregateError's errors).
const MAX_DEPTH = 4;

export function isDependencyUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > MAX_DEPTH) return false;
  const code = propertyOf(err, 'code');
  const message = propertyOf(err, 'message');
  const errors = propertyOf(err, 'errors');
  if (typeof code === 'string' && (NODE_CODES.has(code) || PG_CODES.has(code) || PG_CONNECTION_CLASS.test(code)))
    return true;
  if (typeof message === 'string' && PG_MESSAGES.some((m) => message.includes(m))) return true;
  const inner = [propertyOf(err, 'driverError'), propertyOf(err, 'cause'), ...(Array.isArray(errors) ? errors : [])];
  return inner.some((x) => x !== err && isDependencyUnavailable(x, depth + 1));
}
