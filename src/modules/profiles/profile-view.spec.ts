import type { BorrowerSnapshot, SnapshotLoan } from '../risk/borrower-snapshot';
import { DEFAULT_FLAG_THRESHOLDS } from '../risk/flags/risk-flags';
import { aliasFor, composeProfile, ProfileViewInput } from './profile-view';

const NOW = new Date('2026-11-22T03:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

function loan(id: string, cooperativeId: string, overrides: Partial<SnapshotLoan> = {}): SnapshotLoan {
  return {
    id,
    cooperativeId,
    loanRef: `REF-${id}`,
    facilityType: 'INSTALLMENT',
    principal: 5_000_000,
    disbursedAt: '2025-01-10',
    maturityDate: null,
    latestPeriod: '2026-10',
    active: true,
    condition: '00',
    outstanding: 1_000_000,
    arrears: 0,
    daysPastDue: 0,
    collectibility: 1,
    history: [{ period: '2026-10', collectibility: 1, daysPastDue: 0, outstanding: 1_000_000 }],
    ...overrides,
  };
}

function input(loans: SnapshotLoan[], overrides: Partial<ProfileViewInput> = {}): ProfileViewInput {
  const snapshot: BorrowerSnapshot = {
    loans,
    summary: {
      activeLoans: loans.length,
      activeLenders: 1,
      totalOutstanding: 0,
      totalArrears: 0,
      worstCollectibility: { current: 1, last12Months: 1, last24Months: 1 },
    },
    flags: [],
  };
  return {
    reportId: 'r',
    consentId: 'c',
    subjectRef: 's',
    generatedAt: NOW,
    viewer: { cooperativeId: 'own', name: 'KSP Own' },
    stored: { snapshot, score: 700, grade: 'B', modelVersion: 'm', ruleSet: '1:x', computedAt: NOW },
    inquiries: [],
    disputedLoanIds: new Set(),
    thresholds: DEFAULT_FLAG_THRESHOLDS,
    ...overrides,
  };
}

describe('aliasFor', () => {
  it.each([
    [0, 'Koperasi A'],
    [1, 'Koperasi B'],
    [25, 'Koperasi Z'],
    [26, 'Koperasi AA'],
    [27, 'Koperasi AB'],
    [701, 'Koperasi ZZ'],
    [702, 'Koperasi AAA'],
  ])('coop number %i is %s', (index, alias) => expect(aliasFor(index)).toBe(alias));
});

describe('composeProfile', () => {
  it('names own loans and aliases others consistently, in the order shown, without their loanRef or id', () => {
    const profile = composeProfile(
      input([loan('1', 'coop-x'), loan('2', 'own'), loan('3', 'coop-y'), loan('4', 'coop-x')]),
    );
    expect(profile.loans.map((l) => l.lender)).toEqual([
      { own: false, alias: 'Koperasi A' },
      { own: true, name: 'KSP Own' },
      { own: false, alias: 'Koperasi B' },
      { own: false, alias: 'Koperasi A' },
    ]);
    expect(profile.loans[1].loanRef).toBe('REF-2');
    const body = JSON.stringify(profile);
    for (const secret of ['coop-x', 'coop-y', 'REF-1', 'REF-3', 'REF-4', 'cooperativeId'])
      expect(body).not.toContain(secret);
  });

  it('counts inquiries by distinct coops per window', () => {
    const profile = composeProfile(
      input([], {
        inquiries: [
          { cooperativeId: 'a', at: daysAgo(0), purpose: 'NEW_APPLICATION' },
          { cooperativeId: 'a', at: daysAgo(3), purpose: 'MONITORING' },
          { cooperativeId: 'b', at: daysAgo(7), purpose: 'NEW_APPLICATION' },
          { cooperativeId: 'c', at: daysAgo(8), purpose: 'NEW_APPLICATION' },
          { cooperativeId: 'd', at: daysAgo(89), purpose: 'NEW_APPLICATION' },
        ],
      }),
    );
    expect(profile.summary.inquiries).toEqual({ last7Days: 2, last30Days: 3, last90Days: 4 });
    expect(profile.risk.flags.map((f) => f.code)).toContain('CREDIT_SHOPPING');
  });

  it('shows delinquency elsewhere only to a coop other than the delinquent one', () => {
    const flags = [
      {
        code: 'DELINQUENT_ELSEWHERE' as const,
        severity: 'HIGH' as const,
        message: { id: 'x', en: 'x' },
        cooperativeIds: ['own'],
      },
    ];
    const base = input([loan('1', 'own')]);
    const own = composeProfile({ ...base, stored: { ...base.stored, snapshot: { ...base.stored.snapshot, flags } } });
    expect(own.risk.flags).toEqual([]);
    const other = composeProfile({
      ...base,
      viewer: { cooperativeId: 'other', name: 'KSP Other' },
      stored: { ...base.stored, snapshot: { ...base.stored.snapshot, flags } },
    });
    expect(other.risk.flags.map((f) => f.code)).toEqual(['DELINQUENT_ELSEWHERE']);
    expect(JSON.stringify(other)).not.toContain('cooperativeIds');
  });

  it('marks disputed loans', () => {
    const profile = composeProfile(input([loan('1', 'own'), loan('2', 'x')], { disputedLoanIds: new Set(['2']) }));
    expect(profile.loans.map((l) => l.disputed)).toEqual([false, true]);
    expect(profile.risk.flags.map((f) => f.code)).toEqual(['DISPUTED_RECORD']);
    const undisputed = composeProfile(input([loan('1', 'own')], { disputedLoanIds: new Set(['not-shown']) }));
    expect(undisputed.risk.flags).toEqual([]);
  });
});
