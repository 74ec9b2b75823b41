import { monthsBefore, periodOf, wibDay } from '../../risk/periods';
import { AlertSeverity, AlertType } from '../monitoring-types';

/** Only reports of the last months raise alerts: a first upload of years of history must not raise a storm. */
export const RECENT_MONTHS = 3;
/** A loan disbursed longer than this before the enrolment is an old backlog being reported, not a new loan. */
export const NEW_LOAN_BACKLOG_DAYS = 90;
/** What an inquiry's asker is called: it is not a lender of the borrower, so it gets no letter of the report. */
export const INQUIRY_ALIAS = 'Koperasi lain';

/** The oldest period that still raises alerts at `now` (WIB calendar). */
export const oldestAlertPeriod = (now: Date): string => monthsBefore(periodOf(wibDay(now)), RECENT_MONTHS);

/** A record written by a submission, with the same loan's record of the month before (null fields: none). */
export interface RecordEvent {
  loanId: string;
  period: string;
  condition: string;
  daysPastDue: number;
  collectibility: number;
  restructureCount: number;
  previous: { condition: string; daysPastDue: number; collectibility: number; restructureCount: number } | null;
  /** The loan was first reported after the enrolment (loans.created_at > enrolled_at). */
  loanNewSinceEnrolment: boolean;
  disbursedAt: string;
  enrolledAt: Date;
}

export interface RaisedEvent {
  type: AlertType;
  eventKey: string;
  period: string;
  /** The collectibility the record now has (for severity and the message). */
  collectibility: number;
  daysPastDue: number;
}

/** Same comparison as the profile's DELINQUENT_ELSEWHERE flag ("more than N days"), so alert and report agree. */
export const isDelinquent = (daysPastDue: number, threshold: number): boolean => daysPastDue > threshold;

const DAY_MS = 86_400_000;

/** The alerts one written record raises for one enrolment (before the unique key dedupes repeats). */
export function recordEvents(e: RecordEvent, delinquentDays: number): RaisedEvent[] {
  const out: RaisedEvent[] = [];
  const base = { period: e.period, collectibility: e.collectibility, daysPastDue: e.daysPastDue };
  const p = e.previous;
  const backlogFrom = e.enrolledAt.getTime() - NEW_LOAN_BACKLOG_DAYS * DAY_MS;
  if (e.loanNewSinceEnrolment && e.condition === '00' && Date.parse(e.disbursedAt) >= backlogFrom) {
    out.push({ ...base, type: AlertType.NEW_LOAN_ELSEWHERE, eventKey: `NEW_LOAN:${e.loanId}` });
  }
  const delinquent = isDelinquent(e.daysPastDue, delinquentDays) && !(p && isDelinquent(p.daysPastDue, delinquentDays));
  if (delinquent) {
    out.push({ ...base, type: AlertType.DELINQUENT_ELSEWHERE, eventKey: `DELINQUENT:${e.loanId}:${e.period}` });
  } else if (p && e.collectibility > p.collectibility) {
    out.push({
      ...base,
      type: AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE,
      eventKey: `COLLECTIBILITY:${e.loanId}:${e.period}`,
    });
  }
  if (p && e.restructureCount > p.restructureCount) {
    out.push({
      ...base,
      type: AlertType.RESTRUCTURED_ELSEWHERE,
      eventKey: `RESTRUCTURED:${e.loanId}:${e.restructureCount}`,
    });
  }
  if (e.condition === '03' && p?.condition !== '03') {
    out.push({ ...base, type: AlertType.WRITTEN_OFF_ELSEWHERE, eventKey: `WRITTEN_OFF:${e.loanId}` });
  }
  return out;
}

export const inquiryEventKey = (inquiryId: string): string => `INQUIRY:${inquiryId}`;

/** Collectibility 3 (kurang lancar) and worse is a loan going bad, not only late. */
export function severityOf(type: AlertType, collectibility: number | null): AlertSeverity {
  switch (type) {
    case AlertType.WRITTEN_OFF_ELSEWHERE:
    case AlertType.DELINQUENT_ELSEWHERE:
      return AlertSeverity.HIGH;
    case AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE:
      return collectibility !== null && collectibility >= 3 ? AlertSeverity.HIGH : AlertSeverity.MEDIUM;
    case AlertType.RESTRUCTURED_ELSEWHERE:
    case AlertType.NEW_LOAN_ELSEWHERE:
      return AlertSeverity.MEDIUM;
    case AlertType.INQUIRY_ELSEWHERE:
      return AlertSeverity.LOW;
  }
}

const COLLECTIBILITY_ID: Record<number, string> = {
  1: 'lancar',
  2: 'dalam perhatian khusus',
  3: 'kurang lancar',
  4: 'diragukan',
  5: 'macet',
};
const COLLECTIBILITY_EN: Record<number, string> = {
  1: 'current',
  2: 'special mention',
  3: 'substandard',
  4: 'doubtful',
  5: 'loss',
};

/** DD/MM/YYYY of a YYYY-MM-DD date, as the profile names another coop's loan. */
const dayMonthYear = (isoDate: string): string => isoDate.slice(0, 10).split('-').reverse().join('/');

export interface MessageFacts {
  alias: string;
  /** The loan elsewhere, by its disbursement date (never its loanRef); null for an inquiry. */
  disbursedAt: string | null;
  period: string | null;
  daysPastDue: number;
  collectibility: number;
}

/** The alert's text, Bahasa Indonesia first. Names the other coop only by its alias and the loan by its start. */
export function messageOf(type: AlertType, f: MessageFacts): { id: string; en: string } {
  const since = f.disbursedAt ? dayMonthYear(f.disbursedAt) : '';
  const loanId = `${f.alias}, pinjaman mulai ${since}`;
  const loanEn = `${f.alias}, loan from ${since}`;
  const col = `${f.collectibility}`;
  switch (type) {
    case AlertType.NEW_LOAN_ELSEWHERE:
      return {
        id: `Peminjam Anda mendapat pinjaman baru di koperasi lain (${loanId})`,
        en: `Your borrower has a new loan at another cooperative (${loanEn})`,
      };
    case AlertType.INQUIRY_ELSEWHERE:
      return {
        id: 'Koperasi lain memeriksa profil peminjam Anda untuk pengajuan pinjaman baru',
        en: "Another cooperative checked your borrower's profile for a new loan application",
      };
    case AlertType.DELINQUENT_ELSEWHERE:
      return {
        id: `Peminjam Anda menunggak ${f.daysPastDue} hari di koperasi lain (${loanId}), periode ${f.period}`,
        en: `Your borrower is ${f.daysPastDue} days past due at another cooperative (${loanEn}), period ${f.period}`,
      };
    case AlertType.COLLECTIBILITY_WORSENED_ELSEWHERE:
      return {
        id: `Kolektibilitas peminjam Anda memburuk menjadi ${col} (${COLLECTIBILITY_ID[f.collectibility] ?? col}) di koperasi lain (${loanId}), periode ${f.period}`,
        en: `Your borrower's collectibility worsened to ${col} (${COLLECTIBILITY_EN[f.collectibility] ?? col}) at another cooperative (${loanEn}), period ${f.period}`,
      };
    case AlertType.RESTRUCTURED_ELSEWHERE:
      return {
        id: `Pinjaman peminjam Anda direstrukturisasi di koperasi lain (${loanId}), periode ${f.period}`,
        en: `Your borrower's loan was restructured at another cooperative (${loanEn}), period ${f.period}`,
      };
    case AlertType.WRITTEN_OFF_ELSEWHERE:
      return {
        id: `Pinjaman peminjam Anda dihapusbukukan di koperasi lain (${loanId}), periode ${f.period}`,
        en: `Your borrower's loan was written off at another cooperative (${loanEn}), period ${f.period}`,
      };
  }
}

/**
 * The report's alias of `lender` for `viewer`: the borrower's coops in the order the profile shows their loans
 * (`ordered`, every coop, the viewer included), the viewer left out, lettered from A.
 */
export function aliasIndexFor(ordered: readonly string[], viewer: string, lender: string): number {
  const others = ordered.filter((c) => c !== viewer);
  const i = others.indexOf(lender);
  return i >= 0 ? i : others.length;
}
