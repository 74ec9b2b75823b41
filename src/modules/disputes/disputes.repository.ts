import { Injectable } from '@nestjs/common';
import { Tx } from '../../common/database/unit-of-work';
import { activeConsentExists } from '../consents/consent-rule';
import { DisputeResolution, DisputeStatus } from './dispute-status';

/** A dispute with what its answers and audit events need from the loan and the borrower. */
export interface DisputeRow {
  id: string;
  loanId: string;
  cooperativeId: string;
  loanRef: string;
  borrowerKey: string;
  subjectRef: string;
  status: DisputeStatus;
  resolution: DisputeResolution | null;
  reason: string;
  note: string | null;
  openedAt: Date;
  dueAt: Date;
  resolvedAt: Date | null;
}

export interface DisputableLoan {
  id: string;
  cooperativeId: string;
  borrowerKey: string;
  subjectRef: string;
}

export interface NewDispute {
  loan: DisputableLoan;
  reason: string;
  dueDays: number;
  openedByCooperativeId: string | null;
  openedByUserId: string | null;
  openedByApiKeyId: string | null;
}

export interface DisputeFilter {
  /** Null for network staff: every coop. */
  cooperativeId: string | null;
  status?: DisputeStatus;
  cursor?: string;
  limit: number;
}

const SELECT_DISPUTE = `
  SELECT d.id, d.loan_id, d.cooperative_id, l.loan_ref, d.borrower_key, b.subject_ref, d.status, d.resolution,
         d.reason, d.note, d.opened_at, d.due_at, d.resolved_at
    FROM disputes d JOIN loans l ON l.id = d.loan_id JOIN borrowers b ON b.borrower_key = d.borrower_key`;

/** Raw-SQL rows of this repository, as Postgres sends them. */
interface DisputeDbRow {
  id: string;
  loan_id: string;
  cooperative_id: string;
  loan_ref: string;
  borrower_key: string;
  subject_ref: string;
  status: DisputeStatus;
  resolution: DisputeResolution | null;
  reason: string;
  note: string | null;
  opened_at: Date;
  due_at: Date;
  resolved_at: Date | null;
}

interface DisputableLoanDbRow {
  id: string;
  cooperative_id: string;
  borrower_key: string;
  subject_ref: string;
}

const toRow = (r: DisputeDbRow): DisputeRow => ({
  id: r.id,
  loanId: r.loan_id,
  cooperativeId: r.cooperative_id,
  loanRef: r.loan_ref,
  borrowerKey: r.borrower_key,
  subjectRef: r.subject_ref,
  status: r.status,
  resolution: r.resolution,
  reason: r.reason,
  note: r.note,
  openedAt: r.opened_at,
  dueAt: r.due_at,
  resolvedAt: r.resolved_at,
});

/** The disputing coop's consent (any purpose) at the request's time, by the consent rule of consents/. */
const DISPUTING_CONSENT = activeConsentExists({
  coop: '$2',
  borrower: 'l.borrower_key',
  purpose: null,
  at: '$3::timestamptz',
});

@Injectable()
export class DisputesRepository {
  /**
   * A shown (not suppressed) loan the caller may dispute: with `consentingCoopId`, only a borrower for whom that
   * coop holds an active consent of any purpose at `at` (the request's time); null (network staff) takes any loan.
   */
  async findDisputableLoan(
    tx: Tx,
    loanId: string,
    consentingCoopId: string | null,
    at: Date,
  ): Promise<DisputableLoan | null> {
    const rows: DisputableLoanDbRow[] = await tx.query(
      `SELECT l.id, l.cooperative_id, l.borrower_key, b.subject_ref
         FROM loans l JOIN borrowers b ON b.borrower_key = l.borrower_key
        WHERE l.id = $1 AND l.suppressed_at IS NULL
          AND ($2::uuid IS NULL OR ${DISPUTING_CONSENT})`,
      [loanId, consentingCoopId, at],
    );
    const r = rows[0];
    return r
      ? { id: r.id, cooperativeId: r.cooperative_id, borrowerKey: r.borrower_key, subjectRef: r.subject_ref }
      : null;
  }

  /** Throws a unique violation of uq_disputes_open_loan when the loan already has an open dispute. */
  async insertOpen(tx: Tx, d: NewDispute): Promise<DisputeRow> {
    // Database time for both, so "reported after opening" compares clocks of one machine.
    const [inserted]: { id: string }[] = await tx.query(
      `INSERT INTO disputes (loan_id, cooperative_id, borrower_key, status, reason, opened_by_cooperative_id,
                             opened_by_user_id, opened_by_api_key_id, opened_at, due_at)
       VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, now(), now() + make_interval(days => $8::int))
       RETURNING id`,
      [
        d.loan.id,
        d.loan.cooperativeId,
        d.loan.borrowerKey,
        d.reason,
        d.openedByCooperativeId,
        d.openedByUserId,
        d.openedByApiKeyId,
        d.dueDays,
      ],
    );
    const dispute = await this.findInCooperative(tx, inserted.id, d.loan.cooperativeId);
    if (!dispute) throw new Error(`dispute ${inserted.id} not readable in the transaction that inserted it`);
    return dispute;
  }

  async findInCooperative(tx: Tx, id: string, cooperativeId: string, lock = false): Promise<DisputeRow | null> {
    const rows: DisputeDbRow[] = await tx.query(
      `${SELECT_DISPUTE} WHERE d.id = $1 AND d.cooperative_id = $2${lock ? ' FOR UPDATE OF d' : ''}`,
      [id, cooperativeId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** A report of the dispute's loan received after it opened: a new or changed record, or a replaced one. */
  async reportedSinceOpened(tx: Tx, disputeId: string): Promise<boolean> {
    const [row]: { reported: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM loan_records r WHERE r.loan_id = d.loan_id AND r.reported_at > d.opened_at)
              OR EXISTS (SELECT 1 FROM loan_record_corrections c WHERE c.loan_id = d.loan_id AND c.replaced_at > d.opened_at)
              AS reported
         FROM disputes d WHERE d.id = $1`,
      [disputeId],
    );
    return row?.reported ?? false;
  }

  async resolve(
    tx: Tx,
    id: string,
    r: { resolution: DisputeResolution; note: string; userId: string | null; apiKeyId: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE disputes SET status = 'RESOLVED', resolution = $2, note = $3, resolved_at = now(),
                           resolved_by_user_id = $4, resolved_by_api_key_id = $5
        WHERE id = $1 AND status = 'OPEN'`,
      [id, r.resolution, r.note, r.userId, r.apiKeyId],
    );
  }

  /** Takes the loan out of profiles and scores for good; later reports of it stay hidden too. */
  async suppressLoan(tx: Tx, loanId: string, disputeId: string): Promise<void> {
    await tx.query(
      `UPDATE loans SET suppressed_at = now(), suppressed_by_dispute_id = $2, updated_at = now()
        WHERE id = $1 AND suppressed_at IS NULL`,
      [loanId, disputeId],
    );
  }

  /** Oldest first, in (opened_at, id) order; fetches limit + 1 rows for toPage. */
  async list(tx: Tx, f: DisputeFilter): Promise<DisputeRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.cooperativeId) where.push(`d.cooperative_id = ${param(f.cooperativeId)}`);
    if (f.status) where.push(`d.status = ${param(f.status)}`);
    if (f.cursor) {
      // The cursor row within the list's own coop: another coop's dispute id reads exactly like an unknown cursor.
      const scope = f.cooperativeId ? ` AND c.cooperative_id = ${param(f.cooperativeId)}` : '';
      where.push(
        `(d.opened_at, d.id) > (SELECT c.opened_at, c.id FROM disputes c WHERE c.id = ${param(f.cursor)}${scope})`,
      );
    }
    const rows: DisputeDbRow[] = await tx.query(
      `${SELECT_DISPUTE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.opened_at, d.id LIMIT ${param(f.limit + 1)}`,
      params,
    );
    return rows.map(toRow);
  }
}
