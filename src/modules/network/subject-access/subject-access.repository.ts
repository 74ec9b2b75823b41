import { Injectable } from '@nestjs/common';
import { wholeNumber } from '../../../common/database/transformers';
import { Tx } from '../../../common/database/unit-of-work';

/*
 * The rows these statements return, as node-pg hands them over: bigint as string, smallint/integer as number,
 * char(n) padded, timestamptz as Date, jsonb parsed, dates cast to text in the SQL.
 */
interface NamedAtRow {
  name: string;
  occurred_at: Date;
  purpose: string;
}
interface LoanRow {
  id: string;
  name: string;
  loan_ref: string;
  facility_type: string;
  principal: string;
  credit_limit: string;
  disbursed_at: string;
  maturity_date: string | null;
  latest_period: string;
  suppressed_at: Date | null;
}
interface RecordRow {
  loan_id: string;
  period: string;
  condition: string;
  outstanding: string;
  days_past_due: number;
  collectibility: number;
}
interface CorrectionRow {
  loan_id: string;
  period: string;
  replaced_at: Date;
  previous: Record<string, unknown>;
}
interface DisputeRow {
  id: string;
  loan_id: string;
  status: string;
  resolution: string | null;
  opened_at: Date;
  due_at: Date;
  resolved_at: Date | null;
}
interface ConsentRow {
  name: string;
  purpose: string;
  granted_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  evidence_type: string;
}
interface IdentityRow {
  name: string;
  updated_at: Date;
}
interface RiskProfileRow {
  score: number;
  grade: string;
  model_version: string;
  computed_at: Date;
  flags: string[];
}

export interface HeldLoan {
  id: string;
  lender: string;
  loanRef: string;
  facilityType: string;
  principal: number;
  creditLimit: number;
  disbursedAt: string;
  maturityDate: string | null;
  latestPeriod: string;
  suppressedAt: Date | null;
}

export interface HeldRecord {
  loanId: string;
  period: string;
  condition: string;
  outstanding: number;
  daysPastDue: number;
  collectibility: number;
}

export interface HeldCorrection {
  loanId: string;
  period: string;
  replacedAt: Date;
  previous: Record<string, unknown>;
}

export interface HeldDispute {
  id: string;
  loanId: string;
  status: string;
  resolution: string | null;
  openedAt: Date;
  dueAt: Date;
  resolvedAt: Date | null;
}

export interface HeldConsent {
  cooperative: string;
  purpose: string;
  evidenceType: string;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface HeldRiskProfile {
  score: number;
  grade: string;
  modelVersion: string;
  computedAt: Date;
  flags: string[];
}

/** Everything stored under one borrower key, read with the names of the coops involved. */
@Injectable()
export class SubjectAccessRepository {
  async inquiries(tx: Tx, borrowerKey: string): Promise<{ cooperative: string; at: Date; purpose: string }[]> {
    const rows = await tx.query<NamedAtRow[]>(
      `SELECT c.name, i.occurred_at, i.purpose FROM inquiries i JOIN cooperatives c ON c.id = i.cooperative_id
        WHERE i.borrower_key = $1 ORDER BY i.occurred_at DESC, i.id`,
      [borrowerKey],
    );
    return rows.map((r) => ({ cooperative: r.name, at: r.occurred_at, purpose: r.purpose }));
  }

  async loans(tx: Tx, borrowerKey: string): Promise<HeldLoan[]> {
    const rows = await tx.query<LoanRow[]>(
      `SELECT l.id, c.name, l.loan_ref, l.facility_type, l.principal, l.credit_limit, l.disbursed_at::text AS disbursed_at,
              l.maturity_date::text AS maturity_date, l.latest_period, l.suppressed_at
         FROM loans l JOIN cooperatives c ON c.id = l.cooperative_id
        WHERE l.borrower_key = $1 ORDER BY l.disbursed_at DESC, l.id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      id: r.id,
      lender: r.name,
      loanRef: r.loan_ref,
      facilityType: r.facility_type,
      principal: wholeNumber(r.principal),
      creditLimit: wholeNumber(r.credit_limit),
      disbursedAt: r.disbursed_at,
      maturityDate: r.maturity_date,
      latestPeriod: r.latest_period.trim(),
      suppressedAt: r.suppressed_at,
    }));
  }

  /** Every month held, newest first; (borrower_key, period) is indexed. */
  async records(tx: Tx, borrowerKey: string): Promise<HeldRecord[]> {
    const rows = await tx.query<RecordRow[]>(
      `SELECT loan_id, period, condition, outstanding, days_past_due, collectibility
         FROM loan_records WHERE borrower_key = $1 ORDER BY period DESC, loan_id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      loanId: r.loan_id,
      period: r.period.trim(),
      condition: r.condition.trim(),
      outstanding: wholeNumber(r.outstanding),
      daysPastDue: Number(r.days_past_due),
      collectibility: Number(r.collectibility),
    }));
  }

  async corrections(tx: Tx, loanIds: string[]): Promise<HeldCorrection[]> {
    if (loanIds.length === 0) return [];
    const rows = await tx.query<CorrectionRow[]>(
      `SELECT loan_id, period, replaced_at, previous FROM loan_record_corrections
        WHERE loan_id = ANY($1) ORDER BY period DESC, replaced_at DESC, id DESC`,
      [loanIds],
    );
    return rows.map((r) => ({
      loanId: r.loan_id,
      period: r.period.trim(),
      replacedAt: r.replaced_at,
      previous: r.previous,
    }));
  }

  async disputes(tx: Tx, borrowerKey: string): Promise<HeldDispute[]> {
    const rows = await tx.query<DisputeRow[]>(
      `SELECT id, loan_id, status, resolution, opened_at, due_at, resolved_at FROM disputes
        WHERE borrower_key = $1 ORDER BY opened_at DESC, id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      id: r.id,
      loanId: r.loan_id,
      status: r.status,
      resolution: r.resolution,
      openedAt: r.opened_at,
      dueAt: r.due_at,
      resolvedAt: r.resolved_at,
    }));
  }

  async consents(tx: Tx, borrowerKey: string): Promise<HeldConsent[]> {
    const rows = await tx.query<ConsentRow[]>(
      `SELECT c.name, s.purpose, s.granted_at, s.expires_at, s.revoked_at, s.evidence_type
         FROM consents s JOIN cooperatives c ON c.id = s.cooperative_id
        WHERE s.borrower_key = $1 ORDER BY s.granted_at DESC, s.id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      cooperative: r.name,
      purpose: r.purpose,
      evidenceType: r.evidence_type,
      grantedAt: r.granted_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }));
  }

  async identities(tx: Tx, borrowerKey: string): Promise<{ cooperative: string; updatedAt: Date }[]> {
    const rows = await tx.query<IdentityRow[]>(
      `SELECT c.name, i.updated_at FROM borrower_identities i JOIN cooperatives c ON c.id = i.cooperative_id
        WHERE i.borrower_key = $1 ORDER BY c.name`,
      [borrowerKey],
    );
    return rows.map((r) => ({ cooperative: r.name, updatedAt: r.updated_at }));
  }

  async riskProfile(tx: Tx, borrowerKey: string): Promise<HeldRiskProfile | null> {
    const rows = await tx.query<RiskProfileRow[]>(
      `SELECT score, grade, model_version, computed_at,
              jsonb_path_query_array(snapshot, '$.flags[*].code') AS flags
         FROM borrower_profiles WHERE borrower_key = $1`,
      [borrowerKey],
    );
    const r = rows[0];
    if (!r) return null;
    const { score, grade, model_version, computed_at, flags } = r;
    return { score: Number(score), grade, modelVersion: model_version, computedAt: computed_at, flags };
  }
}
