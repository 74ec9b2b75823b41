import type { Lang } from '../../i18n';

// A longer, plain-language reading of each risk flag (codes: src/modules/risk/flags/flag-definitions.ts and the
// README's flag table), with what the officer can do about it. The API's own one-line message comes first on the
// page; this says why it matters. A code the console does not know yet shows the API's message alone.
const EXPLANATIONS: Record<string, Record<Lang, string>> = {
  DELINQUENT_ELSEWHERE: {
    id: 'Pemohon sedang menunggak di koperasi lain: cicilan yang jatuh tempo belum dibayar lebih dari sebulan. Orang yang sedang menunggak di satu tempat sering kesulitan membayar pinjaman baru. Tanyakan penyebabnya dan minta bukti pembayaran terbaru sebelum memutuskan.',
    en: 'The applicant is behind on a loan at another cooperative: an installment has been unpaid for more than a month. Someone in arrears in one place often struggles with a new loan too. Ask why, and ask for proof of the latest payment before deciding.',
  },
  SEVERE_DELINQUENCY_12M: {
    id: 'Dalam setahun terakhir ada pinjaman pemohon yang menunggak lebih dari 90 hari (Kurang Lancar atau lebih buruk), yaitu sudah tergolong kredit bermasalah. Walaupun sekarang mungkin sudah lancar lagi, ini menunjukkan pemohon pernah tidak mampu membayar dalam waktu lama.',
    en: "In the last year one of the applicant's loans was more than 90 days past due (substandard or worse), which counts as a non-performing loan. Even if it is current again now, the applicant was once unable to pay for a long time.",
  },
  WRITTEN_OFF_24M: {
    id: 'Dalam dua tahun terakhir ada pinjaman pemohon yang macet, dihapusbukukan atau tagihannya dihapus: koperasi pemberi pinjaman menganggap uangnya tidak kembali. Ini tanda risiko paling berat; pertimbangkan dengan sangat hati-hati.',
    en: 'In the last two years a loan of the applicant went into loss, was written off or had its claim waived: the lender gave up on being repaid. This is the most serious warning; weigh it very carefully.',
  },
  IDENTITY_MISMATCH: {
    id: 'Koperasi-koperasi yang melapor mencatat nama atau tanggal lahir yang berbeda untuk NIK ini. Bisa jadi salah ketik, tetapi bisa juga NIK dipakai orang lain. Cocokkan KTP asli pemohon dengan orangnya sebelum melanjutkan.',
    en: "The reporting cooperatives hold different names or birth dates for this NIK. It may be a typing error, but the NIK may also be used by someone else. Check the applicant's original ID card against the person before going on.",
  },
  MULTIPLE_LENDERS: {
    id: 'Pemohon sedang punya pinjaman aktif di tiga koperasi atau lebih sekaligus. Cicilan dari banyak tempat mudah menumpuk melebihi penghasilan. Hitung ulang seluruh cicilan bulanannya terhadap penghasilan.',
    en: 'The applicant has active loans at three or more cooperatives at once. Installments from many lenders easily add up to more than the income. Add up all monthly installments against the income.',
  },
  LOAN_STACKING: {
    id: 'Dalam 90 hari terakhir pemohon mendapat pinjaman baru dari beberapa koperasi. Pola ini sering terjadi ketika seseorang meminjam di satu tempat untuk menutup pinjaman di tempat lain.',
    en: 'In the last 90 days the applicant got new loans from several cooperatives. This pattern often shows someone borrowing in one place to pay off another.',
  },
  CREDIT_SHOPPING: {
    id: 'Dalam sebulan terakhir tiga koperasi atau lebih sudah memeriksa pemohon untuk pengajuan pinjaman baru. Pemohon mungkin sedang mengajukan pinjaman di banyak tempat sekaligus. Tanyakan apakah ada pengajuan lain yang sedang berjalan.',
    en: 'In the last month three or more cooperatives checked the applicant for a new loan application. The applicant may be applying in many places at once. Ask whether other applications are under way.',
  },
  RESTRUCTURED_12M: {
    id: 'Dalam setahun terakhir salah satu pinjaman pemohon direstrukturisasi (jadwal atau syaratnya diubah karena pemohon kesulitan membayar). Pemohon pernah butuh keringanan; pastikan kemampuan bayarnya sekarang.',
    en: "In the last year one of the applicant's loans was restructured (its schedule or terms changed because the applicant had trouble paying). The applicant needed relief once; make sure they can pay now.",
  },
  HIGH_INDEBTEDNESS: {
    id: 'Total sisa pinjaman aktif pemohon di seluruh koperasi di atas Rp200 juta. Utang sebesar ini berat untuk anggota koperasi pada umumnya; periksa penghasilan dan agunan dengan teliti.',
    en: "The applicant's total outstanding on active loans across all cooperatives is above Rp200 million. A debt this size is heavy for most cooperative members; check income and collateral closely.",
  },
  THIN_FILE: {
    id: 'Riwayat pemohon di jaringan masih pendek (kurang dari 6 bulan laporan), jadi skor belum bisa banyak bercerita. Ini bukan tanda buruk; nilai pemohon dengan cara biasa (penghasilan, usaha, penjamin).',
    en: 'The applicant has little history in the network (fewer than 6 reported months), so the score says little yet. This is not a bad sign; judge the applicant the usual way (income, business, guarantor).',
  },
  DISPUTED_RECORD: {
    id: 'Ada data pinjaman pemohon yang sedang disanggah dan belum diselesaikan oleh koperasi pelapornya. Data itu mungkin keliru; jangan jadikan satu-satunya dasar penolakan sampai sanggahan selesai.',
    en: 'A loan record of the applicant is under dispute and not yet settled by the reporting cooperative. It may be wrong; do not refuse on that record alone until the dispute is settled.',
  },
};

export function flagExplanation(code: string, lang: Lang): string | null {
  return EXPLANATIONS[code]?.[lang] ?? null;
}
