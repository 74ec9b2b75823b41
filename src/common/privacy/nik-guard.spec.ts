import { containsNikLike, isNikField, redactNikLike, urlContainsNikLike } from './nik-guard';

describe('nik guard', () => {
  it.each([
    ['3375011203850002', true],
    ['KTP 3375011203850002', true],
    ['3375011203850002-01', true],
    ['x3375011203850002y', true],
    ['337501120385000', false], // 15 digits
    ['33750112038500021', false], // 17 digits: not a NIK's length
    ['3375 0112 0385 0002', false],
    ['FORM-PK-2026-000123', false],
    ['c0a80101-1234-4abc-9def-123456789012', false],
    ['', false],
  ])('containsNikLike(%p) is %p', (text, expected) => {
    expect(containsNikLike(text)).toBe(expected);
  });

  it.each([
    ['/api/v1/profiles/3375011203850002', true],
    ['/api/v1/x?nik=%33%33%37%35%30%31%31%32%30%33%38%35%30%30%30%32', true],
    ['/api/v1/x?cursor=abc', false],
    ['/api/v1/x?bad=%E0%A4%A', false],
    // A malformed escape elsewhere does not hide encoded digits.
    ['/api/v1/x?bad=%zz&nik=%33%33%37%35%30%31%31%32%30%33%38%35%30%30%30%32', true],
  ])('urlContainsNikLike(%p) is %p', (url, expected) => {
    expect(urlContainsNikLike(url)).toBe(expected);
  });

  it('redacts every run and leaves other numbers', () => {
    expect(redactNikLike('a 3375011203850002 b 3204052512700789 t=1733215534000')).toBe(
      'a [NIK] b [NIK] t=1733215534000',
    );
  });

  it.each([
    ['nik', true],
    ['records[3].nik', true],
    ['niks[12]', true],
    ['reference', false],
    ['evidence.reference', false],
    ['nikNote', false],
  ])('isNikField(%p) is %p', (path, expected) => {
    expect(isNikField(path)).toBe(expected);
  });
});
