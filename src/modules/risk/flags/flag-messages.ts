import { FLAG_SEVERITY, FlagCode, RiskFlag } from './flag-definitions';

/*
 * Plain sentences a loan officer reads. They may carry counts and thresholds, never a coop's name or anything that
 * points at one coop.
 */

const groupThousands = (amount: number, separator: string): string =>
  Math.trunc(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, separator);

const flag = (code: FlagCode, id: string, en: string): RiskFlag => ({
  code,
  severity: FLAG_SEVERITY[code],
  message: { id, en },
});

export const delinquentElsewhere = (days: number): RiskFlag =>
  flag(
    'DELINQUENT_ELSEWHERE',
    `Pinjaman aktif menunggak lebih dari ${days} hari di koperasi lain`,
    `Active loan more than ${days} days past due at another cooperative`,
  );

export const severeDelinquency = (collectibility: number, months: number): RiskFlag =>
  flag(
    'SEVERE_DELINQUENCY_12M',
    `Kolektibilitas ${collectibility} atau lebih buruk dalam ${months} bulan terakhir`,
    `Collectibility ${collectibility} or worse in the last ${months} months`,
  );

export const writtenOff = (months: number): RiskFlag =>
  flag(
    'WRITTEN_OFF_24M',
    `Pinjaman macet, hapus buku atau hapus tagih dalam ${months} bulan terakhir`,
    `Loan in loss, written off or claim waived in the last ${months} months`,
  );

export const multipleLenders = (coops: number): RiskFlag =>
  flag('MULTIPLE_LENDERS', `Pinjaman aktif di ${coops} koperasi`, `Active loans at ${coops} cooperatives`);

export const loanStacking = (coops: number, days: number): RiskFlag =>
  flag(
    'LOAN_STACKING',
    `Pinjaman baru dari ${coops} koperasi dalam ${days} hari terakhir`,
    `New loans from ${coops} cooperatives in the last ${days} days`,
  );

export const creditShopping = (coops: number, days: number): RiskFlag =>
  flag(
    'CREDIT_SHOPPING',
    `Permintaan data dari ${coops} koperasi dalam ${days} hari terakhir`,
    `Credit inquiries from ${coops} cooperatives in the last ${days} days`,
  );

export const restructured = (months: number): RiskFlag =>
  flag(
    'RESTRUCTURED_12M',
    `Pinjaman direstrukturisasi dalam ${months} bulan terakhir`,
    `Loan restructured in the last ${months} months`,
  );

export const highIndebtedness = (limitRupiah: number): RiskFlag =>
  flag(
    'HIGH_INDEBTEDNESS',
    `Total baki debet pinjaman aktif di atas Rp${groupThousands(limitRupiah, '.')}`,
    `Total outstanding on active loans above Rp${groupThousands(limitRupiah, ',')}`,
  );

export const identityMismatch = (): RiskFlag =>
  flag(
    'IDENTITY_MISMATCH',
    'Nama atau tanggal lahir berbeda antar koperasi pelapor',
    'Name or birth date differs between reporting cooperatives',
  );

export const thinFile = (minMonths: number): RiskFlag =>
  flag(
    'THIN_FILE',
    `Riwayat pelaporan kurang dari ${minMonths} bulan`,
    `Fewer than ${minMonths} months of reported history`,
  );

export const disputedRecord = (): RiskFlag =>
  flag('DISPUTED_RECORD', 'Ada data pinjaman yang sedang disanggah', 'A loan record is under dispute');
