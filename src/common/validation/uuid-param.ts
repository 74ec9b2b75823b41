import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** A UUID path parameter; anything else is a 400 VALIDATION naming the parameter, as API.md wants. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new DomainError('VALIDATION', `${name} must be a UUID`, [{ field: name, message: 'must be a UUID' }]),
    }),
  );
