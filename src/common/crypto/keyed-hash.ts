import { createHmac } from 'node:crypto';

/** HMAC-SHA256 as hex. Keyed so that a stolen table cannot be brute-forced without the server secret. */
export function keyedHash(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}
