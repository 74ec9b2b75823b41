import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BorrowersModule } from '../borrowers/borrowers.module';
import { CsvIngestService } from './csv-ingest.service';
import { CsvUploadService } from './csv-upload.service';
import { LoanRecordCorrectionEntity } from './loan-record-correction.entity';
import { LoanRecordEntity } from './loan-record.entity';
import { LoanRecordsRepository } from './loan-records.repository';
import { LoanEntity } from './loan.entity';
import { SubmissionApplier } from './submission-applier';
import { SubmissionChunkEntity } from './submission-chunk.entity';
import { SubmissionErrorEntity } from './submission-error.entity';
import { SubmissionQueue } from './submission-queue';
import { SubmissionEntity } from './submission.entity';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';
import { StaleLoansController } from './stale-loans.controller';
import { StaleLoansRepository } from './stale-loans.repository';
import { StaleLoansService } from './stale-loans.service';
import { UploadCipher } from './upload-cipher';
import { RecalcMarkerEntity } from '../risk/recalc-marker.entity';
import { RiskModule } from '../risk/risk.module';
import { CooperativeEntity } from '../cooperatives/entities/cooperative.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      LoanEntity, LoanRecordEntity, LoanRecordCorrectionEntity, SubmissionEntity, SubmissionErrorEntity,
      SubmissionChunkEntity, RecalcMarkerEntity,
      // Loans and submissions refer to coops; the worker process loads no CooperativesModule to register it.
      CooperativeEntity,
    ]),
    BorrowersModule,
    RiskModule,
  ],
  controllers: [SubmissionsController, StaleLoansController],
  providers: [
    LoanRecordsRepository, SubmissionsRepository, SubmissionApplier, SubmissionsService, CsvUploadService,
    CsvIngestService, SubmissionQueue, UploadCipher, StaleLoansRepository, StaleLoansService,
  ],
  exports: [CsvIngestService, SubmissionQueue, SubmissionsRepository, SubmissionsService],
})
export class LoansModule {}
