import { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.pipe';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return { property, constraints, children };
}

describe('flattenValidationErrors', () => {
  it.each([
    ['top-level field', [error('email', { isEmail: 'email must be an email' })], [{ field: 'email', message: 'email must be an email' }]],
    [
      'array element with row',
      [error('records', undefined, [error('3', undefined, [error('daysPastDue', { max: 'too big' })])])],
      [{ field: 'records[3].daysPastDue', row: 4, message: 'too big' }],
    ],
    [
      'nested object',
      [error('evidence', undefined, [error('type', { isIn: 'bad type' })])],
      [{ field: 'evidence.type', message: 'bad type' }],
    ],
  ])('%s', (_name, input, expected) => {
    expect(flattenValidationErrors(input)).toEqual(expected);
  });

  it('lists every constraint of every field', () => {
    const details = flattenValidationErrors([
      error('email', { isEmail: 'a', maxLength: 'b' }),
      error('password', { minLength: 'c' }),
    ]);
    expect(details.map((d) => d.field)).toEqual(['email', 'email', 'password']);
  });
});
