import { Module } from '@nestjs/common';

/** Network oversight and subject access reports. */
@Module({})
export class NetworkModule {}
