import { Injectable, Logger } from '@nestjs/common';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { afterCommit } from '../../../common/jobs/after-commit';
import { AppConfig } from '../../../config/app-config';
import { aliasFor } from '../../../common/privacy/lender-alias';
import { Metrics } from '../../metrics/metrics';
import { historyStart } from '../../risk/borrower-snapshot';
import { periodOf, wibDay } from '../../risk/periods';
import { WebhookDeliveryQueue } from '../webhooks/webhook-delivery-queue';
import { AlertType } from '../monitoring-types';
import {
  aliasIndexFor,
  INQUIRY_ALIAS,
  inquiryEventKey,
  messageOf,
  oldestAlertPeriod,
  recordEvents,
  severityOf,
} from './alert-rules';
import { AlertsRepository, EventRow, NewAlert } from './alerts.repository';

/** Inquiries claimed per transaction: each is a few index lookups, so a batch stays well under a second. */
export const INQUIRY_BATCH = 2_000;

/**
 * Raises the alerts Postgres holds as still to raise. Each batch (one submission, or a batch of queries) is claimed
 * with SKIP LOCKED, its alerts and their webhook deliveries inserted and the batch marked done in one transaction:
 * a crash rolls it all back and the next run does it again; the unique event key makes a re-run insert nothing.
 */
@Injectable()
export class AlertRaiser {
  private readonly logger = new Logger(AlertRaiser.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: WebhookDeliveryQueue,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many alerts were raised. */
  async raisePending(): Promise<number> {
    let raised = 0;
    for (;;) {
      const fromSubmission = await this.uow.run((tx) => this.raiseOneSubmission(tx));
      const fromInquiries = await this.uow.run((tx) => this.raiseInquiryBatch(tx));
      if (fromSubmission === null && fromInquiries === null) return raised;
      raised += (fromSubmission ?? 0) + (fromInquiries ?? 0);
    }
  }

  /** null: nothing was pending. */
  private async raiseOneSubmission(tx: Tx): Promise<number | null> {
    const submission = await this.alerts.claimSubmission(tx);
    if (!submission) return null;
    const at = new Date();
    const events = await this.alerts.submissionEvents(
      tx,
      submission.id,
      at,
      submission.cooperativeId,
      oldestAlertPeriod(at),
    );
    const alerts = await this.recordAlerts(tx, events, at);
    const count = await this.store(tx, alerts, at);
    await this.alerts.markSubmission(tx, submission.id, at);
    if (count > 0) this.logger.log({ submissionId: submission.id, alerts: count }, 'alerts raised for a submission');
    return count;
  }

  private async raiseInquiryBatch(tx: Tx): Promise<number | null> {
    const ids = await this.alerts.claimInquiries(tx, INQUIRY_BATCH);
    if (ids.length === 0) return null;
    const at = new Date();
    const targets = await this.alerts.inquiryTargets(tx, ids, at);
    const message = messageOf(AlertType.INQUIRY_ELSEWHERE, {
      alias: INQUIRY_ALIAS,
      disbursedAt: null,
      period: null,
      daysPastDue: 0,
      collectibility: 0,
    });
    const alerts: NewAlert[] = targets.map((t) => ({
      cooperativeId: t.alerted_cooperative_id,
      enrollmentId: t.enrollment_id,
      borrowerKey: t.borrower_key,
      type: AlertType.INQUIRY_ELSEWHERE,
      severity: severityOf(AlertType.INQUIRY_ELSEWHERE, null),
      eventKey: inquiryEventKey(t.inquiry_id),
      occurredAt: t.occurred_at,
      // Kept for the network's own checks, never answered; the asker is not a lender, so no letter.
      lenderCooperativeId: t.asker_cooperative_id,
      lenderAlias: INQUIRY_ALIAS,
      loanId: null,
      period: null,
      messageId: message.id,
      messageEn: message.en,
    }));
    const count = await this.store(tx, alerts, at);
    await this.alerts.markInquiries(tx, ids, at);
    return count;
  }

  private async recordAlerts(tx: Tx, events: EventRow[], at: Date): Promise<NewAlert[]> {
    if (events.length === 0) return [];
    const borrowers = [...new Set(events.map((e) => e.borrower_key))];
    const order = await this.alerts.lenderOrder(tx, borrowers, historyStart(periodOf(wibDay(at))));
    const threshold = this.config.risk.thresholds.delinquentDaysPastDue;
    const byKey = new Map<string, NewAlert>();
    for (const e of events) {
      const raised = recordEvents(
        {
          loanId: e.loan_id,
          period: e.period,
          condition: e.condition,
          daysPastDue: e.days_past_due,
          collectibility: e.collectibility,
          restructureCount: e.restructure_count,
          previous:
            e.prev_condition === null
              ? null
              : {
                  condition: e.prev_condition,
                  daysPastDue: e.prev_days_past_due ?? 0,
                  collectibility: e.prev_collectibility ?? 0,
                  restructureCount: e.prev_restructure_count ?? 0,
                },
          loanNewSinceEnrolment: e.loan_new,
          disbursedAt: e.disbursed_at,
          enrolledAt: e.enrolled_at,
        },
        threshold,
      );
      if (raised.length === 0) continue;
      const alias = aliasFor(
        aliasIndexFor(order.get(e.borrower_key) ?? [], e.alerted_cooperative_id, e.lender_cooperative_id),
      );
      for (const r of raised) {
        const key = `${e.alerted_cooperative_id}|${e.borrower_key}|${r.eventKey}`;
        const seen = byKey.get(key);
        // A loan's several months in one file: its NEW_LOAN alert speaks of the latest of them.
        if (seen && (seen.period ?? '') >= r.period) continue;
        const message = messageOf(r.type, {
          alias,
          disbursedAt: e.disbursed_at,
          period: r.period,
          daysPastDue: r.daysPastDue,
          collectibility: r.collectibility,
        });
        byKey.set(key, {
          cooperativeId: e.alerted_cooperative_id,
          enrollmentId: e.enrollment_id,
          borrowerKey: e.borrower_key,
          type: r.type,
          severity: severityOf(r.type, r.collectibility),
          eventKey: r.eventKey,
          occurredAt: e.reported_at,
          lenderCooperativeId: e.lender_cooperative_id,
          lenderAlias: alias,
          loanId: e.loan_id,
          period: r.period,
          messageId: message.id,
          messageEn: message.en,
        });
      }
    }
    return [...byKey.values()];
  }

  /** Inserts (existing events insert nothing), creates their deliveries; queue and counters after commit. */
  private async store(tx: Tx, alerts: NewAlert[], at: Date): Promise<number> {
    let inserted: { id: string; type: AlertType }[] = [];
    // Bounded statements: a month-end file can raise tens of thousands.
    for (let i = 0; i < alerts.length; i += 5_000) {
      inserted = inserted.concat(await this.alerts.insertAlerts(tx, alerts.slice(i, i + 5_000), at));
    }
    const deliveryIds: string[] = [];
    for (let i = 0; i < inserted.length; i += 5_000) {
      deliveryIds.push(
        ...(await this.alerts.insertDeliveries(
          tx,
          inserted.slice(i, i + 5_000).map((a) => a.id),
        )),
      );
    }
    const byType = new Map<AlertType, number>();
    for (const a of inserted) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
    afterCommit(tx, () => {
      for (const [type, n] of byType) this.metrics.alertsRaisedCount(type, n);
      if (deliveryIds.length > 0) {
        // The delivery rows are durable; a lost enqueue is found again by the sweep (requeueStuck).
        this.deliveries
          .enqueue(deliveryIds)
          .catch((err: unknown) =>
            this.logger.warn(
              { err, deliveries: deliveryIds.length },
              'webhook deliveries not enqueued; the sweep will',
            ),
          );
      }
    });
    return inserted.length;
  }
}
