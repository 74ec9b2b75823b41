import { ValueTransformer } from 'typeorm';

/** A bigint or integer numeric that pg returns as text, as a number: checked to be exact, never rounded. */
export function wholeNumber(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error('amount outside the exact integer range');
  return n;
}

/** bigint columns hold whole rupiah; pg returns them as strings. Amounts stay below 2^53, so numbers are exact. */
export const rupiah: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : wholeNumber(value)),
};
