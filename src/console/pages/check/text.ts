import type { Text } from '../../i18n';
import type { ConsentCode, EvidenceType, Purpose, Severity } from './types';

// Every word of the "check an applicant" page, Bahasa Indonesia first.
export const text: Text<{
  title: string;
  intro: string;
  nik: string;
  nikHint: string;
  purpose: string;
  purposeNEW_APPLICATION: string;
  purposeMONITORING: string;
  check: string;
  checking: string;
  newCheck: string;
  refusedSuspended: string;
  refusedNotReporting: string;
  consentTitle: string;
  consentMISSING: string;
  consentEXPIRED: string;
  consentREVOKED: string;
  consentFor: string;
  evidenceType: string;
  evidenceSIGNED_FORM: string;
  evidenceDIGITAL_SIGNATURE: string;
  evidenceOTP: string;
  reference: string;
  referenceHintSIGNED_FORM: string;
  referenceHintDIGITAL_SIGNATURE: string;
  referenceHintOTP: string;
  expiresAt: string;
  expiresAtHint: string;
  recordConsent: string;
  recording: string;
  cancel: string;
  consentRecorded: string;
  profileTitle: string;
  profileShown: string;
  printReport: string;
  reportTitle: string;
  reportCoop: string;
  reportCoopId: string;
  reportOfficer: string;
  reportAt: string;
  reportPurpose: string;
  reportId: string;
  reportConsent: string;
  reportConfidential: string;
  summary: string;
  activeLoans: string;
  activeLenders: string;
  totalOutstanding: string;
  totalArrears: string;
  worst: string;
  worstNow: string;
  worst12: string;
  worst24: string;
  none: string;
  inquiries: string;
  inquiriesHint: string;
  inquiries7: string;
  inquiries30: string;
  inquiries90: string;
  risk: string;
  grade: string;
  score: string;
  scoreScale: string;
  gradeA: string;
  gradeB: string;
  gradeC: string;
  gradeD: string;
  gradeE: string;
  model: string;
  flags: string;
  noFlags: string;
  showLoans: string;
  severityHIGH: string;
  severityMEDIUM: string;
  severityLOW: string;
  loans: string;
  noLoans: string;
  lender: string;
  own: string;
  loanRef: string;
  facility: string;
  facilityINSTALLMENT: string;
  facilityREVOLVING: string;
  since: string;
  principal: string;
  outstanding: string;
  daysPastDue: string;
  collectibility: string;
  condition: string;
  status: string;
  disputed: string;
  actions: string;
  openDispute: string;
  history: string;
  historyIntro: string;
  month: string;
  noReport: string;
  kol1: string;
  kol2: string;
  kol3: string;
  kol4: string;
  kol5: string;
  disputeTitle: string;
  disputeIntro: string;
  disputeLoan: string;
  reason: string;
  reasonHint: string;
  sendDispute: string;
  sending: string;
  disputeOpened: string;
}> = {
  id: {
    title: 'Periksa pemohon',
    intro: 'Masukkan NIK pemohon dan tujuan pemeriksaan. NIK hanya dikirim ke server dan tidak disimpan di browser.',
    nik: 'NIK',
    nikHint: '16 angka sesuai KTP',
    purpose: 'Tujuan pemeriksaan',
    purposeNEW_APPLICATION: 'Pengajuan pinjaman baru',
    purposeMONITORING: 'Pemantauan pinjaman berjalan',
    check: 'Periksa',
    checking: 'Memeriksa…',
    newCheck: 'Periksa pemohon lain',
    refusedSuspended:
      'Keanggotaan koperasi Anda di jaringan sedang dibekukan, sehingga pemeriksaan tidak dapat dilakukan. Hubungi operator jaringan.',
    refusedNotReporting:
      'Koperasi Anda belum mengirim data pinjaman terbaru. Jaringan berprinsip timbal balik: kirim data bulan terakhir terlebih dahulu, lalu periksa lagi.',
    consentTitle: 'Catat persetujuan pemohon',
    consentMISSING:
      'Belum ada persetujuan pemohon untuk tujuan ini. Catat persetujuan yang sudah ditandatangani pemohon, lalu pemeriksaan dijalankan lagi.',
    consentEXPIRED: 'Persetujuan pemohon untuk tujuan ini sudah habis masa berlakunya. Catat persetujuan yang baru.',
    consentREVOKED: 'Pemohon telah mencabut persetujuannya. Periksa hanya jika pemohon memberikan persetujuan baru.',
    consentFor: 'Untuk NIK berakhiran {end}, tujuan: {purpose}.',
    evidenceType: 'Jenis bukti persetujuan',
    evidenceSIGNED_FORM: 'Formulir bertanda tangan',
    evidenceDIGITAL_SIGNATURE: 'Tanda tangan digital',
    evidenceOTP: 'Kode OTP',
    reference: 'Nomor bukti',
    referenceHintSIGNED_FORM: 'Nomor formulir persetujuan, misalnya FORM-PK-2026-000123',
    referenceHintDIGITAL_SIGNATURE: 'Nomor dokumen tanda tangan digital',
    referenceHintOTP: 'Nomor transaksi OTP',
    expiresAt: 'Berlaku sampai (tidak wajib)',
    expiresAtHint: 'Kosongkan untuk masa berlaku standar: 30 hari (pinjaman baru) atau 1 tahun (pemantauan).',
    recordConsent: 'Catat persetujuan dan periksa',
    recording: 'Mencatat…',
    cancel: 'Batal',
    consentRecorded: 'Persetujuan dicatat.',
    profileTitle: 'Laporan kredit pemohon',
    profileShown: 'Laporan kredit ditampilkan.',
    printReport: 'Cetak laporan',
    reportTitle: 'Laporan Kredit Antar Koperasi (KCX)',
    reportCoop: 'Koperasi',
    reportCoopId: 'ID koperasi',
    reportOfficer: 'Petugas',
    reportAt: 'Waktu laporan',
    reportPurpose: 'Tujuan',
    reportId: 'Nomor laporan',
    reportConsent: 'Nomor persetujuan',
    reportConfidential:
      'Rahasia. Hanya untuk keputusan kredit atas pemohon ini, sesuai persetujuan pemohon (UU PDP 27/2022).',
    summary: 'Ringkasan',
    activeLoans: 'Pinjaman aktif',
    activeLenders: 'Koperasi pemberi pinjaman',
    totalOutstanding: 'Total baki debet',
    totalArrears: 'Total tunggakan',
    worst: 'Kolektibilitas terburuk',
    worstNow: 'Saat ini',
    worst12: '12 bulan terakhir',
    worst24: '24 bulan terakhir',
    none: 'Tidak ada',
    inquiries: 'Permintaan data oleh koperasi',
    inquiriesHint: 'Jumlah koperasi yang memeriksa pemohon, termasuk pemeriksaan ini.',
    inquiries7: '7 hari',
    inquiries30: '30 hari',
    inquiries90: '90 hari',
    risk: 'Penilaian risiko',
    grade: 'Peringkat',
    score: 'Skor',
    scoreScale: 'Skala 250 (risiko tertinggi) sampai 900 (risiko terendah); peringkat A terbaik sampai E.',
    gradeA: 'Risiko sangat rendah',
    gradeB: 'Risiko rendah',
    gradeC: 'Risiko sedang',
    gradeD: 'Risiko tinggi',
    gradeE: 'Risiko sangat tinggi',
    model: 'Model {model}, dihitung {at}',
    flags: 'Tanda risiko',
    noFlags: 'Tidak ada tanda risiko.',
    showLoans: 'Tunjukkan di tabel',
    severityHIGH: 'Tinggi',
    severityMEDIUM: 'Sedang',
    severityLOW: 'Rendah',
    loans: 'Pinjaman',
    noLoans: 'Tidak ada koperasi yang melaporkan pinjaman atas pemohon ini.',
    lender: 'Koperasi',
    own: 'koperasi Anda',
    loanRef: 'No. rekening',
    facility: 'Fasilitas',
    facilityINSTALLMENT: 'Angsuran',
    facilityREVOLVING: 'Rekening koran',
    since: 'sejak {date}',
    principal: 'Plafon awal',
    outstanding: 'Baki debet',
    daysPastDue: 'Hari tunggakan',
    collectibility: 'Kolektibilitas',
    condition: 'Kondisi',
    status: 'Status',
    disputed: 'Disanggah',
    actions: 'Tindakan',
    openDispute: 'Ajukan sanggahan',
    history: 'Riwayat kolektibilitas 24 bulan',
    historyIntro: 'Bulan terbaru di kiri. Kotak abu-abu: tidak ada laporan untuk bulan itu.',
    month: 'Bulan',
    noReport: 'tidak ada laporan',
    kol1: 'Lancar',
    kol2: 'Dalam Perhatian Khusus',
    kol3: 'Kurang Lancar',
    kol4: 'Diragukan',
    kol5: 'Macet',
    disputeTitle: 'Sanggah data pinjaman',
    disputeIntro:
      'Ajukan sanggahan bila pemohon menyatakan data pinjaman ini keliru. Koperasi pelapor wajib menanggapi; selama sanggahan terbuka pinjaman ditandai "Disanggah" di setiap laporan.',
    disputeLoan: 'Pinjaman: {lender}, {facility}, baki debet {outstanding}',
    reason: 'Alasan sanggahan',
    reasonHint: 'Apa yang keliru menurut pemohon, dan buktinya (misalnya: lunas Maret 2026, bukti pelunasan ada).',
    sendDispute: 'Kirim sanggahan',
    sending: 'Mengirim…',
    disputeOpened:
      'Sanggahan untuk pinjaman {lender} dicatat. Koperasi pelapor harus menanggapinya paling lambat {due}.',
  },
  en: {
    title: 'Check an applicant',
    intro:
      "Enter the applicant's NIK and the purpose of the check. The NIK is only sent to the server and never kept in the browser.",
    nik: 'NIK',
    nikHint: '16 digits, as on the ID card',
    purpose: 'Purpose of the check',
    purposeNEW_APPLICATION: 'New loan application',
    purposeMONITORING: 'Monitoring an existing loan',
    check: 'Check',
    checking: 'Checking…',
    newCheck: 'Check another applicant',
    refusedSuspended:
      "Your cooperative's membership of the network is suspended, so checks are not possible. Contact the network operator.",
    refusedNotReporting:
      'Your cooperative has not sent recent loan data. The network works both ways: send the latest month first, then check again.',
    consentTitle: "Record the applicant's consent",
    consentMISSING:
      'There is no consent from the applicant for this purpose. Record the consent the applicant signed, and the check runs again.',
    consentEXPIRED: "The applicant's consent for this purpose has expired. Record a new one.",
    consentREVOKED: 'The applicant has withdrawn their consent. Check only if the applicant gives a new consent.',
    consentFor: 'For the NIK ending {end}, purpose: {purpose}.',
    evidenceType: 'Evidence type',
    evidenceSIGNED_FORM: 'Signed form',
    evidenceDIGITAL_SIGNATURE: 'Digital signature',
    evidenceOTP: 'OTP code',
    reference: 'Evidence number',
    referenceHintSIGNED_FORM: 'Number of the consent form, e.g. FORM-PK-2026-000123',
    referenceHintDIGITAL_SIGNATURE: 'Number of the digitally signed document',
    referenceHintOTP: 'OTP transaction number',
    expiresAt: 'Valid until (optional)',
    expiresAtHint: 'Leave empty for the default: 30 days (new application) or 1 year (monitoring).',
    recordConsent: 'Record consent and check',
    recording: 'Recording…',
    cancel: 'Cancel',
    consentRecorded: 'Consent recorded.',
    profileTitle: "Applicant's credit report",
    profileShown: 'Credit report shown.',
    printReport: 'Print the report',
    reportTitle: 'Cooperative Credit Exchange (KCX) credit report',
    reportCoop: 'Cooperative',
    reportCoopId: 'Cooperative id',
    reportOfficer: 'Officer',
    reportAt: 'Report time',
    reportPurpose: 'Purpose',
    reportId: 'Report number',
    reportConsent: 'Consent number',
    reportConfidential:
      "Confidential. Only for the credit decision on this applicant, under the applicant's consent (UU PDP 27/2022).",
    summary: 'Summary',
    activeLoans: 'Active loans',
    activeLenders: 'Lending cooperatives',
    totalOutstanding: 'Total outstanding',
    totalArrears: 'Total arrears',
    worst: 'Worst collectibility',
    worstNow: 'Now',
    worst12: 'Last 12 months',
    worst24: 'Last 24 months',
    none: 'None',
    inquiries: 'Checks by cooperatives',
    inquiriesHint: 'How many cooperatives checked the applicant, this check included.',
    inquiries7: '7 days',
    inquiries30: '30 days',
    inquiries90: '90 days',
    risk: 'Risk assessment',
    grade: 'Grade',
    score: 'Score',
    scoreScale: 'Scale 250 (highest risk) to 900 (lowest risk); grade A is best, E worst.',
    gradeA: 'Very low risk',
    gradeB: 'Low risk',
    gradeC: 'Medium risk',
    gradeD: 'High risk',
    gradeE: 'Very high risk',
    model: 'Model {model}, computed {at}',
    flags: 'Risk flags',
    noFlags: 'No risk flags.',
    showLoans: 'Show in the table',
    severityHIGH: 'High',
    severityMEDIUM: 'Medium',
    severityLOW: 'Low',
    loans: 'Loans',
    noLoans: 'No cooperative reports a loan for this applicant.',
    lender: 'Cooperative',
    own: 'your cooperative',
    loanRef: 'Account no.',
    facility: 'Facility',
    facilityINSTALLMENT: 'Installment',
    facilityREVOLVING: 'Revolving',
    since: 'since {date}',
    principal: 'Principal',
    outstanding: 'Outstanding',
    daysPastDue: 'Days past due',
    collectibility: 'Collectibility',
    condition: 'Condition',
    status: 'Status',
    disputed: 'Disputed',
    actions: 'Actions',
    openDispute: 'Open a dispute',
    history: '24-month collectibility history',
    historyIntro: 'Newest month on the left. Grey box: no report for that month.',
    month: 'Month',
    noReport: 'no report',
    kol1: 'Current (Lancar)',
    kol2: 'Special mention (Dalam Perhatian Khusus)',
    kol3: 'Substandard (Kurang Lancar)',
    kol4: 'Doubtful (Diragukan)',
    kol5: 'Loss (Macet)',
    disputeTitle: 'Dispute a loan record',
    disputeIntro:
      'Open a dispute when the applicant says this loan record is wrong. The reporting cooperative must answer; while the dispute is open the loan is marked "Disputed" in every report.',
    disputeLoan: 'Loan: {lender}, {facility}, outstanding {outstanding}',
    reason: 'Reason for the dispute',
    reasonHint: 'What the applicant says is wrong, and the proof (e.g. repaid in March 2026, receipt available).',
    sendDispute: 'Send the dispute',
    sending: 'Sending…',
    disputeOpened: 'Dispute on the {lender} loan recorded. The reporting cooperative must answer by {due}.',
  },
};

export type Words = (typeof text)['id'];

export const purposeLabel = (t: Words, p: Purpose): string => t[`purpose${p}`];
export const evidenceLabel = (t: Words, e: EvidenceType): string => t[`evidence${e}`];
export const referenceHint = (t: Words, e: EvidenceType): string => t[`referenceHint${e}`];
export const severityLabel = (t: Words, s: Severity): string => t[`severity${s}`] ?? s;
export const consentReason = (t: Words, code: ConsentCode): string =>
  t[code === 'CONSENT.EXPIRED' ? 'consentEXPIRED' : code === 'CONSENT.REVOKED' ? 'consentREVOKED' : 'consentMISSING'];

export function facilityLabel(t: Words, facility: string): string {
  return facility === 'INSTALLMENT' || facility === 'REVOLVING' ? t[`facility${facility}`] : facility;
}

export const kolName = (t: Words, kol: 1 | 2 | 3 | 4 | 5): string => t[`kol${kol}`];

/** "3 Kurang Lancar"; the number stays, it is what the banks' iDeb prints. */
export function kolLabel(t: Words, kol: number | null): string {
  if (kol === null) return t.none;
  return kol >= 1 && kol <= 5 ? `${kol} ${kolName(t, kol as 1 | 2 | 3 | 4 | 5)}` : String(kol);
}

export function gradeMeaning(t: Words, grade: string): string {
  return grade === 'A' || grade === 'B' || grade === 'C' || grade === 'D' || grade === 'E' ? t[`grade${grade}`] : '';
}

// SLIK condition codes of API.md; anything else shows as its code.
const CONDITIONS: Record<string, { id: string; en: string }> = {
  '00': { id: 'Aktif', en: 'Active' },
  '02': { id: 'Lunas', en: 'Paid off' },
  '03': { id: 'Hapus buku', en: 'Written off' },
  '04': { id: 'Hapus tagih', en: 'Claim waived' },
  '12': { id: 'Lunas dengan diskon', en: 'Paid with discount' },
  '13': { id: 'Diblokir', en: 'Blocked' },
};

export function conditionLabel(lang: 'id' | 'en', code: string): string {
  return CONDITIONS[code]?.[lang] ?? code;
}
