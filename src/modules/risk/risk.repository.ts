import { Injectable } from '@nestjs/common';
import { wholeNumber } from '../../common/database/transformers';
import { Tx } from '../../common/database/unit-of-work';
import type { BorrowerSnapshot, LoanSource } from './borrower-snapshot';
import type { LoanCondition, MonthlyRecord, ReportedIdentity } from './risk-input';

export interface BorrowerData {
  loans: LoanSource[];
  identities: ReportedIdentity[];
}

export interface ProfileRow {
  borrowerKey: string;
  snapshot: BorrowerSnapshot;
  score: number;
  grade: string;
  modelVersion: string;
  ruleSet: string;
  asOf: string;
  computedAt: Date;
}

/** A marker as read, with its timestamp as text: JS dates drop the microseconds Postgres compares on. */
export interface MarkerRead {
  borrowerKey: string;
  markedAt: string;
}

/*
 * The rows of readBorrowerData as node-pg returns them: bigint as string, integer/smallint as number, dates cast to
 * text in the SQL. condition and facility_type are held to these values by ck_loan_records_condition and
 * ck_loans_facility_type.
 */
interface LoanSourceRow {
  id: string;
  borrower_key: string;
  cooperative_id: string;
  loan_ref: string;
  facility_type: 'INSTALLMENT' | 'REVOLVING';
  principal: string;
  credit_limit: string;
  disbursed_at: string;
  maturity_date: string | null;
}
interface RecordSourceRow {
  loan_id: string;
  period: string;
  condition: LoanCondition;
  outstanding: string;
  arrears_principal: string;
  arrears_interest: string;
  days_past_due: number;
  collectibility: number;
  paid_amount: string | null;
  restructure_count: number;
}
interface IdentitySourceRow {
  borrower_key: string;
  cooperative_id: string;
  name_hash: string;
  birth_date_hash: string;
}
interface BorrowerKeyRow {
  borrower_key: string;
}
/** What the query of a DELETE answers through TypeORM's postgres driver: the rows (none here) and the count. */
type DeleteResult = [unknown[], number];

const num = (v: string | number | null): number => wholeNumber(v ?? 0);

/** SQL of the recalculation: read one batch of borrowers' data, store their snapshots, clear their markers. */
@Injectable()
export class RiskRepository {
  /** Serialises recalculations of the same borrower; FK checks of concurrent submissions (KEY SHARE) do not wait. */
  async lockBorrowers(tx: Tx, keys: string[]): Promise<string[]> {
    const rows = await tx.query<BorrowerKeyRow[]>(
      `SELECT borrower_key FROM borrowers WHERE borrower_key = ANY($1) ORDER BY borrower_key FOR NO KEY UPDATE`,
      [keys],
    );
    return rows.map((r) => r.borrower_key);
  }

  async readMarkers(tx: Tx, keys: string[]): Promise<MarkerRead[]> {
    const rows = await tx.query<{ borrower_key: string; marked_at: string }[]>(
      `SELECT borrower_key, marked_at::text AS marked_at FROM risk_recalc_markers WHERE borrower_key = ANY($1)`,
      [keys],
    );
    return rows.map((r) => ({ borrowerKey: r.borrower_key, markedAt: r.marked_at }));
  }

  /** Loans and their records since `fromPeriod`, newest first, grouped by borrower. */
  async readBorrowerData(tx: Tx, keys: string[], fromPeriod: string): Promise<Map<string, BorrowerData>> {
    // One after another: a transaction is one connection, and pg refuses overlapping queries on it.
    const loans = await tx.query<LoanSourceRow[]>(
      `SELECT id, borrower_key, cooperative_id, loan_ref, facility_type, principal, credit_limit,
              disbursed_at::text AS disbursed_at, maturity_date::text AS maturity_date
         FROM loans WHERE borrower_key = ANY($1) AND suppressed_at IS NULL`,
      [keys],
    );
    const records = await tx.query<RecordSourceRow[]>(
      `SELECT loan_id, period, condition, outstanding, arrears_principal, arrears_interest, days_past_due,
              collectibility, paid_amount, restructure_count
         FROM loan_records WHERE borrower_key = ANY($1) AND period >= $2
        ORDER BY loan_id, period DESC`,
      [keys, fromPeriod],
    );
    const identities = await tx.query<IdentitySourceRow[]>(
      `SELECT borrower_key, cooperative_id, name_hash, birth_date_hash FROM borrower_identities WHERE borrower_key = ANY($1)`,
      [keys],
    );
    const data = new Map<string, BorrowerData>(keys.map((k) => [k, { loans: [], identities: [] }]));
    const byLoan = new Map<string, MonthlyRecord[]>();
    for (const r of records) {
      const list = byLoan.get(r.loan_id) ?? [];
      if (list.length === 0) byLoan.set(r.loan_id, list);
      list.push({
        period: r.period.trim(),
        condition: r.condition,
        outstanding: num(r.outstanding),
        arrearsPrincipal: num(r.arrears_principal),
        arrearsInterest: num(r.arrears_interest),
        daysPastDue: num(r.days_past_due),
        collectibility: num(r.collectibility),
        paidAmount: r.paid_amount === null ? null : num(r.paid_amount),
        restructureCount: num(r.restructure_count),
      });
    }
    for (const l of loans) {
      data.get(l.borrower_key)?.loans.push({
        loanId: l.id,
        cooperativeId: l.cooperative_id,
        loanRef: l.loan_ref,
        facilityType: l.facility_type,
        principal: num(l.principal),
        creditLimit: num(l.credit_limit),
        disbursedAt: l.disbursed_at,
        maturityDate: l.maturity_date,
        records: byLoan.get(l.id) ?? [],
      });
    }
    for (const i of identities) {
      data.get(i.borrower_key)?.identities.push({
        cooperativeId: i.cooperative_id,
        nameHash: i.name_hash,
        birthDateHash: i.birth_date_hash,
      });
    }
    return data;
  }

  async upsertProfiles(tx: Tx, rows: ProfileRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO borrower_profiles (borrower_key, snapshot, score, grade, model_version, rule_set, as_of, computed_at)
       SELECT x.borrower_key, x.snapshot, x.score, x.grade, x.model_version, x.rule_set, x.as_of, x.computed_at
         FROM jsonb_to_recordset($1::jsonb) AS x(borrower_key text, snapshot jsonb, score smallint, grade text,
              model_version text, rule_set text, as_of date, computed_at timestamptz)
       ON CONFLICT (borrower_key) DO UPDATE
         SET snapshot = EXCLUDED.snapshot, score = EXCLUDED.score, grade = EXCLUDED.grade,
             model_version = EXCLUDED.model_version, rule_set = EXCLUDED.rule_set, as_of = EXCLUDED.as_of,
             computed_at = EXCLUDED.computed_at`,
      [
        JSON.stringify(
          rows.map((r) => ({
            borrower_key: r.borrowerKey,
            snapshot: r.snapshot,
            score: r.score,
            grade: r.grade,
            model_version: r.modelVersion,
            rule_set: r.ruleSet,
            as_of: r.asOf,
            computed_at: r.computedAt.toISOString(),
          })),
        ),
      ],
    );
  }

  /** Deletes only markers not touched since they were read: a newer submission's marker stays for the next run. */
  async clearMarkers(tx: Tx, markers: MarkerRead[]): Promise<number> {
    if (markers.length === 0) return 0;
    const [, count] = await tx.query<DeleteResult>(
      `DELETE FROM risk_recalc_markers m
        USING jsonb_to_recordset($1::jsonb) AS x(borrower_key text, marked_at timestamptz)
        WHERE m.borrower_key = x.borrower_key AND m.marked_at = x.marked_at`,
      [JSON.stringify(markers.map((m) => ({ borrower_key: m.borrowerKey, marked_at: m.markedAt })))],
    );
    return count;
  }

  /**
   * The durable recalculation marker of each borrower, in the caller's transaction (the one that changed what their
   * profile shows); an existing marker is touched, so a recalculation that read it before still runs again.
   */
  async markBorrowers(tx: Tx, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(
      `INSERT INTO risk_recalc_markers (borrower_key, marked_at)
       SELECT DISTINCT k, now() FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (borrower_key) DO UPDATE SET marked_at = now()`,
      [keys],
    );
  }

  /** Markers older than `before`, oldest first: borrowers whose recalculation job was lost or failed. */
  async findOldMarkers(tx: Tx, before: Date, limit: number): Promise<string[]> {
    const rows = await tx.query<BorrowerKeyRow[]>(
      `SELECT borrower_key FROM risk_recalc_markers WHERE marked_at < $1 ORDER BY marked_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.borrower_key);
  }

  async findMarkedBySubmission(tx: Tx, submissionId: string, after: string, limit: number): Promise<string[]> {
    const rows = await tx.query<BorrowerKeyRow[]>(
      `SELECT borrower_key FROM risk_recalc_markers WHERE submission_id = $1 AND borrower_key > $2
        ORDER BY borrower_key LIMIT $3`,
      [submissionId, after, limit],
    );
    return rows.map((r) => r.borrower_key);
  }

  /**
   * Borrowers whose stored profile is missing, of another model or rule set, or dated before `asOf`, in key
   * order after `after`. `all` takes every borrower (a forced rescoring).
   */
  async findProfilesToRefresh(
    tx: Tx,
    current: { modelVersion: string; ruleSet: string; asOf: string; all: boolean },
    after: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await tx.query<BorrowerKeyRow[]>(
      `SELECT b.borrower_key FROM borrowers b LEFT JOIN borrower_profiles p ON p.borrower_key = b.borrower_key
        WHERE b.borrower_key > $1
          AND ($5 OR p.borrower_key IS NULL OR p.model_version <> $2 OR p.rule_set <> $3 OR p.as_of < $4::date)
        ORDER BY b.borrower_key LIMIT $6`,
      [after, current.modelVersion, current.ruleSet, current.asOf, current.all, limit],
    );
    return rows.map((r) => r.borrower_key);
  }
}
