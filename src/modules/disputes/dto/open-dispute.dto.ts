import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { REASON_MAX } from '../dispute-status';

export class OpenDisputeDto {
  @ApiProperty({ format: 'uuid', description: "The loan's id as a profile shows it" })
  @IsUUID()
  loanId: string;

  @ApiProperty({ example: 'The borrower repaid this loan in full in March', maxLength: REASON_MAX })
  @IsString()
  @Length(1, REASON_MAX)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
