import { formatNumber, Lang, Text } from '../../i18n';
import type { Submission, SubmissionMode, SubmissionStatus } from './types';

// Words shared by the parts of this page: a submission's status and mode, CSV column names, months.

export const statusText: Text<Record<SubmissionStatus, string>> = {
  id: {
    QUEUED: 'Menunggu giliran diproses',
    PROCESSING: 'Sedang diproses',
    COMPLETED: 'Selesai, data tersimpan',
    REJECTED: 'Ditolak, tidak ada data yang disimpan',
    FAILED: 'Gagal karena gangguan sistem, tidak ada data yang disimpan',
  },
  en: {
    QUEUED: 'Waiting its turn',
    PROCESSING: 'Being processed',
    COMPLETED: 'Done, data saved',
    REJECTED: 'Rejected, nothing was saved',
    FAILED: 'Failed on a system problem, nothing was saved',
  },
};

/** The status class of a submission: COMPLETED with rejected rows is PARTIAL (a warning, not a success). */
export function outcomeOf(s: Pick<Submission, 'status' | 'rejected'>): SubmissionStatus | 'PARTIAL' {
  return s.status === 'COMPLETED' && s.rejected > 0 ? 'PARTIAL' : s.status;
}

/** The status in words; a partial result says how many rows were saved and how many rejected. */
export function statusLabel(s: Pick<Submission, 'status' | 'accepted' | 'rejected'>, lang: Lang): string {
  if (outcomeOf(s) !== 'PARTIAL') return statusText[lang][s.status];
  const [accepted, rejected] = [formatNumber(s.accepted, lang), formatNumber(s.rejected, lang)];
  return lang === 'en'
    ? `Partly done: ${accepted} ${s.accepted === 1 ? 'row' : 'rows'} saved, ${rejected} ${s.rejected === 1 ? 'row' : 'rows'} rejected.`
    : `Selesai sebagian: ${accepted} baris tersimpan, ${rejected} baris ditolak.`;
}

export const modeText: Text<Record<SubmissionMode, string>> = {
  id: { STRICT: 'Semua atau tidak sama sekali', PARTIAL: 'Simpan baris yang benar' },
  en: { STRICT: 'All or nothing', PARTIAL: 'Save the good rows' },
};

// The CSV header of each record field (API.md, "A submission record"): the Indonesian alias in Indonesian, the
// English CSV name in English, so a rejected row names the column the submitter sees in Excel.
const COLUMNS: Record<string, [id: string, en: string]> = {
  nik: ['nik', 'nik'],
  fullName: ['nama', 'full_name'],
  birthDate: ['tanggal_lahir', 'birth_date'],
  loanRef: ['no_rekening', 'loan_ref'],
  facilityType: ['jenis_fasilitas', 'facility_type'],
  principal: ['plafon_awal', 'principal'],
  creditLimit: ['plafon', 'credit_limit'],
  disbursedAt: ['tanggal_mulai', 'disbursed_at'],
  maturityDate: ['tanggal_jatuh_tempo', 'maturity_date'],
  condition: ['kondisi', 'condition'],
  period: ['periode', 'period'],
  outstanding: ['baki_debet', 'outstanding'],
  arrearsPrincipal: ['tunggakan_pokok', 'arrears_principal'],
  arrearsInterest: ['tunggakan_bunga', 'arrears_interest'],
  daysPastDue: ['hari_tunggakan', 'days_past_due'],
  paidAmount: ['pembayaran', 'paid_amount'],
  restructureCount: ['frekuensi_restrukturisasi', 'restructure_count'],
};

/** The record fields in the template's column order. */
export const FIELD_ORDER: readonly string[] = Object.keys(COLUMNS);

export function columnName(field: string, lang: Lang): string {
  const names = COLUMNS[field];
  return names ? names[lang === 'en' ? 1 : 0] : field;
}

const KOL: Record<Lang, string[]> = {
  id: ['Lancar', 'Dalam Perhatian Khusus', 'Kurang Lancar', 'Diragukan', 'Macet'],
  en: ['Current', 'Special mention', 'Substandard', 'Doubtful', 'Loss'],
};

export const collectibilityName = (kol: number, lang: Lang): string => KOL[lang][kol - 1] ?? String(kol);

/** "2026-09" as "September 2026" / "Sep 2026" in the reader's language. */
export function formatPeriod(period: string, lang: Lang): string {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m) return period;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
