import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/principal';

/*
 * The caller of a request, for the request logger's ids. The auth guard learns it on Fastify's request; the logger
 * sees only the raw Node request, so the guard notes it here, keyed by that raw request (gone with it).
 */
const callers = new WeakMap<IncomingMessage, Principal>();

export function noteCaller(raw: IncomingMessage, principal: Principal): void {
  callers.set(raw, principal);
}

export function callerOf(raw: IncomingMessage): Principal | undefined {
  return callers.get(raw);
}
