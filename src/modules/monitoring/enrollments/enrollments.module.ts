import { Module } from '@nestjs/common';
import { BorrowersModule } from '../../borrowers/borrowers.module';
import { EnrollmentsController } from './enrollments.controller';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';

/** Enrollments under MONITORING consent (owner: enrollments/). The worker's sweep calls EnrollmentsService.endLapsed. */
@Module({
  imports: [BorrowersModule],
  controllers: [EnrollmentsController],
  providers: [EnrollmentsService, EnrollmentsRepository],
  exports: [EnrollmentsService],
})
export class EnrollmentsModule {}
