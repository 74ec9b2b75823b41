import { LoanHistory } from '../risk-input';
import { evaluateInquiryFlags } from './inquiry-flags';
import { evaluateRecordFlags } from './record-flags';
import { borrower, inquiry, loan, raises, record, thresholds } from './flags.spec-support';

/*
 * Every windowed flag is anchored to the evaluation date (asOf), not to the borrower's own events: the same data
 * raises a flag when asOf is just inside its window and not when asOf is just past it.
 */

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('LOAN_STACKING counts loans disbursed in the last 90 days before asOf', () => {
  const disbursed = (cooperativeId: string, disbursedAt: string, period = '2025-03'): LoanHistory =>
    loan({ loanId: `${cooperativeId}-${disbursedAt}`, cooperativeId, disbursedAt, records: [record({ period })] });
  // The demo borrower of issue 18: loans disbursed on 1 and 22 March 2025 at two coops.
  const demo = [disbursed('coop-a', '2025-03-01'), disbursed('coop-b', '2025-03-22')];

  it.each<[string, boolean, LoanHistory[], string]>([
    ['the demo borrower, twenty months later', false, demo, '2026-12-03'],
    ['the demo borrower, six weeks after the first loan', true, demo, '2025-04-15'],
    ['the demo borrower, on the day of the second loan', true, demo, '2025-03-22'],
    ['the demo borrower, before the second loan was disbursed', false, demo, '2025-03-21'],
    [
      'the older loan exactly 90 days before asOf (window start)',
      true,
      [disbursed('coop-a', '2026-09-04'), disbursed('coop-b', '2026-11-20')],
      '2026-12-03',
    ],
    [
      'the older loan 91 days before asOf',
      false,
      [disbursed('coop-a', '2026-09-03'), disbursed('coop-b', '2026-11-20')],
      '2026-12-03',
    ],
    [
      'both loans on asOf itself',
      true,
      [disbursed('coop-a', '2026-12-03'), disbursed('coop-b', '2026-12-03')],
      '2026-12-03',
    ],
    [
      'one loan disbursed after asOf',
      false,
      [disbursed('coop-a', '2026-12-01'), disbursed('coop-b', '2026-12-04')],
      '2026-12-03',
    ],
    [
      'two loans at one coop in the window',
      false,
      [disbursed('coop-a', '2026-11-01'), disbursed('coop-a', '2026-11-20')],
      '2026-12-03',
    ],
    [
      'two coops 30 days apart, both long before asOf',
      false,
      [disbursed('coop-a', '2026-01-01'), disbursed('coop-b', '2026-01-31')],
      '2026-12-03',
    ],
  ])('%s: flagged %s', (_name, expected, loans, asOf) => {
    expect(raises('LOAN_STACKING', borrower(loans), thresholds(), day(asOf))).toBe(expected);
  });

  it('says "in the last 90 days" and counts the coops in the window', () => {
    const loans = [
      disbursed('coop-a', '2026-09-04'),
      disbursed('coop-b', '2026-10-01'),
      disbursed('coop-c', '2026-12-03'),
      disbursed('coop-d', '2026-09-03'),
    ];
    const flag = evaluateRecordFlags(borrower(loans), day('2026-12-03'), thresholds()).find(
      (f) => f.code === 'LOAN_STACKING',
    );
    expect(flag?.message).toEqual({
      id: 'Pinjaman baru dari 3 koperasi dalam 90 hari terakhir',
      en: 'New loans from 3 cooperatives in the last 90 days',
    });
    expect(flag?.loanIds).toEqual(['coop-a-2026-09-04', 'coop-b-2026-10-01', 'coop-c-2026-12-03']);
  });
});

describe('month windows move with asOf', () => {
  // One event in 2025-03; asOf in the last month of each window, then in the month after it.
  const event = (patch: Parameters<typeof record>[0]) =>
    borrower([loan({ records: [record({ period: '2025-03', ...patch })] })]);
  const restructuredIn = (period: string) =>
    borrower([loan({ records: [record({ period, restructureCount: 1 }), record({ period: '2024-12' })] })]);

  it.each<[string, boolean, Parameters<typeof raises>[0], ReturnType<typeof borrower>, string]>([
    [
      'SEVERE_DELINQUENCY_12M, 11 months later',
      true,
      'SEVERE_DELINQUENCY_12M',
      event({ collectibility: 3 }),
      '2026-02-28',
    ],
    [
      'SEVERE_DELINQUENCY_12M, 12 months later',
      false,
      'SEVERE_DELINQUENCY_12M',
      event({ collectibility: 3 }),
      '2026-03-01',
    ],
    [
      'SEVERE_DELINQUENCY_12M, before the event',
      false,
      'SEVERE_DELINQUENCY_12M',
      event({ collectibility: 3 }),
      '2025-02-28',
    ],
    [
      'WRITTEN_OFF_24M, 23 months later',
      true,
      'WRITTEN_OFF_24M',
      event({ condition: '03', collectibility: 5 }),
      '2027-02-28',
    ],
    [
      'WRITTEN_OFF_24M, 24 months later',
      false,
      'WRITTEN_OFF_24M',
      event({ condition: '03', collectibility: 5 }),
      '2027-03-01',
    ],
    [
      'WRITTEN_OFF_24M, before the event',
      false,
      'WRITTEN_OFF_24M',
      event({ condition: '03', collectibility: 5 }),
      '2025-02-28',
    ],
    ['RESTRUCTURED_12M, 11 months later', true, 'RESTRUCTURED_12M', restructuredIn('2025-03'), '2026-02-28'],
    ['RESTRUCTURED_12M, 12 months later', false, 'RESTRUCTURED_12M', restructuredIn('2025-03'), '2026-03-01'],
    ['RESTRUCTURED_12M, before the event', false, 'RESTRUCTURED_12M', restructuredIn('2025-03'), '2025-02-28'],
  ])('%s: flagged %s', (_name, expected, code, input, asOf) => {
    expect(raises(code, input, thresholds(), day(asOf))).toBe(expected);
  });

  it.each<[string, boolean, number, string]>([
    ['6 months reported up to asOf', false, 6, '2025-06-15'],
    ['the same 6 months, seen one month before the last of them', true, 6, '2025-05-15'],
    ['5 months reported up to asOf', true, 5, '2025-06-15'],
  ])('THIN_FILE counts only months up to asOf: %s, flagged %s', (_name, expected, months, asOf) => {
    // Months 2025-01 .. 2025-0<months>, newest first.
    const records = Array.from({ length: months }, (_, n) => record({ period: `2025-0${months - n}` }));
    expect(raises('THIN_FILE', borrower([loan({ records })]), thresholds(), day(asOf))).toBe(expected);
  });
});

describe('CREDIT_SHOPPING counts inquiries in the 30 days before now', () => {
  const now = new Date('2026-12-03T08:00:00Z');
  const ms = (days: number, extra = 0) => new Date(now.getTime() - days * 86_400_000 - extra);
  const two = [inquiry('coop-a', ms(1)), inquiry('coop-b', ms(2))];

  it.each<[string, boolean, Date]>([
    ['third coop exactly 30 days before', true, ms(30)],
    ['third coop 30 days and 1 ms before', false, ms(30, 1)],
    ['third coop 1 ms after now', false, ms(0, -1)],
  ])('%s: flagged %s', (_name, expected, at) => {
    expect(evaluateInquiryFlags([...two, inquiry('coop-c', at)], now, thresholds()).length > 0).toBe(expected);
  });
});
