import { ValueTransformer } from 'typeorm';

/** A bigint or integer numeric that pg returns as text, as a number: checked to be exact, never rounded. */
export function wholeNumber(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error('amount outside the exact integer range');
  return n;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An exact whole number (pg's text for a bigint or numeric sum, or a bigint) as the number to show: beyond
 * ±(2^53 - 1) it saturates there and says so, rather than failing the answer or rounding silently. For displayed
 * aggregates only; anything computed from them (a ratio) uses the exact value. Throws on anything not an integer.
 */
export function saturatedWholeNumber(value: string | bigint): { value: number; capped: boolean } {
  const exact = BigInt(value);
  if (exact > MAX_EXACT) return { value: Number.MAX_SAFE_INTEGER, capped: true };
  if (exact < -MAX_EXACT) return { value: -Number.MAX_SAFE_INTEGER, capped: true };
  return { value: Number(exact), capped: false };
}

/** bigint columns hold whole rupiah; pg returns them as strings. Amounts stay below 2^53, so numbers are exact. */
export const rupiah: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : wholeNumber(value)),
};
