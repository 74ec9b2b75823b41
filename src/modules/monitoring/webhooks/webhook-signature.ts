import { createHmac } from 'node:crypto';

/** X-KCX-Signature (API.md): `sha256=` and the hex HMAC-SHA256 of the raw body under the webhook's secret. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** A 2xx is delivered; anything else (a 3xx included: redirects are not followed) is retried. */
export const deliveredStatus = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300;
