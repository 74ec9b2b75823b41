import { Injectable } from '@nestjs/common';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Tx } from '../../../common/database/unit-of-work';
import { STAGING_COLUMNS, StagedRecord, toCopyLine } from './staged-record';

/** A conflict between staged rows; `first` is the earlier row a duplicate repeats. The applier words it. */
export interface StagingConflict {
  line: number;
  field: 'period' | 'nik';
  code: 'RECORD.DUPLICATE' | 'RECORD.LOAN_BORROWER_CHANGED';
  first?: number;
  /** The staged row's loan reference (valid: it passed validateRecord). */
  loanRef: string;
}

export interface StagingWriter {
  write(record: StagedRecord): Promise<void>;
  end(): Promise<void>;
  /** Fails the COPY so the connection can roll back; without it a ROLLBACK would wait behind the open COPY. */
  abort(reason: Error): Promise<void>;
}

// The values that make a monthly record; a re-send with the same values is not a correction.
const RECORD_VALUES = [
  'condition',
  'outstanding',
  'arrears_principal',
  'arrears_interest',
  'days_past_due',
  'collectibility',
  'paid_amount',
  'restructure_count',
];
const tuple = (alias: string) => `(${RECORD_VALUES.map((c) => `${alias}.${c}`).join(', ')})`;

/**
 * Applies a submission set-based: its valid rows are COPYed into a temporary staging table inside the caller's
 * transaction, checked against each other and the coop's loans, then merged with a handful of statements. The
 * whole submission commits or rolls back as one.
 */
@Injectable()
export class LoanRecordsRepository {
  /** One submission of a coop at a time: the conflict checks hold only if no other submission of it merges meanwhile. */
  async lockCooperative(tx: Tx, cooperativeId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`coop-apply:${cooperativeId}`]);
  }

  async createStaging(tx: Tx): Promise<void> {
    await tx.query(`
      CREATE TEMP TABLE staging_records (
        line integer NOT NULL, borrower_key char(64) NOT NULL, key_version smallint NOT NULL,
        name_hash char(64) NOT NULL, birth_date_hash char(64) NOT NULL, loan_ref varchar(50) NOT NULL,
        facility_type varchar(12) NOT NULL, principal bigint NOT NULL, credit_limit bigint NOT NULL,
        disbursed_at date NOT NULL, maturity_date date, condition char(2) NOT NULL, period char(7) NOT NULL,
        outstanding bigint NOT NULL, arrears_principal bigint NOT NULL, arrears_interest bigint NOT NULL,
        days_past_due integer NOT NULL, collectibility smallint NOT NULL, paid_amount bigint, restructure_count integer NOT NULL
      ) ON COMMIT DROP`);
  }

  /** A COPY stream into the staging table, with backpressure. */
  async stagingWriter(tx: Tx): Promise<StagingWriter> {
    const client = (await (tx.queryRunner as PostgresQueryRunner).connect()) as PoolClient;
    const copy = client.query(copyFrom(`COPY staging_records (${STAGING_COLUMNS.join(', ')}) FROM STDIN`));
    let failure: Error | null = null;
    copy.on('error', (err: Error) => (failure = err));
    return {
      async write(record) {
        if (failure) throw failure;
        if (!copy.write(toCopyLine(record))) await Promise.race([once(copy, 'drain'), once(copy, 'error')]);
      },
      async end() {
        copy.end();
        await finished(copy);
      },
      async abort(reason) {
        copy.destroy(reason);
        await finished(copy).catch(() => undefined);
      },
    };
  }

  /** Rows that are valid alone but not together or against the coop's existing loans. */
  async findConflicts(tx: Tx, cooperativeId: string): Promise<StagingConflict[]> {
    const duplicates: { line: number; first: number; loan_ref: string }[] = await tx.query(`
      SELECT line, first, loan_ref FROM (
        SELECT line, loan_ref, min(line) OVER (PARTITION BY loan_ref, period) AS first FROM staging_records
      ) d WHERE line <> first`);
    const borrowerChanged: { line: number; loan_ref: string }[] = await tx.query(
      `SELECT s.line, s.loan_ref FROM staging_records s
         JOIN loans l ON l.cooperative_id = $1 AND l.loan_ref = s.loan_ref
        WHERE l.borrower_key <> s.borrower_key
       UNION
       SELECT s.line, s.loan_ref FROM staging_records s
        WHERE EXISTS (SELECT 1 FROM staging_records o WHERE o.loan_ref = s.loan_ref AND o.borrower_key <> s.borrower_key)`,
      [cooperativeId],
    );
    return [
      ...duplicates.map((d) => ({
        line: d.line,
        field: 'period' as const,
        code: 'RECORD.DUPLICATE' as const,
        first: d.first,
        loanRef: d.loan_ref,
      })),
      ...borrowerChanged.map((b) => ({
        line: b.line,
        field: 'nik' as const,
        code: 'RECORD.LOAN_BORROWER_CHANGED' as const,
        loanRef: b.loan_ref,
      })),
    ];
  }

  async dropLines(tx: Tx, lines: number[]): Promise<void> {
    if (lines.length > 0) await tx.query('DELETE FROM staging_records WHERE line = ANY($1)', [lines]);
  }

  async stagedCount(tx: Tx): Promise<number> {
    const [row]: { n: number }[] = await tx.query('SELECT count(*)::int AS n FROM staging_records');
    return row.n;
  }

  /** Merges the staging table; returns how many records were written and how many borrowers were marked. */
  async merge(
    tx: Tx,
    cooperativeId: string,
    submissionId: string,
    ruleVersion: number,
  ): Promise<{ borrowers: number }> {
    await tx.query(`ANALYZE staging_records`);
    await tx.query(
      `INSERT INTO borrowers (borrower_key, key_version)
       SELECT DISTINCT borrower_key, key_version FROM staging_records ORDER BY borrower_key
       ON CONFLICT (borrower_key) DO NOTHING`,
    );
    await tx.query(
      `INSERT INTO borrower_identities (borrower_key, cooperative_id, name_hash, birth_date_hash, updated_at)
       SELECT DISTINCT ON (borrower_key) borrower_key, $1::uuid, name_hash, birth_date_hash, now()
         FROM staging_records ORDER BY borrower_key, period DESC, line DESC
       ON CONFLICT (borrower_key, cooperative_id) DO UPDATE
         SET name_hash = EXCLUDED.name_hash, birth_date_hash = EXCLUDED.birth_date_hash, updated_at = now()
         WHERE (borrower_identities.name_hash, borrower_identities.birth_date_hash)
               IS DISTINCT FROM (EXCLUDED.name_hash, EXCLUDED.birth_date_hash)`,
      [cooperativeId],
    );
    // A loan's descriptive fields follow its newest reported period.
    await tx.query(
      `INSERT INTO loans (cooperative_id, loan_ref, borrower_key, facility_type, principal, credit_limit,
                          disbursed_at, maturity_date, latest_period)
       SELECT DISTINCT ON (loan_ref) $1::uuid, loan_ref, borrower_key, facility_type, principal, credit_limit,
              disbursed_at, maturity_date, period
         FROM staging_records ORDER BY loan_ref, period DESC, line DESC
       ON CONFLICT (cooperative_id, loan_ref) DO UPDATE
         SET facility_type = EXCLUDED.facility_type, principal = EXCLUDED.principal,
             credit_limit = EXCLUDED.credit_limit, disbursed_at = EXCLUDED.disbursed_at,
             maturity_date = EXCLUDED.maturity_date, latest_period = EXCLUDED.latest_period, updated_at = now()
         WHERE EXCLUDED.latest_period >= loans.latest_period`,
      [cooperativeId],
    );
    await tx.query(
      `INSERT INTO loan_record_corrections (loan_id, period, borrower_key, previous, replaced_by_submission_id)
       SELECT r.loan_id, r.period, r.borrower_key,
              jsonb_build_object('condition', r.condition, 'outstanding', r.outstanding,
                'arrearsPrincipal', r.arrears_principal, 'arrearsInterest', r.arrears_interest,
                'daysPastDue', r.days_past_due, 'collectibility', r.collectibility, 'paidAmount', r.paid_amount,
                'restructureCount', r.restructure_count, 'revision', r.revision, 'submissionId', r.submission_id,
                'reportedAt', r.reported_at),
              $2::uuid
         FROM staging_records s
         JOIN loans l ON l.cooperative_id = $1 AND l.loan_ref = s.loan_ref
         JOIN loan_records r ON r.loan_id = l.id AND r.period = s.period
        WHERE ${tuple('r')} IS DISTINCT FROM ${tuple('s')}`,
      [cooperativeId, submissionId],
    );
    await tx.query(
      `INSERT INTO loan_records (loan_id, period, borrower_key, ${RECORD_VALUES.join(', ')},
                                collectibility_rule_version, submission_id, revision, reported_at)
       SELECT l.id, s.period, s.borrower_key, ${RECORD_VALUES.map((c) => `s.${c}`).join(', ')}, $3, $2::uuid, 1, now()
         FROM staging_records s JOIN loans l ON l.cooperative_id = $1 AND l.loan_ref = s.loan_ref
        ORDER BY l.id, s.period
       ON CONFLICT (loan_id, period) DO UPDATE
         SET ${RECORD_VALUES.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
             collectibility_rule_version = EXCLUDED.collectibility_rule_version,
             submission_id = EXCLUDED.submission_id, revision = loan_records.revision + 1, reported_at = now()
         WHERE ${tuple('loan_records')} IS DISTINCT FROM ${tuple('EXCLUDED')}`,
      [cooperativeId, submissionId, ruleVersion],
    );
    // The durable recalculation marker, in the same transaction as the data it is about.
    const marked: { borrower_key: string }[] = await tx.query(
      `INSERT INTO risk_recalc_markers (borrower_key, marked_at, submission_id)
       SELECT DISTINCT borrower_key, now(), $1::uuid FROM staging_records ORDER BY borrower_key
       ON CONFLICT (borrower_key) DO UPDATE SET marked_at = now(), submission_id = EXCLUDED.submission_id
       RETURNING borrower_key`,
      [submissionId],
    );
    return { borrowers: marked.length };
  }
}
