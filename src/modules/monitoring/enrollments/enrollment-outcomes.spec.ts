import { EnrollmentOutcomeKind, tallyOutcomes, toEnrolInputs } from './enrollment-outcomes';

const TODAY = new Date('2026-12-03T00:00:00Z');
const keyOf = (nik: string) => `key:${nik}`;

describe('toEnrolInputs', () => {
  it.each([
    ['a valid NIK', '3375010112890001', { row: 1, borrowerKey: 'key:3375010112890001' }],
    ['a NIK typed with dots and spaces', '3375.0101 1289-0001', { row: 1, borrowerKey: 'key:3375010112890001' }],
    ['too short', '12345', { row: 1, code: 'NIK.FORMAT' }],
    ['letters', '33750101128900AB', { row: 1, code: 'NIK.FORMAT' }],
    ['an unknown province', '9975010112890001', { row: 1, code: 'NIK.PROVINCE' }],
    ['a zero district', '3375000112890001', { row: 1, code: 'NIK.DISTRICT' }],
    ['an impossible birth date', '3375013212890001', { row: 1, code: 'NIK.BIRTH_DATE' }],
    ['serial 0000', '3375010112890000', { row: 1, code: 'NIK.SERIAL' }],
  ])('%s', (_name, nik, expected) => {
    expect(toEnrolInputs([nik], keyOf, TODAY)).toEqual([expected]);
  });

  it('numbers rows from 1 in request order and never keeps a malformed NIK', () => {
    const inputs = toEnrolInputs(['3375010112890001', '12345', '3375010112890001'], keyOf, TODAY);
    expect(inputs.map((i) => i.row)).toEqual([1, 2, 3]);
    expect(JSON.stringify(inputs[1])).not.toContain('12345');
  });
});

describe('tallyOutcomes', () => {
  const { ENROLLED, ALREADY_ENROLLED, REFUSED } = EnrollmentOutcomeKind;
  it.each([
    ['nothing', [], { enrolled: 0, alreadyEnrolled: 0, refused: [] }],
    ['one of each', [ENROLLED, ALREADY_ENROLLED, REFUSED], { enrolled: 1, alreadyEnrolled: 1, refused: [3] }],
    ['refusals in order', [REFUSED, ENROLLED, REFUSED], { enrolled: 1, alreadyEnrolled: 0, refused: [1, 3] }],
    ['all already', [ALREADY_ENROLLED, ALREADY_ENROLLED], { enrolled: 0, alreadyEnrolled: 2, refused: [] }],
  ])('%s', (_name, kinds, expected) => {
    const outcomes = kinds.map((kind, i) => ({ kind, row: i + 1 }));
    expect(tallyOutcomes(outcomes, (o) => o.row)).toEqual(expected);
  });
});
