import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,64}$/;
// A NIK is 16 digits: a client using it as its request id would put it in our logs and audit rows.
const NIK_LIKE = /\d{16}/;

/** Honours a caller's X-Request-Id when it is a plain token (so ids join up across systems), else mints one. */
export function requestIdFor(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) && !NIK_LIKE.test(incoming) ? incoming : randomUUID();
}
