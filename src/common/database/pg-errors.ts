import { QueryFailedError } from 'typeorm';

/** The constraint a unique violation hit, or null when the error is something else. */
export function uniqueViolation(err: unknown): string | null {
  if (err instanceof QueryFailedError) {
    const driver = err.driverError as { code?: string; constraint?: string };
    if (driver.code === '23505') return driver.constraint ?? '';
  }
  return null;
}
