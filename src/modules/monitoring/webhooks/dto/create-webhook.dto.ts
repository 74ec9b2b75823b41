import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { MAX_WEBHOOK_URL_LENGTH } from '../webhook-url-policy';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hooks.koperasi.example/kcx',
    description:
      'https, to a host whose every address is public; outside production also http://127.0.0.1 and http://localhost',
    maxLength: MAX_WEBHOOK_URL_LENGTH,
  })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url: string;
}
