import { AlertSeverity, AlertType } from '../monitoring-types';
import {
  aliasIndexFor,
  isDelinquent,
  messageOf,
  oldestAlertPeriod,
  RecordEvent,
  recordEvents,
  severityOf,
} from './alert-rules';

const enrolledAt = new Date('2026-10-01T00:00:00Z');
const event = (over: Partial<RecordEvent> = {}): RecordEvent => ({
  loanId: 'L1',
  period: '2026-11',
  condition: '00',
  daysPastDue: 0,
  collectibility: 1,
  restructureCount: 0,
  previous: { condition: '00', daysPastDue: 0, collectibility: 1, restructureCount: 0 },
  loanNewSinceEnrolment: false,
  disbursedAt: '2026-09-15',
  enrolledAt,
  ...over,
});
const prev = (over: Partial<NonNullable<RecordEvent['previous']>>) => ({
  condition: '00',
  daysPastDue: 0,
  collectibility: 1,
  restructureCount: 0,
  ...over,
});
const types = (e: RecordEvent) => recordEvents(e, 30).map((r) => r.eventKey);

describe('recordEvents', () => {
  it.each<[string, Partial<RecordEvent>, string[]]>([
    ['nothing changed', {}, []],
    ['a new loan, active, disbursed within 90 days of the enrolment', { loanNewSinceEnrolment: true }, ['NEW_LOAN:L1']],
    ['a new report of an old backlog loan', { loanNewSinceEnrolment: true, disbursedAt: '2026-06-01' }, []],
    ['a new loan already closed', { loanNewSinceEnrolment: true, condition: '02' }, []],
    ['crossing the threshold', { daysPastDue: 31, collectibility: 2 }, ['DELINQUENT:L1:2026-11']],
    [
      'at the threshold (the flag says "more than")',
      { daysPastDue: 30, collectibility: 2 },
      ['COLLECTIBILITY:L1:2026-11'],
    ],
    [
      'delinquent with no month before',
      { daysPastDue: 60, collectibility: 2, previous: null },
      ['DELINQUENT:L1:2026-11'],
    ],
    [
      'already delinquent, collectibility worse',
      { daysPastDue: 95, collectibility: 3, previous: prev({ daysPastDue: 40, collectibility: 2 }) },
      ['COLLECTIBILITY:L1:2026-11'],
    ],
    [
      'already delinquent, same collectibility',
      { daysPastDue: 50, collectibility: 2, previous: prev({ daysPastDue: 40, collectibility: 2 }) },
      [],
    ],
    ['collectibility with no month before', { collectibility: 2, daysPastDue: 10, previous: null }, []],
    ['restructured', { restructureCount: 1 }, ['RESTRUCTURED:L1:1']],
    ['restructured, no month before', { restructureCount: 1, previous: null }, []],
    ['written off', { condition: '03' }, ['WRITTEN_OFF:L1']],
    ['still written off', { condition: '03', previous: prev({ condition: '03' }) }, []],
    ['written off in its first report', { condition: '03', previous: null }, ['WRITTEN_OFF:L1']],
  ])('%s', (_name, over, expected) => expect(types(event(over))).toEqual(expected));
});

describe('severityOf', () => {
  it.each<[AlertType, number | null, AlertSeverity]>([
    [AlertType.WRITTEN_OFF_ELSEWHERE, 1, AlertSeverity.HIGH],
    [AlertType.DELINQUENT_ELSEWHERE, 2, AlertSeverity.HIGH],
    [AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE, 2, AlertSeverity.MEDIUM],
    [AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE, 3, AlertSeverity.HIGH],
    [AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE, 5, AlertSeverity.HIGH],
    [AlertType.RESTRUCTURED_ELSEWHERE, 1, AlertSeverity.MEDIUM],
    [AlertType.NEW_LOAN_ELSEWHERE, 1, AlertSeverity.MEDIUM],
    [AlertType.INQUIRY_ELSEWHERE, null, AlertSeverity.LOW],
  ])('%s at collectibility %s is %s', (type, col, severity) => expect(severityOf(type, col)).toBe(severity));
});

describe('messageOf', () => {
  const facts = {
    alias: 'Koperasi B',
    disbursedAt: '2026-09-15',
    period: '2026-11',
    daysPastDue: 45,
    collectibility: 3,
  };
  it.each<[AlertType, string, string]>([
    [
      AlertType.NEW_LOAN_ELSEWHERE,
      'pinjaman baru di koperasi lain (Koperasi B, pinjaman mulai 15/09/2026)',
      'new loan',
    ],
    [
      AlertType.DELINQUENT_ELSEWHERE,
      'menunggak 45 hari di koperasi lain (Koperasi B, pinjaman mulai 15/09/2026), periode 2026-11',
      '45 days past due',
    ],
    [AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE, 'memburuk menjadi 3 (kurang lancar)', 'worsened to 3 (substandard)'],
    [AlertType.RESTRUCTURED_ELSEWHERE, 'direstrukturisasi', 'restructured'],
    [AlertType.WRITTEN_OFF_ELSEWHERE, 'dihapusbukukan', 'written off'],
    [AlertType.INQUIRY_ELSEWHERE, 'Koperasi lain memeriksa profil', 'checked your borrower'],
  ])('%s', (type, id, en) => {
    const m = messageOf(
      type,
      type === AlertType.INQUIRY_ELSEWHERE
        ? { ...facts, alias: 'Koperasi lain', disbursedAt: null, period: null }
        : facts,
    );
    expect(m.id).toContain(id);
    expect(m.en).toContain(en);
  });
});

describe('aliasIndexFor', () => {
  it.each<[string[], string, string, number]>([
    [['own', 'x', 'y'], 'own', 'x', 0],
    [['x', 'own', 'y'], 'own', 'y', 1],
    [['x', 'y'], 'own', 'y', 1],
    [['x'], 'own', 'z', 1],
  ])('%j viewed by %s: %s is letter %i', (order, viewer, lender, index) =>
    expect(aliasIndexFor(order, viewer, lender)).toBe(index),
  );
});

describe('oldestAlertPeriod and isDelinquent', () => {
  it.each([
    ['2026-12-03T10:00:00Z', '2026-09'],
    ['2026-12-31T18:00:00Z', '2026-10'], // already January 1st in WIB
    ['2026-02-10T00:00:00Z', '2025-11'],
  ])('at %s the oldest period is %s', (now, period) => expect(oldestAlertPeriod(new Date(now))).toBe(period));
  it.each([
    [30, false],
    [31, true],
  ])('%i days past due against 30: %s', (dpd, late) => expect(isDelinquent(dpd, 30)).toBe(late));
});
