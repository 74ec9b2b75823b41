import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';
import { ERROR_MESSAGES_ID, indonesianMessage } from './error-messages';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe('ERROR_MESSAGES_ID', () => {
  it.each(CODES)('has an Indonesian sentence for %s', (code) => {
    const entry = ERROR_MESSAGES_ID[code] as string | { id: string } | undefined;
    expect(entry).toBeDefined();
    const sentence = typeof entry === 'string' ? entry : entry?.id;
    expect(sentence).toMatch(/\S/);
  });

  it('lists no code that does not exist', () => {
    expect(Object.keys(ERROR_MESSAGES_ID).sort()).toEqual([...CODES].sort());
  });

  it('says every code differently from its English general sentence', () => {
    for (const code of CODES) expect(indonesianMessage(code, 'some English nobody wrote')).not.toMatch(/^some/);
  });
});

describe('indonesianMessage', () => {
  it.each([
    ['VALIDATION', 'The request has invalid fields', 'Permintaan berisi isian yang tidak valid'],
    ['VALIDATION', 'id must be a UUID', 'id harus berupa UUID'],
    [
      'VALIDATION',
      'The request holds a value that cannot be accepted',
      'Permintaan memuat nilai yang tidak dapat diterima',
    ],
    [
      'VALIDATION',
      'A NIK must not be sent in a URL: send it in the request body',
      'NIK tidak boleh dikirim di URL: kirimkan di isi permintaan',
    ],
    [
      'VALIDATION',
      '3 of 10 records are invalid; nothing was applied (submission 0b0c7e52-6f2b-4d37-9d59-1f7c0c3a9a11)',
      '3 dari 10 baris tidak valid; tidak ada yang disimpan (pengiriman 0b0c7e52-6f2b-4d37-9d59-1f7c0c3a9a11)',
    ],
    [
      'VALIDATION',
      '900 of 900 records are invalid; nothing was applied (submission s-1); 2000 problems were found, only the first' +
        ' 1000 are listed in details (counts by code: errorCounts of GET /api/v1/submissions/s-1)',
      '900 dari 900 baris tidak valid; tidak ada yang disimpan (pengiriman s-1); ditemukan 2000 masalah, hanya 1000' +
        ' yang pertama dicantumkan di details',
    ],
    ['VALIDATION', 'The password must be at least 12 characters', 'Kata sandi tidak memenuhi aturan'],
    ['VALIDATION', 'Something new', 'Permintaan berisi isian yang tidak valid'],
    ['AUTH.INVALID_CREDENTIALS', 'Email or password is wrong', 'Email atau kata sandi salah'],
    [
      'AUTH.FORBIDDEN',
      'This action needs one of the roles LOAN_OFFICER, COOP_ADMIN',
      'Tindakan ini memerlukan salah satu peran berikut: LOAN_OFFICER, COOP_ADMIN',
    ],
    ['AUTH.FORBIDDEN', 'Forbidden resource', 'Anda tidak berwenang melakukan tindakan ini'],
    [
      'COOPERATIVE.QUOTA_EXCEEDED',
      'This cooperative has reached its limit of 600 profile queries an hour; try again later',
      'Koperasi ini sudah mencapai batas 600 pemeriksaan profil per jam; coba lagi nanti',
    ],
    [
      'COOPERATIVE.QUOTA_EXCEEDED',
      'This cooperative has reached its limit of 200 consents recorded an hour; try again later',
      'Koperasi ini sudah mencapai batas 200 persetujuan yang dicatat per jam; coba lagi nanti',
    ],
    ['PAYLOAD_TOO_LARGE', 'A CSV file may hold at most 100 MB', 'Berkas CSV paling besar 100 MB'],
    ['PAYLOAD_TOO_LARGE', 'Request body is too large', 'Isi permintaan terlalu besar'],
    [
      'BAD_REQUEST',
      "Body is not valid JSON but content-type is set to 'application/json'",
      'Isi permintaan bukan JSON yang sah',
    ],
    ['BAD_REQUEST', 'Unexpected end of JSON input', 'Isi permintaan bukan JSON yang sah'],
    [
      'BAD_REQUEST',
      'The URL is not valid percent-encoded UTF-8',
      'URL tidak valid: bukan UTF-8 dengan percent-encoding yang benar',
    ],
    ['NOT_FOUND', 'Cannot GET /api/v1/[NIK]', 'Alamat tidak ditemukan: GET /api/v1/[NIK]'],
    ['NOT_FOUND', 'Resource not found', 'Data tidak ditemukan'],
    ['SUBMISSION.NOT_FOUND', 'Submission not found', 'Pengiriman data tidak ditemukan'],
    ['NOT_READY', 'Not ready: postgres and redis not answering', 'Belum siap: postgres dan redis tidak menjawab'],
    [
      'NOT_READY',
      'The service is briefly unavailable; retry shortly',
      'Layanan sedang tidak tersedia sebentar; coba lagi sesaat lagi',
    ],
    [
      'USER.EMAIL_TAKEN',
      'a@kcx.test exists with role COOP_ADMIN',
      'a@kcx.test sudah terdaftar dengan peran COOP_ADMIN',
    ],
    [
      'CONSENT.MISSING',
      'No consent of this cooperative for this borrower and purpose',
      'Belum ada persetujuan dari peminjam ini untuk koperasi ini dengan tujuan tersebut',
    ],
  ] as [ErrorCode, string, string][])('%s "%s" -> "%s"', (code, english, indonesian) => {
    expect(indonesianMessage(code, english)).toBe(indonesian);
  });
});
