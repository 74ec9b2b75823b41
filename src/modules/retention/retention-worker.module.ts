import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { RetentionProcessor } from './retention.processor';
import { RetentionRepository } from './retention.repository';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/** The retention job (worker process only): a daily purge of the records of long-closed loans. */
@Module({
  imports: [RiskModule],
  providers: [RetentionProcessor, RetentionScheduler, RetentionService, RetentionRepository],
  exports: [RetentionService],
})
export class RetentionWorkerModule {}
