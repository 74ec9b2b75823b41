import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { Actor, coopOf } from '../../../common/auth/principal';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { DomainError, notFound } from '../../../common/errors/domain-error';
import { Page, pageLimit, toPage } from '../../../common/pagination/page';
import { AppConfig } from '../../../config/app-config';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListDeliveriesDto } from './dto/list-deliveries.dto';
import {
  CreatedWebhookResponse,
  DeliveryResponse,
  toDeliveryResponse,
  toWebhookResponse,
  WebhookListResponse,
} from './webhook.response';
import { newWebhookSecret, WebhookSecretCipher } from './webhook-secret-cipher';
import { ResolveAll, urlOrigin, webhookUrlRefusal } from './webhook-url-policy';
import { WebhooksRepository } from './webhooks.repository';

export const MAX_LIVE_WEBHOOKS = 5;

const resolveAll: ResolveAll = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** A coop admin's webhook endpoints: created (URL policy, at most 5 live), listed, deleted; the delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly webhooks: WebhooksRepository,
    private readonly cipher: WebhookSecretCipher,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const cooperativeId = coopOf(actor);
    const url = dto.url.trim();
    const origin = urlOrigin(url);
    const refusal = await webhookUrlRefusal(url, this.config.env === 'production', resolveAll);
    if (refusal) {
      const error = new DomainError('MONITORING.WEBHOOK_URL_REFUSED', 'The webhook URL is not allowed', [
        { field: 'url', message: refusal },
      ]);
      await this.refused(actor, AuditAction.WEBHOOK_CREATED, error, { origin });
      throw error;
    }
    const secret = newWebhookSecret();
    const created = await this.uow.run(async (tx) => {
      await this.webhooks.lockCooperative(tx, cooperativeId);
      if ((await this.webhooks.countLive(tx, cooperativeId)) >= MAX_LIVE_WEBHOOKS) return null;
      const row = await this.webhooks.insert(tx, {
        cooperativeId,
        url,
        secretSealed: this.cipher.seal(secret),
        createdByUserId: actor.principal.userId,
      });
      await this.audit.record(tx, actor, {
        action: AuditAction.WEBHOOK_CREATED,
        outcome: AuditOutcome.ALLOWED,
        details: { webhookId: row.id, origin },
      });
      return row;
    });
    if (!created) {
      const error = new DomainError(
        'MONITORING.WEBHOOK_LIMIT',
        `A cooperative has at most ${MAX_LIVE_WEBHOOKS} webhooks; delete one first`,
      );
      await this.refused(actor, AuditAction.WEBHOOK_CREATED, error, { origin, limit: MAX_LIVE_WEBHOOKS });
      throw error;
    }
    return { ...toWebhookResponse(created), secret };
  }

  async list(actor: Actor): Promise<WebhookListResponse> {
    const rows = await this.webhooks.listLive(this.uow.manager, coopOf(actor));
    return { items: rows.map(toWebhookResponse), nextCursor: null };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const cooperativeId = coopOf(actor);
    const deleted = await this.uow.run(async (tx) => {
      const done = await this.webhooks.softDelete(tx, id, cooperativeId);
      if (!done) return false;
      await this.audit.record(tx, actor, {
        action: AuditAction.WEBHOOK_DELETED,
        outcome: AuditOutcome.ALLOWED,
        details: { webhookId: id, origin: urlOrigin(done.url), pendingCancelled: done.cancelled },
      });
      return true;
    });
    if (!deleted) {
      const error = notFound('MONITORING.WEBHOOK_NOT_FOUND', 'Webhook');
      await this.refused(actor, AuditAction.WEBHOOK_DELETED, error, { webhookId: id });
      throw error;
    }
  }

  async deliveries(actor: Actor, id: string, query: ListDeliveriesDto): Promise<Page<DeliveryResponse>> {
    const webhook = await this.webhooks.findInCooperative(this.uow.manager, id, coopOf(actor));
    if (!webhook) throw notFound('MONITORING.WEBHOOK_NOT_FOUND', 'Webhook');
    const limit = pageLimit(query);
    const rows = await this.webhooks.listDeliveries(this.uow.manager, id, query.cursor, limit);
    return toPage(rows, limit, toDeliveryResponse);
  }

  private async refused(
    actor: Actor,
    action: AuditAction,
    error: DomainError,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordAlone(actor, {
      action,
      outcome: AuditOutcome.DENIED,
      details: { ...details, reason: error.code },
    });
  }
}
