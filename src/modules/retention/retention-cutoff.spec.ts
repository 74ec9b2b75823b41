import { retentionCutoff } from './retention-cutoff';

describe('retentionCutoff', () => {
  it.each([
    ['2026-03-15T12:00:00Z', 5, '2021-03'],
    ['2026-01-01T00:00:00Z', 5, '2021-01'],
    // 31 Jan 20:00 UTC is already 1 February in Jakarta
    ['2026-01-31T20:00:00Z', 5, '2021-02'],
    ['2026-12-31T10:00:00Z', 1, '2025-12'],
    ['2026-07-01T00:00:00Z', 10, '2016-07'],
  ])('at %s keeping %d years: records of loans closed before %s go', (now, years, expected) => {
    expect(retentionCutoff(new Date(now), years)).toBe(expected);
  });
});
