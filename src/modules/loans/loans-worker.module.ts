import { Module } from '@nestjs/common';
import { LoansModule } from './loans.module';
import { SubmissionSweeper } from './ingest/submission-sweeper';
import { SubmissionsProcessor } from './ingest/submissions.processor';

/** The consumers of the submissions queue; part of the worker process only. */
@Module({
  imports: [LoansModule],
  providers: [SubmissionsProcessor, SubmissionSweeper],
  exports: [SubmissionSweeper],
})
export class LoansWorkerModule {}
