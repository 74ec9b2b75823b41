import { LoanHistory, MonthlyRecord } from '../risk-input';
import { delinquencyLevel, extractScoreFeatures } from './score-features';
import { parseUciCsv, uciRowToLoan } from './training/uci-mapping';

const UCI_HEADER =
  'ID,LIMIT_BAL,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,' +
  'PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default.payment.next.month';
// Row 2 of train.csv.
const UCI_ROW_2 = '2,120000,-1,2,0,0,0,2,2682,1725,2682,3272,3455,3261,0,1000,1000,1000,0,2000,1';

const record = (period: string, overrides: Partial<MonthlyRecord> = {}): MonthlyRecord => ({
  period,
  condition: '00',
  outstanding: 1_000,
  arrearsPrincipal: 0,
  arrearsInterest: 0,
  daysPastDue: 0,
  collectibility: 1,
  paidAmount: 100,
  restructureCount: 0,
  ...overrides,
});

const loan = (loanId: string, creditLimit: number, records: MonthlyRecord[]): LoanHistory => ({
  loanId,
  cooperativeId: `coop-${loanId}`,
  facilityType: 'INSTALLMENT',
  principal: creditLimit,
  creditLimit,
  disbursedAt: '2024-01-01',
  maturityDate: null,
  records,
});

describe('delinquencyLevel', () => {
  it.each([
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [60, 2],
    [61, 3],
    [200, 7],
  ])('%i days past due is level %i', (days, level) => {
    expect(delinquencyLevel(days)).toBe(level);
  });
});

describe('extractScoreFeatures on a UCI row', () => {
  const [row] = parseUciCsv(`${UCI_HEADER}\n${UCI_ROW_2}\n`);

  it('maps the row as the dataset README says', () => {
    const mapped = uciRowToLoan(row);
    expect(mapped.records.map((r) => [r.period, r.daysPastDue, r.collectibility, r.outstanding, r.paidAmount])).toEqual(
      [
        ['2005-09', 0, 1, 2682, 0],
        ['2005-08', 60, 2, 1725, 1000],
        ['2005-07', 0, 1, 2682, 1000],
        ['2005-06', 0, 1, 3272, 1000],
        ['2005-05', 0, 1, 3455, 0],
        ['2005-04', 60, 2, 3261, 2000],
      ],
    );
    expect(mapped).toMatchObject({
      facilityType: 'REVOLVING',
      principal: 120_000,
      creditLimit: 120_000,
      disbursedAt: '2005-04-01',
    });
    expect(mapped.records.every((r) => r.condition === '00')).toBe(true);
    expect(row.defaulted).toBe(true);
  });

  it('gives the expected features', () => {
    const features = extractScoreFeatures([uciRowToLoan(row)]);
    expect(features).toEqual({
      latestLevel: 0,
      previousLevel: 2,
      olderWorstLevel: 2,
      monthsDelinquent: 2,
      latestLevelUnpaid: 0,
      utilisation: expect.closeTo(2682 / 120_000, 12),
      paymentRatio: 0,
      monthsNothingPaid: 2, // September (August's 1,725 unpaid) and May (April's 3,261 unpaid)
      monthsInactive: 0,
      balanceChange: expect.closeTo((2682 - 3261) / 120_000, 12),
      outstanding: 2682,
      latestPaid: 0,
      previousPaid: 1000,
      creditLimit: 120_000,
    });
  });

  it('keeps negative bills at zero and counts unused months as inactive', () => {
    const [quiet] = parseUciCsv(`${UCI_HEADER}\n9,50000,-2,-2,-2,-2,-2,-2,0,-200,0,0,0,0,0,0,0,0,0,0,0\n`);
    const features = extractScoreFeatures([uciRowToLoan(quiet)]);
    expect(features).toMatchObject({ utilisation: 0, paymentRatio: 1, monthsInactive: 6, monthsDelinquent: 0 });
  });
});

describe('extractScoreFeatures on several loans', () => {
  it('ends the window at the latest period of any loan and folds loans month by month', () => {
    const features = extractScoreFeatures([
      loan('a', 10_000, [
        record('2025-06', { outstanding: 4_000, daysPastDue: 45, paidAmount: 0 }),
        record('2025-05', { outstanding: 3_000, daysPastDue: 10, paidAmount: 500 }),
      ]),
      loan('b', 30_000, [
        record('2025-06', { outstanding: 6_000, daysPastDue: 5, paidAmount: 1_000 }),
        record('2025-05', { outstanding: 2_000, paidAmount: 2_000 }),
        record('2024-12', { outstanding: 9_000, daysPastDue: 400 }), // outside the six-month window
      ]),
    ]);
    expect(features).toMatchObject({
      latestLevel: 2, // worst of 45 and 5 days
      previousLevel: 1,
      olderWorstLevel: 0,
      monthsDelinquent: 2,
      latestLevelUnpaid: 2, // 1,000 paid against 5,000 owed
      utilisation: 10_000 / 40_000,
      paymentRatio: 1_000 / 5_000,
      outstanding: 10_000,
      latestPaid: 1_000,
      previousPaid: 2_500,
      creditLimit: 40_000,
    });
  });

  it('anchors the window on a loan that reports later than the others', () => {
    const features = extractScoreFeatures([
      loan('old', 10_000, [record('2025-01', { daysPastDue: 90 })]),
      loan('new', 10_000, [record('2025-07'), record('2025-06')]),
    ]);
    // 2025-01 is month 6 before 2025-07: outside the window.
    expect(features).toMatchObject({ monthsDelinquent: 0, olderWorstLevel: 0, creditLimit: 10_000 });
  });

  it('treats a gap as a month without records and unknown payments as unknown', () => {
    const features = extractScoreFeatures([
      loan('a', 10_000, [
        record('2025-06', { paidAmount: null, daysPastDue: 20 }),
        record('2025-03', { paidAmount: null }),
      ]),
    ]);
    expect(features.previousLevel).toBe(0);
    expect(features.latestLevelUnpaid).toBe(1); // not known to be paid, so counted as unpaid
    for (const unknown of [
      'paymentRatio',
      'monthsNothingPaid',
      'monthsInactive',
      'latestPaid',
      'previousPaid',
    ] as const) {
      expect(features[unknown]).toBeNaN();
    }
  });

  it('counts a period sent twice for one loan once', () => {
    const once = extractScoreFeatures([loan('a', 10_000, [record('2025-06'), record('2025-05')])]);
    const twice = extractScoreFeatures([loan('a', 10_000, [record('2025-06'), record('2025-06'), record('2025-05')])]);
    expect(twice).toEqual(once);
  });

  it('has nothing to read without records', () => {
    const features = extractScoreFeatures([loan('a', 10_000, [])]);
    expect(features.monthsDelinquent).toBe(0);
    expect(features.utilisation).toBeNaN();
    expect(features.creditLimit).toBeNaN();
  });
});
