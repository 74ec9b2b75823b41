import { LoanCondition, MonthlyRecord } from '../risk-input';
import { evaluateRecordFlags } from './record-flags';
import { AS_OF, borrower, history, loan, loanAt, monthsBack, raises, record, thresholds } from './flags.spec-support';

describe('DELINQUENT_ELSEWHERE (active loan more than 30 days past due)', () => {
  it.each<[string, boolean, Partial<MonthlyRecord>]>([
    ['29 days past due', false, { daysPastDue: 29 }],
    ['exactly 30 days (the threshold)', false, { daysPastDue: 30 }],
    ['31 days', true, { daysPastDue: 31 }],
    ['blocked (13) and 31 days', true, { condition: '13', daysPastDue: 31 }],
    ['paid off (02) and 31 days', false, { condition: '02', daysPastDue: 31 }],
    ['written off (03) and 400 days', false, { condition: '03', daysPastDue: 400 }],
    ['claim waived (04) and 400 days', false, { condition: '04', daysPastDue: 400 }],
    ['paid with discount (12) and 31 days', false, { condition: '12', daysPastDue: 31 }],
  ])('%s: flagged %s', (_name, expected, latest) => {
    expect(raises('DELINQUENT_ELSEWHERE', borrower([loanAt('coop-a', latest)]))).toBe(expected);
  });

  it('reads only the latest record', () => {
    const cured = loan({ records: [record({ daysPastDue: 0 }), record({ period: monthsBack(1), daysPastDue: 60 })] });
    const late = loan({ records: [record({ daysPastDue: 31 }), record({ period: monthsBack(1), daysPastDue: 0 })] });
    expect([
      raises('DELINQUENT_ELSEWHERE', borrower([cured])),
      raises('DELINQUENT_ELSEWHERE', borrower([late])),
    ]).toEqual([false, true]);
  });

  it('stores each delinquent coop once, sorted, the late loans, and no coop in the message', () => {
    const input = borrower([
      loanAt('coop-c', { daysPastDue: 45 }),
      loanAt('coop-a', { daysPastDue: 31 }),
      loan({ loanId: 'a-2', cooperativeId: 'coop-a', records: [record({ daysPastDue: 90 })] }),
      loanAt('coop-b', { daysPastDue: 30 }),
    ]);
    const [flag] = evaluateRecordFlags(input, AS_OF, thresholds()).filter((f) => f.code === 'DELINQUENT_ELSEWHERE');
    expect(flag).toEqual({
      code: 'DELINQUENT_ELSEWHERE',
      severity: 'HIGH',
      message: {
        id: 'Pinjaman aktif menunggak lebih dari 30 hari di koperasi lain',
        en: 'Active loan more than 30 days past due at another cooperative',
      },
      cooperativeIds: ['coop-a', 'coop-c'],
      loanIds: ['coop-c-loan', 'coop-a-loan', 'a-2'],
    });
  });
});

describe('SEVERE_DELINQUENCY_12M (collectibility 3 or worse in 12 months)', () => {
  it.each<[string, boolean, Partial<MonthlyRecord>]>([
    ['collectibility 2 this month', false, { collectibility: 2 }],
    ['collectibility 3 (the threshold) this month', true, { collectibility: 3 }],
    ['collectibility 4 this month', true, { collectibility: 4 }],
    [
      'collectibility 3, 11 months back (last month of the window)',
      true,
      { collectibility: 3, period: monthsBack(11) },
    ],
    ['collectibility 5, 12 months back (outside)', false, { collectibility: 5, period: monthsBack(12) }],
    ['collectibility 3 in a period after asOf', false, { collectibility: 3, period: monthsBack(-1) }],
    ['collectibility 3 on a paid-off loan', true, { collectibility: 3, condition: '02' }],
  ])('%s: flagged %s', (_name, expected, patch) => {
    expect(raises('SEVERE_DELINQUENCY_12M', borrower([loanAt('coop-a', patch)]))).toBe(expected);
  });

  it('finds an older record of a loan that is current now', () => {
    const records = history(12);
    records[7] = record({ period: monthsBack(7), collectibility: 3 });
    expect(raises('SEVERE_DELINQUENCY_12M', borrower([loan({ records })]))).toBe(true);
  });
});

describe('WRITTEN_OFF_24M (written off, claim waived or collectibility 5 in 24 months)', () => {
  it.each<[string, boolean, LoanCondition, number, number]>([
    ['written off (03)', true, '03', 1, 0],
    ['claim waived (04)', true, '04', 1, 0],
    ['collectibility 5 while active', true, '00', 5, 0],
    ['collectibility 4 while active', false, '00', 4, 0],
    ['paid with discount (12)', false, '12', 1, 0],
    ['written off 23 months back (last month of the window)', true, '03', 5, 23],
    ['written off 24 months back (outside)', false, '03', 5, 24],
    ['collectibility 5, 24 months back (outside)', false, '00', 5, 24],
  ])('%s: flagged %s', (_name, expected, condition, collectibility, back) => {
    const input = borrower([loanAt('coop-a', { condition, collectibility, period: monthsBack(back) })]);
    expect(raises('WRITTEN_OFF_24M', input)).toBe(expected);
  });
});

describe('RESTRUCTURED_12M (restructure count rose within 12 months)', () => {
  // Counts per month, newest first, starting this month.
  const loanWithCounts = (counts: number[], firstBack = 0) =>
    loan({
      records: counts.map((restructureCount, n) => record({ period: monthsBack(firstBack + n), restructureCount })),
    });

  it.each<[string, boolean, number[], number]>([
    ['never restructured', false, [0, 0, 0], 0],
    ['rose this month', true, [1, 0], 0],
    ['rose 11 months back (last month of the window)', true, [1, 0], 11],
    ['rose 12 months back, unchanged since', false, [...Array<number>(13).fill(1), 0], 0],
    ['rose again 11 months back after an older restructure', true, [2, 1], 11],
    ['first record we hold is inside the window and already restructured', true, [1, 1, 1], 0],
    ['first record we hold is 12 months back with count 1, unchanged since', false, Array<number>(13).fill(1), 0],
    ['only record is 3 months back and already restructured', true, [1], 3],
  ])('%s: flagged %s', (_name, expected, counts, firstBack) => {
    expect(raises('RESTRUCTURED_12M', borrower([loanWithCounts(counts, firstBack)]))).toBe(expected);
  });

  it('dates a rise across a gap to the later record', () => {
    const records = [record({ period: monthsBack(10), restructureCount: 1 }), record({ period: monthsBack(14) })];
    const rose12Back = [record({ period: monthsBack(12), restructureCount: 1 }), record({ period: monthsBack(16) })];
    expect([
      raises('RESTRUCTURED_12M', borrower([loan({ records })])),
      raises('RESTRUCTURED_12M', borrower([loan({ records: rose12Back })])),
    ]).toEqual([true, false]);
  });
});
