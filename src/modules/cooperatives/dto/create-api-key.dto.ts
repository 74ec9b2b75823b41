import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { API_KEY_ROLES, Role } from '../../../common/auth/role';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Core banking nightly upload', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: API_KEY_ROLES, example: Role.DATA_SUBMITTER })
  @IsIn(API_KEY_ROLES)
  role: Role;
}
