import { LoanCondition, LoanHistory } from '../risk-input';
import { evaluateRecordFlags } from './record-flags';
import { AS_OF, borrower, loan, loanAt, monthsBack, raises, record, thresholds } from './flags.spec-support';

const messageOf = (code: string, loans: LoanHistory[]) =>
  evaluateRecordFlags(borrower(loans), AS_OF, thresholds()).find((flag) => flag.code === code)?.message;

describe('MULTIPLE_LENDERS (active loans at 3 or more coops)', () => {
  const activeAt = (...coops: string[]) => coops.map((coop, i) => loan({ loanId: `l${i}`, cooperativeId: coop }));
  const twoActive = activeAt('coop-a', 'coop-b');

  it.each<[string, boolean, LoanHistory[]]>([
    ['2 coops', false, activeAt('coop-a', 'coop-b')],
    ['3 coops (the threshold)', true, activeAt('coop-a', 'coop-b', 'coop-c')],
    ['4 coops', true, activeAt('coop-a', 'coop-b', 'coop-c', 'coop-d')],
    ['3 loans at 2 coops', false, activeAt('coop-a', 'coop-a', 'coop-b')],
    ['3 coops, one of them blocked (13)', true, [...twoActive, loanAt('coop-c', { condition: '13' })]],
    ['3 coops, one of them paid off (02)', false, [...twoActive, loanAt('coop-c', { condition: '02' })]],
    ['3 coops, one without records', false, [...twoActive, loan({ cooperativeId: 'coop-c', records: [] })]],
  ])('%s: flagged %s', (_name, expected, loans) => {
    expect(raises('MULTIPLE_LENDERS', borrower(loans))).toBe(expected);
  });

  it('gives the count of coops', () => {
    expect(messageOf('MULTIPLE_LENDERS', activeAt('coop-a', 'coop-b', 'coop-c'))).toEqual({
      id: 'Pinjaman aktif di 3 koperasi',
      en: 'Active loans at 3 cooperatives',
    });
  });
});

describe('LOAN_STACKING (loans at 2 or more coops disbursed in the last 90 days)', () => {
  const disbursed = (cooperativeId: string, disbursedAt: string, condition: LoanCondition = '00') =>
    loan({ loanId: `${cooperativeId}-${disbursedAt}`, cooperativeId, disbursedAt, records: [record({ condition })] });

  // AS_OF is 2026-11-22: 89 days before it is 2026-08-25, 90 days 2026-08-24, 91 days 2026-08-23.
  it.each<[string, boolean, LoanHistory[]]>([
    ['older loan 89 days before asOf', true, [disbursed('coop-a', '2026-08-25'), disbursed('coop-b', '2026-11-01')]],
    [
      'older loan 90 days before asOf (the threshold)',
      true,
      [disbursed('coop-a', '2026-08-24'), disbursed('coop-b', '2026-11-01')],
    ],
    ['older loan 91 days before asOf', false, [disbursed('coop-a', '2026-08-23'), disbursed('coop-b', '2026-11-01')]],
    ['same day at one coop', false, [disbursed('coop-a', '2026-11-01'), disbursed('coop-a', '2026-11-01')]],
    [
      'same day at 2 coops, both paid off',
      true,
      [disbursed('coop-a', '2026-11-01', '02'), disbursed('coop-b', '2026-11-01', '02')],
    ],
    [
      'a chain where only one coop lent in the last 90 days',
      false,
      [disbursed('coop-a', '2026-07-01'), disbursed('coop-a', '2026-09-15'), disbursed('coop-b', '2026-06-20')],
    ],
    [
      '2 coops 19 days apart, 23 months back (no longer new)',
      false,
      [disbursed('coop-a', '2024-12-01'), disbursed('coop-b', '2024-12-20')],
    ],
  ])('%s: flagged %s', (_name, expected, loans) => {
    expect(raises('LOAN_STACKING', borrower(loans))).toBe(expected);
  });

  it('counts the coops that lent in the window', () => {
    const loans = [
      disbursed('coop-a', '2026-09-01'),
      disbursed('coop-b', '2026-10-01'),
      disbursed('coop-c', '2026-11-01'),
      disbursed('coop-d', '2026-08-01'),
    ];
    expect(messageOf('LOAN_STACKING', loans)).toEqual({
      id: 'Pinjaman baru dari 3 koperasi dalam 90 hari terakhir',
      en: 'New loans from 3 cooperatives in the last 90 days',
    });
  });
});

describe('HIGH_INDEBTEDNESS (outstanding on active loans above Rp200,000,000)', () => {
  it.each<[string, boolean, LoanHistory[]]>([
    ['Rp199,999,999', false, [loanAt('coop-a', { outstanding: 199_999_999 })]],
    ['exactly Rp200,000,000 (the threshold)', false, [loanAt('coop-a', { outstanding: 200_000_000 })]],
    ['Rp200,000,001', true, [loanAt('coop-a', { outstanding: 200_000_001 })]],
    [
      'Rp200,000,001 over two coops',
      true,
      [loanAt('coop-a', { outstanding: 150_000_000 }), loanAt('coop-b', { outstanding: 50_000_001 })],
    ],
    [
      'Rp200,000,001 including a blocked (13) loan',
      true,
      [loanAt('coop-a', { outstanding: 150_000_000 }), loanAt('coop-b', { condition: '13', outstanding: 50_000_001 })],
    ],
    [
      'a written-off loan does not count',
      false,
      [loanAt('coop-a', { outstanding: 150_000_000 }), loanAt('coop-b', { condition: '03', outstanding: 90_000_000 })],
    ],
    [
      'only the latest record counts',
      false,
      [loan({ records: [record({ outstanding: 10 }), record({ period: monthsBack(1), outstanding: 300_000_000 })] })],
    ],
  ])('%s: flagged %s', (_name, expected, loans) => {
    expect(raises('HIGH_INDEBTEDNESS', borrower(loans))).toBe(expected);
  });

  it('names the threshold in rupiah as each language writes it', () => {
    expect(messageOf('HIGH_INDEBTEDNESS', [loanAt('coop-a', { outstanding: 250_000_000 })])).toEqual({
      id: 'Total baki debet pinjaman aktif di atas Rp200.000.000',
      en: 'Total outstanding on active loans above Rp200,000,000',
    });
  });
});
