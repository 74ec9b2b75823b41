import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { QueueName } from './queues';

/**
 * The BullMQ connection shared by producers (API) and consumers (worker). Queue and job names, payload types
 * and retry constants live beside this file as features add queues.
 */
const queues = BullModule.registerQueue({ name: QueueName.SUBMISSIONS });

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { ...redisOptionsFromUrl(config.redis.url), maxRetriesPerRequest: null },
        prefix: `${config.redis.keyPrefix}:bull`,
      }),
    }),
    queues,
  ],
  exports: [queues],
})
export class JobsModule {}
