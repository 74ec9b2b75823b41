import { Module } from '@nestjs/common';

/** Disputes on reported loans. */
@Module({})
export class DisputesModule {}
