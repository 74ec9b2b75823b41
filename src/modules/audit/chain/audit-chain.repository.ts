import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { ChainLink } from './chain-check';

/**
 * An event's digest: sha256 of its columns in a fixed order, as jsonb text (jsonb normalises key order, spacing
 * and numbers), with the time in UTC to the microsecond. The database computes it once, when the event is written
 * (the audit_events_digest trigger, into audit_events.digest), and the sealer chains that stored digest; this copy
 * recomputes it from the row as it is now, for verification. It is never run through the trigger's function, so a
 * replaced function cannot vouch for itself. Computed by Postgres, so no driver conversion (Date's milliseconds,
 * bigint, jsonb parsing) ever touches what is hashed. A new column is either left out or brings a new version of
 * this expression and of the trigger (docs/audit-log.md).
 */
export const EVENT_DIGEST = `sha256(convert_to(jsonb_build_array(
  e.id::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.action, e.outcome,
  e.actor_user_id, e.actor_api_key_id, e.actor_cooperative_id, e.actor_role, e.subject_ref, e.purpose, e.consent_id,
  e.request_id, e.ip, e.details)::text, 'UTF8'))`;

const OCCURRED_AT_TEXT = `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
// The digest fixed at insert, not the row's content now: a row changed before its seal must not be sealed as changed.
const CANDIDATE = `e.id, ${OCCURRED_AT_TEXT} AS occurred_at, e.digest`;

// Any constant, as long as nothing else in the database uses it.
const SEALER_LOCK = 0x6b63785f61756469n.toString();

/** An event to seal, with its insert-time digest; occurredAt as exact text, so the link keeps the event's key to the microsecond. */
export interface SealCandidate {
  id: string;
  occurredAt: string;
  digest: Buffer;
}

export interface NewLink {
  seq: string;
  eventId: string;
  occurredAt: string;
  hash: Buffer;
}

interface CandidateRow {
  id: string;
  occurred_at: string;
  digest: Buffer;
}

const toCandidates = (rows: CandidateRow[]): SealCandidate[] =>
  rows.map((r) => ({ id: r.id, occurredAt: r.occurred_at, digest: r.digest }));

@Injectable()
export class AuditChainRepository {
  /** One sealer at a time; the others skip their run instead of waiting. Released at commit. */
  async tryLockSealer(tx: Tx): Promise<boolean> {
    const [row] = await tx.query(`SELECT pg_try_advisory_xact_lock($1::bigint) AS locked`, [SEALER_LOCK]);
    return row.locked;
  }

  async head(tx: Tx): Promise<{ seq: string; hash: Buffer } | null> {
    const [row] = await tx.query(`SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1`);
    return row ? { seq: row.seq, hash: row.hash } : null;
  }

  async maxSealedId(tx: Tx): Promise<string> {
    const [row] = await tx.query(`SELECT coalesce(max(event_id), 0)::text AS id FROM audit_chain`);
    return row.id;
  }

  /** Events above the highest sealed id, in id order. */
  async freshEvents(tx: Tx, afterId: string, limit: number): Promise<SealCandidate[]> {
    const rows = await tx.query(`SELECT ${CANDIDATE} FROM audit_events e WHERE e.id > $1 ORDER BY e.id LIMIT $2`, [
      afterId,
      limit,
    ]);
    return toCandidates(rows);
  }

  /** Passed-over ids that have since committed. */
  async lateEvents(tx: Tx, limit: number): Promise<SealCandidate[]> {
    const rows = await tx.query(
      `SELECT ${CANDIDATE} FROM audit_chain_gaps g JOIN audit_events e ON e.id = g.event_id
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id) ORDER BY e.id LIMIT $1`,
      [limit],
    );
    return toCandidates(rows);
  }

  /** Every unsealed event up to an id, however it was missed: a full scan, for the operator's explicit sweep. */
  async strayEvents(tx: Tx, upToId: string, limit: number): Promise<SealCandidate[]> {
    const rows = await tx.query(
      `SELECT ${CANDIDATE} FROM audit_events e
        WHERE e.id <= $1 AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id) ORDER BY e.id LIMIT $2`,
      [upToId, limit],
    );
    return toCandidates(rows);
  }

  async append(tx: Tx, links: NewLink[]): Promise<void> {
    await tx.query(
      `INSERT INTO audit_chain (seq, event_id, event_occurred_at, hash)
       SELECT seq, event_id, occurred_at::timestamptz, decode(hash, 'hex')
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS l(seq, event_id, occurred_at, hash)`,
      [
        links.map((l) => l.seq),
        links.map((l) => l.eventId),
        links.map((l) => l.occurredAt),
        links.map((l) => l.hash.toString('hex')),
      ],
    );
  }

  /** Records the ids between `afterId` and `upToId` that the sealer did not see, to look at them again. */
  async noteGaps(tx: Tx, afterId: string, upToId: string, seen: string[]): Promise<void> {
    await tx.query(
      `INSERT INTO audit_chain_gaps (event_id)
       SELECT g FROM generate_series($1::bigint + 1, $2::bigint) g WHERE g <> ALL ($3::bigint[])
       ON CONFLICT DO NOTHING`,
      [afterId, upToId, seen],
    );
  }

  /** Drops gaps now sealed, and gaps older than the grace: their transaction rolled back. */
  async forgetGaps(tx: Tx, sealed: string[], graceMs: number): Promise<void> {
    await tx.query(
      `DELETE FROM audit_chain_gaps WHERE event_id = ANY ($1::bigint[]) OR noted_at < now() - $2::int * interval '1 millisecond'`,
      [sealed, graceMs],
    );
  }

  /** Creates the partitions of this month and the next ones that are missing; never waits long for a lock. */
  async ensurePartitions(tx: Tx, monthsAhead: number): Promise<number> {
    await tx.query(`SET LOCAL lock_timeout = '1s'`);
    const [row] = await tx.query(`SELECT kcx_ensure_audit_partitions($1) AS created`, [monthsAhead]);
    return row.created;
  }

  /** Verification reads one snapshot throughout: links and events as of the same instant. */
  async useSnapshot(tx: Tx): Promise<void> {
    await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
  }

  /**
   * Links after `afterSeq` with their events' insert-time digests and the digests of their content as it is now; the
   * join on the full key prunes partitions.
   */
  async links(tx: Tx, afterSeq: string, limit: number): Promise<ChainLink[]> {
    const rows: {
      seq: string;
      event_id: string;
      hash: Buffer;
      digest: Buffer | null;
      content_digest: Buffer | null;
      archived: boolean;
    }[] = await tx.query(
      `SELECT c.seq, c.event_id, c.hash, e.digest, CASE WHEN e.id IS NOT NULL THEN ${EVENT_DIGEST} END AS content_digest,
                e.id IS NULL AND EXISTS (SELECT 1 FROM audit_archived_months a
                                          WHERE a.month = date_trunc('month', c.event_occurred_at AT TIME ZONE 'UTC')::date) AS archived
           FROM audit_chain c LEFT JOIN audit_events e ON e.id = c.event_id AND e.occurred_at = c.event_occurred_at
          WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      hash: r.hash,
      digest: r.digest,
      contentDigest: r.content_digest,
      archived: r.archived,
    }));
  }

  async countEvents(tx: Tx): Promise<number> {
    const [row] = await tx.query(`SELECT count(*)::bigint::text AS n FROM audit_events`);
    return Number(row.n);
  }

  /**
   * Unsealed events checked against their insert-time digests: how many were looked at, how many no longer match,
   * and the first of those (ids in order, at most `limit`). `recent` looks only where the sealer has not been yet
   * (above the highest sealed id, and its noted gaps), through the indexes; `all` anti-joins the whole log with the
   * chain (a second pass over the log), for when the recent ones do not account for every unsealed event.
   */
  async checkUnsealed(
    tx: Tx,
    scope: 'recent' | 'all',
    limit: number,
  ): Promise<{ looked: number; changed: number; changedIds: string[] }> {
    const changed = `e.digest IS DISTINCT FROM ${EVENT_DIGEST} AS changed`;
    // The highest sealed id as a value, not a subquery: the planner then sees how few rows lie above it and uses the
    // indexes instead of scanning the log.
    const top = scope === 'recent' ? await this.maxSealedId(tx) : null;
    const checked =
      scope === 'recent'
        ? `SELECT e.id, ${changed} FROM audit_events e WHERE e.id > $2::bigint
           UNION ALL
           SELECT e.id, ${changed} FROM audit_chain_gaps g JOIN audit_events e ON e.id = g.event_id
            WHERE g.event_id <= $2::bigint AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)`
        : // Keys first, rows after: the anti-join carries only (id, occurred_at); each unsealed row is then read by
          // its key and its digest recomputed.
          `WITH u AS MATERIALIZED (
             SELECT e.id, e.occurred_at FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id))
           SELECT e.id, ${changed} FROM u JOIN audit_events e ON e.id = u.id AND e.occurred_at = u.occurred_at`;
    // OFFSET 0: the digest is recomputed once per row, not once per aggregate that reads it.
    const [row] = await tx.query(
      `SELECT count(*)::bigint::text AS looked, count(*) FILTER (WHERE d.changed)::bigint::text AS changed,
              coalesce((array_agg(d.id::text ORDER BY d.id) FILTER (WHERE d.changed))[1:$1], '{}') AS changed_ids
         FROM (${checked} OFFSET 0) d`,
      scope === 'recent' ? [limit, top] : [limit],
    );
    return { looked: Number(row.looked), changed: Number(row.changed), changedIds: row.changed_ids };
  }
}
