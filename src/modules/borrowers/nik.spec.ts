import { checkNik, normalizeNik } from './nik';

const today = new Date('2026-11-22T00:00:00Z');

describe('checkNik', () => {
  it.each([
    ['a man born 1 Dec 1989 in Kota Pekalongan', '3375010112890001', '1989-12-01', false],
    ['a woman born 1 Dec 1989 (day + 40)', '3375014112890002', '1989-12-01', true],
    ['a woman born 31 Jan 2001', '3316027101010003', '2001-01-31', true],
    ['born in 2026 (two-digit year this year)', '3202010101260004', '2026-01-01', false],
    ['born in 1927 (two-digit year after this year)', '3202010101270004', '1927-01-01', false],
    ['a leap day', '3202012902000005', '2000-02-29', false],
    ['typed with spaces', '3375 0101 1289 0001', '1989-12-01', false],
  ])('accepts %s', (_name, nik, birthDate, female) => {
    expect(checkNik(nik, today)).toEqual({ valid: true, nik: normalizeNik(nik), birthDate, female });
  });

  it.each([
    ['15 digits', '337501011289000', 'NIK.FORMAT'],
    ['17 digits', '33750101128900011', 'NIK.FORMAT'],
    ['letters', '33750101128900AB', 'NIK.FORMAT'],
    ['a number, not a string', 3375010112890001, 'NIK.FORMAT'],
    ['an empty string', '', 'NIK.FORMAT'],
    ['province 00', '0075010112890001', 'NIK.PROVINCE'],
    ['province 20 (none)', '2075010112890001', 'NIK.PROVINCE'],
    ['province 93 (none)', '9375010112890001', 'NIK.PROVINCE'],
    ['regency 00', '3300010112890001', 'NIK.DISTRICT'],
    ['district 00', '3375000112890001', 'NIK.DISTRICT'],
    ['day 00', '3375010012890001', 'NIK.BIRTH_DATE'],
    ['day 32', '3375013212890001', 'NIK.BIRTH_DATE'],
    ['female day 72', '3375017212890001', 'NIK.BIRTH_DATE'],
    ['month 13', '3375010113890001', 'NIK.BIRTH_DATE'],
    ['31 April', '3375013104890001', 'NIK.BIRTH_DATE'],
    ['29 Feb in a common year', '3375012902890001', 'NIK.BIRTH_DATE'],
    ['serial 0000', '3375010112890000', 'NIK.SERIAL'],
  ])('refuses %s', (_name, nik, code) => {
    const result = checkNik(nik, today);
    expect(result.valid).toBe(false);
    expect(result).toMatchObject({ code });
  });
});
