import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { ALERT_VIEW_COLUMNS, AlertViewRow } from '../alerts/alert-view';
import { AlertType, DeliveryStatus } from '../monitoring-types';

export interface WebhookRow {
  id: string;
  url: string;
  createdAt: Date;
}

export interface DeliveryLogRow {
  id: string;
  alertId: string;
  type: AlertType;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/** A delivery with what sending it needs: the webhook (its sealed secret) and the alert as the API answers it. */
export interface DeliveryToSend {
  status: DeliveryStatus;
  attempts: number;
  url: string;
  secretSealed: Buffer;
  webhookDeletedAt: Date | null;
  alert: AlertViewRow;
}

/** The cancellation reason of a deleted webhook's pending deliveries (last_error). */
export const WEBHOOK_DELETED_ERROR = 'webhook deleted';

const LOG_COLUMNS = `d.id, d.alert_id AS "alertId", a.type, d.status, d.attempts, d.last_status_code AS "lastStatusCode",
  d.last_error AS "lastError", d.created_at AS "createdAt", d.last_attempt_at AS "lastAttemptAt",
  d.next_attempt_at AS "nextAttemptAt", d.delivered_at AS "deliveredAt"`;

@Injectable()
export class WebhooksRepository {
  /** Locks the coop's row: two creations at once queue up, so the live count is exact. */
  async lockCooperative(tx: Tx, cooperativeId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM cooperatives WHERE id = $1 FOR UPDATE`, [cooperativeId]);
  }

  async countLive(tx: Tx, cooperativeId: string): Promise<number> {
    const [row] = await tx.query(
      `SELECT count(*)::int AS n FROM monitoring_webhooks WHERE cooperative_id = $1 AND deleted_at IS NULL`,
      [cooperativeId],
    );
    return row.n;
  }

  async insert(
    tx: Tx,
    w: { cooperativeId: string; url: string; secretSealed: Buffer; createdByUserId: string | null },
  ): Promise<WebhookRow> {
    const [row] = await tx.query(
      `INSERT INTO monitoring_webhooks (cooperative_id, url, secret_sealed, created_by_user_id)
       VALUES ($1, $2, $3, $4) RETURNING id, url, created_at AS "createdAt"`,
      [w.cooperativeId, w.url, w.secretSealed, w.createdByUserId],
    );
    return row;
  }

  listLive(tx: Tx, cooperativeId: string): Promise<WebhookRow[]> {
    return tx.query(
      `SELECT id, url, created_at AS "createdAt" FROM monitoring_webhooks
        WHERE cooperative_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [cooperativeId],
    );
  }

  /** The coop's webhook, deleted or not (a deleted one's log stays readable). */
  async findInCooperative(
    tx: Tx,
    id: string,
    cooperativeId: string,
  ): Promise<(WebhookRow & { deletedAt: Date | null }) | null> {
    const [row] = await tx.query(
      `SELECT id, url, created_at AS "createdAt", deleted_at AS "deletedAt" FROM monitoring_webhooks
        WHERE id = $1 AND cooperative_id = $2`,
      [id, cooperativeId],
    );
    return row ?? null;
  }

  /** Soft delete of a live webhook; its pending deliveries end FAILED, never sent. Null when none was live. */
  async softDelete(tx: Tx, id: string, cooperativeId: string): Promise<{ url: string; cancelled: number } | null> {
    // An UPDATE answers [rows, count].
    const [rows]: [{ url: string }[], number] = await tx.query(
      `UPDATE monitoring_webhooks SET deleted_at = now()
        WHERE id = $1 AND cooperative_id = $2 AND deleted_at IS NULL RETURNING url`,
      [id, cooperativeId],
    );
    const row = rows[0];
    if (!row) return null;
    const [, cancelled] = await tx.query(
      `UPDATE monitoring_webhook_deliveries SET status = 'FAILED', last_error = $2, next_attempt_at = NULL
        WHERE webhook_id = $1 AND status = 'PENDING'`,
      [id, WEBHOOK_DELETED_ERROR],
    );
    return { url: row.url, cancelled: Number(cancelled) || 0 };
  }

  /** The delivery log, newest first; the cursor row must be of the same webhook (else it reads as unknown). */
  listDeliveries(tx: Tx, webhookId: string, cursor: string | undefined, limit: number): Promise<DeliveryLogRow[]> {
    const params: unknown[] = [webhookId, limit + 1];
    let after = '';
    if (cursor) {
      params.push(cursor);
      after = `AND (d.created_at, d.id) < (SELECT c.created_at, c.id FROM monitoring_webhook_deliveries c
                                            WHERE c.id = $3 AND c.webhook_id = $1)`;
    }
    return tx.query(
      `SELECT ${LOG_COLUMNS} FROM monitoring_webhook_deliveries d JOIN monitoring_alerts a ON a.id = d.alert_id
        WHERE d.webhook_id = $1 ${after}
        ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      params,
    );
  }

  async findToSend(tx: Tx, deliveryId: string): Promise<DeliveryToSend | null> {
    const [row] = await tx.query(
      `SELECT d.status AS d_status, d.attempts AS d_attempts, w.url AS w_url, w.secret_sealed AS w_secret,
              w.deleted_at AS w_deleted_at, ${ALERT_VIEW_COLUMNS}
         FROM monitoring_webhook_deliveries d
         JOIN monitoring_webhooks w ON w.id = d.webhook_id
         JOIN monitoring_alerts a ON a.id = d.alert_id
         JOIN borrowers b ON b.borrower_key = a.borrower_key
        WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row) return null;
    const { d_status, d_attempts, w_url, w_secret, w_deleted_at, ...alert } = row;
    return {
      status: d_status,
      attempts: d_attempts,
      url: w_url,
      secretSealed: w_secret,
      webhookDeletedAt: w_deleted_at,
      alert: alert as AlertViewRow,
    };
  }

  /** Only a PENDING row moves: a redelivered job cannot undo or repeat an outcome. False when it was not PENDING. */
  async markDelivered(tx: Tx, id: string, attempts: number, statusCode: number): Promise<boolean> {
    const [, n] = await tx.query(
      `UPDATE monitoring_webhook_deliveries
          SET status = 'DELIVERED', attempts = $2, last_status_code = $3, last_error = NULL, last_attempt_at = now(),
              next_attempt_at = NULL, delivered_at = now()
        WHERE id = $1 AND status = 'PENDING'`,
      [id, attempts, statusCode],
    );
    return Number(n) > 0;
  }

  async markFailedAttempt(
    tx: Tx,
    id: string,
    a: { attempts: number; statusCode: number | null; error: string; nextAttemptAt: Date | null; final: boolean },
  ): Promise<boolean> {
    const [, n] = await tx.query(
      `UPDATE monitoring_webhook_deliveries
          SET status = $2, attempts = $3, last_status_code = $4, last_error = left($5, 300), last_attempt_at = now(),
              next_attempt_at = $6
        WHERE id = $1 AND status = 'PENDING'`,
      [id, a.final ? 'FAILED' : 'PENDING', a.attempts, a.statusCode, a.error, a.nextAttemptAt],
    );
    return Number(n) > 0;
  }

  async cancel(tx: Tx, id: string, error: string): Promise<void> {
    await tx.query(
      `UPDATE monitoring_webhook_deliveries SET status = 'FAILED', last_error = $2, next_attempt_at = NULL
        WHERE id = $1 AND status = 'PENDING'`,
      [id, error],
    );
  }

  /** PENDING deliveries of live webhooks created before the cutoff, oldest first: the sweep's candidates. */
  async findPendingBefore(tx: Tx, cutoff: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT d.id FROM monitoring_webhook_deliveries d JOIN monitoring_webhooks w ON w.id = d.webhook_id
        WHERE d.status = 'PENDING' AND d.created_at < $1 AND w.deleted_at IS NULL
        ORDER BY d.created_at LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }
}
