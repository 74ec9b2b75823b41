import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../../common/pagination/page';
import { IsTimestamp } from '../../../../common/validation/is-timestamp';
import { AuditAction, AuditOutcome } from '../../audit-action';

export class AuditEventFiltersDto {
  @ApiPropertyOptional({ enum: AuditAction })
  @IsOptional()
  @IsEnum(AuditAction)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AuditOutcome })
  @IsOptional()
  @IsEnum(AuditOutcome)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'uuid', description: 'A coop AUDITOR naming another coop gets an empty list' })
  @IsOptional()
  @IsUUID()
  actorCooperativeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-01-01T00:00:00Z', description: 'Inclusive' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-02-01T00:00:00Z',
    description: 'Exclusive; not before from',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

/** Audit event ids are bigints, so the cursor is a decimal id rather than the UUID of PageQueryDto. */
export class AuditPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: '1042' })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export enum AuditExportFormat {
  CSV = 'csv',
  EXCEL = 'excel',
}

export class ExportAuditEventsDto extends AuditEventFiltersDto {
  @ApiPropertyOptional({
    enum: AuditExportFormat,
    default: AuditExportFormat.CSV,
    description:
      'csv: comma-separated, UTC ISO times, English headers (for programs). excel: for Indonesian Excel: UTF-8 BOM, ' +
      "';' separator, WIB times as dd/mm/yyyy hh:mm:ss, Indonesian headers and words beside the codes",
  })
  @IsOptional()
  @IsEnum(AuditExportFormat)
  format?: AuditExportFormat;
}

export class ListAuditEventsDto extends IntersectionType(AuditEventFiltersDto, AuditPageQueryDto) {}

export class SearchAuditEventsDto extends PickType(AuditEventFiltersDto, ['from', 'to'] as const) {
  // Turned into the borrower key by BorrowersService; never echoed back or recorded.
  @ApiProperty({ example: '3375010112890001', description: "The borrower's NIK; body only, never returned" })
  @IsString()
  @Length(16, 24)
  nik: string;
}
