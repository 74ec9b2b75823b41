import type { Lang } from '../../i18n';
import type { AlertType } from './types';

// The API's codes in words, Bahasa Indonesia first. An unknown code is shown as it is.

const TYPES: Record<AlertType, { id: string; en: string }> = {
  NEW_LOAN_ELSEWHERE: { id: 'Pinjaman baru di koperasi lain', en: 'New loan elsewhere' },
  INQUIRY_ELSEWHERE: { id: 'Diperiksa koperasi lain', en: 'Checked by another coop' },
  DELINQUENT_ELSEWHERE: { id: 'Menunggak di koperasi lain', en: 'Past due elsewhere' },
  COLLECTIBILITY_WORSENED_ELSEWHERE: { id: 'Kolektibilitas memburuk', en: 'Collectibility worsened' },
  RESTRUCTURED_ELSEWHERE: { id: 'Direstrukturisasi di koperasi lain', en: 'Restructured elsewhere' },
  WRITTEN_OFF_ELSEWHERE: { id: 'Dihapusbukukan di koperasi lain', en: 'Written off elsewhere' },
};

export const typeWords = (type: string, lang: Lang): string => TYPES[type as AlertType]?.[lang] ?? type;

const SEVERITIES: Record<string, { id: string; en: string }> = {
  HIGH: { id: 'Tinggi', en: 'High' },
  MEDIUM: { id: 'Sedang', en: 'Medium' },
  LOW: { id: 'Rendah', en: 'Low' },
};

export const severityWords = (severity: string, lang: Lang): string => SEVERITIES[severity]?.[lang] ?? severity;

// Why a borrower could not be enrolled, or why an enrollment ended.
const REASONS: Record<string, { id: string; en: string }> = {
  'CONSENT.MISSING': {
    id: 'Belum ada persetujuan pemantauan (MONITORING)',
    en: 'No monitoring (MONITORING) consent yet',
  },
  'CONSENT.EXPIRED': {
    id: 'Persetujuan pemantauan sudah kedaluwarsa',
    en: 'The monitoring consent has expired',
  },
  'CONSENT.REVOKED': { id: 'Persetujuan pemantauan sudah dicabut', en: 'The monitoring consent was revoked' },
  ENDED_BY_COOP: { id: 'Diakhiri oleh koperasi', en: 'Ended by the coop' },
  'COOPERATIVE.SUSPENDED': {
    id: 'Keanggotaan koperasi sedang dibekukan',
    en: "The coop's membership is suspended",
  },
};

export const reasonWords = (code: string, lang: Lang): string => REASONS[code]?.[lang] ?? code;

const DELIVERY: Record<string, { id: string; en: string }> = {
  PENDING: { id: 'Menunggu / dicoba ulang', en: 'Pending / retrying' },
  DELIVERED: { id: 'Terkirim', en: 'Delivered' },
  FAILED: { id: 'Gagal', en: 'Failed' },
};

export const deliveryWords = (status: string, lang: Lang): string => DELIVERY[status]?.[lang] ?? status;
