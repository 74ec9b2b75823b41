import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { QueueName } from './queues';

/**
 * The BullMQ connection shared by producers (API) and consumers (worker). Queue and job names, payload types
 * and retry constants live beside this file as features add queues.
 */
const queues = BullModule.registerQueue(
  { name: QueueName.SUBMISSIONS },
  { name: QueueName.RISK },
  { name: QueueName.AUDIT },
  { name: QueueName.RETENTION },
  { name: QueueName.MONITORING },
  { name: QueueName.WEBHOOKS },
);

/** BullMQ's own backoff grows to 20 s: after an outage, queues and workers would notice Redis late. */
export const reconnectDelayMs = (attempt: number): number => Math.min(attempt * 500, 5_000);

/** Queues emit connection errors while Redis is away; unlistened, BullMQ prints each to the console. */
@Injectable()
class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(
    @InjectQueue(QueueName.SUBMISSIONS) private readonly submissions: Queue,
    @InjectQueue(QueueName.RISK) private readonly risk: Queue,
    @InjectQueue(QueueName.AUDIT) private readonly audit: Queue,
    @InjectQueue(QueueName.RETENTION) private readonly retention: Queue,
    @InjectQueue(QueueName.MONITORING) private readonly monitoring: Queue,
    @InjectQueue(QueueName.WEBHOOKS) private readonly webhooks: Queue,
  ) {}

  onModuleInit(): void {
    for (const queue of [this.submissions, this.risk, this.audit, this.retention, this.monitoring, this.webhooks]) {
      queue.on('error', (err) =>
        this.logger.warn({ err: { message: err.message }, queue: queue.name }, 'queue connection error'),
      );
    }
  }
}

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: {
          ...redisOptionsFromUrl(config.redis.url),
          maxRetriesPerRequest: null,
          retryStrategy: reconnectDelayMs,
        },
        prefix: `${config.redis.keyPrefix}:bull`,
      }),
    }),
    queues,
  ],
  providers: [QueueErrorLogger],
  exports: [queues],
})
export class JobsModule {}
