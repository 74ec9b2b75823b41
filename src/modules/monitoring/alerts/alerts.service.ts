import { Injectable } from '@nestjs/common';
import { Actor, coopOf } from '../../../common/auth/principal';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { notFound } from '../../../common/errors/domain-error';
import { pageLimit } from '../../../common/pagination/page';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AlertDigestResponse, AlertPageResponse, AlertResponse, toAlertResponse } from './alert.response';
import { AlertsRepository } from './alerts.repository';
import { AlertDigestDto, ListAlertsDto } from './dto/list-alerts.dto';

const DAY_MS = 86_400_000;

/** The inbox: a coop reads and acknowledges its own alerts; every read is audited (ALERT_READ). */
@Injectable()
export class AlertsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly alerts: AlertsRepository,
    private readonly audit: AuditService,
  ) {}

  async listAlerts(actor: Actor, query: ListAlertsDto): Promise<AlertPageResponse> {
    const cooperativeId = coopOf(actor);
    const limit = pageLimit(query);
    return this.uow.run(async (tx) => {
      const rows = await this.alerts.list(tx, {
        cooperativeId,
        type: query.type,
        since: query.since,
        unread: query.unread,
        cursor: query.cursor,
        limit,
      });
      const items = rows.slice(0, limit).map(toAlertResponse);
      const unread = await this.alerts.countUnread(tx, cooperativeId);
      // One event per read: what was shown and how it was asked for, never the alerts' contents.
      await this.audit.record(tx, actor, {
        action: AuditAction.ALERT_READ,
        outcome: AuditOutcome.ALLOWED,
        details: {
          count: items.length,
          filters: {
            type: query.type ?? null,
            since: query.since?.toISOString() ?? null,
            unread: query.unread ?? null,
            cursor: query.cursor ?? null,
            limit,
          },
        },
      });
      return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null, unread };
    });
  }

  async acknowledgeAlert(actor: Actor, id: string): Promise<AlertResponse> {
    const cooperativeId = coopOf(actor);
    return this.uow.run(async (tx) => {
      const row = await this.alerts.acknowledge(tx, cooperativeId, id, {
        userId: actor.principal.userId,
        apiKeyId: actor.principal.apiKeyId,
      });
      // Another coop's alert is answered as no alert at all.
      if (!row) throw notFound('MONITORING.ALERT_NOT_FOUND', 'Alert');
      await this.audit.record(tx, actor, {
        action: AuditAction.ALERT_READ,
        outcome: AuditOutcome.ALLOWED,
        subjectRef: row.subject_ref,
        details: { alertId: row.id, type: row.type, acknowledged: true },
      });
      return toAlertResponse(row);
    });
  }

  async digest(actor: Actor, query: AlertDigestDto): Promise<AlertDigestResponse> {
    const cooperativeId = coopOf(actor);
    const days = query.days ?? 7;
    const since = new Date(Date.now() - days * DAY_MS);
    const rows = await this.alerts.digest(this.uow.manager, cooperativeId, since);
    const unread = await this.alerts.countUnread(this.uow.manager, cooperativeId);
    return { days, counts: rows.map((r) => ({ day: r.day, type: r.type, count: r.n })), unread };
  }
}
