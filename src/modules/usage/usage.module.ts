import { Module } from '@nestjs/common';
import { UsageAnomaliesController } from './usage-anomalies.controller';
import { UsageAnomaliesService } from './usage-anomalies.service';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

/** The query-volume guard (per-coop hourly ceilings) and the usage anomalies it raises for auditors. */
@Module({
  controllers: [UsageAnomaliesController],
  providers: [UsageService, UsageAnomaliesService, UsageRepository],
  exports: [UsageService],
})
export class UsageModule {}
