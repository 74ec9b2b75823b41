import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BorrowersModule } from '../borrowers/borrowers.module';
import { UsageModule } from '../usage/usage.module';
import { ConsentEntity } from './consent.entity';
import { ConsentsController } from './consents.controller';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';

@Module({
  imports: [TypeOrmModule.forFeature([ConsentEntity]), BorrowersModule, UsageModule],
  controllers: [ConsentsController],
  providers: [ConsentsService, ConsentsRepository],
  exports: [ConsentsService],
})
export class ConsentsModule {}
