import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Length } from 'class-validator';
import { ConsentPurpose } from '../../consents/consent-purpose';

export class QueryProfileDto {
  // Checked and turned into the borrower key by BorrowersService; never echoed back or logged.
  @ApiProperty({ example: '3375010112890001', description: "The applicant's NIK; body only, never returned" })
  @IsString()
  @Length(16, 24)
  nik: string;

  @ApiProperty({ enum: ConsentPurpose, example: ConsentPurpose.NEW_APPLICATION })
  @IsEnum(ConsentPurpose)
  purpose: ConsentPurpose;
}
