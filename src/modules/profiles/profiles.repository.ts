import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Tx } from '../../common/database/unit-of-work';
import type { BorrowerSnapshot } from '../risk/borrower-snapshot';
import type { Inquiry } from '../risk/risk-input';

export interface ProfileQuery {
  cooperativeId: string;
  borrowerKey: string;
  purpose: string;
  reportId: string;
  now: Date;
  inquiriesSince: Date;
  actor: { userId: string | null; apiKeyId: string | null; role: string | null; requestId: string | null; ip: string | null };
  /** What a stored profile must carry to be answered as it is. */
  current: { modelVersion: string; ruleSet: string; asOf: string };
  /** Answer whatever profile is stored: the caller has just recomputed it in this transaction. */
  force: boolean;
  reciprocity: { maxDaysWithoutReport: number; graceDays: number };
}

export interface ProfileQueryResult {
  refusal: string | null;
  /** False when the query was allowed but the stored profile is stale: nothing was written, recompute and ask again. */
  recorded: boolean;
  cooperativeName: string | null;
  subjectRef: string | null;
  consentId: string | null;
  stored: { snapshot: BorrowerSnapshot; score: number; grade: string; modelVersion: string; ruleSet: string; computedAt: Date } | null;
  /** Earlier inquiries: each coop's latest per purpose since `inquiriesSince` (this one not included). */
  inquiries: Inquiry[];
  /** Loans of the borrower with an open dispute. */
  disputedLoanIds: string[];
}

/*
 * The whole profile query in one statement, so one round trip decides, audits and records the inquiry atomically:
 * the gate (coop status, give-to-get reporting, borrower, the coop's latest consent for the purpose, as ConsentsRepository.latestFor
 * orders it), the stored profile and whether it is current, then the audit event (allowed or refused) and, when
 * allowed, the inquiry. An allowed query on a stale profile writes nothing and says so. Prepared once per connection. Parameters are
 * left to take their columns' types: a cast such as $2::text on a char(64) column would turn an index lookup into a
 * scan of the table.
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
     c AS (SELECT id, CASE WHEN revoked_at IS NOT NULL THEN 'CONSENT.REVOKED'
                           WHEN expires_at <= $5::timestamptz THEN 'CONSENT.EXPIRED' END AS refusal
             FROM consents WHERE cooperative_id = $1 AND borrower_key = $2 AND purpose = $3
            ORDER BY (revoked_at IS NULL AND expires_at > $5::timestamptz) DESC, granted_at DESC LIMIT 1),
     p AS (SELECT snapshot, score, grade, model_version, rule_set, computed_at,
                  (model_version = $11::text AND rule_set = $12::text AND as_of = $13::date
                   AND NOT EXISTS (SELECT 1 FROM risk_recalc_markers m WHERE m.borrower_key = $2)) AS is_current
             FROM borrower_profiles WHERE borrower_key = $2),
     d AS (SELECT (SELECT name FROM coop) AS cooperative_name,
                  (SELECT subject_ref FROM b) AS subject_ref,
                  (SELECT id FROM c) AS consent_id,
                  CASE WHEN (SELECT status FROM coop) IS DISTINCT FROM 'ACTIVE' THEN 'COOPERATIVE.SUSPENDED'
                       WHEN NOT (SELECT reporting FROM coop) THEN 'RECIPROCITY.NOT_REPORTING'
                       WHEN NOT EXISTS (SELECT 1 FROM b) OR NOT EXISTS (SELECT 1 FROM c) THEN 'CONSENT.MISSING'
                       ELSE (SELECT refusal FROM c) END AS refusal,
                  $15::boolean OR COALESCE((SELECT is_current FROM p), false) AS answerable),
     inquiry AS (
       INSERT INTO inquiries (id, borrower_key, cooperative_id, purpose, consent_id, user_id, api_key_id, occurred_at)
       SELECT $4::uuid, $2, $1, $3, d.consent_id, $6, $7, $5 FROM d WHERE d.refusal IS NULL AND d.answerable
       RETURNING id),
     audit AS (
       INSERT INTO audit_events (occurred_at, action, outcome, actor_user_id, actor_api_key_id, actor_cooperative_id,
                                 actor_role, subject_ref, purpose, consent_id, request_id, ip, details)
       SELECT $5, 'PROFILE_QUERIED', CASE WHEN d.refusal IS NULL THEN 'ALLOWED' ELSE 'DENIED' END, $6::uuid, $7::uuid, $1,
              $8::text, d.subject_ref, $3, d.consent_id, $9::text, $10::text,
              CASE WHEN d.refusal IS NULL THEN jsonb_build_object('reportId', $4::uuid::text, 'recomputed', $15::boolean)
                   ELSE jsonb_build_object('reason', d.refusal) END
         FROM d WHERE d.refusal IS NOT NULL OR d.answerable
       RETURNING id)
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

interface Row {
  refusal: string | null;
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

@Injectable()
export class ProfilesRepository {
  async answerQuery(tx: Tx, q: ProfileQuery): Promise<ProfileQueryResult> {
    const client = await this.client(tx);
    const { rows } = await client.query<Row>({
      name: 'kcx-answer-profile-query',
      text: ANSWER_PROFILE_QUERY,
      values: [
        q.cooperativeId, q.borrowerKey, q.purpose, q.reportId, q.now, q.actor.userId, q.actor.apiKeyId, q.actor.role,
        q.actor.requestId, q.actor.ip, q.current.modelVersion, q.current.ruleSet, q.current.asOf, q.inquiriesSince, q.force,
        q.reciprocity.maxDaysWithoutReport, q.reciprocity.graceDays,
      ],
    });
    const row = rows[0];
    return {
      refusal: row.refusal,
      recorded: row.recorded,
      cooperativeName: row.cooperative_name,
      subjectRef: row.subject_ref,
      consentId: row.consent_id,
      stored: row.snapshot
        ? {
            snapshot: row.snapshot,
            score: row.score!,
            grade: row.grade!,
            modelVersion: row.model_version!,
            ruleSet: row.rule_set!,
            computedAt: row.computed_at!,
          }
        : null,
      disputedLoanIds: row.disputed_loan_ids ?? [],
      inquiries: (row.inquiries ?? []).map((i) => ({ cooperativeId: i.cooperativeId, at: new Date(i.at), purpose: i.purpose })),
    };
  }

  /** The transaction's connection, or the pool: node-pg prepares a named statement once per connection. */
  private async client(tx: Tx): Promise<Pool | PoolClient> {
    const runner = tx.queryRunner as PostgresQueryRunner | undefined;
    // connect() hands back the transaction's own connection; it is already open.
    if (runner?.isTransactionActive) return (await runner.connect()) as PoolClient;
    return (tx.connection.driver as PostgresDriver).master as Pool;
  }
}
