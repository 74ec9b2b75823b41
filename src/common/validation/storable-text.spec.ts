import { findBodyProblem, findUnstorable, MAX_NESTING } from './storable-text';

describe('findUnstorable', () => {
  it.each([
    [{ email: 'a\u0000b' }, 'email'],
    [{ records: [{}, { fullName: 'x\ud800' }] }, 'records[1].fullName'],
    [{ records: [{ ['a\u0000']: 1 }] }, 'records[0]'],
    [{ name: 'ok\udc00' }, 'name'],
    ['\u0000', 'body'],
  ])('finds %p at %s', (value, path) => {
    expect(findUnstorable(value)).toBe(path);
  });

  it.each([[{ name: 'Siti Rahmawati 😀' }], [{ n: 5, list: ['a', null, true] }], [null], [[]]])(
    'accepts %p',
    (value) => {
      expect(findUnstorable(value)).toBeNull();
    },
  );
});

describe('findBodyProblem', () => {
  const nested = (depth: number): unknown => JSON.parse(`{"records":${'['.repeat(depth)}${']'.repeat(depth)}}`);

  it.each([
    [MAX_NESTING - 1, null],
    [MAX_NESTING + 1, 'records' + '[0]'.repeat(MAX_NESTING - 1)],
    [100_000, 'records' + '[0]'.repeat(MAX_NESTING - 1)],
  ])('at nesting %i finds %p, without overflowing the stack', (depth, field) => {
    expect(findBodyProblem(nested(depth))?.field ?? null).toBe(field);
  });

  it('names a path parameter by its name', () => {
    expect(findBodyProblem('a\u0000', 'id')).toEqual({ field: 'id', message: expect.stringContaining('NUL') });
  });

  it('reports the first problem in document order', () => {
    expect(
      findBodyProblem({ records: [{ loanRef: 'ok' }, { fullName: '\ud800' }, { fullName: '\u0000' }] })?.field,
    ).toBe('records[1].fullName');
  });
});

describe('findBodyProblem: a NIK outside a NIK field', () => {
  const NIK = '3375011203850002';
  it.each([
    [{ evidence: { type: 'SIGNED_FORM', reference: `KTP ${NIK}` } }, 'evidence.reference'],
    [
      {
        records: [
          { nik: NIK, loanRef: 'ok' },
          { nik: NIK, loanRef: `${NIK}-01` },
        ],
      },
      'records[1].loanRef',
    ],
    [{ records: [{ nik: NIK, [NIK]: 1 }] }, 'records[0].[NIK]'],
    [{ records: [{ nik: NIK, [`x${NIK}`]: 1 }] }, 'records[0].x[NIK]'],
    [{ [NIK]: 'a' }, '[NIK]'],
    [{ niks: [NIK, NIK], note: NIK }, 'note'],
    [{ nik: { inner: NIK } }, 'nik.inner'],
    [{ list: [`a ${NIK}`] }, 'list[0]'],
    [`ref ${NIK}`, 'body'],
  ])('refuses %p at %s with the NIK message', (value, field) => {
    expect(findBodyProblem(value)).toEqual({ field, message: expect.stringContaining('must not contain a NIK') });
  });

  it('names a query value by its name', () => {
    expect(findBodyProblem(NIK, 'cursor')?.field).toBe('cursor');
  });

  it.each([
    [{ nik: NIK }],
    [{ records: [{ nik: NIK, loanRef: 'PK-2026-000123' }] }],
    [{ niks: [NIK, NIK] }],
    [{ email: 'a@b.c', password: NIK }],
    [{ currentPassword: NIK, newPassword: `${NIK}x` }],
    [{ principal: 3375011203850002 }],
    [{ reference: '33750112038500021' }],
    [{ reference: '337501120385000' }],
  ])('accepts %p', (value) => {
    expect(findBodyProblem(value)).toBeNull();
  });

  it('keeps to one pass: 5,000 records with the NIK in the last loanRef are refused at that row', () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({
      nik: NIK,
      loanRef: `PK-${i}`,
      fullName: 'Siti Rahmawati',
    }));
    records[4999].loanRef = `${NIK}-01`;
    expect(findBodyProblem({ mode: 'PARTIAL', records })?.field).toBe('records[4999].loanRef');
  });
});

it('names a key holding a NIK-like run in plain characters, redacted, within 60 characters', () => {
  expect(findBodyProblem({ a: { ['<b> 3375011203850002 "c"']: 1 } })?.field).toBe('a.?b??[NIK]??c?');
  expect(findBodyProblem({ [`${'k'.repeat(50)}3375011203850002`]: 1 })?.field).toBe(`${'k'.repeat(50)}[NIK]`);
  expect(findBodyProblem({ [`${'k'.repeat(44)}33750112038500021111`]: 1 })).toBeNull();
});
