import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Role } from '../../../common/auth/role';

export class CreateUserDto {
  @ApiProperty({ example: 'siti@ksp-sejahtera.co.id' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  @IsString()
  @Length(1, 100)
  name: string;

  // The policy (password-policy.ts) is applied by the service: 12+ characters, at most 72 bytes in UTF-8 (bcrypt
  // reads no more), not one repeated character, not a common password. The 200 here only bounds the work.
  @ApiProperty({
    example: 'river lantern copper orchid',
    minLength: 12,
    description:
      '12+ characters and at most 72 bytes in UTF-8; not mostly one character, a common password, or the email or name',
  })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: Role, example: Role.LOAN_OFFICER })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for coop roles, absent for network roles' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
