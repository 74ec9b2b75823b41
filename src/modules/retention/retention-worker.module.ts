import { Module } from '@nestjs/common';

/** The retention job (worker process only). */
@Module({})
export class RetentionWorkerModule {}
