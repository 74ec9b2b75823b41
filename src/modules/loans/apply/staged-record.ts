import { SubmissionRecord } from '../parsing/submission-record';

/** A validated record ready to stage: the NIK is already replaced by the borrower key and identity hashes. */
export interface StagedRecord {
  line: number;
  borrowerKey: string;
  keyVersion: number;
  nameHash: string;
  birthDateHash: string;
  collectibility: number;
  record: Omit<SubmissionRecord, 'nik' | 'fullName' | 'birthDate'>;
}

const escapeCopy = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

const cell = (value: string | number | null) => (value === null ? '\\N' : escapeCopy(String(value)));

/** One line of COPY text format, in STAGING_COLUMNS order. */
export function toCopyLine(s: StagedRecord): string {
  const r = s.record;
  return (
    [
      s.line,
      s.borrowerKey,
      s.keyVersion,
      s.nameHash,
      s.birthDateHash,
      r.loanRef,
      r.facilityType,
      r.principal,
      r.creditLimit,
      r.disbursedAt,
      r.maturityDate,
      r.condition,
      r.period,
      r.outstanding,
      r.arrearsPrincipal,
      r.arrearsInterest,
      r.daysPastDue,
      s.collectibility,
      r.paidAmount,
      r.restructureCount,
    ]
      .map(cell)
      .join('\t') + '\n'
  );
}

export const STAGING_COLUMNS = [
  'line',
  'borrower_key',
  'key_version',
  'name_hash',
  'birth_date_hash',
  'loan_ref',
  'facility_type',
  'principal',
  'credit_limit',
  'disbursed_at',
  'maturity_date',
  'condition',
  'period',
  'outstanding',
  'arrears_principal',
  'arrears_interest',
  'days_past_due',
  'collectibility',
  'paid_amount',
  'restructure_count',
] as const;
