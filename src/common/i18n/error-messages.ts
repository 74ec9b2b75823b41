import { ErrorCode } from '../errors/error-codes';

/*
 * The top-level `message` of every error code in Bahasa Indonesia, for a caller that asks for it (Accept-Language:
 * id). Services keep throwing English (the contract's language); the answer is translated here, by code, when it is
 * sent. A code whose English carries specifics (a limit, the roles a route needs, a count) lists the English it is
 * thrown with as `forms`, and the Indonesian keeps the specifics; English the catalog does not know falls back to
 * the code's general sentence, which is still true of the error.
 */

/** An English message a code is thrown with, exactly or by pattern, and its Indonesian. */
type Form =
  | readonly [english: string, indonesian: string]
  | readonly [english: RegExp, indonesian: string | ((match: RegExpExecArray) => string)];

interface Entry {
  /** The code's general sentence. */
  id: string;
  forms?: readonly Form[];
}

const AND = (list: string) => list.replace(/ and /g, ' dan ');

const QUOTA_WORDS: Record<string, string> = {
  'profile queries': 'pemeriksaan profil',
  'consents recorded': 'persetujuan yang dicatat',
};

export const ERROR_MESSAGES_ID: Record<ErrorCode, string | Entry> = {
  VALIDATION: {
    id: 'Permintaan berisi isian yang tidak valid',
    forms: [
      ['The request holds a value that cannot be accepted', 'Permintaan memuat nilai yang tidak dapat diterima'],
      [/^([\w-]+) must be a UUID$/, (m) => `${m[1]} harus berupa UUID`],
      [
        'A NIK must not be sent in a URL: send it in the request body',
        'NIK tidak boleh dikirim di URL: kirimkan di isi permintaan',
      ],
      [
        /^(\d+) of (\d+) records are invalid; nothing was applied \(submission ([\w-]+)\)(; (\d+) problems were found, only the first (\d+) are listed in details)?/,
        (m) =>
          `${m[1]} dari ${m[2]} baris tidak valid; tidak ada yang disimpan (pengiriman ${m[3]})` +
          (m[4] ? `; ditemukan ${m[5]} masalah, hanya ${m[6]} yang pertama dicantumkan di details` : ''),
      ],
      ['Idempotency-Key is not valid', 'Idempotency-Key tidak valid'],
      ['The multipart body is malformed', 'Isi multipart rusak'],
      ['Send the CSV in the multipart field "file"', 'Kirim berkas CSV di kolom multipart "file"'],
      ['The file name is not valid', 'Nama berkas tidak valid'],
      ['The upload was cut off or malformed', 'Unggahan terputus atau rusak'],
      ['The file is empty', 'Berkas kosong'],
      ['The NIK is not valid', 'NIK tidak valid'],
      ['The time range is not valid', 'Rentang waktu tidak valid'],
      ['The consent expiry is not valid', 'Tanggal berakhir persetujuan tidak valid'],
      ['Network staff belong to no cooperative', 'Staf jaringan tidak termasuk koperasi mana pun'],
      ['Coop staff need a cooperative', 'Staf koperasi harus terdaftar pada sebuah koperasi'],
      [/^The password /, 'Kata sandi tidak memenuhi aturan'],
    ],
  },
  BAD_REQUEST: {
    id: 'Permintaan tidak valid',
    forms: [
      ["Body is not valid JSON but content-type is set to 'application/json'", 'Isi permintaan bukan JSON yang sah'],
      [
        "Body cannot be empty when content-type is set to 'application/json'",
        'Isi permintaan kosong, padahal Content-Type-nya application/json',
      ],
      [/JSON/, 'Isi permintaan bukan JSON yang sah'],
      ['Request body size did not match Content-Length', 'Ukuran isi permintaan tidak sama dengan Content-Length'],
      ['The URL is not valid percent-encoded UTF-8', 'URL tidak valid: bukan UTF-8 dengan percent-encoding yang benar'],
      [
        'A path segment is longer than 100 characters',
        'URL tidak valid: ada bagian jalur yang lebih panjang dari 100 karakter',
      ],
      ['The request did not arrive in time', 'Permintaan tidak tiba tepat waktu'],
      ['Not a well-formed HTTP request', 'Bukan permintaan HTTP yang benar'],
      [
        'the request was closed before the multipart data was fully parsed',
        'Permintaan terputus sebelum data multipart selesai dibaca',
      ],
    ],
  },
  'AUTH.UNAUTHENTICATED': {
    id: 'Belum masuk: kirim token bearer atau X-API-Key',
    forms: [
      [
        'Send the metrics token as "Authorization: Bearer <token>"',
        'Kirim token metrik sebagai "Authorization: Bearer <token>"',
      ],
      [
        'Sign in as a NETWORK_ADMIN (HTTP Basic: email and password) or send a bearer token',
        'Masuk sebagai NETWORK_ADMIN (HTTP Basic: email dan kata sandi) atau kirim token bearer',
      ],
    ],
  },
  'AUTH.INVALID_CREDENTIALS': 'Email atau kata sandi salah',
  'AUTH.INVALID_TOKEN': {
    id: 'Token akses tidak valid',
    forms: [
      ['Authorization must be "Bearer <accessToken>"', 'Authorization harus berbentuk "Bearer <accessToken>"'],
      [
        'The access token no longer matches the account; sign in again',
        'Token akses tidak lagi sesuai dengan akun; silakan masuk lagi',
      ],
    ],
  },
  'AUTH.TOKEN_EXPIRED': 'Token akses sudah kedaluwarsa; silakan masuk lagi',
  'AUTH.INVALID_API_KEY': 'Kunci API tidak valid atau sudah dicabut',
  'AUTH.FORBIDDEN': {
    id: 'Anda tidak berwenang melakukan tindakan ini',
    forms: [
      [
        /^This action needs one of the roles ([\w, ]+)$/,
        (m) => `Tindakan ini memerlukan salah satu peran berikut: ${m[1]}`,
      ],
      ['This route has no access rule', 'Alamat ini tidak memiliki aturan akses'],
      ['Only a network admin creates network staff', 'Hanya admin jaringan yang dapat membuat staf jaringan'],
      ['Audit events are readable by auditors only', 'Catatan audit hanya dapat dibaca oleh auditor'],
      ['The queue dashboard is for NETWORK_ADMIN only', 'Dasbor antrean hanya untuk NETWORK_ADMIN'],
      [
        "This action is for a cooperative's own staff or systems",
        'Tindakan ini hanya untuk staf atau sistem milik koperasi sendiri',
      ],
    ],
  },
  'COOPERATIVE.SUSPENDED': 'Koperasi ini sedang dibekukan dari jaringan',
  'CONSENT.MISSING': 'Belum ada persetujuan dari peminjam ini untuk koperasi ini dengan tujuan tersebut',
  'CONSENT.EXPIRED': 'Persetujuan sudah berakhir',
  'CONSENT.REVOKED': 'Persetujuan sudah dicabut',
  'RECIPROCITY.NOT_REPORTING':
    'Koperasi ini belum melaporkan data terbaru; kirim data lebih dulu agar dapat memeriksa (beri untuk menerima)',
  'CONSENT.NOT_FOUND': 'Persetujuan tidak ditemukan',
  'SUBMISSION.NOT_FOUND': 'Pengiriman data tidak ditemukan',
  'LOAN.NOT_FOUND': 'Pinjaman tidak ditemukan',
  'DISPUTE.NOT_FOUND': 'Sanggahan tidak ditemukan',
  'DISPUTE.ALREADY_OPEN': 'Pinjaman ini sudah memiliki sanggahan yang terbuka',
  'DISPUTE.ALREADY_RESOLVED': 'Sanggahan ini sudah diselesaikan',
  'DISPUTE.NOT_CORRECTED':
    'Belum ada laporan pinjaman ini sejak sanggahan dibuka; kirim data yang sudah dikoreksi lebih dulu',
  'BORROWER.NOT_FOUND': 'Peminjam tidak ditemukan',
  'MONITORING.ENROLLMENT_NOT_FOUND': 'Pemantauan tidak ditemukan',
  'MONITORING.ALERT_NOT_FOUND': 'Peringatan tidak ditemukan',
  'MONITORING.WEBHOOK_NOT_FOUND': 'Webhook tidak ditemukan',
  'MONITORING.WEBHOOK_URL_REFUSED':
    'Alamat webhook ditolak: harus https dan tidak mengarah ke alamat jaringan internal (di luar produksi juga http://127.0.0.1 atau http://localhost)',
  'MONITORING.WEBHOOK_LIMIT': 'Koperasi ini sudah memiliki jumlah webhook terbanyak; hapus satu lebih dulu',
  'IDEMPOTENCY.KEY_REUSED': 'Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda',
  'IDEMPOTENCY.IN_PROGRESS': 'Permintaan pertama dengan kunci ini masih berjalan',
  NOT_FOUND: {
    id: 'Data tidak ditemukan',
    // Nest's 404 for a route that does not exist; the URL is already shown safely (safeFrameworkMessage).
    forms: [[/^Cannot ([A-Z]+) (.*)$/s, (m) => `Alamat tidak ditemukan: ${m[1]} ${m[2]}`]],
  },
  'COOPERATIVE.NOT_FOUND': 'Koperasi tidak ditemukan',
  'USER.NOT_FOUND': 'Pengguna tidak ditemukan',
  'API_KEY.NOT_FOUND': 'Kunci API tidak ditemukan',
  'COOPERATIVE.REGISTRATION_TAKEN': 'Sudah ada koperasi dengan nomor badan hukum ini',
  'USER.EMAIL_TAKEN': {
    id: 'Sudah ada pengguna dengan email ini',
    forms: [[/^(\S+) exists with role (\w+)$/, (m) => `${m[1]} sudah terdaftar dengan peran ${m[2]}`]],
  },
  CONFLICT: {
    id: 'Data ini bertabrakan dengan data yang sudah ada',
    forms: [
      [
        'The same file is being uploaded by another request right now; retry',
        'Berkas yang sama sedang diunggah oleh permintaan lain; coba lagi',
      ],
    ],
  },
  PAYLOAD_TOO_LARGE: {
    id: 'Isi permintaan terlalu besar',
    forms: [
      [/^A CSV file may hold at most (\d+) MB$/, (m) => `Berkas CSV paling besar ${m[1]} MB`],
      ['request file too large', 'Berkas terlalu besar'],
      ['reach files limit', 'Terlalu banyak berkas dalam satu permintaan'],
      [/^reach (fields|parts) limit$/, 'Terlalu banyak bagian dalam permintaan multipart'],
      [/^The request line and headers are over (\d+) KB$/, (m) => `Baris permintaan dan header lebih dari ${m[1]} KB`],
    ],
  },
  UNSUPPORTED_MEDIA_TYPE: {
    id: 'Jenis isi permintaan tidak didukung',
    forms: [
      ['This route takes JSON', 'Jenis isi permintaan tidak didukung: alamat ini menerima JSON'],
      [
        'Send the file as text/csv or multipart/form-data with a field "file"',
        'Jenis isi permintaan tidak didukung: kirim berkas sebagai text/csv atau multipart/form-data dengan kolom "file"',
      ],
    ],
  },
  'AUTH.THROTTLED': 'Terlalu banyak percobaan masuk yang gagal; coba lagi nanti',
  'COOPERATIVE.QUOTA_EXCEEDED': {
    id: 'Koperasi ini sudah mencapai batas penggunaan per jam; coba lagi nanti',
    forms: [
      [
        /^This cooperative has reached its limit of (\d+) (profile queries|consents recorded) an hour; try again later$/,
        (m) => `Koperasi ini sudah mencapai batas ${m[1]} ${QUOTA_WORDS[m[2]]} per jam; coba lagi nanti`,
      ],
    ],
  },
  RATE_LIMITED: 'Terlalu banyak permintaan untuk kredensial ini; tunggu sebentar lalu coba lagi',
  INTERNAL: 'Terjadi kesalahan internal; sebutkan nomor permintaan (request id) saat melaporkannya',
  NOT_READY: {
    id: 'Layanan sedang tidak tersedia sebentar; coba lagi sesaat lagi',
    forms: [
      [/^Not ready: (.+) not answering$/, (m) => `Belum siap: ${AND(m[1])} tidak menjawab`],
      ['Not ready', 'Belum siap'],
    ],
  },
};

/** The Indonesian of an error answer's message: the form its English matches, else the code's general sentence. */
export function indonesianMessage(code: ErrorCode, english: string): string {
  const entry = ERROR_MESSAGES_ID[code];
  if (typeof entry === 'string') return entry;
  for (const [form, indonesian] of entry.forms ?? []) {
    if (typeof form === 'string') {
      if (form === english) return indonesian as string;
      continue;
    }
    const match = form.exec(english);
    if (match) return typeof indonesian === 'string' ? indonesian : indonesian(match);
  }
  return entry.id;
}
