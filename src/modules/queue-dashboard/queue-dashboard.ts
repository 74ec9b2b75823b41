import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { ERROR_STATUS } from '../../common/errors/error-codes';
import { QueueName } from '../../common/jobs/queues';
import { QueueDashboardAuth } from './queue-dashboard-auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_REALM = 'KCX queues';

/**
 * Bull Board over the four queues, served by Fastify itself under /admin/queues (so it is not a Nest route and not
 * in the OpenAPI document), behind an onRequest hook that admits a NETWORK_ADMIN only: the page, its files and its
 * JSON API alike. Read-only: jobs are retried by the sweepers, and the board's actions would be unaudited and, with
 * Basic credentials that a browser resends by itself, open to cross-site requests.
 */
@Injectable()
export class QueueDashboard {
  private readonly logger = new Logger(QueueDashboard.name);

  constructor(
    private readonly auth: QueueDashboardAuth,
    @InjectQueue(QueueName.SUBMISSIONS) private readonly submissions: Queue,
    @InjectQueue(QueueName.RISK) private readonly risk: Queue,
    @InjectQueue(QueueName.AUDIT) private readonly audit: Queue,
    @InjectQueue(QueueName.RETENTION) private readonly retention: Queue,
    @InjectQueue(QueueName.MONITORING) private readonly monitoring: Queue,
    @InjectQueue(QueueName.WEBHOOKS) private readonly webhooks: Queue,
  ) {}

  /** A Fastify plugin; register it with { prefix: QUEUE_DASHBOARD_PATH }. */
  plugin(): (scope: FastifyInstance) => Promise<void> {
    const board = new FastifyAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: [this.submissions, this.risk, this.audit, this.retention, this.monitoring, this.webhooks].map(
        (q) => new BullMQAdapter(q, { readOnlyMode: true }),
      ),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'KCX queues' } },
    });
    return async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.admit(request, reply));
      await scope.register(board.registerPlugin());
    };
  }

  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    try {
      await this.auth.authorize(request.headers.authorization, {
        principal: null,
        requestId: String(request.id),
        ip: request.ip,
      });
      return undefined;
    } catch (err) {
      return this.refuse(request, reply, err);
    }
  }

  /** The API's error shape; a 401 also asks the browser for Basic credentials. */
  private refuse(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
    const known = err instanceof DomainError;
    if (!known) this.logger.error({ err, requestId: request.id }, 'queue dashboard sign-in failed');
    const code = known ? err.code : 'INTERNAL';
    const status = known ? ERROR_STATUS[err.code] : 500;
    const message = known ? err.message : 'Internal error; quote the request id when reporting it';
    if (status === 401)
      void reply.header('WWW-Authenticate', `Basic realm="${QUEUE_DASHBOARD_REALM}", charset="UTF-8"`);
    if (known && err.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(err.retryAfterSeconds));
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: { code, message, requestId: String(request.id), details: known ? err.details : [] } });
  }
}
