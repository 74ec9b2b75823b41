import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerCheck } from './common/jobs/job-handler-check';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { LoansWorkerModule } from './modules/loans/loans-worker.module';
import { RiskWorkerModule } from './modules/risk/risk-worker.module';
import { AuditWorkerModule } from './modules/audit/audit-worker.module';
import { RetentionWorkerModule } from './modules/retention/retention-worker.module';
import { MonitoringWorkerModule } from './modules/monitoring/monitoring-worker.module';
import { MetricsEndpointModule } from './modules/metrics/metrics.module';

/** The queue consumers. Run alone by worker.ts, or inside the API with WORKER_IN_PROCESS=true. */
@Module({})
export class WorkerModule {
  static processors(): DynamicModule {
    // JobHandlerCheck: the boot fails unless every job in the registry has exactly one handler among these.
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        LoansWorkerModule,
        RiskWorkerModule,
        AuditWorkerModule,
        RetentionWorkerModule,
        MonitoringWorkerModule,
      ],
      providers: [JobHandlerCheck],
    };
  }

  static forRoot(config: AppConfig): DynamicModule {
    // Its own metrics listener (METRICS_PORT): the worker runs in a container of its own.
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), WorkerModule.processors(), MetricsEndpointModule.forWorker()],
    };
  }
}
