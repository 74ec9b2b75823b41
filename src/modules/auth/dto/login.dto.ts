import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  // Not @IsEmail: a malformed email is just a wrong email, and answers the same 401.
  @ApiProperty({ example: 'officer.pekalongan@kcx.demo' })
  @IsString()
  @Length(1, 254)
  email: string;

  @ApiProperty({ example: 'Demo-Pass-2026' })
  @IsString()
  @MaxLength(200)
  password: string;
}
