import { Injectable } from '@nestjs/common';
import { wholeNumber } from '../../../common/database/transformers';
import { Tx } from '../../../common/database/unit-of-work';

type Row = Record<string, string | number | Date | null>;

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

const amount = (v: unknown): number => wholeNumber(v as string);

/** Everything stored under one borrower key, read with the names of the coops involved. */
@Injectable()
export class SubjectAccessRepository {
  async inquiries(tx: Tx, borrowerKey: string): Promise<{ cooperative: string; at: Date; purpose: string }[]> {
    const rows: Row[] = await tx.query(
      `SELECT c.name, i.occurred_at, i.purpose FROM inquiries i JOIN cooperatives c ON c.id = i.cooperative_id
        WHERE i.borrower_key = $1 ORDER BY i.occurred_at DESC, i.id`,
      [borrowerKey],
    );
    return rows.map((r) => ({ cooperative: r.name as string, at: r.occurred_at as Date, purpose: r.purpose as string }));
  }

  async loans(tx: Tx, borrowerKey: string): Promise<HeldLoan[]> {
    const rows: Row[] = await tx.query(
      `SELECT l.id, c.name, l.loan_ref, l.facility_type, l.principal, l.credit_limit, l.disbursed_at::text AS disbursed_at,
              l.maturity_date::text AS maturity_date, l.latest_period, l.suppressed_at
         FROM loans l JOIN cooperatives c ON c.id = l.cooperative_id
        WHERE l.borrower_key = $1 ORDER BY l.disbursed_at DESC, l.id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      id: r.id as string,
      lender: r.name as string,
      loanRef: r.loan_ref as string,
      facilityType: r.facility_type as string,
      principal: amount(r.principal),
      creditLimit: amount(r.credit_limit),
      disbursedAt: r.disbursed_at as string,
      maturityDate: r.maturity_date as string | null,
      latestPeriod: (r.latest_period as string).trim(),
      suppressedAt: r.suppressed_at as Date | null,
    }));
  }

  /** Every month held, newest first; (borrower_key, period) is indexed. */
  async records(tx: Tx, borrowerKey: string): Promise<HeldRecord[]> {
    const rows: Row[] = await tx.query(
      `SELECT loan_id, period, condition, outstanding, days_past_due, collectibility
         FROM loan_records WHERE borrower_key = $1 ORDER BY period DESC, loan_id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      loanId: r.loan_id as string,
      period: (r.period as string).trim(),
      condition: (r.condition as string).trim(),
      outstanding: amount(r.outstanding),
      daysPastDue: Number(r.days_past_due),
      collectibility: Number(r.collectibility),
    }));
  }

  async corrections(tx: Tx, loanIds: string[]): Promise<HeldCorrection[]> {
    if (loanIds.length === 0) return [];
    const rows: Row[] = await tx.query(
      `SELECT loan_id, period, replaced_at, previous FROM loan_record_corrections
        WHERE loan_id = ANY($1) ORDER BY period DESC, replaced_at DESC, id DESC`,
      [loanIds],
    );
    return rows.map((r) => ({
      loanId: r.loan_id as string,
      period: (r.period as string).trim(),
      replacedAt: r.replaced_at as Date,
      previous: r.previous as unknown as Record<string, unknown>,
    }));
  }

  async disputes(tx: Tx, borrowerKey: string): Promise<HeldDispute[]> {
    const rows: Row[] = await tx.query(
      `SELECT id, loan_id, status, resolution, opened_at, due_at, resolved_at FROM disputes
        WHERE borrower_key = $1 ORDER BY opened_at DESC, id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      id: r.id as string,
      loanId: r.loan_id as string,
      status: r.status as string,
      resolution: r.resolution as string | null,
      openedAt: r.opened_at as Date,
      dueAt: r.due_at as Date,
      resolvedAt: r.resolved_at as Date | null,
    }));
  }

  async consents(tx: Tx, borrowerKey: string): Promise<HeldConsent[]> {
    const rows: Row[] = await tx.query(
      `SELECT c.name, s.purpose, s.granted_at, s.expires_at, s.revoked_at, s.evidence_type
         FROM consents s JOIN cooperatives c ON c.id = s.cooperative_id
        WHERE s.borrower_key = $1 ORDER BY s.granted_at DESC, s.id`,
      [borrowerKey],
    );
    return rows.map((r) => ({
      cooperative: r.name as string,
      purpose: r.purpose as string,
      evidenceType: r.evidence_type as string,
      grantedAt: r.granted_at as Date,
      expiresAt: r.expires_at as Date,
      revokedAt: r.revoked_at as Date | null,
    }));
  }

  async identities(tx: Tx, borrowerKey: string): Promise<{ cooperative: string; updatedAt: Date }[]> {
    const rows: Row[] = await tx.query(
      `SELECT c.name, i.updated_at FROM borrower_identities i JOIN cooperatives c ON c.id = i.cooperative_id
        WHERE i.borrower_key = $1 ORDER BY c.name`,
      [borrowerKey],
    );
    return rows.map((r) => ({ cooperative: r.name as string, updatedAt: r.updated_at as Date }));
  }

  async riskProfile(tx: Tx, borrowerKey: string): Promise<HeldRiskProfile | null> {
    const rows: (Row & { flags: string[] })[] = await tx.query(
      `SELECT score, grade, model_version, computed_at,
              jsonb_path_query_array(snapshot, '$.flags[*].code') AS flags
         FROM borrower_profiles WHERE borrower_key = $1`,
      [borrowerKey],
    );
    const r = rows[0];
    if (!r) return null;
    const { score, grade, model_version, computed_at, flags } = r;
    return { score: Number(score), grade: grade as string, modelVersion: model_version as string, computedAt: computed_at as Date, flags };
  }
}
