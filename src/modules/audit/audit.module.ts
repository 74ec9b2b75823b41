import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { AuditVerifyController } from './audit-verify.controller';
import { AuditWriter } from './audit-writer';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditArchivedMonthEntity } from './chain/audit-archived-month.entity';
import { AuditChainGapEntity } from './chain/audit-chain-gap.entity';
import { AuditChainEntity } from './chain/audit-chain.entity';
import { AuditChainRepository } from './chain/audit-chain.repository';
import { AuditSealer } from './chain/audit-sealer';

/**
 * Global: every feature module audits through AuditService (which writes through AuditWriter). Part of every
 * process: the verify route only serves in the API (a worker or CLI context has no HTTP), and the CLI seals and
 * verifies with the same providers.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([AuditEventEntity, AuditChainEntity, AuditChainGapEntity, AuditArchivedMonthEntity]),
  ],
  controllers: [AuditVerifyController],
  providers: [AuditWriter, AuditRepository, AuditChainRepository, AuditService, AuditSealer],
  exports: [AuditService, AuditSealer],
})
export class AuditModule {}
