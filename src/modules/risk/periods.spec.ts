import { isActiveLoan, isoDay, monthsBefore, periodOf, wibDay } from './periods';
import type { LoanCondition, MonthlyRecord } from './risk-input';

describe('risk periods', () => {
  it.each([
    ['2026-11-22T16:59:59Z', '2026-11-22'],
    ['2026-11-22T17:00:00Z', '2026-11-23'],
    ['2026-12-31T17:30:00Z', '2027-01-01'],
  ])('%s is the WIB day %s', (instant, day) => {
    expect(isoDay(wibDay(new Date(instant)))).toBe(day);
  });

  it.each([
    ['2026-11', 0, '2026-11'],
    ['2026-11', 10, '2026-01'],
    ['2026-11', 11, '2025-12'],
    ['2026-01', 1, '2025-12'],
    ['2026-01', 23, '2024-02'],
    ['2025-12', -1, '2026-01'],
  ])('%s minus %i months is %s', (period, n, expected) => {
    expect(monthsBefore(period, n)).toBe(expected);
  });

  it('reads the period of a day', () => {
    expect(periodOf(new Date('2026-02-28T00:00:00Z'))).toBe('2026-02');
  });

  it.each([
    ['00', true],
    ['13', true],
    ['02', false],
    ['03', false],
    ['04', false],
    ['12', false],
  ] as [LoanCondition, boolean][])('a loan whose latest condition is %s is active: %s', (condition, active) => {
    const record = { period: '2026-10', condition } as MonthlyRecord;
    expect(isActiveLoan({ records: [record] })).toBe(active);
  });

  it('a loan with no records is not active', () => {
    expect(isActiveLoan({ records: [] })).toBe(false);
  });
});
