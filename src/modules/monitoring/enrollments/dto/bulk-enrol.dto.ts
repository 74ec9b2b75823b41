import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import { MAX_BULK_NIKS } from '../enrollment-outcomes';

export class BulkEnrolDto {
  // Each NIK is checked on its own: a malformed one is a refused row (its NIK.* code), not a 400 for the request.
  @ApiProperty({
    type: [String],
    maxItems: MAX_BULK_NIKS,
    example: ['3375010112890001', '3375014512900002'],
    description: `At most ${MAX_BULK_NIKS} NIKs; body only, never returned. Refusals name the 1-based row`,
  })
  @IsArray()
  @ArrayMaxSize(MAX_BULK_NIKS)
  @IsString({ each: true })
  niks: string[];
}
