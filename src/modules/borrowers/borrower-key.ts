import { createHmac } from 'node:crypto';

/**
 * The borrower key: HMAC-SHA256 of the normalised NIK under a server secret. A plain hash of a NIK can be reversed
 * by trying every plausible NIK (they are structured: ~10^11 candidates); bcrypt could not be looked up. The key
 * version is part of the message, so keys made under different versions never collide during a rotation.
 */
export function borrowerKey(nik: string, secret: string, version: number): string {
  return createHmac('sha256', secret).update(`kcx-nik:v${version}:${nik}`, 'utf8').digest('hex');
}

/** Keyed hashes of identity attributes, to notice two coops reporting different people under one NIK. */
export function identityHash(kind: 'name' | 'birthDate', value: string, secret: string): string {
  const normalized = kind === 'name' ? normalizeName(value) : value;
  return createHmac('sha256', secret).update(`kcx-${kind}:${normalized}`, 'utf8').digest('hex');
}

/** Case, spacing and punctuation differences between coops' records are not different people. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
