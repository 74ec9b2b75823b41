import { findUnstorable } from './storable-text';

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
