import { ApiProperty } from '@nestjs/swagger';
import { ErrorRow } from '../submissions.repository';
import { SubmissionEntity, SubmissionMode, SubmissionSource, SubmissionStatus } from '../entities/submission.entity';

export class SubmissionErrorResponse {
  @ApiProperty({ example: 4, description: 'The record (1-based) or the line Excel shows (header = 1); 0: the file' })
  row: number;
  @ApiProperty({ example: 'daysPastDue', description: 'The API field name' }) field: string;
  @ApiProperty({
    example: 'hari_tunggakan',
    description: 'The column as the uploaded file wrote it (the JSON field for JSON records); empty for a whole row',
  })
  column: string;
  @ApiProperty({ example: 'RECORD.RANGE' }) code: string;
  @ApiProperty({ example: 'Must be between 0 and 9999.', description: 'English' }) message: string;
  @ApiProperty({ example: 'Harus antara 0 dan 9999.', description: 'The same in Bahasa Indonesia' })
  messageId: string;
}

export class SubmissionResultResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SubmissionStatus }) status: SubmissionStatus;
  @ApiProperty() totalRows: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty({
    type: [SubmissionErrorResponse],
    description: 'At most SUBMISSION_MAX_STORED_ERRORS (1,000 by default); an unknown field is listed once',
  })
  errors: ErrorRow[];
  @ApiProperty({ description: 'True when more problems were found than `errors` lists' }) errorsTruncated: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Problems found by error code, over the whole submission',
    example: { 'RECORD.RANGE': 3 },
  })
  errorCounts: Record<string, number>;
}

export class SubmissionQueuedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SubmissionStatus, example: SubmissionStatus.QUEUED }) status: SubmissionStatus;
}

export class SubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SubmissionStatus }) status: SubmissionStatus;
  @ApiProperty({ enum: SubmissionSource }) source: SubmissionSource;
  @ApiProperty({ enum: SubmissionMode }) mode: SubmissionMode;
  @ApiProperty() totalRows: number;
  @ApiProperty() processedRows: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ nullable: true, type: String, description: 'A file-level refusal, e.g. CSV.HEADER' }) errorCode:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'English' }) errorMessage: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'errorMessage in Bahasa Indonesia (null for submissions refused before issue 18)',
  })
  errorMessageId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    description: 'Problems found by error code; null for submissions from before counting',
    example: { 'RECORD.RANGE': 3 },
  })
  errorCounts: Record<string, number> | null;
  @ApiProperty({ description: 'True when more problems were found than GET /errors lists' }) errorsTruncated: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export const toSubmissionResponse = (s: SubmissionEntity): SubmissionResponse => ({
  id: s.id,
  status: s.status,
  source: s.source,
  mode: s.mode,
  totalRows: s.totalRows,
  processedRows: s.processedRows,
  accepted: s.accepted,
  rejected: s.rejected,
  errorCode: s.errorCode,
  errorMessage: s.errorMessage,
  errorMessageId: s.errorMessageId,
  errorCounts: s.errorCounts,
  errorsTruncated: s.errorsTruncated,
  createdAt: s.createdAt.toISOString(),
  finishedAt: s.finishedAt?.toISOString() ?? null,
});
