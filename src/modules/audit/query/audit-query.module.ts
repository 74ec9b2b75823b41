import { Module } from '@nestjs/common';
import { BorrowersModule } from '../../borrowers/borrowers.module';
import { AuditEventsController } from './audit-events.controller';
import { AuditQueryRepository } from './audit-query.repository';
import { AuditQueryService } from './audit-query.service';

/** Auditor queries on the audit log (list, search by NIK, CSV export). AuditService comes from the global AuditModule. */
@Module({
  imports: [BorrowersModule],
  controllers: [AuditEventsController],
  providers: [AuditQueryService, AuditQueryRepository],
})
export class AuditQueryModule {}
