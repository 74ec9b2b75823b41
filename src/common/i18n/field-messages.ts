/*
 * The messages of `details[]` in Bahasa Indonesia: what the validation pipe says of a field (class-validator's
 * constraints, by name, with the numbers and values of the English kept) and the field messages services and
 * guards throw in English. A detail that carries its own `messageId` (record errors of a submission) needs none of
 * this; English this file does not know stays English.
 */
import { NIK_LIKE_MESSAGE } from '../privacy/nik-guard';

/** class-validator's English for each constraint the DTOs use, as it writes it, and the Indonesian. */
type ConstraintForm = readonly [english: RegExp, indonesian: (property: string, match: RegExpExecArray) => string];

const CONSTRAINTS: Record<string, readonly ConstraintForm[]> = {
  isString: [[/ must be a string$/, (p) => `${p} harus berupa teks`]],
  isInt: [[/ must be an integer number$/, (p) => `${p} harus bilangan bulat`]],
  isNumber: [[/ must be a number/, (p) => `${p} harus berupa angka`]],
  isBoolean: [[/ must be a boolean value$/, (p) => `${p} harus true atau false`]],
  isObject: [[/ must be an object$/, (p) => `${p} harus berupa objek`]],
  isArray: [[/ must be an array$/, (p) => `${p} harus berupa daftar (array)`]],
  isDefined: [[/ should not be null or undefined$/, (p) => `${p} wajib diisi`]],
  isNotEmpty: [[/ should not be empty$/, (p) => `${p} tidak boleh kosong`]],
  isUUID: [[/ must be a UUID$/, (p) => `${p} harus berupa UUID`]],
  isUuid: [[/ must be a UUID$/, (p) => `${p} harus berupa UUID`]],
  isEmail: [[/ must be an email$/, (p) => `${p} harus berupa alamat email`]],
  min: [[/ must not be less than (-?[\d.]+)$/, (p, m) => `${p} paling kecil ${m[1]}`]],
  max: [[/ must not be greater than (-?[\d.]+)$/, (p, m) => `${p} paling besar ${m[1]}`]],
  minLength: [[/ must be longer than or equal to (\d+) characters$/, (p, m) => `${p} paling sedikit ${m[1]} karakter`]],
  maxLength: [[/ must be shorter than or equal to (\d+) characters$/, (p, m) => `${p} paling banyak ${m[1]} karakter`]],
  // @Length says whichever bound was broken.
  isLength: [
    [/ must be longer than or equal to (\d+) characters$/, (p, m) => `${p} paling sedikit ${m[1]} karakter`],
    [/ must be shorter than or equal to (\d+) characters$/, (p, m) => `${p} paling banyak ${m[1]} karakter`],
  ],
  isIn: [[/ must be one of the following values: (.*)$/s, (p, m) => `${p} harus salah satu dari: ${m[1]}`]],
  isEnum: [[/ must be one of the following values: (.*)$/s, (p, m) => `${p} harus salah satu dari: ${m[1]}`]],
  arrayMinSize: [
    [/ must contain at least (\d+) elements$/, (p, m) => `${p} harus berisi paling sedikit ${m[1]} butir`],
  ],
  arrayMaxSize: [[/ must contain no more than (\d+) elements$/, (p, m) => `${p} paling banyak berisi ${m[1]} butir`]],
  isTimestamp: [
    [
      / must be an ISO-8601 timestamp with Z or an offset, such as (\S+)$/,
      (p, m) => `${p} harus berupa waktu ISO-8601 dengan Z atau zona waktu, misalnya ${m[1]}`,
    ],
  ],
  nestedValidation: [[/ must be either object or array$/, (p) => `${p} harus berupa objek atau daftar`]],
  matches: [[/ must match .* regular expression$/s, (p) => `${p} tidak sesuai format yang diminta`]],
};

/** Messages the DTOs give their own constraints (`@Matches(..., { message })`), as written there. */
const OWN_MESSAGES: Record<string, string> = {
  'note must not be blank': 'note tidak boleh kosong',
  'reason must not be blank': 'reason tidak boleh kosong',
  'cursor must be the nextCursor of a previous page': 'cursor harus berupa nextCursor dari halaman sebelumnya',
  'registrationNumber may hold letters, digits, space, . / - _':
    'registrationNumber hanya boleh berisi huruf, angka, spasi, . / - _',
  'reference may hold letters, digits and . / - _ : space':
    'reference hanya boleh berisi huruf, angka dan . / - _ : spasi',
};

/** A property that is not part of the request (whitelist). */
export const notAFieldMessageId = (field: string): string => `${field} bukan isian permintaan ini`;

/**
 * What the validation pipe says of `property` for a failed `constraint` in Indonesian, from class-validator's English
 * (which holds the bound or the allowed values); null when the English is not the one known for that constraint.
 */
export function constraintMessageId(constraint: string, english: string, property: string): string | null {
  const own = OWN_MESSAGES[english];
  if (own !== undefined) return own;
  for (const [form, indonesian] of CONSTRAINTS[constraint] ?? []) {
    const match = form.exec(english);
    if (match && english.startsWith(property)) return indonesian(property, match);
  }
  return null;
}

/** Field messages thrown in English by services, guards and the body checks (exact text). */
const DETAILS: Record<string, string> = {
  [NIK_LIKE_MESSAGE]:
    'tidak boleh memuat NIK (16 angka berturut-turut): NIK hanya dikirim di kolom "nik" pada isi permintaan',
  'must not contain NUL or unpaired surrogate characters':
    'tidak boleh memuat karakter NUL atau karakter surrogate yang tidak berpasangan',
  'must be a UUID': 'harus berupa UUID',
  'must be 1-200 visible ASCII characters': 'harus 1-200 karakter ASCII yang terlihat',
  'is required': 'wajib diisi',
  'the CSV file is empty': 'berkas CSV kosong',
  'already registered': 'sudah terdaftar',
  'already in use': 'sudah dipakai',
  'must be absent for network roles': 'harus kosong untuk peran jaringan',
  'is required for coop roles': 'wajib diisi untuk peran koperasi',
  'to must not be before from': 'to tidak boleh sebelum from',
  'not answering': 'tidak menjawab',
  // NIK checks (borrowers/nik.ts), said as "nik <problem>"
  'nik must be a string of 16 digits': 'nik harus berupa teks 16 angka',
  'nik must be 16 digits': 'nik harus 16 angka',
  'nik starts with an unknown province code': 'nik diawali kode provinsi yang tidak dikenal',
  'nik has a zero regency or district code': 'nik memuat kode kabupaten/kota atau kecamatan 00',
  'nik holds an impossible birth date': 'nik memuat tanggal lahir yang tidak mungkin',
  'nik has serial number 0000': 'nik bernomor urut 0000',
  // the password policy (cooperatives/password-policy.ts)
  'must not be mostly one repeated character': 'tidak boleh sebagian besar berupa satu karakter yang diulang',
  'is a commonly used password': 'termasuk kata sandi yang umum dipakai',
  'must not contain your email address': 'tidak boleh memuat alamat email Anda',
  // consent expiry (consents/consent-expiry.ts)
  'expiresAt must be an ISO-8601 timestamp': 'expiresAt harus berupa waktu ISO-8601',
  'expiresAt must be in the future': 'expiresAt harus di masa depan',
  'expiresAt: a NEW_APPLICATION consent may be at most 30 days ahead':
    'expiresAt: persetujuan NEW_APPLICATION paling lama 30 hari ke depan',
  'expiresAt: a MONITORING consent may be at most one year ahead':
    'expiresAt: persetujuan MONITORING paling lama satu tahun ke depan',
};

const DETAIL_FORMS: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/^must not be nested more than (\d+) levels deep$/, (m) => `tidak boleh bersarang lebih dari ${m[1]} tingkat`],
  [/^must be at least (\d+) characters$/, (m) => `paling sedikit ${m[1]} karakter`],
  [
    /^must be at most (\d+) bytes in UTF-8 \(this one is (\d+);/,
    (m) => `paling banyak ${m[1]} byte dalam UTF-8 (yang ini ${m[2]}; huruf di luar ASCII memakai 2 sampai 4 byte)`,
  ],
  [/^must have at least (\d+) different characters$/, (m) => `harus memiliki paling sedikit ${m[1]} karakter berbeda`],
  [/^must not contain "(.*)"$/s, (m) => `tidak boleh memuat "${m[1]}"`],
];

/** The Indonesian of a field message thrown in English, or null when it is not one this file knows. */
export function detailMessageId(english: string): string | null {
  const exact = DETAILS[english];
  if (exact !== undefined) return exact;
  for (const [form, indonesian] of DETAIL_FORMS) {
    const match = form.exec(english);
    if (match) return indonesian(match);
  }
  return null;
}
