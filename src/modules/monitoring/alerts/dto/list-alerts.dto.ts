import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination/page';
import { AlertType } from '../../monitoring-types';

export class ListAlertsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AlertType })
  @IsOptional()
  @IsEnum(AlertType)
  type?: AlertType;

  @ApiPropertyOptional({ format: 'date-time', description: 'Alerts raised at or after this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;

  @ApiPropertyOptional({ description: 'true: only unacknowledged; false: only acknowledged' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export const MAX_DIGEST_DAYS = 90;

export class AlertDigestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DIGEST_DAYS, default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DIGEST_DAYS)
  days?: number;
}
