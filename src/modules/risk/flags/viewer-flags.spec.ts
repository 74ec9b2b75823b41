import { FLAG_SEVERITY, FlagCode, RiskFlag, StoredFlag } from './flag-definitions';
import { sortFlags } from './flag-order';
import { evaluateRecordFlags } from './record-flags';
import { flagsForViewer } from './viewer-flags';
import { AS_OF, borrower, history, loan, thresholds } from './flags.spec-support';

const flagOf = (code: FlagCode): RiskFlag => ({ code, severity: FLAG_SEVERITY[code], message: { id: code, en: code } });
const delinquentAt = (...cooperativeIds: string[]): StoredFlag => ({
  ...flagOf('DELINQUENT_ELSEWHERE'),
  cooperativeIds,
});

describe('flagsForViewer', () => {
  it.each<[string, boolean, string[], string]>([
    ['delinquent only at the viewer', false, ['coop-a'], 'coop-a'],
    ['delinquent only at the viewer, seen by another coop', true, ['coop-a'], 'coop-b'],
    ['delinquent at the viewer and another coop', true, ['coop-a', 'coop-b'], 'coop-a'],
    ['delinquent at two other coops', true, ['coop-a', 'coop-b'], 'coop-c'],
    ['stored without any coop', false, [], 'coop-a'],
  ])('DELINQUENT_ELSEWHERE %s: shown %s', (_name, shown, cooperativeIds, viewer) => {
    const seen = flagsForViewer([delinquentAt(...cooperativeIds)], viewer);
    expect(seen.some((flag) => flag.code === 'DELINQUENT_ELSEWHERE')).toBe(shown);
  });

  it('drops a stored DELINQUENT_ELSEWHERE whose coop list is missing', () => {
    expect(flagsForViewer([flagOf('DELINQUENT_ELSEWHERE')], 'coop-a')).toEqual([]);
  });

  it('strips cooperativeIds and keeps the other flags and their order', () => {
    const stored: StoredFlag[] = [delinquentAt('coop-b'), flagOf('MULTIPLE_LENDERS'), flagOf('THIN_FILE')];
    const seen = flagsForViewer(stored, 'coop-a');
    expect(seen).toEqual([flagOf('DELINQUENT_ELSEWHERE'), flagOf('MULTIPLE_LENDERS'), flagOf('THIN_FILE')]);
    expect(seen[0]).not.toHaveProperty('cooperativeIds');
  });

  it("shows the own coop's arrears to another coop, and not to the own coop, from evaluated records", () => {
    const records = history(6, { daysPastDue: 45, collectibility: 2 });
    const input = borrower([loan({ cooperativeId: 'coop-a', records })]);
    const stored = evaluateRecordFlags(input, AS_OF, thresholds());
    const codesFor = (viewer: string) => flagsForViewer(stored, viewer).map((flag) => flag.code);
    expect([codesFor('coop-a'), codesFor('coop-b')]).toEqual([[], ['DELINQUENT_ELSEWHERE']]);
  });
});

describe('sortFlags', () => {
  const RULE_BOOK_ORDER: FlagCode[] = [
    'DELINQUENT_ELSEWHERE',
    'SEVERE_DELINQUENCY_12M',
    'WRITTEN_OFF_24M',
    'IDENTITY_MISMATCH',
    'MULTIPLE_LENDERS',
    'LOAN_STACKING',
    'CREDIT_SHOPPING',
    'RESTRUCTURED_12M',
    'HIGH_INDEBTEDNESS',
    'THIN_FILE',
    'DISPUTED_RECORD',
  ];

  it.each<[string, FlagCode[], FlagCode[]]>([
    ['all codes, reversed', [...RULE_BOOK_ORDER].reverse(), RULE_BOOK_ORDER],
    ['LOW before HIGH', ['DISPUTED_RECORD', 'IDENTITY_MISMATCH'], ['IDENTITY_MISMATCH', 'DISPUTED_RECORD']],
    [
      'MEDIUM by code order',
      ['HIGH_INDEBTEDNESS', 'CREDIT_SHOPPING', 'MULTIPLE_LENDERS'],
      ['MULTIPLE_LENDERS', 'CREDIT_SHOPPING', 'HIGH_INDEBTEDNESS'],
    ],
    [
      'HIGH by code order',
      ['IDENTITY_MISMATCH', 'WRITTEN_OFF_24M', 'DELINQUENT_ELSEWHERE'],
      ['DELINQUENT_ELSEWHERE', 'WRITTEN_OFF_24M', 'IDENTITY_MISMATCH'],
    ],
    ['nothing', [], []],
  ])('%s', (_name, codes, expected) => {
    expect(sortFlags(codes.map(flagOf)).map((flag) => flag.code)).toEqual(expected);
  });

  it('orders by the severity a flag carries, before the code', () => {
    const flags: RiskFlag[] = [
      { ...flagOf('DELINQUENT_ELSEWHERE'), severity: 'LOW' },
      flagOf('THIN_FILE'),
      { ...flagOf('DISPUTED_RECORD'), severity: 'HIGH' },
    ];
    expect(sortFlags(flags).map((flag) => flag.code)).toEqual(['DISPUTED_RECORD', 'DELINQUENT_ELSEWHERE', 'THIN_FILE']);
  });

  it('returns a new array, keeps stored fields and leaves the input alone', () => {
    const input: StoredFlag[] = [flagOf('THIN_FILE'), delinquentAt('coop-b')];
    const sorted = sortFlags(input);
    expect([sorted, input.map((flag) => flag.code)]).toEqual([
      [delinquentAt('coop-b'), flagOf('THIN_FILE')],
      ['THIN_FILE', 'DELINQUENT_ELSEWHERE'],
    ]);
  });
});
