import { ValueTransformer } from 'typeorm';

/** bigint columns hold whole rupiah; pg returns them as strings. Amounts stay below 2^53, so numbers are exact. */
export const rupiah: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error('amount outside the exact integer range');
    return n;
  },
};
