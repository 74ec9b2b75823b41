import { Module } from '@nestjs/common';
import { AuditSealScheduler } from './chain/audit-seal-scheduler';
import { AuditSealProcessor } from './chain/audit-seal.processor';

/** The audit sealer's schedule and consumer (worker process only); AuditSealer itself comes from the global AuditModule. */
@Module({
  providers: [AuditSealProcessor, AuditSealScheduler],
})
export class AuditWorkerModule {}
