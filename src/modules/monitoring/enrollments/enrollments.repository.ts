import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { auditInsertSql } from '../../audit/audit-writer';
import { ConsentPurpose } from '../../consents/consent-purpose';
import { activeConsentExists, consentRefusalOf, ConsentScope, decidingConsentSql } from '../../consents/consent-rule';
import { EnrollmentEndReason, EnrollmentStatus } from '../monitoring-types';
import { EnrolInput, EnrollmentOutcomeKind, EnrollmentSource } from './enrollment-outcomes';

/** Who asks, as the audit rows of an enrolment name them. */
export interface EnrolActor {
  userId: string | null;
  apiKeyId: string | null;
  role: string | null;
  requestId: string;
  ip: string;
}

export interface EnrolRequest {
  cooperativeId: string;
  at: Date;
  actor: EnrolActor;
  source: EnrollmentSource;
}

/** What the statement decided for one input row (a portfolio has one row per borrower and no row numbers). */
export interface EnrolOutcome {
  row: number | null;
  kind: EnrollmentOutcomeKind;
  code: string | null;
  enrollmentId: string | null;
  subjectRef: string | null;
  consentId: string | null;
  enrolledAt: Date | null;
  loanRefs: string[];
}

export interface EnrollmentRow {
  id: string;
  subjectRef: string;
  consentId: string;
  status: EnrollmentStatus;
  enrolledAt: Date;
  endedAt: Date | null;
  endReason: EnrollmentEndReason | null;
  loanRefs: string[];
}

export interface EnrollmentFilter {
  cooperativeId: string;
  at: Date;
  status?: EnrollmentStatus;
  cursor?: string;
  limit: number;
}

/** Where a lapse sweep looks: every coop (the sweep), one coop, or some of its borrowers (a request about them). */
export interface LapseScope {
  cooperativeId?: string;
  borrowerKeys?: string[];
}

const MONITORING = `'${ConsentPurpose.MONITORING}'`;

/*
 * The consent rule is consents/consent-rule.ts, used here three ways: decidingConsentSql + consentRefusalOf decide an
 * enrolment (the profile query's gate), activeConsentExists finds the enrollments to end, and the same deciding
 * consent says why and since when one has lapsed. Its CTE sits in a LATERAL subquery, so one statement decides a
 * whole batch, each row by the rule, with one index lookup per borrower.
 */
const decidedFor = (scope: ConsentScope) =>
  `(WITH c AS (${decidingConsentSql(scope)})
    SELECT (SELECT id FROM c) AS consent_id, ${consentRefusalOf('c')} AS refusal)`;

/**
 * A LATERAL subquery over the enrollment `e` at `at`: one row (reason, lapsed_at) when its consent no longer allows,
 * none while it does. lapsed_at is when the deciding consent was revoked or expired (never before the enrolment,
 * never after `at`), so the list computes the same end the sweep stores.
 */
const lapseOf = (at: string) => `(
  SELECT CASE WHEN g.refusal = 'CONSENT.REVOKED' THEN '${EnrollmentEndReason.CONSENT_REVOKED}'
              ELSE '${EnrollmentEndReason.CONSENT_EXPIRED}' END AS reason,
         GREATEST(e.enrolled_at, LEAST(${at}, CASE WHEN g.refusal = 'CONSENT.REVOKED' THEN dc.revoked_at
                                                   ELSE dc.expires_at END)) AS lapsed_at
    FROM ${decidedFor({ coop: 'e.cooperative_id', borrower: 'e.borrower_key', purpose: MONITORING, at })} g
    LEFT JOIN consents dc ON dc.id = g.consent_id
   WHERE g.refusal IS NOT NULL)`;

/**
 * Ends the scope's active enrollments whose consent no longer allows at $1 (activeConsentExists), each audited
 * MONITORING_ENDED by the system actor ($4: its request id). $2 coop (null: every coop), $3 borrower keys (null: all).
 * The sweep skips rows a request holds (they are handled by that request or the next sweep); a request waits.
 */
const endLapsedSql = (skipLocked: boolean) => `
WITH lapsed AS (
  SELECT e.id, lp.reason, lp.lapsed_at
    FROM monitoring_enrollments e
    CROSS JOIN LATERAL ${lapseOf('$1::timestamptz')} lp
   WHERE e.status = '${EnrollmentStatus.ACTIVE}'
     AND ($2::uuid IS NULL OR e.cooperative_id = $2::uuid)
     AND ($3::char(64)[] IS NULL OR e.borrower_key = ANY ($3::char(64)[]))
     AND NOT ${activeConsentExists({ coop: 'e.cooperative_id', borrower: 'e.borrower_key', purpose: MONITORING, at: '$1::timestamptz' })}
   ORDER BY e.id
     FOR UPDATE OF e${skipLocked ? ' SKIP LOCKED' : ''}),
ended AS (
  UPDATE monitoring_enrollments e
     SET status = '${EnrollmentStatus.ENDED}', ended_at = l.lapsed_at, end_reason = l.reason
    FROM lapsed l
   WHERE e.id = l.id
  RETURNING e.id, e.cooperative_id, e.borrower_key, e.consent_id, e.end_reason),
audit AS (
  ${auditInsertSql(
    {
      action: `'${AuditAction.MONITORING_ENDED}'`,
      outcome: `'${AuditOutcome.ALLOWED}'`,
      subject_ref: 'b.subject_ref',
      purpose: MONITORING,
      consent_id: 'x.consent_id',
      request_id: '$4::text',
      ip: `'local'`,
      details: `jsonb_build_object('enrollmentId', x.id::text, 'cooperativeId', x.cooperative_id::text, 'endReason', x.end_reason)`,
    },
    'FROM ended x JOIN borrowers b ON b.borrower_key = x.borrower_key',
    false,
  )})
SELECT count(*)::int AS ended FROM ended`;

const END_LAPSED_SWEEP = endLapsedSql(true);
const END_LAPSED_REQUEST = endLapsedSql(false);

/** The input rows of a request: borrower keys with their row numbers, or the code of a NIK that is not one. */
const ARRAY_INPUT = `
  SELECT i.borrower_key, i.row_no, i.code, '{}'::text[] AS loan_refs
    FROM unnest($9::char(64)[], $10::int[], $11::text[]) AS i(borrower_key, row_no, code)`;

/** The coop's active portfolio: every borrower with a loan whose latest record's condition is 00 (not suppressed). */
const PORTFOLIO_INPUT = `
  SELECT l.borrower_key, NULL::int AS row_no, NULL::text AS code,
         array_agg(l.loan_ref::text ORDER BY l.loan_ref) AS loan_refs
    FROM loans l JOIN loan_records r ON r.loan_id = l.id AND r.period = l.latest_period
   WHERE l.cooperative_id = $1::uuid AND l.suppressed_at IS NULL AND r.condition = '00'
   GROUP BY l.borrower_key`;

/*
 * An enrolment batch in one statement: the gate (coop status, then each distinct borrower's MONITORING consent at the
 * request's time, by the consent rule), the enrollments (a repeated borrower, in the batch or already enrolled,
 * answers its one active enrollment: ON CONFLICT on the partial unique index also finds one another transaction has
 * just committed), one audit row per input row, allowed or refused (auditInsertSql), and the outcomes.
 * Parameters: $1 coop, $2 at, $3 user, $4 key, $5 role, $6 request id, $7 ip, $8 source; arrays $9..$11 (ARRAY_INPUT).
 */
const enrolSql = (input: string) => `
WITH input AS (${input}),
     coop AS (SELECT status FROM cooperatives WHERE id = $1::uuid),
     firsts AS (SELECT DISTINCT ON (borrower_key) borrower_key, row_no FROM input WHERE code IS NULL
                 ORDER BY borrower_key, row_no),
     decided AS (
       SELECT f.borrower_key, f.row_no, b.subject_ref, g.consent_id,
              CASE WHEN (SELECT status FROM coop) IS DISTINCT FROM 'ACTIVE' THEN 'COOPERATIVE.SUSPENDED'
                   -- no borrower, no consent (consents reference borrowers); the answer does not tell them apart
                   WHEN b.borrower_key IS NULL THEN 'CONSENT.MISSING'
                   ELSE g.refusal END AS refusal
         FROM firsts f
         LEFT JOIN borrowers b ON b.borrower_key = f.borrower_key
         CROSS JOIN LATERAL ${decidedFor({ coop: '$1', borrower: 'f.borrower_key', purpose: MONITORING, at: '$2::timestamptz' })} g),
     enrolled AS (
       INSERT INTO monitoring_enrollments (cooperative_id, borrower_key, consent_id, status, enrolled_at,
                                           enrolled_by_user_id, enrolled_by_api_key_id)
       SELECT $1::uuid, d.borrower_key, d.consent_id, '${EnrollmentStatus.ACTIVE}', $2::timestamptz, $3::uuid, $4::uuid
         FROM decided d WHERE d.refusal IS NULL
        ORDER BY d.borrower_key
       ON CONFLICT (cooperative_id, borrower_key) WHERE status = '${EnrollmentStatus.ACTIVE}'
       DO UPDATE SET status = monitoring_enrollments.status
       RETURNING id, borrower_key, consent_id, enrolled_at, (xmax = 0) AS inserted),
     outcomes AS (
       SELECT i.row_no, i.loan_refs, d.subject_ref, d.refusal AS code, e.id AS enrollment_id,
              COALESCE(e.consent_id, d.consent_id) AS consent_id, e.enrolled_at,
              CASE WHEN d.refusal IS NOT NULL THEN '${EnrollmentOutcomeKind.REFUSED}'
                   WHEN e.inserted AND i.row_no IS NOT DISTINCT FROM d.row_no THEN '${EnrollmentOutcomeKind.ENROLLED}'
                   ELSE '${EnrollmentOutcomeKind.ALREADY_ENROLLED}' END AS kind
         FROM input i JOIN decided d ON d.borrower_key = i.borrower_key
         LEFT JOIN enrolled e ON e.borrower_key = d.borrower_key
        WHERE i.code IS NULL
       UNION ALL
       SELECT i.row_no, i.loan_refs, NULL, i.code, NULL, NULL, NULL, '${EnrollmentOutcomeKind.REFUSED}'
         FROM input i WHERE i.code IS NOT NULL),
     audit AS (
       ${auditInsertSql(
         {
           occurred_at: '$2::timestamptz',
           action: `'${AuditAction.MONITORING_ENROLLED}'`,
           outcome: `CASE WHEN o.kind = '${EnrollmentOutcomeKind.REFUSED}' THEN '${AuditOutcome.DENIED}' ELSE '${AuditOutcome.ALLOWED}' END`,
           actor_user_id: '$3::uuid',
           actor_api_key_id: '$4::uuid',
           actor_cooperative_id: '$1::uuid',
           actor_role: '$5::text',
           subject_ref: 'o.subject_ref',
           purpose: MONITORING,
           consent_id: 'o.consent_id',
           request_id: '$6::text',
           ip: '$7::text',
           details: `jsonb_strip_nulls(jsonb_build_object(
                       'source', $8::text, 'row', o.row_no, 'reason', o.code, 'enrollmentId', o.enrollment_id::text,
                       'alreadyEnrolled', CASE WHEN o.code IS NULL THEN o.kind = '${EnrollmentOutcomeKind.ALREADY_ENROLLED}' END))`,
         },
         'FROM outcomes o ORDER BY o.row_no, o.subject_ref',
         false,
       )})
SELECT row_no, kind, code, enrollment_id, subject_ref, consent_id, enrolled_at, loan_refs
  FROM outcomes ORDER BY row_no NULLS LAST, subject_ref`;

const ENROL_ARRAY = enrolSql(ARRAY_INPUT);
const ENROL_PORTFOLIO = enrolSql(PORTFOLIO_INPUT);

/** The status the list shows: ENDED as soon as the consent no longer allows, before the sweep stores it. */
const LIST_STATUS = `CASE WHEN e.status = '${EnrollmentStatus.ACTIVE}' AND lp.reason IS NULL
                          THEN '${EnrollmentStatus.ACTIVE}' ELSE '${EnrollmentStatus.ENDED}' END`;

const SELECT_ENROLLMENT = `
  SELECT e.id, b.subject_ref, e.consent_id, ${LIST_STATUS} AS status, e.enrolled_at,
         COALESCE(e.ended_at, lp.lapsed_at) AS ended_at, COALESCE(e.end_reason, lp.reason) AS end_reason,
         ARRAY(SELECT l.loan_ref::text FROM loans l
                WHERE l.cooperative_id = e.cooperative_id AND l.borrower_key = e.borrower_key AND l.suppressed_at IS NULL
                ORDER BY l.loan_ref) AS loan_refs
    FROM monitoring_enrollments e
    JOIN borrowers b ON b.borrower_key = e.borrower_key
    LEFT JOIN LATERAL ${lapseOf('$2::timestamptz')} lp ON e.status = '${EnrollmentStatus.ACTIVE}'`;

/** Raw-SQL rows of this repository, as Postgres sends them. */
interface OutcomeDbRow {
  row_no: number | null;
  kind: EnrollmentOutcomeKind;
  code: string | null;
  enrollment_id: string | null;
  subject_ref: string | null;
  consent_id: string | null;
  enrolled_at: Date | null;
  loan_refs: string[] | null;
}

interface EnrollmentDbRow {
  id: string;
  subject_ref: string;
  consent_id: string;
  status: EnrollmentStatus;
  enrolled_at: Date;
  ended_at: Date | null;
  end_reason: EnrollmentEndReason | null;
  loan_refs: string[];
}

const toOutcome = (r: OutcomeDbRow): EnrolOutcome => ({
  row: r.row_no,
  kind: r.kind,
  code: r.code,
  enrollmentId: r.enrollment_id,
  subjectRef: r.subject_ref,
  consentId: r.consent_id,
  enrolledAt: r.enrolled_at,
  loanRefs: r.loan_refs ?? [],
});

const toEnrollment = (r: EnrollmentDbRow): EnrollmentRow => ({
  id: r.id,
  subjectRef: r.subject_ref,
  consentId: r.consent_id,
  status: r.status,
  enrolledAt: r.enrolled_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  loanRefs: r.loan_refs,
});

const requestParams = (q: EnrolRequest): unknown[] => [
  q.cooperativeId,
  q.at,
  q.actor.userId,
  q.actor.apiKeyId,
  q.actor.role,
  q.actor.requestId,
  q.actor.ip,
  q.source,
];

@Injectable()
export class EnrollmentsRepository {
  /** Enrols the rows (one statement for the batch), audits each; outcomes in row order. */
  async enrol(tx: Tx, q: EnrolRequest, inputs: EnrolInput[]): Promise<EnrolOutcome[]> {
    const rows: OutcomeDbRow[] = await tx.query(ENROL_ARRAY, [
      ...requestParams(q),
      inputs.map((i) => (i.code === undefined ? i.borrowerKey : null)),
      inputs.map((i) => i.row),
      inputs.map((i) => i.code ?? null),
    ]);
    return rows.map(toOutcome);
  }

  /** Enrols every borrower of the coop's active portfolio, as enrol() does; one outcome per borrower. */
  async enrolPortfolio(tx: Tx, q: EnrolRequest): Promise<EnrolOutcome[]> {
    const rows: OutcomeDbRow[] = await tx.query(ENROL_PORTFOLIO, requestParams(q));
    return rows.map(toOutcome);
  }

  /** Ends the scope's lapsed active enrollments, audited with `requestId` (the system actor's); how many ended. */
  async endLapsed(tx: Tx, at: Date, scope: LapseScope, requestId: string, skipLocked: boolean): Promise<number> {
    const rows: { ended: number }[] = await tx.query(skipLocked ? END_LAPSED_SWEEP : END_LAPSED_REQUEST, [
      at,
      scope.cooperativeId ?? null,
      scope.borrowerKeys ?? null,
      requestId,
    ]);
    return rows[0]?.ended ?? 0;
  }

  /** The coop's enrollment with its borrower key, locked for the transaction; null when unknown or another coop's. */
  async lockInCooperative(
    tx: Tx,
    id: string,
    cooperativeId: string,
  ): Promise<{ id: string; borrowerKey: string; status: EnrollmentStatus } | null> {
    const rows: { id: string; borrower_key: string; status: EnrollmentStatus }[] = await tx.query(
      `SELECT id, borrower_key, status FROM monitoring_enrollments WHERE id = $1 AND cooperative_id = $2 FOR UPDATE`,
      [id, cooperativeId],
    );
    const r = rows[0];
    return r ? { id: r.id, borrowerKey: r.borrower_key, status: r.status } : null;
  }

  /** Ends an active enrollment as the coop's choice; null when it was not active. */
  async endByCooperative(tx: Tx, id: string, at: Date): Promise<{ consentId: string; subjectRef: string } | null> {
    // As a CTE: TypeORM answers a bare UPDATE ... RETURNING as [rows, count].
    const rows: { consent_id: string; subject_ref: string }[] = await tx.query(
      `WITH ended AS (
         UPDATE monitoring_enrollments
            SET status = '${EnrollmentStatus.ENDED}', ended_at = $2, end_reason = '${EnrollmentEndReason.ENDED_BY_COOP}'
          WHERE id = $1 AND status = '${EnrollmentStatus.ACTIVE}'
         RETURNING consent_id, borrower_key)
       SELECT x.consent_id, b.subject_ref FROM ended x JOIN borrowers b ON b.borrower_key = x.borrower_key`,
      [id, at],
    );
    const r = rows[0];
    return r ? { consentId: r.consent_id, subjectRef: r.subject_ref } : null;
  }

  /** Newest first, in (enrolled_at, id) order; fetches limit + 1 rows for toPage. */
  async list(tx: Tx, f: EnrollmentFilter): Promise<EnrollmentRow[]> {
    const params: unknown[] = [f.cooperativeId, f.at];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['e.cooperative_id = $1'];
    if (f.status) where.push(`${LIST_STATUS} = ${param(f.status)}::text`);
    if (f.cursor) {
      // The cursor row within the own coop: another coop's enrollment id reads exactly like an unknown cursor.
      where.push(
        `(e.enrolled_at, e.id) < (SELECT c.enrolled_at, c.id FROM monitoring_enrollments c
                                   WHERE c.id = ${param(f.cursor)} AND c.cooperative_id = $1)`,
      );
    }
    const rows: EnrollmentDbRow[] = await tx.query(
      `${SELECT_ENROLLMENT} WHERE ${where.join(' AND ')}
        ORDER BY e.enrolled_at DESC, e.id DESC LIMIT ${param(f.limit + 1)}`,
      params,
    );
    return rows.map(toEnrollment);
  }
}
