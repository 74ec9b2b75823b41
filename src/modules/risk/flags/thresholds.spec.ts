import { BorrowerRiskInput, Inquiry } from '../risk-input';
import { DEFAULT_FLAG_THRESHOLDS, FlagCode, FlagThresholds, RULE_SET_VERSION } from './flag-definitions';
import { evaluateInquiryFlags } from './inquiry-flags';
import { evaluateRecordFlags } from './record-flags';
import {
  AS_OF,
  borrower,
  history,
  identity,
  inquiry,
  loan,
  loanAt,
  monthsBack,
  raises,
  record,
  thresholds,
} from './flags.spec-support';

describe('rule set 2 defaults', () => {
  it('has the published thresholds, frozen', () => {
    expect(RULE_SET_VERSION).toBe(2);
    expect(DEFAULT_FLAG_THRESHOLDS).toEqual<FlagThresholds>({
      delinquentDaysPastDue: 30,
      severeCollectibility: 3,
      severeWindowMonths: 12,
      writtenOffWindowMonths: 24,
      multipleLendersMinCoops: 3,
      stackingWindowDays: 90,
      stackingMinCoops: 2,
      shoppingMinCoops: 3,
      shoppingWindowDays: 30,
      restructuredWindowMonths: 12,
      highIndebtednessRupiah: 200_000_000,
      thinFileMinMonths: 6,
    });
    expect(Object.isFrozen(DEFAULT_FLAG_THRESHOLDS)).toBe(true);
  });
});

describe('non-default thresholds change the outcome', () => {
  const twoCoops = (disbursedA: string, disbursedB: string) => [
    loan({ loanId: 'a', cooperativeId: 'coop-a', disbursedAt: disbursedA }),
    loan({ loanId: 'b', cooperativeId: 'coop-b', disbursedAt: disbursedB }),
  ];

  it.each<[keyof FlagThresholds, number, FlagCode, BorrowerRiskInput, boolean]>([
    ['delinquentDaysPastDue', 60, 'DELINQUENT_ELSEWHERE', borrower([loanAt('coop-a', { daysPastDue: 45 })]), true],
    ['severeCollectibility', 2, 'SEVERE_DELINQUENCY_12M', borrower([loanAt('coop-a', { collectibility: 2 })]), false],
    [
      'severeWindowMonths',
      24,
      'SEVERE_DELINQUENCY_12M',
      borrower([loanAt('coop-a', { collectibility: 3, period: monthsBack(18) })]),
      false,
    ],
    [
      'writtenOffWindowMonths',
      12,
      'WRITTEN_OFF_24M',
      borrower([loanAt('coop-a', { condition: '03', period: monthsBack(18) })]),
      true,
    ],
    ['multipleLendersMinCoops', 2, 'MULTIPLE_LENDERS', borrower([loanAt('coop-a'), loanAt('coop-b')]), false],
    ['stackingWindowDays', 30, 'LOAN_STACKING', borrower(twoCoops('2026-09-01', '2026-10-15')), true],
    ['stackingMinCoops', 3, 'LOAN_STACKING', borrower(twoCoops('2026-11-01', '2026-11-01')), true],
    [
      'restructuredWindowMonths',
      24,
      'RESTRUCTURED_12M',
      borrower([
        loan({
          records: [record({ period: monthsBack(18), restructureCount: 1 }), record({ period: monthsBack(19) })],
        }),
      ]),
      false,
    ],
    [
      'highIndebtednessRupiah',
      100_000_000,
      'HIGH_INDEBTEDNESS',
      borrower([loanAt('coop-a', { outstanding: 150_000_000 })]),
      false,
    ],
    ['thinFileMinMonths', 3, 'THIN_FILE', borrower([loan({ records: history(4) })]), true],
  ])('%s = %i turns %s from %s to the opposite', (key, value, code, input, byDefault) => {
    expect([raises(code, input), raises(code, input, thresholds({ [key]: value }))]).toEqual([byDefault, !byDefault]);
  });

  it.each<[keyof FlagThresholds, number, Inquiry[], boolean]>([
    ['shoppingMinCoops', 2, [inquiry('coop-a', AS_OF), inquiry('coop-b', AS_OF)], false],
    [
      'shoppingWindowDays',
      7,
      ['coop-a', 'coop-b', 'coop-c'].map((coop) => inquiry(coop, new Date(AS_OF.getTime() - 10 * 86_400_000))),
      true,
    ],
  ])('%s = %i turns CREDIT_SHOPPING from %s to the opposite', (key, value, inquiries, byDefault) => {
    const shopping = (t: FlagThresholds) => evaluateInquiryFlags(inquiries, AS_OF, t).length > 0;
    expect([shopping(thresholds()), shopping(thresholds({ [key]: value }))]).toEqual([byDefault, !byDefault]);
  });

  it('writes the configured thresholds into the messages', () => {
    const input = borrower([loanAt('coop-a', { daysPastDue: 75, outstanding: 150_000_000 })]);
    const t = thresholds({ delinquentDaysPastDue: 60, highIndebtednessRupiah: 100_000_000, thinFileMinMonths: 2 });
    expect(evaluateRecordFlags(input, AS_OF, t).map((flag) => flag.message.en)).toEqual([
      'Active loan more than 60 days past due at another cooperative',
      'Total outstanding on active loans above Rp100,000,000',
      'Fewer than 2 months of reported history',
    ]);
  });
});

describe('evaluateRecordFlags on one borrower', () => {
  it('returns every raised flag once, HIGH first, and nothing that names a coop outside cooperativeIds', () => {
    const input = borrower(
      [
        loan({ loanId: 'a', cooperativeId: 'coop-a', records: history(3, { daysPastDue: 100, collectibility: 3 }) }),
        loan({ loanId: 'b', cooperativeId: 'coop-b', disbursedAt: '2026-10-01', records: history(2) }),
        loan({
          loanId: 'c',
          cooperativeId: 'coop-c',
          disbursedAt: '2026-11-01',
          records: history(1, { restructureCount: 1 }),
        }),
      ],
      { identities: [identity('coop-a'), identity('coop-b', { birthDateHash: 'birth-2' })], disputedLoanIds: ['b'] },
    );
    const flags = evaluateRecordFlags(input, AS_OF, thresholds());
    expect(flags.map((flag) => [flag.code, flag.severity])).toEqual([
      ['DELINQUENT_ELSEWHERE', 'HIGH'],
      ['SEVERE_DELINQUENCY_12M', 'HIGH'],
      ['IDENTITY_MISMATCH', 'HIGH'],
      ['MULTIPLE_LENDERS', 'MEDIUM'],
      ['LOAN_STACKING', 'MEDIUM'],
      ['RESTRUCTURED_12M', 'MEDIUM'],
      ['THIN_FILE', 'LOW'],
      ['DISPUTED_RECORD', 'LOW'],
    ]);
    expect(flags[0].cooperativeIds).toEqual(['coop-a']);
    expect(flags.map((flag) => [flag.code, flag.loanIds])).toEqual([
      ['DELINQUENT_ELSEWHERE', ['a']],
      ['SEVERE_DELINQUENCY_12M', ['a']],
      ['IDENTITY_MISMATCH', undefined],
      ['MULTIPLE_LENDERS', undefined],
      ['LOAN_STACKING', ['b', 'c']],
      ['RESTRUCTURED_12M', ['c']],
      ['THIN_FILE', undefined],
      ['DISPUTED_RECORD', undefined],
    ]);
    expect(JSON.stringify(flags.map((flag) => flag.message))).not.toMatch(/coop-/);
  });

  it('raises nothing but THIN_FILE for a borrower without loans', () => {
    expect(evaluateRecordFlags(borrower([]), AS_OF, thresholds()).map((flag) => flag.code)).toEqual(['THIN_FILE']);
  });
});
