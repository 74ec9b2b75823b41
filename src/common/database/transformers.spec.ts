import { saturatedWholeNumber, wholeNumber } from './transformers';

const MAX = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991

describe('wholeNumber', () => {
  it.each([
    ['0', 0],
    ['1000000000000', 1_000_000_000_000],
    ['9007199254740991', MAX],
    [42, 42],
  ])('%s is %s', (value, expected) => {
    expect(wholeNumber(value)).toBe(expected);
  });

  it.each(['9007199254740992', '12.5', 'abc', 1.5])('refuses %s', (value) => {
    expect(() => wholeNumber(value)).toThrow('amount outside the exact integer range');
  });
});

describe('saturatedWholeNumber', () => {
  it.each([
    ['0', 0, false],
    ['1000000000000', 1_000_000_000_000, false],
    ['9007199254740991', MAX, false],
    ['9007199254740992', MAX, true],
    // 9,202 loans at the Rp 1 trillion record cap
    ['9202000000000000', MAX, true],
    ['123456789012345678901234567890', MAX, true],
    ['-9007199254740991', -MAX, false],
    ['-9007199254740992', -MAX, true],
    [9_007_199_254_740_993n, MAX, true],
    [5n, 5, false],
  ])('%s shows as %s (capped: %s)', (value, shown, capped) => {
    expect(saturatedWholeNumber(value)).toEqual({ value: shown, capped });
  });

  it.each(['12.5', 'abc', '1e3'])('refuses %s, which is not an integer', (value) => {
    expect(() => saturatedWholeNumber(value)).toThrow(SyntaxError);
  });
});
