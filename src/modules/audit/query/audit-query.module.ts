import { Module } from '@nestjs/common';

/** Auditor queries on the audit log (list, search by NIK, CSV export). */
@Module({})
export class AuditQueryModule {}
