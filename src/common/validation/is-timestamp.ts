import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';

// Extended format with a time and a zone, years 0001-9999: `2026-01-01T07:00Z`, `2026-01-01T07:00:00.5+07:00`. Basic
// (`20260101`) and week (`2026-W01`) forms pass isISO8601 but not Date, and would reach Postgres as Invalid Date. A
// date or time without `Z` or an offset is refused: JavaScript reads `2026-01-01` as UTC but `2026-01-01T07:00` as the
// server's local time, and Postgres reads both in the session's zone, so the same text could name different instants.
const EXTENDED = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO-8601 timestamp with a zone that JavaScript and Postgres read as the same real instant. */
export function isTimestamp(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    EXTENDED.test(value) &&
    isISO8601(value, { strict: true, strictSeparator: true }) &&
    Number.isFinite(Date.parse(value))
  );
}

/** An ISO-8601 timestamp with `Z` or an offset (`2026-01-01T00:00:00Z`), checked to be a real instant. */
export const IsTimestamp = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: isTimestamp,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 timestamp with Z or an offset, such as 2026-01-01T00:00:00Z`,
      },
    },
    options,
  );
