import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination/page';
import { EnrollmentStatus } from '../../monitoring-types';

export class ListEnrollmentsDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: EnrollmentStatus,
    description: 'ENDED includes enrollments whose consent has lapsed and that the sweep has not ended yet',
  })
  @IsOptional()
  @IsEnum(EnrollmentStatus)
  status?: EnrollmentStatus;
}
