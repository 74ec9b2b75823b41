import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class EnrolDto {
  // Checked (and turned into the borrower key) by BorrowersService; never echoed back.
  @ApiProperty({ example: '3375010112890001', description: "The borrower's NIK; body only, never returned" })
  @IsString()
  @Length(16, 24)
  nik: string;
}
