import { Module } from '@nestjs/common';
import { RiskQueue } from './risk-queue';
import { RiskRecalculationService } from './risk-recalculation.service';
import { RiskRepository } from './risk.repository';

/** Stored profiles and their recalculation; the producer side of the risk queue. */
@Module({
  providers: [RiskRepository, RiskRecalculationService, RiskQueue],
  exports: [RiskRepository, RiskRecalculationService, RiskQueue],
})
export class RiskModule {}
