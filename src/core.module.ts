import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from './common/database/database.module';
import { JobsModule } from './common/jobs/jobs.module';
import { LoggingModule } from './common/logging/logging.module';
import { RedisModule } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './modules/audit/audit.module';
import { MetricsModule } from './modules/metrics/metrics.module';

/** What every process (API, worker, CLI) needs: config, logs, Postgres, Redis, the job connection, audit, metrics. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    const shared = [
      ConfigModule.forRoot(config),
      LoggingModule,
      DatabaseModule,
      RedisModule,
      JobsModule,
      AuditModule,
      MetricsModule,
    ];
    return { module: CoreModule, imports: shared, exports: shared };
  }
}
