import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { CooperativeType } from '../cooperative-type';

export class CreateCooperativeDto {
  @ApiProperty({ example: 'KSP Sejahtera Bersama', maxLength: 200 })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({
    example: '518/BH/XIV.7/2019',
    description: 'Badan hukum number; unique in the network',
    maxLength: 100,
  })
  @IsString()
  @Length(1, 100)
  @Matches(/^[\w./\- ]+$/, { message: 'registrationNumber may hold letters, digits, space, . / - _' })
  registrationNumber: string;

  @ApiProperty({ enum: CooperativeType, example: CooperativeType.KSP })
  @IsEnum(CooperativeType)
  type: CooperativeType;

  @ApiProperty({ example: 'Kota Pekalongan', maxLength: 100 })
  @IsString()
  @Length(2, 100)
  district: string;
}
