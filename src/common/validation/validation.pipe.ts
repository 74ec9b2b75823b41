import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorDetail } from '../errors/error-codes';
import { constraintMessageId, notAFieldMessageId } from '../i18n/field-messages';
import { findBodyProblem } from './storable-text';

// A property name from the body is echoed back: a plain rendering of it, and never an empty field name.
const MAX_ECHOED_NAME = 60;
const fieldName = (property: string): string => property.replace(/[^\w$-]/g, '?').slice(0, MAX_ECHOED_NAME) || '""';

/**
 * Flattens nested class-validator errors into `records[3].daysPastDue`-style field paths, each message with its
 * Indonesian (`messageId`, answered to a caller asking Accept-Language: id).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const name = fieldName(error.property);
    const field = parent === '' ? name : isIndex ? `${parent}[${error.property}]` : `${parent}.${name}`;
    for (const [constraint, text] of Object.entries(error.constraints ?? {})) {
      // class-validator's "property <name> should not exist" would repeat an arbitrarily long name.
      const unknown = constraint === 'whitelistValidation';
      const message = unknown ? `${field} is not a field of this request` : text;
      const messageId = unknown ? notAFieldMessageId(field) : constraintMessageId(constraint, text, error.property);
      const detail: ErrorDetail = { field, message, ...(messageId !== null ? { messageId } : {}) };
      const row = /\[(\d+)\]/.exec(field);
      if (row) detail.row = Number(row[1]) + 1;
      details.push(detail);
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

/** class-validator, after refusing text the database could not store and absurdly deep nesting. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A path parameter or a named query value is named by its own name; a body (or query object) by its keys.
    const problem = metadata.type === 'custom' ? null : findBodyProblem(value, metadata.data ?? '');
    if (problem) {
      const row = /^records\[(\d+)\]/.exec(problem.field);
      throw new DomainError('VALIDATION', 'The request holds a value that cannot be accepted', [
        { ...problem, ...(row ? { row: Number(row[1]) + 1 } : {}) },
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
