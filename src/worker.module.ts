import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';

/** The queue consumers. Run alone by worker.ts, or inside the API with WORKER_IN_PROCESS=true. */
@Module({})
export class WorkerModule {
  static processors(): DynamicModule {
    // Feature processors register here as queues are added.
    return { module: WorkerModule, imports: [] };
  }

  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config), WorkerModule.processors()] };
  }
}
