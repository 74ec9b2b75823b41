import * as ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * Where a coop may have alerts sent (API.md): in production only https to hosts every address of which is public
 * unicast, so a webhook can never be pointed at the network's own machines or a cloud metadata service (SSRF).
 * Outside production, http to the loopback too, for a receiver on the developer's machine.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** A parsed URL's refusal before any DNS: null when the URL's own form is acceptable. */
export function webhookUrlFormRefusal(raw: string, production: boolean): string | null {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return `The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URL is not a valid absolute URL';
  }
  if (url.username || url.password) return 'The URL must not carry credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && !production && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return production
    ? 'Only https URLs are allowed'
    : 'Only https URLs, or http://127.0.0.1 and http://localhost outside production, are allowed';
}

/** An address's refusal: null for a public unicast address (an IPv4-mapped IPv6 one is judged as its IPv4). */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'The host does not resolve to an IP address';
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : `The host resolves to a non-public address (${range})`;
}

/** The URL's host as a literal address, or null for a name (brackets of an IPv6 literal removed). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

export type ResolveAll = (hostname: string) => Promise<string[]>;

/**
 * The whole rule: form, then (production, or https anywhere) every address the host resolves to. Loopback http
 * outside production is not resolved: it is allowed by name.
 */
export async function webhookUrlRefusal(
  raw: string,
  production: boolean,
  resolveAll: ResolveAll,
): Promise<string | null> {
  const form = webhookUrlFormRefusal(raw, production);
  if (form) return form;
  const url = new URL(raw);
  if (url.protocol === 'http:') return null;
  const literal = literalAddress(url.hostname);
  let addresses: string[];
  try {
    addresses = literal ? [literal] : await resolveAll(url.hostname);
  } catch {
    return 'The host does not resolve';
  }
  if (addresses.length === 0) return 'The host does not resolve';
  for (const address of addresses) {
    const refusal = addressRefusal(address);
    if (refusal) return refusal;
  }
  return null;
}

/** The origin only, for the audit log: a path or query string may hold a token. */
export function urlOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '';
  }
}
