import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { AuthModule } from './modules/auth/auth.module';
import { ConsentsModule } from './modules/consents/consents.module';
import { CooperativesModule } from './modules/cooperatives/cooperatives.module';
import { HealthModule } from './modules/health/health.module';
import { LoansModule } from './modules/loans/loans.module';
import { ProfilesModule } from './modules/profiles/profiles.module';
import { AuditQueryModule } from './modules/audit/query/audit-query.module';
import { DisputesModule } from './modules/disputes/disputes.module';
import { NetworkModule } from './modules/network/network.module';
import { MetricsEndpointModule } from './modules/metrics/metrics.module';
import { QueueDashboardModule } from './modules/queue-dashboard/queue-dashboard.module';
import { UsageModule } from './modules/usage/usage.module';
import { MonitoringModule } from './modules/monitoring/monitoring.module';
import { WorkerModule } from './worker.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        CooperativesModule,
        AuthModule,
        ConsentsModule,
        LoansModule,
        ProfilesModule,
        AuditQueryModule,
        DisputesModule,
        NetworkModule,
        UsageModule,
        MonitoringModule,
        HealthModule,
        MetricsEndpointModule.forApi(),
        QueueDashboardModule,
        ...(config.worker.inProcess ? [WorkerModule.processors()] : []),
      ],
    };
  }
}
