import type { BorrowerSnapshot, SnapshotLoan } from '../risk/borrower-snapshot';
import { DEFAULT_FLAG_THRESHOLDS } from '../risk/flags/risk-flags';
import { composeProfile, ProfileViewInput } from './profile-view';

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

describe('composeProfile: flags that name loans, and the grade withheld behind an identity doubt', () => {
  const stored = (flags: BorrowerSnapshot['flags'], loans: SnapshotLoan[]) => {
    const base = input(loans);
    return { ...base, stored: { ...base.stored, snapshot: { ...base.stored.snapshot, flags } } };
  };
  const restructured = {
    code: 'RESTRUCTURED_12M' as const,
    severity: 'MEDIUM' as const,
    message: {
      id: 'Pinjaman direstrukturisasi dalam 12 bulan terakhir',
      en: 'Loan restructured in the last 12 months',
    },
  };
  const loans = [
    loan('own-1', 'own', { loanRef: 'PK-OWN-0001' }),
    loan('x-1', 'coop-x', { disbursedAt: '2025-03-01' }),
    loan('y-1', 'coop-y', { disbursedAt: '2025-03-22' }),
  ];

  it('names each loan as the viewer may see it, in both languages, and gives its id', () => {
    const profile = composeProfile(stored([{ ...restructured, loanIds: ['x-1', 'own-1'] }], loans));
    expect(profile.risk.flags).toEqual([
      {
        ...restructured,
        message: {
          id: 'Pinjaman direstrukturisasi dalam 12 bulan terakhir: Koperasi A, pinjaman mulai 01/03/2025; pinjaman PK-OWN-0001 (koperasi Anda)',
          en: 'Loan restructured in the last 12 months: Koperasi A, loan from 01/03/2025; loan PK-OWN-0001 (your cooperative)',
        },
        loanIds: ['x-1', 'own-1'],
      },
    ]);
    const body = JSON.stringify(profile);
    for (const secret of ['coop-x', 'coop-y', 'REF-x-1', 'cooperativeIds']) expect(body).not.toContain(secret);
  });

  it("names only other coops' loans on DELINQUENT_ELSEWHERE, and drops loans the report does not show", () => {
    const delinquent = {
      code: 'DELINQUENT_ELSEWHERE' as const,
      severity: 'HIGH' as const,
      message: { id: 'Menunggak di koperasi lain', en: 'Late at another cooperative' },
      cooperativeIds: ['own', 'coop-y'],
      loanIds: ['own-1', 'y-1', 'not-shown'],
    };
    const [flag] = composeProfile(stored([delinquent], loans)).risk.flags;
    expect(flag.loanIds).toEqual(['y-1']);
    expect(flag.message).toEqual({
      id: 'Menunggak di koperasi lain: Koperasi B, pinjaman mulai 22/03/2025',
      en: 'Late at another cooperative: Koperasi B, loan from 22/03/2025',
    });
  });

  it('keeps a flag without loans as it was stored, without loanIds', () => {
    const thin = { code: 'THIN_FILE' as const, severity: 'LOW' as const, message: { id: 't', en: 't' } };
    expect(composeProfile(stored([thin], loans)).risk.flags).toEqual([thin]);
  });

  it.each<[string, BorrowerSnapshot['flags'], boolean]>([
    [
      'a HIGH identity mismatch',
      [{ code: 'IDENTITY_MISMATCH', severity: 'HIGH', message: { id: 'i', en: 'i' } }],
      true,
    ],
    ['no flags', [], false],
    ['other HIGH flags only', [{ code: 'WRITTEN_OFF_24M', severity: 'HIGH', message: { id: 'w', en: 'w' } }], false],
  ])('with %s, risk.caution (score and grade stay)', (_name, flags, cautioned) => {
    const profile = composeProfile(stored(flags, loans));
    expect([profile.risk.score, profile.risk.grade]).toEqual([700, 'B']);
    expect(profile.risk.caution).toEqual(
      cautioned
        ? {
            code: 'IDENTITY_MISMATCH',
            message: {
              id: 'Periksa identitas dahulu: nilai ini mungkin milik orang lain',
              en: 'Check the identity first: this grade may belong to someone else',
            },
          }
        : null,
    );
  });
});

describe('composeProfile: inquiry counts are windows ending now', () => {
  const ms = (days: number, extra = 0) => new Date(NOW.getTime() - days * 86_400_000 - extra);
  it.each<[string, Date, [number, number, number]]>([
    ['exactly 7 days before now', ms(7), [1, 1, 1]],
    ['7 days and 1 ms before', ms(7, 1), [0, 1, 1]],
    ['exactly 30 days before', ms(30), [0, 1, 1]],
    ['30 days and 1 ms before', ms(30, 1), [0, 0, 1]],
    ['exactly 90 days before', ms(90), [0, 0, 1]],
    ['90 days and 1 ms before', ms(90, 1), [0, 0, 0]],
    ['1 ms after now', ms(0, -1), [0, 0, 0]],
  ])('an inquiry %s: counted in the 7, 30 and 90 days as given', (_name, at, [d7, d30, d90]) => {
    const profile = composeProfile(input([], { inquiries: [{ cooperativeId: 'a', at, purpose: 'NEW_APPLICATION' }] }));
    expect(profile.summary.inquiries).toEqual({ last7Days: d7, last30Days: d30, last90Days: d90 });
  });
});
