import { Injectable } from '@nestjs/common';
import { Tx } from '../../common/database/unit-of-work';
import { AnomalyKind, UsageMeasure } from './usage-rules';

export interface NewAnomaly {
  cooperativeId: string;
  kind: AnomalyKind;
  subject: string;
  windowStart: Date;
  windowEnd: Date;
  observed: number;
  baseline: number | null;
  threshold: number;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  referencePattern: string | null;
  at: Date;
}

export interface AnomalyRow {
  id: string;
  cooperativeId: string;
  cooperativeName: string;
  kind: AnomalyKind;
  windowStart: Date;
  windowEnd: Date;
  observed: number;
  baseline: string | null;
  threshold: number;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  referencePattern: string | null;
  detectedAt: Date;
  lastSeenAt: Date;
}

export interface AnomalyFilter {
  kind?: AnomalyKind;
  cooperativeId?: string;
  cursor?: string;
  limit: number;
}

/*
 * The mean count per active hour over the days before the current hour: the hours the coop did anything count, idle
 * nights and weekends do not (they would dilute a small coop's baseline to nothing). Both read an index on
 * (cooperative_id, time), so the cost is the coop's own rows of 28 days, read at most once an hour per process.
 */
const BASELINE_SQL: Record<UsageMeasure, string> = {
  [UsageMeasure.PROFILE_QUERIES]: `
    SELECT coalesce(count(*)::numeric / nullif(count(DISTINCT date_trunc('hour', occurred_at)), 0), 0)::float8 AS mean
      FROM inquiries WHERE cooperative_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
  [UsageMeasure.CONSENTS]: `
    SELECT coalesce(count(*)::numeric / nullif(count(DISTINCT date_trunc('hour', granted_at)), 0), 0)::float8 AS mean
      FROM consents WHERE cooperative_id = $1 AND granted_at >= $2 AND granted_at < $3`,
};

/** The baseline statements' one row: `::float8` comes back from node-pg as a number. */
interface BaselineRow {
  mean: number;
}

const COLUMNS = `a.id, a.cooperative_id AS "cooperativeId", c.name AS "cooperativeName", a.kind,
  a.window_start AS "windowStart", a.window_end AS "windowEnd", a.observed, a.baseline::text AS baseline, a.threshold,
  a.actor_user_id AS "actorUserId", a.actor_api_key_id AS "actorApiKeyId", a.reference_pattern AS "referencePattern",
  a.detected_at AS "detectedAt", a.last_seen_at AS "lastSeenAt"`;

@Injectable()
export class UsageRepository {
  async hourlyBaseline(
    tx: Tx,
    measure: UsageMeasure,
    cooperativeId: string,
    since: Date,
    until: Date,
  ): Promise<number> {
    const [row] = await tx.query<BaselineRow[]>(BASELINE_SQL[measure], [cooperativeId, since, until]);
    return Number(row.mean);
  }

  /**
   * One window, one row: a second detection of the same window (another process, a later event) only raises the
   * count. True when this call created the row.
   */
  async upsertAnomaly(tx: Tx, a: NewAnomaly): Promise<boolean> {
    const rows = await tx.query<{ inserted: boolean }[]>(
      `INSERT INTO usage_anomalies (cooperative_id, kind, subject, window_start, window_end, observed, baseline, threshold,
                                    actor_user_id, actor_api_key_id, reference_pattern, detected_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (cooperative_id, kind, subject, window_start)
       DO UPDATE SET observed = GREATEST(usage_anomalies.observed, EXCLUDED.observed),
                     last_seen_at = GREATEST(usage_anomalies.last_seen_at, EXCLUDED.last_seen_at)
       RETURNING (xmax = 0) AS inserted`,
      [
        a.cooperativeId,
        a.kind,
        a.subject,
        a.windowStart,
        a.windowEnd,
        a.observed,
        a.baseline,
        a.threshold,
        a.actorUserId,
        a.actorApiKeyId,
        a.referencePattern,
        a.at,
      ],
    );
    return rows[0]?.inserted === true;
  }

  /** A burst's later events: the open window of that subject (at most one covers `at`). */
  async raiseOpenWindow(
    tx: Tx,
    cooperativeId: string,
    kind: AnomalyKind,
    subject: string,
    observed: number,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE usage_anomalies SET observed = GREATEST(observed, $4), last_seen_at = GREATEST(last_seen_at, $5)
        WHERE cooperative_id = $1 AND kind = $2 AND subject = $3 AND window_start <= $5 AND window_end > $5`,
      [cooperativeId, kind, subject, observed, at],
    );
  }

  /** Newest detection first; the cursor is the id of the last row of the previous page. */
  list(tx: Tx, f: AnomalyFilter): Promise<AnomalyRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.kind) where.push(`a.kind = $${params.push(f.kind)}`);
    if (f.cooperativeId) where.push(`a.cooperative_id = $${params.push(f.cooperativeId)}`);
    if (f.cursor) {
      where.push(
        `(a.detected_at, a.id) < (SELECT p.detected_at, p.id FROM usage_anomalies p WHERE p.id = $${params.push(f.cursor)})`,
      );
    }
    return tx.query<AnomalyRow[]>(
      `SELECT ${COLUMNS} FROM usage_anomalies a JOIN cooperatives c ON c.id = a.cooperative_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.detected_at DESC, a.id DESC LIMIT $${params.push(f.limit + 1)}`,
      params,
    );
  }
}
