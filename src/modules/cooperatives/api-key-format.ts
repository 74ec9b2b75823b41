import { randomBytes } from 'node:crypto';

const PREFIX = 'kcx_';
const KEY_PATTERN = /^kcx_[A-Za-z0-9_-]{43}$/;

/** A 256-bit random secret: long enough that a fast keyed hash is safe to store and look up. */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export const looksLikeApiKey = (value: string): boolean => KEY_PATTERN.test(value);

export const apiKeyDisplayPrefix = (key: string): string => key.slice(0, 10);
