import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import { DomainError } from '../../../../common/errors/domain-error';
import { containsNikLike, NIK_LIKE_MESSAGE } from '../../../../common/privacy/nik-guard';

/** The Idempotency-Key header: optional, 1-200 visible ASCII characters, no NIK (16 digits in a row). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new DomainError('VALIDATION', 'Idempotency-Key is not valid', [
      { field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  // The key is stored with the submission for good: a NIK in it would be kept outside every NIK field.
  if (containsNikLike(value)) {
    throw new DomainError('VALIDATION', 'Idempotency-Key is not valid', [
      { field: 'Idempotency-Key', message: NIK_LIKE_MESSAGE },
    ]);
  }
  return value;
});

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class ErrorsQueryDto {
  @ApiPropertyOptional({
    enum: ['id', 'en'],
    description:
      'id: the Indonesian Excel form (UTF-8 BOM, `;`, baris;kolom;kode;pesan;field_api). Without it, Accept-Language decides; else the default form (row,field,code,message)',
  })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}
