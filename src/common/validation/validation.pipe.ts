import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorDetail } from '../errors/error-codes';
import { findUnstorable } from './storable-text';

/** Flattens nested class-validator errors into `records[3].daysPastDue`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent === '' ? error.property : isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      const detail: ErrorDetail = { field, message };
      const row = /\[(\d+)\]/.exec(field);
      if (row) detail.row = Number(row[1]) + 1;
      details.push(detail);
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

/** class-validator, after refusing text the database could not store. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = findUnstorable(value);
    if (field) {
      const row = /^records\[(\d+)\]/.exec(field);
      throw new DomainError('VALIDATION', 'The request holds characters that cannot be stored', [
        { field, message: 'must not contain NUL or unpaired surrogate characters', ...(row ? { row: Number(row[1]) + 1 } : {}) },
      ]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError('VALIDATION', 'The request has invalid fields', flattenValidationErrors(errors)),
  });
}
