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

  it.each([[{ name: 'Siti Rahmawati 😀' }], [{ n: 5, list: ['a', null, true] }], [null], [[]]])('accepts %p', (value) => {
    expect(findUnstorable(value)).toBeNull();
  });
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
    expect(findBodyProblem({ records: [{ loanRef: 'ok' }, { fullName: '\ud800' }, { fullName: '\u0000' }] })?.field).toBe('records[1].fullName');
  });
});
