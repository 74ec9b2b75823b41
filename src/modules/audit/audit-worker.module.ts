import { Module } from '@nestjs/common';

/** The audit sealer (worker process only). */
@Module({})
export class AuditWorkerModule {}
