import { QueryFailedError } from 'typeorm';
import { propertyOf } from '../errors/caught';

/** The constraint a unique violation hit, or null when the error is something else. */
export function uniqueViolation(err: unknown): string | null {
  if (err instanceof QueryFailedError) {
    if (propertyOf(err.driverError, 'code') === '23505') {
      const constraint = propertyOf(err.driverError, 'constraint');
      return typeof constraint === 'string' ? constraint : '';
    }
  }
  return null;
}
