import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { DisputesController } from './disputes.controller';
import { DisputesRepository } from './disputes.repository';
import { DisputesService } from './disputes.service';

/** Disputes on reported loans. */
@Module({
  imports: [RiskModule],
  controllers: [DisputesController],
  providers: [DisputesService, DisputesRepository],
  exports: [DisputesService],
})
export class DisputesModule {}
