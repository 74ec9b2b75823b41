import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { CooperativeStatus } from '../cooperative-type';

export class UpdateCooperativeDto {
  @ApiProperty({ enum: CooperativeStatus, example: CooperativeStatus.SUSPENDED })
  @IsEnum(CooperativeStatus)
  status: CooperativeStatus;
}
