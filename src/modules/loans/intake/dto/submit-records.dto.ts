import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional } from 'class-validator';
import { SubmissionMode } from '../../entities/submission.entity';

export const MAX_JSON_RECORDS = 5000;

export class SubmitRecordsDto {
  @ApiPropertyOptional({ enum: SubmissionMode, default: SubmissionMode.STRICT })
  @IsOptional()
  @IsEnum(SubmissionMode)
  mode?: SubmissionMode;

  // Each record is checked by validateRecord (the rules shared with CSV uploads), which names every bad field and
  // its row; a record that is not an object too, so no per-element check here (it would answer without the row).
  @ApiProperty({
    description: `One loan's state in one month per record; at most ${MAX_JSON_RECORDS}`,
    example: [
      {
        nik: '3375010112890001',
        fullName: 'Siti Rahmawati',
        birthDate: '1989-12-01',
        loanRef: 'PK-2025-000123',
        facilityType: 'INSTALLMENT',
        principal: 5000000,
        disbursedAt: '2025-03-10',
        maturityDate: '2026-03-10',
        condition: '00',
        period: '2026-10',
        outstanding: 1250000,
        daysPastDue: 0,
        paidAmount: 450000,
      },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_JSON_RECORDS)
  records: unknown[];
}

export class CsvUploadQueryDto {
  @ApiPropertyOptional({ enum: SubmissionMode, default: SubmissionMode.STRICT })
  @IsOptional()
  @IsEnum(SubmissionMode)
  mode?: SubmissionMode;
}
