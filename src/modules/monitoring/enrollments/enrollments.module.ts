import { Module } from '@nestjs/common';
import { EnrollmentsService } from './enrollments.service';

/** Enrollments under MONITORING consent (owner: enrollments/). */
@Module({
  providers: [EnrollmentsService],
  exports: [EnrollmentsService],
})
export class EnrollmentsModule {}
