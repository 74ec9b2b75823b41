import { ValidationError } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe, flattenValidationErrors } from './validation.pipe';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return { property, constraints, children };
}

describe('flattenValidationErrors', () => {
  it.each([
    [
      'top-level field',
      [error('email', { isEmail: 'email must be an email' })],
      [{ field: 'email', message: 'email must be an email', messageId: 'email harus berupa alamat email' }],
    ],
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

  it.each([
    ['', '""'],
    ['a b', 'a?b'],
    ['x'.repeat(1000), 'x'.repeat(60)],
  ])('names an unknown property %p safely as %p', (property, field) => {
    const [detail] = flattenValidationErrors([
      error(property, { whitelistValidation: `property ${property} should not exist` }),
    ]);
    expect(detail).toEqual({
      field,
      message: `${field} is not a field of this request`,
      messageId: `${field} bukan isian permintaan ini`,
    });
  });

  it('gives each message its Indonesian, keeping the bound, when class-validator said it', () => {
    const details = flattenValidationErrors([
      error('records', undefined, [
        error('3', undefined, [error('daysPastDue', { max: 'daysPastDue must not be greater than 9999' })]),
      ]),
      error('email', { isString: 'email must be a string' }),
    ]);
    expect(details).toEqual([
      {
        field: 'records[3].daysPastDue',
        row: 4,
        message: 'daysPastDue must not be greater than 9999',
        messageId: 'daysPastDue paling besar 9999',
      },
      { field: 'email', message: 'email must be a string', messageId: 'email harus berupa teks' },
    ]);
  });

  it('lists every constraint of every field', () => {
    const details = flattenValidationErrors([
      error('email', { isEmail: 'a', maxLength: 'b' }),
      error('password', { minLength: 'c' }),
    ]);
    expect(details.map((d) => d.field)).toEqual(['email', 'email', 'password']);
  });
});

describe('createValidationPipe', () => {
  it.each([
    ['a path parameter', 'a\u0000b', { type: 'param' as const, data: 'id' }, 'id'],
    ['a query object', { cursor: '\ud800' }, { type: 'query' as const }, 'cursor'],
    ['a body', { records: [{}, { fullName: '\u0000' }] }, { type: 'body' as const }, 'records[1].fullName'],
  ])('refuses unstorable text in %s, naming the field', async (_what, value, metadata, field) => {
    const refusal = await createValidationPipe()
      .transform(value, metadata)
      .catch((err: DomainError) => err);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).details[0].field).toBe(field);
  });
});
