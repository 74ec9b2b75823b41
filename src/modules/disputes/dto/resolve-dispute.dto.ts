import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { DisputeResolution, NOTE_MAX } from '../dispute-status';

export class ResolveDisputeDto {
  @ApiProperty({
    enum: DisputeResolution,
    description:
      'CORRECTED needs a report of the loan sent after the dispute opened; DELETED removes the loan from profiles',
  })
  @IsEnum(DisputeResolution)
  resolution: DisputeResolution;

  @ApiProperty({ example: 'Corrected in the submission of 12 November', maxLength: NOTE_MAX })
  @IsString()
  @Length(1, NOTE_MAX)
  @Matches(/\S/, { message: 'note must not be blank' })
  note: string;
}
