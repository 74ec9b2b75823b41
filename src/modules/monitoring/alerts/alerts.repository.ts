import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { activeConsentExists } from '../../consents/consent-rule';
import { AlertSeverity, AlertType, DeliveryStatus } from '../monitoring-types';
import { ALERT_VIEW_COLUMNS, AlertViewRow } from './alert-view';

export interface EventRow {
  enrollment_id: string;
  alerted_cooperative_id: string;
  borrower_key: string;
  enrolled_at: Date;
  loan_id: string;
  lender_cooperative_id: string;
  period: string;
  condition: string;
  days_past_due: number;
  collectibility: number;
  restructure_count: number;
  reported_at: Date;
  disbursed_at: string;
  loan_new: boolean;
  prev_condition: string | null;
  prev_days_past_due: number | null;
  prev_collectibility: number | null;
  prev_restructure_count: number | null;
}

export interface InquiryTargetRow {
  inquiry_id: string;
  enrollment_id: string;
  alerted_cooperative_id: string;
  borrower_key: string;
  asker_cooperative_id: string;
  occurred_at: Date;
}

export interface NewAlert {
  cooperativeId: string;
  enrollmentId: string;
  borrowerKey: string;
  type: AlertType;
  severity: AlertSeverity;
  eventKey: string;
  occurredAt: Date;
  lenderCooperativeId: string | null;
  lenderAlias: string;
  loanId: string | null;
  period: string | null;
  messageId: string;
  messageEn: string;
}

export interface InboxFilter {
  cooperativeId: string;
  type?: AlertType;
  since?: Date;
  unread?: boolean;
  cursor?: string;
  limit: number;
}

/** The raise's consent condition: the alerted coop's MONITORING consent, active at the raise ($2). */
const MONITORING_CONSENT = activeConsentExists({
  coop: 'e.cooperative_id',
  borrower: 'e.borrower_key',
  purpose: "'MONITORING'",
  at: '$2::timestamptz',
});

/** Any consent of the viewing coop for the alert's borrower: the inbox may offer to open the report. */
const reportConsent = (at: string) =>
  activeConsentExists({ coop: 'a.cooperative_id', borrower: 'a.borrower_key', purpose: null, at });

const num = (v: unknown): number => Number(v);

@Injectable()
export class AlertsRepository {
  /** The oldest completed submission still to raise, locked; another worker skips it and takes the next. */
  async claimSubmission(tx: Tx): Promise<{ id: string; cooperativeId: string } | null> {
    const rows: { id: string; cooperative_id: string }[] = await tx.query(
      `SELECT id, cooperative_id FROM submissions
        WHERE status = 'COMPLETED' AND alerts_raised_at IS NULL
        ORDER BY finished_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return rows[0] ? { id: rows[0].id, cooperativeId: rows[0].cooperative_id } : null;
  }

  /**
   * The records the submission wrote for borrowers other coops watch, paired with each such active enrollment under
   * an active MONITORING consent, with the same loan's record of the month before. Driven by the submission's rows
   * (recent periods only) and the active-enrollment index.
   */
  async submissionEvents(
    tx: Tx,
    submissionId: string,
    at: Date,
    reportingCoop: string,
    fromPeriod: string,
  ): Promise<EventRow[]> {
    const rows: EventRow[] = await tx.query(
      `SELECT e.id AS enrollment_id, e.cooperative_id AS alerted_cooperative_id, r.borrower_key, e.enrolled_at,
              r.loan_id, l.cooperative_id AS lender_cooperative_id, r.period, r.condition, r.days_past_due,
              r.collectibility, r.restructure_count, r.reported_at, l.disbursed_at::text AS disbursed_at,
              (l.created_at > e.enrolled_at) AS loan_new,
              p.condition AS prev_condition, p.days_past_due AS prev_days_past_due,
              p.collectibility AS prev_collectibility, p.restructure_count AS prev_restructure_count
         FROM loan_records r
         JOIN loans l ON l.id = r.loan_id AND l.suppressed_at IS NULL
         JOIN monitoring_enrollments e
           ON e.borrower_key = r.borrower_key AND e.status = 'ACTIVE' AND e.cooperative_id <> $3
          AND e.enrolled_at < r.reported_at
         LEFT JOIN loan_records p
           ON p.loan_id = r.loan_id
          AND p.period = to_char(to_date(r.period, 'YYYY-MM') - interval '1 month', 'YYYY-MM')::char(7)
        WHERE r.submission_id = $1 AND r.period >= $4 AND ${MONITORING_CONSENT}`,
      [submissionId, at, reportingCoop, fromPeriod],
    );
    return rows.map((r) => ({
      ...r,
      period: r.period.trim(),
      days_past_due: num(r.days_past_due),
      collectibility: num(r.collectibility),
      restructure_count: num(r.restructure_count),
      prev_days_past_due: r.prev_days_past_due === null ? null : num(r.prev_days_past_due),
      prev_collectibility: r.prev_collectibility === null ? null : num(r.prev_collectibility),
      prev_restructure_count: r.prev_restructure_count === null ? null : num(r.prev_restructure_count),
    }));
  }

  /**
   * Each borrower's coops in the order the profile shows their loans (active first, then the most recently
   * reported, then the newest), so an alert's "Koperasi B" is the report's.
   */
  async lenderOrder(tx: Tx, borrowerKeys: string[], windowStart: string): Promise<Map<string, string[]>> {
    const rows: { borrower_key: string; cooperative_id: string }[] = await tx.query(
      `SELECT borrower_key, cooperative_id FROM (
         SELECT l.borrower_key, l.cooperative_id,
                row_number() OVER (PARTITION BY l.borrower_key
                  ORDER BY (lr.condition IN ('00', '13')) DESC, l.latest_period DESC, l.disbursed_at DESC, l.id::text) AS rn
           FROM loans l
           JOIN loan_records lr ON lr.loan_id = l.id AND lr.period = l.latest_period
          WHERE l.borrower_key = ANY($1) AND l.suppressed_at IS NULL AND l.latest_period >= $2
       ) ranked
       GROUP BY borrower_key, cooperative_id
       ORDER BY borrower_key, min(rn)`,
      [borrowerKeys, windowStart],
    );
    const order = new Map<string, string[]>();
    for (const r of rows) {
      const list = order.get(r.borrower_key) ?? [];
      if (list.length === 0) order.set(r.borrower_key, list);
      list.push(r.cooperative_id);
    }
    return order;
  }

  async markSubmission(tx: Tx, submissionId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE submissions SET alerts_raised_at = $2 WHERE id = $1`, [submissionId, at]);
  }

  /** A batch of NEW_APPLICATION queries still to raise, locked; other workers take other ones. */
  async claimInquiries(tx: Tx, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM inquiries
        WHERE purpose = 'NEW_APPLICATION' AND alerts_raised_at IS NULL
        ORDER BY occurred_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Each claimed query with every active enrollment of another coop for its borrower, enrolled before it. */
  async inquiryTargets(tx: Tx, inquiryIds: string[], at: Date): Promise<InquiryTargetRow[]> {
    return tx.query(
      `SELECT i.id AS inquiry_id, e.id AS enrollment_id, e.cooperative_id AS alerted_cooperative_id, i.borrower_key,
              i.cooperative_id AS asker_cooperative_id, i.occurred_at
         FROM inquiries i
         JOIN monitoring_enrollments e
           ON e.borrower_key = i.borrower_key AND e.status = 'ACTIVE' AND e.cooperative_id <> i.cooperative_id
          AND e.enrolled_at < i.occurred_at
        WHERE i.id = ANY($1) AND ${MONITORING_CONSENT}`,
      [inquiryIds, at],
    );
  }

  async markInquiries(tx: Tx, inquiryIds: string[], at: Date): Promise<void> {
    await tx.query(`UPDATE inquiries SET alerts_raised_at = $2 WHERE id = ANY($1)`, [inquiryIds, at]);
  }

  /** The alert's existence is decided here: an event already alerted to the coop inserts nothing. */
  async insertAlerts(tx: Tx, alerts: NewAlert[], at: Date): Promise<{ id: string; type: AlertType }[]> {
    if (alerts.length === 0) return [];
    const col = <K extends keyof NewAlert>(k: K) => alerts.map((a) => a[k]);
    return tx.query(
      `INSERT INTO monitoring_alerts (cooperative_id, enrollment_id, borrower_key, type, severity, event_key, occurred_at,
                                      raised_at, lender_cooperative_id, lender_alias, loan_id, period, message_id,
                                      message_en)
       SELECT t.cooperative_id, t.enrollment_id, t.borrower_key, t.type, t.severity, t.event_key, t.occurred_at, $14::timestamptz,
              t.lender_cooperative_id, t.lender_alias, t.loan_id, t.period, t.message_id, t.message_en
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                     $8::uuid[], $9::text[], $10::uuid[], $11::text[], $12::text[], $13::text[])
              AS t(cooperative_id, enrollment_id, borrower_key, type, severity, event_key, occurred_at,
                   lender_cooperative_id, lender_alias, loan_id, period, message_id, message_en)
       ON CONFLICT (cooperative_id, borrower_key, event_key) DO NOTHING
       RETURNING id, type`,
      [
        col('cooperativeId'),
        col('enrollmentId'),
        col('borrowerKey'),
        col('type'),
        col('severity'),
        col('eventKey'),
        col('occurredAt'),
        col('lenderCooperativeId'),
        col('lenderAlias'),
        col('loanId'),
        col('period'),
        col('messageId'),
        col('messageEn'),
        at,
      ],
    );
  }

  /** A PENDING delivery of each new alert to each live webhook of its coop, in the alerts' transaction. */
  async insertDeliveries(tx: Tx, alertIds: string[]): Promise<string[]> {
    if (alertIds.length === 0) return [];
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO monitoring_webhook_deliveries (webhook_id, alert_id, cooperative_id, status)
       SELECT w.id, a.id, a.cooperative_id, '${DeliveryStatus.PENDING}'
         FROM monitoring_alerts a
         JOIN monitoring_webhooks w ON w.cooperative_id = a.cooperative_id AND w.deleted_at IS NULL
        WHERE a.id = ANY($1)
       ON CONFLICT (webhook_id, alert_id) DO NOTHING
       RETURNING id`,
      [alertIds],
    );
    return rows.map((r) => r.id);
  }

  /** A page of the coop's inbox, newest first (limit + 1 rows: the last says whether there is more). */
  async list(tx: Tx, f: InboxFilter): Promise<(AlertViewRow & { report_available: boolean })[]> {
    const params: unknown[] = [f.cooperativeId, f.limit + 1];
    const where = ['a.cooperative_id = $1'];
    if (f.type) where.push(`a.type = $${params.push(f.type)}`);
    if (f.since) where.push(`a.raised_at >= $${params.push(f.since)}`);
    if (f.unread === true) where.push('a.acknowledged_at IS NULL');
    if (f.unread === false) where.push('a.acknowledged_at IS NOT NULL');
    if (f.cursor) {
      const c = `$${params.push(f.cursor)}::uuid`;
      where.push(
        `(a.raised_at, a.id) < (SELECT c.raised_at, c.id FROM monitoring_alerts c WHERE c.id = ${c} AND c.cooperative_id = $1)`,
      );
    }
    const at = `$${params.push(new Date())}::timestamptz`;
    return tx.query(
      `SELECT ${ALERT_VIEW_COLUMNS}, ${reportConsent(at)} AS report_available
         FROM monitoring_alerts a JOIN borrowers b ON b.borrower_key = a.borrower_key
        WHERE ${where.join(' AND ')}
        ORDER BY a.raised_at DESC, a.id DESC LIMIT $2`,
      params,
    );
  }

  async countUnread(tx: Tx, cooperativeId: string): Promise<number> {
    const [row]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM monitoring_alerts WHERE cooperative_id = $1 AND acknowledged_at IS NULL`,
      [cooperativeId],
    );
    return row.n;
  }

  /** Acknowledges the coop's own alert (the first acknowledgement stays); null when it is not the coop's. */
  async acknowledge(
    tx: Tx,
    cooperativeId: string,
    id: string,
    by: { userId: string | null; apiKeyId: string | null },
  ): Promise<(AlertViewRow & { report_available: boolean }) | null> {
    const rows: (AlertViewRow & { report_available: boolean })[] = await tx.query(
      `WITH acked AS (
         UPDATE monitoring_alerts
            SET acknowledged_at = COALESCE(acknowledged_at, now()),
                acknowledged_by_user_id = CASE WHEN acknowledged_at IS NULL THEN $3::uuid ELSE acknowledged_by_user_id END,
                acknowledged_by_api_key_id = CASE WHEN acknowledged_at IS NULL THEN $4::uuid ELSE acknowledged_by_api_key_id END
          WHERE id = $2 AND cooperative_id = $1
         RETURNING *)
       SELECT ${ALERT_VIEW_COLUMNS}, ${reportConsent('$5::timestamptz')} AS report_available
         FROM acked a JOIN borrowers b ON b.borrower_key = a.borrower_key`,
      [cooperativeId, id, by.userId, by.apiKeyId, new Date()],
    );
    return rows[0] ?? null;
  }

  /** Alerts raised since `since`, counted by WIB day and type. */
  async digest(tx: Tx, cooperativeId: string, since: Date): Promise<{ day: string; type: AlertType; n: number }[]> {
    return tx.query(
      `SELECT to_char(raised_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day, type, count(*)::int AS n
         FROM monitoring_alerts WHERE cooperative_id = $1 AND raised_at >= $2
        GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
      [cooperativeId, since],
    );
  }
}
