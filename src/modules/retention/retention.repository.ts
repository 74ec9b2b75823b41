import { Injectable } from '@nestjs/common';
import { Tx } from '../../common/database/unit-of-work';
import { CLOSED_CONDITIONS } from './retention-cutoff';

export interface ExpiredLoan {
  id: string;
  borrowerKey: string;
}

export interface PurgeCounts {
  records: number;
  corrections: number;
  loansDeleted: number;
  identitiesDeleted: number;
}

const CLOSED = CLOSED_CONDITIONS.map((c) => `'${c}'`).join(', ');

/** SQL of the retention job. Every statement of a batch runs in the batch's transaction. */
@Injectable()
export class RetentionRepository {
  /** The stored (encrypted) files of CSV submissions that FAILED before `finishedBefore`; their rows were never applied. */
  async deleteFailedUploads(tx: Tx, finishedBefore: Date): Promise<{ submissions: number; chunks: number }> {
    const [row] = await tx.query<{ submissions: number; chunks: number }[]>(
      `WITH gone AS (
         DELETE FROM submission_chunks c USING submissions s
          WHERE s.id = c.submission_id AND s.status = 'FAILED' AND s.finished_at < $1
         RETURNING c.submission_id)
       SELECT count(DISTINCT submission_id)::int AS submissions, count(*)::int AS chunks FROM gone`,
      [finishedBefore],
    );
    return row;
  }

  /**
   * The next loans, by id after `after`, whose latest record closed them before the cutoff and that no open dispute
   * holds (the coop needs the records to answer it). Walking the primary key keeps the whole sweep one pass over
   * loans. Locked, skipping loans a submission holds right now: they come back on the next run.
   */
  async lockExpired(tx: Tx, cutoffPeriod: string, after: string, limit: number): Promise<ExpiredLoan[]> {
    const rows = await tx.query<{ id: string; borrower_key: string }[]>(
      `SELECT l.id, l.borrower_key FROM loans l
         JOIN loan_records r ON r.loan_id = l.id AND r.period = l.latest_period
        WHERE l.id > $1::uuid AND l.latest_period < $2 AND r.condition IN (${CLOSED})
          AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.loan_id = l.id AND d.status = 'OPEN')
        ORDER BY l.id LIMIT $3
        FOR UPDATE OF l SKIP LOCKED`,
      [after, cutoffPeriod, limit],
    );
    return rows.map((r) => ({ id: r.id, borrowerKey: r.borrower_key }));
  }

  /**
   * Deletes the loans' monthly records, their correction history and then the loans themselves (resolved disputes
   * go with them by cascade; their audit events stay). A coop's identity hashes for a borrower go once the coop
   * holds no loan of that borrower.
   */
  async purge(tx: Tx, loans: ExpiredLoan[]): Promise<PurgeCounts> {
    const ids = loans.map((l) => l.id);
    const count = async (sql: string, params: unknown[]): Promise<number> => {
      const rows = await tx.query<{ n: number }[]>(
        `WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        params,
      );
      return rows[0].n;
    };
    const corrections = await count(`DELETE FROM loan_record_corrections WHERE loan_id = ANY($1::uuid[])`, [ids]);
    const records = await count(`DELETE FROM loan_records WHERE loan_id = ANY($1::uuid[])`, [ids]);
    const owners = await tx.query<{ cooperative_id: string; borrower_key: string }[]>(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count].
      `WITH gone AS (DELETE FROM loans WHERE id = ANY($1::uuid[]) RETURNING cooperative_id, borrower_key) SELECT * FROM gone`,
      [ids],
    );
    const identitiesDeleted = await count(
      `DELETE FROM borrower_identities i
        USING jsonb_to_recordset($1::jsonb) AS o(cooperative_id uuid, borrower_key text)
        WHERE i.cooperative_id = o.cooperative_id AND i.borrower_key = o.borrower_key
          AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.cooperative_id = i.cooperative_id AND l.borrower_key = i.borrower_key)`,
      [JSON.stringify(owners)],
    );
    return { records, corrections, loansDeleted: owners.length, identitiesDeleted };
  }
}
