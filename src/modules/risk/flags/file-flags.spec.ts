import { BorrowerRiskInput, LoanHistory, ReportedIdentity } from '../risk-input';
import { borrower, history, identity, loan, loanAt, monthsBack, raises, record } from './flags.spec-support';

describe('IDENTITY_MISMATCH (coops report different name or birth date)', () => {
  it.each<[string, boolean, ReportedIdentity[]]>([
    ['no identities', false, []],
    ['one coop', false, [identity('coop-a')]],
    ['two coops agree', false, [identity('coop-a'), identity('coop-b')]],
    ['two coops, different names', true, [identity('coop-a'), identity('coop-b', { nameHash: 'name-2' })]],
    ['two coops, different birth dates', true, [identity('coop-a'), identity('coop-b', { birthDateHash: 'birth-2' })]],
    [
      'one coop reporting two names (its own correction)',
      false,
      [identity('coop-a'), identity('coop-a', { nameHash: 'name-2' })],
    ],
    [
      'third coop disagrees with the other two',
      true,
      [identity('coop-a'), identity('coop-b'), identity('coop-c', { nameHash: 'name-2' })],
    ],
  ])('%s: flagged %s', (_name, expected, identities) => {
    expect(raises('IDENTITY_MISMATCH', borrower([], { identities }))).toBe(expected);
  });
});

describe('THIN_FILE (fewer than 6 distinct reported months)', () => {
  it.each<[string, boolean, LoanHistory[]]>([
    ['no loans', true, []],
    ['one loan without records', true, [loan({ records: [] })]],
    ['5 months', true, [loan({ records: history(5) })]],
    ['6 months (the threshold)', false, [loan({ records: history(6) })]],
    ['7 months', false, [loan({ records: history(7) })]],
    [
      'two loans reporting the same 5 months',
      true,
      [loan({ records: history(5) }), loan({ loanId: 'loan-2', cooperativeId: 'coop-b', records: history(5) })],
    ],
    [
      'two loans, 3 different months each',
      false,
      [
        loan({ records: history(3) }),
        loan({ loanId: 'loan-2', records: [3, 4, 5].map((n) => record({ period: monthsBack(n) })) }),
      ],
    ],
    [
      '6 months with gaps',
      false,
      [loan({ records: [0, 2, 5, 9, 14, 20].map((n) => record({ period: monthsBack(n) })) })],
    ],
  ])('%s: flagged %s', (_name, expected, loans) => {
    expect(raises('THIN_FILE', borrower(loans))).toBe(expected);
  });
});

describe("DISPUTED_RECORD (one of the borrower's loans is under dispute)", () => {
  const loans = [loanAt('coop-a'), loanAt('coop-b')]; // loan ids coop-a-loan and coop-b-loan

  it.each<[string, boolean, Partial<BorrowerRiskInput>]>([
    ['no disputes', false, { loans }],
    ['a dispute on one loan', true, { loans, disputedLoanIds: ['coop-b-loan'] }],
    ['a dispute on a loan not in the input', false, { loans, disputedLoanIds: ['other-loan'] }],
    ['a dispute but no loans', false, { loans: [], disputedLoanIds: ['coop-a-loan'] }],
  ])('%s: flagged %s', (_name, expected, patch) => {
    expect(raises('DISPUTED_RECORD', borrower(patch.loans ?? [], patch))).toBe(expected);
  });
});
