import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page';
import { AnomalyKind } from '../usage-rules';

export class UsageAnomalyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AnomalyKind })
  @IsOptional()
  @IsEnum(AnomalyKind)
  kind?: AnomalyKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
