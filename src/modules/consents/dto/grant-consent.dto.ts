import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEnum, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsTimestamp } from '../../../common/validation/is-timestamp';
import { ConsentPurpose, EvidenceType } from '../consent-purpose';

export class ConsentEvidenceDto {
  @ApiProperty({ enum: EvidenceType, example: EvidenceType.SIGNED_FORM })
  @IsEnum(EvidenceType)
  type: EvidenceType;

  @ApiProperty({
    example: 'FORM-PK-2026-000123',
    description: 'Number of the signed form, signature or OTP transaction',
  })
  @IsString()
  @Length(1, 100)
  @Matches(/^[\w./\-: ]+$/, { message: 'reference may hold letters, digits and . / - _ : space' })
  reference: string;
}

export class GrantConsentDto {
  // Checked (and turned into the borrower key) by BorrowersService; never echoed back.
  @ApiProperty({ example: '3375010112890001', description: "The borrower's NIK; body only, never returned" })
  @IsString()
  @Length(16, 24)
  nik: string;

  @ApiProperty({ enum: ConsentPurpose, example: ConsentPurpose.NEW_APPLICATION })
  @IsEnum(ConsentPurpose)
  purpose: ConsentPurpose;

  @ApiProperty({ type: ConsentEvidenceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentEvidenceDto)
  evidence: ConsentEvidenceDto;

  @ApiPropertyOptional({
    example: '2026-12-22T00:00:00Z',
    description:
      'With Z or an offset. Default 30 days (NEW_APPLICATION) or 1 year (MONITORING); may only be shortened: at most 30 days ahead for NEW_APPLICATION, a year for MONITORING',
  })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: string;
}
