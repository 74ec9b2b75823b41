import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Tx } from '../../common/database/unit-of-work';
import type { ErrorCode } from '../../common/errors/error-codes';
import { AuditAction, AuditOutcome } from '../audit/audit-action';
import { auditInsertSql } from '../audit/audit-writer';
import { ConsentRefusalCode, consentRefusalOf, ConsentScope, decidingConsentSql } from '../consents/consent-rule';
import type { BorrowerSnapshot } from '../risk/borrower-snapshot';
import type { Inquiry } from '../risk/risk-input';

export interface ProfileQuery {
  cooperativeId: string;
  borrowerKey: string;
  purpose: string;
  reportId: string;
  now: Date;
  inquiriesSince: Date;
  actor: {
    userId: string | null;
    apiKeyId: string | null;
    role: string | null;
    requestId: string | null;
    ip: string | null;
  };
  /** What a stored profile must carry to be answered as it is. */
  current: { modelVersion: string; ruleSet: string; asOf: string };
  /** Answer whatever profile is stored: the caller has just recomputed it in this transaction. */
  force: boolean;
  reciprocity: { maxDaysWithoutReport: number; graceDays: number };
}

export type ProfileRefusalCode = Extract<
  ErrorCode,
  'COOPERATIVE.SUSPENDED' | 'RECIPROCITY.NOT_REPORTING' | ConsentRefusalCode
>;

export interface StoredProfile {
  snapshot: BorrowerSnapshot;
  score: number;
  grade: string;
  modelVersion: string;
  ruleSet: string;
  computedAt: Date;
}

/** What the statement decided; a refusal and an answer are both audited already. */
export type ProfileQueryResult =
  | { kind: 'refused'; code: ProfileRefusalCode }
  /** Allowed, but the stored profile is stale: nothing was written; recompute and ask again. */
  | { kind: 'stale' }
  | {
      kind: 'answered';
      consentId: string;
      subjectRef: string;
      cooperativeName: string;
      stored: StoredProfile;
      /** Earlier inquiries: each coop's latest per purpose since `inquiriesSince` (this one not included). */
      inquiries: Inquiry[];
      /** Loans of the borrower with an open dispute. */
      disputedLoanIds: string[];
    };

/** The consent the statement decides by: the coop's, for the borrower and purpose, at the request's time. */
const CONSENT_SCOPE: ConsentScope = { coop: '$1', borrower: '$2', purpose: '$3', at: '$5::timestamptz' };

/*
 * The whole profile query in one statement, so one round trip decides, audits and records the inquiry atomically:
 * the gate (coop status, give-to-get reporting, borrower, then the consent: the CTE c and its refusal come from
 * consents/consent-rule.ts, decidingConsentSql and consentRefusalOf), the stored profile and whether it is current,
 * then the audit event (allowed or refused; the INSERT comes from audit/audit-writer.ts, auditInsertSql) and, when
 * allowed, the inquiry. An allowed query on a stale profile writes nothing and says so. Prepared once per connection.
 * Parameters are left to take their columns' types: a cast such as $2::text on a char(64) column would turn an index
 * lookup into a scan of the table.
 */
export const ANSWER_PROFILE_QUERY = `
WITH coop AS (SELECT name, status,
                    -- give-to-get: a coop past its grace period must have completed a submission recently
                    created_at > $5::timestamptz - make_interval(days => $17::int)
                    OR EXISTS (SELECT 1 FROM submissions s
                                WHERE s.cooperative_id = $1 AND s.status = 'COMPLETED'
                                  AND s.finished_at > $5::timestamptz - make_interval(days => $16::int)) AS reporting
               FROM cooperatives WHERE id = $1::uuid),
     b AS (SELECT subject_ref FROM borrowers WHERE borrower_key = $2),
     c AS (${decidingConsentSql(CONSENT_SCOPE)}),
     p AS (SELECT snapshot, score, grade, model_version, rule_set, computed_at,
                  (model_version = $11::text AND rule_set = $12::text AND as_of = $13::date
                   AND NOT EXISTS (SELECT 1 FROM risk_recalc_markers m WHERE m.borrower_key = $2)) AS is_current
             FROM borrower_profiles WHERE borrower_key = $2),
     d AS (SELECT (SELECT name FROM coop) AS cooperative_name,
                  (SELECT subject_ref FROM b) AS subject_ref,
                  (SELECT id FROM c) AS consent_id,
                  CASE WHEN (SELECT status FROM coop) IS DISTINCT FROM 'ACTIVE' THEN 'COOPERATIVE.SUSPENDED'
                       WHEN NOT (SELECT reporting FROM coop) THEN 'RECIPROCITY.NOT_REPORTING'
                       -- no borrower, no consent: consents reference borrowers
                       WHEN NOT EXISTS (SELECT 1 FROM b) THEN 'CONSENT.MISSING'
                       ELSE ${consentRefusalOf('c')} END AS refusal,
                  $15::boolean OR COALESCE((SELECT is_current FROM p), false) AS answerable),
     inquiry AS (
       INSERT INTO inquiries (id, borrower_key, cooperative_id, purpose, consent_id, user_id, api_key_id, occurred_at)
       SELECT $4::uuid, $2, $1, $3, d.consent_id, $6, $7, $5 FROM d WHERE d.refusal IS NULL AND d.answerable
       RETURNING id),
     audit AS (
       ${auditInsertSql(
         {
           occurred_at: '$5',
           action: `'${AuditAction.PROFILE_QUERIED}'`,
           outcome: `CASE WHEN d.refusal IS NULL THEN '${AuditOutcome.ALLOWED}' ELSE '${AuditOutcome.DENIED}' END`,
           actor_user_id: '$6::uuid',
           actor_api_key_id: '$7::uuid',
           actor_cooperative_id: '$1',
           actor_role: '$8::text',
           subject_ref: 'd.subject_ref',
           purpose: '$3',
           consent_id: 'd.consent_id',
           request_id: '$9::text',
           ip: '$10::text',
           details: `CASE WHEN d.refusal IS NULL THEN jsonb_build_object('reportId', $4::uuid::text, 'recomputed', $15::boolean)
                   ELSE jsonb_build_object('reason', d.refusal) END`,
         },
         'FROM d WHERE d.refusal IS NOT NULL OR d.answerable',
       )})
SELECT d.refusal, d.cooperative_name, d.subject_ref, d.consent_id, (SELECT count(*) FROM audit) > 0 AS recorded,
       p.snapshot, p.score, p.grade, p.model_version, p.rule_set, p.computed_at,
       CASE WHEN d.refusal IS NULL AND d.answerable THEN
         (SELECT coalesce(json_agg(json_build_object('cooperativeId', i.cooperative_id, 'at', i.occurred_at, 'purpose', i.purpose)), '[]')
            FROM (SELECT DISTINCT ON (cooperative_id, purpose) cooperative_id, occurred_at, purpose
                    FROM inquiries WHERE borrower_key = $2 AND occurred_at >= $14::timestamptz
                   ORDER BY cooperative_id, purpose, occurred_at DESC) i)
       END AS inquiries,
       CASE WHEN d.refusal IS NULL AND d.answerable THEN
         (SELECT coalesce(json_agg(loan_id), '[]') FROM disputes WHERE borrower_key = $2 AND status = 'OPEN')
       END AS disputed_loan_ids
  FROM d LEFT JOIN p ON true`;

/** The statement's one row, as Postgres sends it: the raw-SQL row type of this repository. */
interface ProfileRow {
  refusal: ProfileRefusalCode | null;
  recorded: boolean;
  cooperative_name: string | null;
  subject_ref: string | null;
  consent_id: string | null;
  snapshot: BorrowerSnapshot | null;
  score: number | null;
  grade: string | null;
  model_version: string | null;
  rule_set: string | null;
  computed_at: Date | null;
  inquiries: { cooperativeId: string; at: string; purpose: string }[] | null;
  disputed_loan_ids: string[] | null;
}

function toResult(row: ProfileRow): ProfileQueryResult {
  if (row.refusal !== null) return { kind: 'refused', code: row.refusal };
  if (!row.recorded) return { kind: 'stale' };
  const { consent_id, subject_ref, cooperative_name, snapshot, score, grade, model_version, rule_set, computed_at } =
    row;
  // Allowed and recorded: the gate found the coop, the borrower and a consent, and a profile was answerable.
  if (
    consent_id === null ||
    subject_ref === null ||
    cooperative_name === null ||
    snapshot === null ||
    score === null ||
    grade === null ||
    model_version === null ||
    rule_set === null ||
    computed_at === null
  ) {
    throw new Error('the profile statement answered without a consent, a borrower, a coop or a stored profile');
  }
  return {
    kind: 'answered',
    consentId: consent_id,
    subjectRef: subject_ref,
    cooperativeName: cooperative_name,
    stored: { snapshot, score, grade, modelVersion: model_version, ruleSet: rule_set, computedAt: computed_at },
    disputedLoanIds: row.disputed_loan_ids ?? [],
    inquiries: (row.inquiries ?? []).map((i) => ({
      cooperativeId: i.cooperativeId,
      at: new Date(i.at),
      purpose: i.purpose,
    })),
  };
}

@Injectable()
export class ProfilesRepository {
  async answerQuery(tx: Tx, q: ProfileQuery): Promise<ProfileQueryResult> {
    const client = await this.client(tx);
    const { rows } = await client.query<ProfileRow>({
      name: 'kcx-answer-profile-query',
      text: ANSWER_PROFILE_QUERY,
      values: [
        q.cooperativeId,
        q.borrowerKey,
        q.purpose,
        q.reportId,
        q.now,
        q.actor.userId,
        q.actor.apiKeyId,
        q.actor.role,
        q.actor.requestId,
        q.actor.ip,
        q.current.modelVersion,
        q.current.ruleSet,
        q.current.asOf,
        q.inquiriesSince,
        q.force,
        q.reciprocity.maxDaysWithoutReport,
        q.reciprocity.graceDays,
      ],
    });
    return toResult(rows[0]);
  }

  /** The transaction's connection, or the pool: node-pg prepares a named statement once per connection. */
  private async client(tx: Tx): Promise<Pool | PoolClient> {
    const runner = tx.queryRunner as PostgresQueryRunner | undefined;
    // connect() hands back the transaction's own connection; it is already open.
    if (runner?.isTransactionActive) return (await runner.connect()) as PoolClient;
    return (tx.connection.driver as PostgresDriver).master as Pool;
  }
}
