import { Module } from '@nestjs/common';
import { RiskSweeper } from './risk-sweeper';
import { RiskModule } from './risk.module';
import { RiskProcessor } from './risk.processor';

/** The consumers of the risk queue and its schedules; part of the worker process only. */
@Module({
  imports: [RiskModule],
  providers: [RiskProcessor, RiskSweeper],
  exports: [RiskSweeper],
})
export class RiskWorkerModule {}
