import { Injectable } from '@nestjs/common';
import { wholeNumber } from '../../common/database/transformers';
import { Tx } from '../../common/database/unit-of-work';

export interface CooperativeStatsRow {
  id: string;
  name: string;
  type: string;
  district: string;
  status: string;
  lastPeriod: string | null;
  lastReportedAt: Date | null;
  activeLoans: number;
  staleLoans: number;
  /** Exact: a coop's sum may pass 2^53 (about 9,000 loans at the Rp 1 trillion record cap). */
  totalOutstanding: bigint;
  nplOutstanding: bigint;
  overdueDisputes: number;
}

/*
 * Every coop with its loan figures in one statement. A loan's state is its latest record, found by joining on
 * (loan_id, latest_period), the primary key of loan_records. A loan's coop last period is a window over the same
 * rows, so stale loans need no second pass. Loans suppressed by a dispute resolved DELETED count nowhere, as in
 * profiles. Coops without loans, submissions or disputes come out with zeros.
 */
const STATS_SQL = `
WITH latest AS (
  SELECT l.cooperative_id, l.latest_period, r.condition IN ('00', '13') AS active, r.outstanding, r.collectibility,
         max(l.latest_period) OVER (PARTITION BY l.cooperative_id) AS coop_period
    FROM loans l JOIN loan_records r ON r.loan_id = l.id AND r.period = l.latest_period
   WHERE l.suppressed_at IS NULL),
per_coop AS (
  SELECT cooperative_id, max(latest_period) AS last_period,
         count(*) FILTER (WHERE active) AS active_loans,
         count(*) FILTER (WHERE active AND latest_period < coop_period) AS stale_loans,
         coalesce(sum(outstanding) FILTER (WHERE active), 0) AS total_outstanding,
         coalesce(sum(outstanding) FILTER (WHERE active AND collectibility >= 3), 0) AS npl_outstanding
    FROM latest GROUP BY cooperative_id),
reported AS (
  SELECT cooperative_id, max(finished_at) AS last_reported_at
    FROM submissions WHERE status = 'COMPLETED' GROUP BY cooperative_id),
overdue AS (
  SELECT cooperative_id, count(*) AS overdue_disputes
    FROM disputes WHERE status = 'OPEN' AND due_at < $1 GROUP BY cooperative_id)
SELECT c.id, c.name, c.type, c.district, c.status, p.last_period, s.last_reported_at,
       coalesce(p.active_loans, 0)::text AS active_loans, coalesce(p.stale_loans, 0)::text AS stale_loans,
       coalesce(p.total_outstanding, 0)::text AS total_outstanding,
       coalesce(p.npl_outstanding, 0)::text AS npl_outstanding,
       coalesce(o.overdue_disputes, 0)::text AS overdue_disputes
  FROM cooperatives c
  LEFT JOIN per_coop p ON p.cooperative_id = c.id
  LEFT JOIN reported s ON s.cooperative_id = c.id
  LEFT JOIN overdue o ON o.cooperative_id = c.id
 ORDER BY c.name, c.id`;

/** One row of STATS_SQL as node-pg returns it: the counts and sums cast to text, char(7) periods padded. */
interface StatsSqlRow {
  id: string;
  name: string;
  type: string;
  district: string;
  status: string;
  last_period: string | null;
  last_reported_at: Date | null;
  active_loans: string;
  stale_loans: string;
  total_outstanding: string;
  npl_outstanding: string;
  overdue_disputes: string;
}

/** Counts arrive as text and stay far below 2^53, checked rather than assumed; sums of rupiah are read exactly. */
const exact = wholeNumber;

@Injectable()
export class NetworkStatsRepository {
  async cooperativeStats(tx: Tx, now: Date): Promise<CooperativeStatsRow[]> {
    const rows = await tx.query<StatsSqlRow[]>(STATS_SQL, [now]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      district: r.district,
      status: r.status,
      lastPeriod: r.last_period?.trim() ?? null,
      lastReportedAt: r.last_reported_at,
      activeLoans: exact(r.active_loans),
      staleLoans: exact(r.stale_loans),
      totalOutstanding: BigInt(r.total_outstanding),
      nplOutstanding: BigInt(r.npl_outstanding),
      overdueDisputes: exact(r.overdue_disputes),
    }));
  }
}
