import type { paths } from '../../api-types';
import { pathsApiV1AuditEventsGetParametersQueryOutcomeValues } from '../../api-types';
import type { Lang } from '../../i18n';

/** The filters GET /api/v1/audit-events takes (the OpenAPI document's query parameters). */
export type AuditQuery = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>;
export type AuditAction = NonNullable<AuditQuery['action']>;
export type AuditOutcome = NonNullable<AuditQuery['outcome']>;

/** The audit actions of the API, in the order an auditor thinks of them (the document lists them otherwise). */
export const AUDIT_ACTIONS = [
  'PROFILE_QUERIED',
  'CONSENT_GRANTED',
  'CONSENT_REVOKED',
  'DISPUTE_OPENED',
  'DISPUTE_RESOLVED',
  'SUBMISSION_RECEIVED',
  'SUBMISSION_APPLIED',
  'AUTH_LOGIN',
  'USER_CREATED',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
  'COOPERATIVE_CREATED',
  'COOPERATIVE_STATUS_CHANGED',
  'AUDIT_LOG_READ',
  'SUBJECT_ACCESS_REPORT',
  'RETENTION_PURGED',
  'MONITORING_ENROLLED',
  'MONITORING_ENDED',
  'WEBHOOK_CREATED',
  'WEBHOOK_DELETED',
  'ALERT_READ',
] as const satisfies readonly AuditAction[];
// Does not compile while the API has an action this list lacks.
const everyActionListed: [Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>] extends [never] ? true : never = true;
void everyActionListed;

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = pathsApiV1AuditEventsGetParametersQueryOutcomeValues;

const ACTION_WORDS: Record<Lang, Record<AuditAction, string>> = {
  id: {
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
  },
  en: {
    PROFILE_QUERIED: 'Profile queried',
    CONSENT_GRANTED: 'Consent recorded',
    CONSENT_REVOKED: 'Consent revoked',
    DISPUTE_OPENED: 'Dispute opened',
    DISPUTE_RESOLVED: 'Dispute resolved',
    SUBMISSION_RECEIVED: 'Submission received',
    SUBMISSION_APPLIED: 'Submission applied',
    AUTH_LOGIN: 'Sign-in',
    USER_CREATED: 'User created',
    API_KEY_CREATED: 'API key created',
    API_KEY_REVOKED: 'API key revoked',
    COOPERATIVE_CREATED: 'Cooperative onboarded',
    COOPERATIVE_STATUS_CHANGED: 'Cooperative status changed',
    AUDIT_LOG_READ: 'Audit log read',
    SUBJECT_ACCESS_REPORT: 'Subject access report',
    RETENTION_PURGED: 'Old data purged',
    MONITORING_ENROLLED: 'Monitoring started',
    MONITORING_ENDED: 'Monitoring ended',
    WEBHOOK_CREATED: 'Webhook created',
    WEBHOOK_DELETED: 'Webhook deleted',
    ALERT_READ: 'Alert read',
  },
};

const OUTCOME_WORDS: Record<Lang, Record<AuditOutcome, string>> = {
  id: { ALLOWED: 'Diizinkan', DENIED: 'Ditolak', FAILED: 'Gagal' },
  en: { ALLOWED: 'Allowed', DENIED: 'Denied', FAILED: 'Failed' },
};

const PURPOSE_WORDS: Record<Lang, Record<string, string>> = {
  id: { NEW_APPLICATION: 'Pengajuan baru', MONITORING: 'Pemantauan' },
  en: { NEW_APPLICATION: 'New application', MONITORING: 'Monitoring' },
};

/**
 * Why a DENIED or FAILED event was refused or failed: the reason codes its writers record (error codes are not in the
 * OpenAPI document, so they are written out here; the Excel export says the same: audit/query/audit-excel.ts).
 */
const REASON_WORDS: Record<Lang, Record<string, string>> = {
  id: {
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
  },
  en: {
    'CONSENT.MISSING': 'No consent of the borrower for this purpose',
    'CONSENT.EXPIRED': "The borrower's consent has expired",
    'CONSENT.REVOKED': "The borrower's consent was revoked",
    'COOPERATIVE.SUSPENDED': 'The cooperative is suspended',
    'RECIPROCITY.NOT_REPORTING': 'The cooperative has not submitted recent loan data',
    'COOPERATIVE.QUOTA_EXCEEDED': "The cooperative's hourly limit was reached",
    INVALID_CREDENTIALS: 'Wrong email or password',
    THROTTLED: 'Too many sign-in attempts',
    'SUBMISSION.FAILED': 'Processing the submission failed after several attempts',
    'CSV.NOT_TEXT': 'The file is not CSV text',
    'CSV.EMPTY': 'The file is empty',
    'CSV.HEADER': 'The header line cannot be read',
    'CSV.MALFORMED': 'The file is not valid CSV',
    'CSV.TOO_MANY_ROWS': 'The file has more than 500,000 rows',
    'CSV.NIK_IN_HEADER': 'A NIK is in the header line',
    'CSV.UNKNOWN_COLUMN': 'Unknown column header',
    'CSV.DUPLICATE_COLUMN': 'Two columns hold the same field',
    'CSV.MISSING_COLUMN': 'A required column is missing',
    'CSV.COLUMN_COUNT': 'A row has a different number of cells than the header',
  },
};
const NO_REASON: Record<Lang, string> = { id: 'Alasan tidak tercatat', en: 'No reason recorded' };

/** Words for a value of the API; a value this console does not know yet is shown as it came. */
export const actionWords = (action: string, lang: Lang) =>
  (ACTION_WORDS[lang] as Record<string, string>)[action] ?? action;
export const outcomeWords = (outcome: string, lang: Lang) =>
  (OUTCOME_WORDS[lang] as Record<string, string>)[outcome] ?? outcome;
export const purposeWords = (purpose: string, lang: Lang) => PURPOSE_WORDS[lang][purpose] ?? purpose;
/** Why an event was refused or failed, in words; null for an allowed event. */
export function reasonWords(outcome: string, reason: string | null, lang: Lang): string | null {
  if (outcome === 'ALLOWED') return null;
  if (reason === null) return NO_REASON[lang];
  return REASON_WORDS[lang][reason] ?? reason;
}

/**
 * A `datetime-local` value, read as Western Indonesian Time (the network's clock, whatever the browser's zone), as
 * the ISO timestamp the API takes; '' gives undefined.
 */
export function wibToIso(local: string): string | undefined {
  if (!local) return undefined;
  const withSeconds = /T\d{2}:\d{2}$/.test(local) ? `${local}:00` : local;
  return `${withSeconds}+07:00`;
}

/** When an event happened, to the second, in WIB. */
export function formatWhen(iso: string, lang: Lang): string {
  const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
  return `${when} WIB`;
}
