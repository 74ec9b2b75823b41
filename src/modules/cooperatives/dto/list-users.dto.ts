import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page';

export class ListUsersDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Network admins may filter by coop' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
