// The API's messages are in English; in Bahasa Indonesia each rejection code also gets a plain explanation. The
// API's own message stays beside it: it carries the specifics (the allowed range, the other row).
const REASONS_ID: Record<string, string> = {
  'NIK.FORMAT': 'NIK harus 16 angka.',
  'NIK.PROVINCE': 'Kode provinsi di awal NIK tidak dikenal.',
  'NIK.DISTRICT': 'Kode kabupaten/kota atau kecamatan di NIK bernilai 00.',
  'NIK.BIRTH_DATE': 'Tanggal lahir di dalam NIK tidak mungkin; periksa NIK-nya.',
  'NIK.SERIAL': 'Nomor urut di akhir NIK tidak boleh 0000.',
  'RECORD.REQUIRED': 'Kolom ini wajib diisi.',
  'RECORD.TYPE': 'Isinya bukan jenis yang diharapkan (angka, teks atau tanggal).',
  'RECORD.FORMAT': 'Cara penulisannya tidak dikenali.',
  'RECORD.RANGE': 'Nilainya di luar batas yang diizinkan.',
  'RECORD.FUTURE': 'Tanggal atau periode tidak boleh di masa depan.',
  'RECORD.BIRTH_DATE_MISMATCH': 'Tanggal lahir tidak sama dengan tanggal lahir di dalam NIK.',
  'RECORD.MATURITY_BEFORE_DISBURSEMENT': 'Tanggal jatuh tempo sebelum tanggal mulai pinjaman.',
  'RECORD.PERIOD_BEFORE_DISBURSEMENT': 'Periode sebelum bulan pinjaman dimulai.',
  'RECORD.PAID_OFF_OUTSTANDING': 'Pinjaman lunas (kondisi 02 atau 12) harus berbaki debet 0.',
  'RECORD.PAID_OFF_DAYS_PAST_DUE': 'Pinjaman lunas (kondisi 02 atau 12) tidak boleh punya hari tunggakan.',
  'RECORD.PAID_OFF_ARREARS': 'Pinjaman lunas (kondisi 02 atau 12) tidak boleh punya tunggakan.',
  'RECORD.OUTSTANDING_IMPLAUSIBLE': 'Baki debet lebih dari 3 kali plafon; periksa angkanya.',
  'RECORD.ARREARS_EXCEED_OUTSTANDING':
    'Tunggakan pokok lebih besar dari baki debet; tunggakan pokok adalah bagian dari baki debet.',
  'RECORD.ARREARS_IMPLAUSIBLE': 'Tunggakan pokok ditambah tunggakan bunga lebih dari 3 kali plafon; periksa angkanya.',
  'RECORD.MATURITY_TOO_FAR': 'Tanggal jatuh tempo lebih dari 50 tahun setelah tanggal mulai.',
  'RECORD.BORROWER_TOO_YOUNG': 'Peminjam belum berumur 16 tahun pada tanggal mulai pinjaman; periksa tanggal mulai.',
  'RECORD.NAME_WITHOUT_LETTERS': 'Nama harus berisi setidaknya satu huruf.',
  'RECORD.NIK_OUTSIDE_NIK_FIELD': 'Ada NIK (16 angka berturut-turut) di luar kolom nik; NIK hanya boleh di kolom nik.',
  'CSV.NIK_IN_HEADER': 'Ada NIK di baris judul kolom; baris pertama hanya boleh berisi judul kolom.',
  'SUBMISSION.ERRORS_TRUNCATED': 'Masih ada masalah lain yang tidak dicantumkan; lihat jumlah per kode.',
  'RECORD.LOAN_BORROWER_CHANGED':
    'Nomor rekening ini sudah tercatat untuk peminjam lain; nomor rekening tidak bisa pindah peminjam.',
  'RECORD.DUPLICATE': 'Nomor rekening dan periode yang sama sudah ada di baris lain berkas ini.',
  'RECORD.UNKNOWN_FIELD': 'Kolom tidak dikenal (dicantumkan sekali, pada baris pertama yang memuatnya).',
  'CSV.COLUMN_COUNT': 'Jumlah sel di baris ini tidak sama dengan jumlah judul kolom.',
  'CSV.UNKNOWN_COLUMN': 'Judul kolom tidak dikenal; baris pertama harus berisi judul kolom.',
  'CSV.DUPLICATE_COLUMN': 'Dua kolom berisi data yang sama.',
  'CSV.MISSING_COLUMN': 'Kolom wajib tidak ada.',
  'CSV.HEADER': 'Judul kolom tidak bisa dibaca.',
  'CSV.MALFORMED': 'Berkas bukan CSV yang benar (misalnya tanda kutip tidak ditutup).',
  'CSV.EMPTY': 'Berkas kosong.',
  'CSV.NOT_TEXT': 'Berkas bukan teks CSV (misalnya berkas .xlsx); simpan dari Excel sebagai CSV.',
  'CSV.EXCEL_WORKBOOK':
    'Berkas ini buku kerja Excel (.xlsx atau .xls), bukan CSV; simpan dari Excel sebagai CSV UTF-8.',
  'CSV.ARCHIVE': 'Berkas ini arsip ZIP, bukan CSV; ekstrak dulu atau simpan dari Excel sebagai CSV UTF-8.',
  'NIK.CHANGED_BY_EXCEL':
    'Excel mengubah NIK menjadi angka (misalnya 3,37501E+15 atau berakhir 0000); format kolom nik sebagai Teks lalu ketik ulang NIK-nya.',
  'CSV.TOO_MANY_ROWS': 'Berkas lebih dari 500.000 baris; bagi menjadi beberapa berkas.',
};

/** The Indonesian explanation of a rejection code, or null when there is none (the API message alone is shown). */
export const reasonInIndonesian = (code: string): string | null => REASONS_ID[code] ?? null;
