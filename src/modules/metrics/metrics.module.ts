import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AfterCommitSubscriber } from '../../common/jobs/after-commit';
import { JobInstrumentation } from '../../common/jobs/job-instrumentation';
import { JobMetrics } from '../../common/jobs/job-metrics';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';
import { MetricsTokenGuard } from './metrics-token.guard';
import { QueueDepthCollector } from './queue-depth.collector';

/**
 * Global, part of every process (CoreModule): the registry and the counters services and processors increment.
 * Serving them is separate (MetricsEndpointModule), so a CLI run opens no port.
 */
@Global()
@Module({
  providers: [Metrics, { provide: JobMetrics, useExisting: Metrics }, QueueDepthCollector, JobInstrumentation],
  exports: [Metrics, JobInstrumentation],
})
export class MetricsModule implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    // Lets afterCommit() count submitted rows only once their transaction has committed.
    if (!this.dataSource.subscribers.some((s) => s instanceof AfterCommitSubscriber)) {
      this.dataSource.subscribers.push(new AfterCommitSubscriber());
    }
  }
}

/** GET /metrics: on the API port behind the metrics token, and on METRICS_PORT (API and worker) without it. */
@Module({})
export class MetricsEndpointModule {
  static forApi(): DynamicModule {
    return {
      module: MetricsEndpointModule,
      controllers: [MetricsController],
      providers: [MetricsTokenGuard, MetricsServer],
    };
  }

  static forWorker(): DynamicModule {
    return { module: MetricsEndpointModule, providers: [MetricsServer] };
  }
}
