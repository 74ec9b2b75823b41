import { isTimestamp } from './is-timestamp';

describe('isTimestamp', () => {
  it.each([
    '2026-01-01T00:00:00Z',
    '2026-01-01T07:00+07:00',
    '2026-01-01T07:00Z',
    '2024-02-29T23:59:59.999Z',
    '2026-06-01T12:00:00-03:30',
    '1000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('accepts %s', (value) => {
    expect(isTimestamp(value)).toBe(true);
  });

  it.each([
    '20240101',
    '2024-W01',
    '2024-001',
    '2024-02-30T00:00:00Z',
    '2023-02-29',
    '2024-13-01',
    '2024-01-01T24:00:00Z',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2024-01-01 00:00:00',
    '',
    'now',
    20240101,
    null,
    // No zone: read as UTC by one reader and as local time by another.
    '2026-01-01',
    '2026-01-01T07:00',
    '2026-01-01T07:00:00',
    '2026-01-01T07:00:00.123',
    '2026-01-01T07:00:00+0700',
  ])('refuses %p', (value) => {
    expect(isTimestamp(value)).toBe(false);
  });
});
