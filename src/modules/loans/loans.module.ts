import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BorrowersModule } from '../borrowers/borrowers.module';
import { CsvIngestService } from './ingest/csv-ingest.service';
import { CsvUploadService } from './intake/csv-upload.service';
import { LoanRecordCorrectionEntity } from './entities/loan-record-correction.entity';
import { LoanRecordEntity } from './entities/loan-record.entity';
import { LoanRecordsRepository } from './apply/loan-records.repository';
import { LoanEntity } from './entities/loan.entity';
import { SubmissionApplier } from './apply/submission-applier';
import { SubmissionChunkEntity } from './entities/submission-chunk.entity';
import { SubmissionErrorEntity } from './entities/submission-error.entity';
import { SubmissionQueue } from './ingest/submission-queue';
import { SubmissionEntity } from './entities/submission.entity';
import { SubmissionsController } from './intake/submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './intake/submissions.service';
import { StaleLoansController } from './stale-loans/stale-loans.controller';
import { StaleLoansRepository } from './stale-loans/stale-loans.repository';
import { StaleLoansService } from './stale-loans/stale-loans.service';
import { UploadCipher } from './intake/upload-cipher';
import { RecalcMarkerEntity } from '../risk/recalc-marker.entity';
import { RiskModule } from '../risk/risk.module';
import { CooperativeEntity } from '../cooperatives/entities/cooperative.entity';
import { AlertsModule } from '../monitoring/alerts/alerts.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      LoanEntity,
      LoanRecordEntity,
      LoanRecordCorrectionEntity,
      SubmissionEntity,
      SubmissionErrorEntity,
      SubmissionChunkEntity,
      RecalcMarkerEntity,
      // Loans and submissions refer to coops; the worker process loads no CooperativesModule to register it.
      CooperativeEntity,
    ]),
    BorrowersModule,
    RiskModule,
    AlertsModule,
  ],
  controllers: [SubmissionsController, StaleLoansController],
  providers: [
    LoanRecordsRepository,
    SubmissionsRepository,
    SubmissionApplier,
    SubmissionsService,
    CsvUploadService,
    CsvIngestService,
    SubmissionQueue,
    UploadCipher,
    StaleLoansRepository,
    StaleLoansService,
  ],
  exports: [CsvIngestService, SubmissionQueue, SubmissionsRepository, SubmissionsService],
})
export class LoansModule {}
