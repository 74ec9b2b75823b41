import type { AlertSeverity, AlertType } from '../monitoring-types';

/** An alert as API.md answers it, in the inbox and as a webhook's body alike. Never the other coop's name or id. */
export interface AlertView {
  id: string;
  occurredAt: string;
  raisedAt: string;
  type: AlertType;
  severity: AlertSeverity;
  subject: { ref: string };
  enrollmentId: string;
  lender: { alias: string };
  /** The month of the report behind the alert (YYYY-MM); null for an inquiry. */
  period: string | null;
  message: { id: string; en: string };
  acknowledgedAt: string | null;
}

/** The columns an alert is read with (alias `a` for monitoring_alerts, `b` for borrowers). */
export const ALERT_VIEW_COLUMNS = `a.id, a.occurred_at, a.raised_at, a.type, a.severity, b.subject_ref, a.enrollment_id,
  a.lender_alias, a.period, a.message_id, a.message_en, a.acknowledged_at`;

export interface AlertViewRow {
  id: string;
  occurred_at: Date;
  raised_at: Date;
  type: AlertType;
  severity: AlertSeverity;
  subject_ref: string;
  enrollment_id: string;
  lender_alias: string;
  period: string | null;
  message_id: string;
  message_en: string;
  acknowledged_at: Date | null;
}

/** Field by field: nothing else of the row (lender_cooperative_id, loan_id, borrower_key) can leave by accident. */
export function toAlertView(row: AlertViewRow): AlertView {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    type: row.type,
    severity: row.severity,
    subject: { ref: row.subject_ref },
    enrollmentId: row.enrollment_id,
    lender: { alias: row.lender_alias },
    period: row.period,
    message: { id: row.message_id, en: row.message_en },
    acknowledgedAt: row.acknowledged_at ? row.acknowledged_at.toISOString() : null,
  };
}
