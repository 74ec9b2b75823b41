import { AuditAction, AuditOutcome } from '../audit-action';
import { AuditEventRow } from './audit-event.response';

/*
 * The export for Indonesian Excel (GET /api/v1/audit-events/export?format=excel): what an Indonesian-locale Excel
 * opens by double-click into the right columns. UTF-8 with a BOM (without it Excel reads ANSI and breaks names),
 * ';' between fields (the list separator where ',' is the decimal comma), times in WIB as dd/mm/yyyy hh:mm:ss (what
 * it reads as a date and time), Indonesian headers and words beside the codes. Plain functions over one row.
 */

/** Western Indonesian Time is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `dd/mm/yyyy hh:mm:ss` in WIB. */
export function wibTime(at: Date): string {
  const w = new Date(at.getTime() + WIB_OFFSET_MS);
  return (
    `${pad(w.getUTCDate())}/${pad(w.getUTCMonth() + 1)}/${pad(w.getUTCFullYear(), 4)} ` +
    `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`
  );
}

const ACTIONS: Record<AuditAction, string> = {
  PROFILE_QUERIED: 'Profil diperiksa',
  CONSENT_GRANTED: 'Persetujuan dicatat',
  CONSENT_REVOKED: 'Persetujuan dicabut',
  DISPUTE_OPENED: 'Sanggahan dibuka',
  DISPUTE_RESOLVED: 'Sanggahan diselesaikan',
  SUBMISSION_RECEIVED: 'Kiriman data diterima',
  SUBMISSION_APPLIED: 'Kiriman data diproses',
  AUTH_LOGIN: 'Login',
  USER_CREATED: 'Pengguna dibuat',
  API_KEY_CREATED: 'Kunci API dibuat',
  API_KEY_REVOKED: 'Kunci API dicabut',
  COOPERATIVE_CREATED: 'Koperasi didaftarkan',
  COOPERATIVE_STATUS_CHANGED: 'Status koperasi diubah',
  AUDIT_LOG_READ: 'Log audit dibaca',
  SUBJECT_ACCESS_REPORT: 'Laporan untuk peminjam',
  RETENTION_PURGED: 'Data lama dihapus',
  MONITORING_ENROLLED: 'Pemantauan dimulai',
  MONITORING_ENDED: 'Pemantauan diakhiri',
  WEBHOOK_CREATED: 'Webhook dibuat',
  WEBHOOK_DELETED: 'Webhook dihapus',
  ALERT_READ: 'Peringatan dibaca',
};

const OUTCOMES: Record<AuditOutcome, string> = { ALLOWED: 'Diizinkan', DENIED: 'Ditolak', FAILED: 'Gagal' };

const ROLES: Record<string, string> = {
  NETWORK_ADMIN: 'Admin jaringan',
  NETWORK_AUDITOR: 'Auditor jaringan',
  COOP_ADMIN: 'Admin koperasi',
  LOAN_OFFICER: 'Petugas kredit',
  DATA_SUBMITTER: 'Pengirim data',
  AUDITOR: 'Auditor koperasi',
};

const PURPOSES: Record<string, string> = { NEW_APPLICATION: 'Pengajuan baru', MONITORING: 'Pemantauan' };

/**
 * The reason codes the writers of DENIED and FAILED events record, in words (the console's audit page says the same:
 * src/console/pages/audit/words.ts). A code not listed here is exported as it is.
 */
export const REASON_WORDS_ID: Record<string, string> = {
  'CONSENT.MISSING': 'Belum ada persetujuan peminjam untuk tujuan ini',
  'CONSENT.EXPIRED': 'Persetujuan peminjam sudah kedaluwarsa',
  'CONSENT.REVOKED': 'Persetujuan peminjam sudah dicabut',
  'COOPERATIVE.SUSPENDED': 'Koperasi sedang dibekukan',
  'RECIPROCITY.NOT_REPORTING': 'Koperasi belum mengirim data pinjaman terbaru',
  'COOPERATIVE.QUOTA_EXCEEDED': 'Batas pemakaian per jam koperasi terlampaui',
  INVALID_CREDENTIALS: 'Email atau kata sandi salah',
  THROTTLED: 'Terlalu banyak percobaan login',
  'SUBMISSION.FAILED': 'Pemrosesan kiriman gagal setelah beberapa kali dicoba',
  'CSV.NOT_TEXT': 'Berkas bukan teks CSV',
  'CSV.EMPTY': 'Berkas kosong',
  'CSV.HEADER': 'Judul kolom tidak bisa dibaca',
  'CSV.MALFORMED': 'Berkas bukan CSV yang benar',
  'CSV.TOO_MANY_ROWS': 'Berkas lebih dari 500.000 baris',
  'CSV.NIK_IN_HEADER': 'Ada NIK di baris judul kolom',
  'CSV.UNKNOWN_COLUMN': 'Judul kolom tidak dikenal',
  'CSV.DUPLICATE_COLUMN': 'Dua kolom berisi data yang sama',
  'CSV.MISSING_COLUMN': 'Kolom wajib tidak ada',
  'CSV.COLUMN_COUNT': 'Jumlah sel tidak sama dengan jumlah judul kolom',
};

/** Said of a refused or failed event whose writer recorded no reason. */
export const NO_REASON_ID = 'Alasan tidak tercatat';

/** The reason in words: empty for an allowed event. */
export function reasonWords(outcome: AuditOutcome, reason: string | null): string {
  if (outcome === AuditOutcome.ALLOWED) return '';
  if (reason === null) return NO_REASON_ID;
  return REASON_WORDS_ID[reason] ?? reason;
}

/** One exported line: the header, then the value of a row. */
interface ExcelColumn {
  header: string;
  value: (r: AuditEventRow) => string | null;
}

export const AUDIT_EXCEL_COLUMNS: ExcelColumn[] = [
  { header: 'ID kejadian', value: (r) => String(r.id) },
  { header: 'Waktu (WIB)', value: (r) => wibTime(r.occurred_at) },
  { header: 'Aksi', value: (r) => ACTIONS[r.action] ?? r.action },
  { header: 'Kode aksi', value: (r) => r.action },
  { header: 'Hasil', value: (r) => OUTCOMES[r.outcome] ?? r.outcome },
  { header: 'Alasan', value: (r) => reasonWords(r.outcome, r.reason) },
  { header: 'Kode alasan', value: (r) => r.reason },
  { header: 'Nama pelaku', value: (r) => r.actor_user_name },
  { header: 'Email pelaku', value: (r) => r.actor_user_email },
  { header: 'Kunci API', value: (r) => r.actor_api_key_name },
  { header: 'Koperasi pelaku', value: (r) => r.actor_cooperative_name },
  { header: 'Peran', value: (r) => (r.actor_role ? (ROLES[r.actor_role] ?? r.actor_role) : null) },
  { header: 'ID pengguna', value: (r) => r.actor_user_id },
  { header: 'ID kunci API', value: (r) => r.actor_api_key_id },
  { header: 'ID koperasi', value: (r) => r.actor_cooperative_id },
  { header: 'Subjek', value: (r) => r.subject_ref },
  { header: 'Tujuan', value: (r) => (r.purpose ? (PURPOSES[r.purpose] ?? r.purpose) : null) },
  { header: 'ID persetujuan', value: (r) => r.consent_id },
  { header: 'ID permintaan', value: (r) => r.request_id },
  { header: 'IP', value: (r) => r.ip },
];

export const AUDIT_EXCEL_HEADER = AUDIT_EXCEL_COLUMNS.map((c) => c.header);

/** A row as the Excel export's fields, in AUDIT_EXCEL_COLUMNS order. */
export const toExcelRecord = (r: AuditEventRow): (string | null)[] => AUDIT_EXCEL_COLUMNS.map((c) => c.value(r));
