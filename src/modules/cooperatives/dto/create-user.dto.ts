import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Role } from '../../../common/auth/role';

export class CreateUserDto {
  @ApiProperty({ example: 'siti@ksp-sejahtera.co.id' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  @IsString() @Length(1, 100)
  name: string;

  // bcrypt reads at most 72 bytes, so longer passwords would be silently truncated.
  @ApiProperty({ example: 'correct-horse-battery', minLength: 10, maxLength: 72 })
  @IsString() @Length(10, 72)
  password: string;

  @ApiProperty({ enum: Role, example: Role.LOAN_OFFICER })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for coop roles, absent for network roles' })
  @IsOptional() @IsUUID()
  cooperativeId?: string;
}
