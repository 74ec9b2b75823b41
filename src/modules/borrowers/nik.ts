/**
 * NIK (Nomor Induk Kependudukan) rules: 16 digits = province (2) + regency (2) + district (2) + birth date DDMMYY
 * (women add 40 to the day) + serial (4). Pure functions; the raw NIK never leaves the request that carries it.
 */

// BPS province codes, including the Papua provinces created in 2022.
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '94',
  '95',
  '96',
  '97',
]);

export type NikErrorCode = 'NIK.FORMAT' | 'NIK.PROVINCE' | 'NIK.DISTRICT' | 'NIK.BIRTH_DATE' | 'NIK.SERIAL';

export type NikCheck =
  | { valid: true; nik: string; birthDate: string; female: boolean }
  | { valid: false; code: NikErrorCode; message: string };

/** Removes the spaces, dots and dashes people type between the groups. */
export function normalizeNik(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

const fail = (code: NikErrorCode, message: string): NikCheck => ({ valid: false, code, message });

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Validates a NIK; `today` decides the century of the two-digit birth year. */
export function checkNik(input: unknown, today: Date = new Date()): NikCheck {
  if (typeof input !== 'string') return fail('NIK.FORMAT', 'must be a string of 16 digits');
  const nik = normalizeNik(input);
  if (!/^\d{16}$/.test(nik)) return fail('NIK.FORMAT', 'must be 16 digits');
  if (!PROVINCE_CODES.has(nik.slice(0, 2))) return fail('NIK.PROVINCE', 'starts with an unknown province code');
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    return fail('NIK.DISTRICT', 'has a zero regency or district code');
  }
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const female = rawDay > 40;
  const day = female ? rawDay - 40 : rawDay;
  const thisYear = today.getUTCFullYear();
  const year = 2000 + yy > thisYear ? 1900 + yy : 2000 + yy;
  if (!isRealDate(year, month, day)) return fail('NIK.BIRTH_DATE', 'holds an impossible birth date');
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (nik.slice(12) === '0000') return fail('NIK.SERIAL', 'has serial number 0000');
  return { valid: true, nik, birthDate, female };
}
