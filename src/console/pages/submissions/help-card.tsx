import { useId } from 'preact/hooks';
import { Lang, Text, useLang, useText } from '../../i18n';
import { columnName, FIELD_ORDER } from './words';

// The columns of a submission file, their codes and the Excel rules (API.md, "A submission record"), on the page
// where the file is sent: a bookkeeper filling the template in Excel should not need the API document.

const text: Text<{
  title: string;
  show: string;
  caption: string;
  column: string;
  english: string;
  content: string;
  yes: string;
  no: string;
  excelTitle: string;
  csv: string;
  separator: string;
  amounts: string;
  dates: string;
  months: string;
  nikTitle: string;
  nikWhy: string;
  nikBefore: string;
  nikOpen: string;
  nikAfter: string;
}> = {
  id: {
    title: 'Panduan kolom dan Excel',
    show: 'Tampilkan panduan',
    caption: 'Kolom berkas: judul Indonesia (judul Inggris juga diterima), wajib atau tidak, dan isinya',
    column: 'Kolom',
    english: 'Inggris:',
    content: 'Isi',
    yes: 'wajib',
    no: 'tidak wajib',
    excelTitle: 'Aturan untuk Excel',
    csv: 'Simpan sebagai CSV UTF-8: File > Save As (Simpan Sebagai) > "CSV UTF-8 (Comma delimited) (*.csv)". Berkas .xlsx tidak diterima.',
    separator: 'Pemisah kolom titik koma (;) seperti Excel berbahasa Indonesia, atau koma (,).',
    amounts: 'Jumlah uang dalam rupiah utuh: 5.000.000,00 (seperti tampilan Excel) atau 5000000.',
    dates: 'Tanggal DD/MM/YYYY (10/03/2025) atau YYYY-MM-DD (2025-03-10).',
    months:
      'Periode (bulan laporan): MM/YYYY (10/2025) atau YYYY-MM (2025-10). Bila Excel mengubah sel itu menjadi tanggal, ' +
      'bentuk yang ditulisnya juga diterima: Okt-25 atau Nov-26 (bulan-tahun, nama bulan Indonesia atau Inggris) dan ' +
      '01/11/2026 (tanggal lengkap dihitung bulannya).',
    nikTitle: 'Kolom NIK harus berformat Teks',
    nikWhy:
      'Excel menganggap 16 angka NIK sebagai bilangan: ditampilkan 3,37501E+15 dan angka terakhirnya diganti 0 (…0000). ' +
      'NIK seperti itu ditolak ("NIK harus 16 angka" atau nomor urut 0000).',
    nikBefore:
      'Sebelum mengetik atau menempel NIK: pilih kolom nik, klik kanan > Format Cells (Format Sel) > Text (Teks). ' +
      'Templat .csv tidak bisa menyimpan format ini; atur sekali di buku kerja Anda.',
    nikOpen:
      'Membuka CSV yang sudah ada: jangan klik dua kali berkasnya, tetapi Data > From Text/CSV (Dari Teks/CSV), ' +
      'lalu pilih jenis data Text (Teks) untuk kolom nik sebelum Load (Muat).',
    nikAfter:
      'NIK yang sudah berubah tidak bisa dipulihkan dengan mengganti formatnya: angka yang hilang harus diketik ulang dari KTP.',
  },
  en: {
    title: 'Columns and Excel guide',
    show: 'Show the guide',
    caption: 'File columns: Indonesian header (the English one is accepted too), required or not, and what goes in',
    column: 'Column',
    english: 'English:',
    content: 'Content',
    yes: 'required',
    no: 'optional',
    excelTitle: 'Rules for Excel',
    csv: 'Save as CSV UTF-8: File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)". An .xlsx workbook is not accepted.',
    separator: "Columns separated by ';' as Indonesian Excel writes, or by ','.",
    amounts: 'Amounts in whole rupiah: 5.000.000,00 (as Indonesian Excel shows them) or 5000000.',
    dates: 'Dates as DD/MM/YYYY (10/03/2025) or YYYY-MM-DD (2025-03-10).',
    months:
      'Period (the reported month): MM/YYYY (10/2025) or YYYY-MM (2025-10). When Excel turns the cell into a date, what ' +
      'it writes back is accepted too: Okt-25 or Nov-26 (month-year, Indonesian or English month names) and 01/11/2026 ' +
      '(a whole date counts as its month).',
    nikTitle: 'Keep the NIK column as Text',
    nikWhy:
      'Excel takes a 16-digit NIK for a number: it shows 3,37501E+15 and replaces the last digit with 0 (…0000). Such a ' +
      'NIK is refused ("NIK must be 16 digits" or serial 0000).',
    nikBefore:
      'Before typing or pasting NIKs: select the nik column, right-click > Format Cells > Text. A .csv template cannot ' +
      'keep this format; set it once in your workbook.',
    nikOpen:
      'Opening an existing CSV: do not double-click it; use Data > From Text/CSV and choose the data type Text for the ' +
      'nik column before Load.',
    nikAfter:
      'A NIK Excel has changed cannot be restored by changing the format afterwards: retype the lost digits from the ID card.',
  },
};

const REQUIRED = new Set([
  'nik',
  'fullName',
  'birthDate',
  'loanRef',
  'facilityType',
  'principal',
  'disbursedAt',
  'condition',
  'period',
  'outstanding',
  'daysPastDue',
]);

// What goes in each column (API.md's rules), in the reader's language.
const CONTENT: Record<string, Record<Lang, string>> = {
  nik: {
    id: 'NIK KTP, 16 angka; kolom berformat Teks (lihat di bawah).',
    en: 'The ID card NIK, 16 digits; a Text column (see below).',
  },
  fullName: { id: 'Nama lengkap, 1–100 karakter.', en: 'Full name, 1–100 characters.' },
  birthDate: { id: 'Tanggal; sama dengan tanggal lahir di dalam NIK.', en: "Date; the same as the NIK's birth date." },
  loanRef: {
    id: 'Nomor pinjaman di koperasi Anda, 1–50 karakter, tetap sama setiap bulan.',
    en: "Your coop's own loan number, 1–50 characters, the same every month.",
  },
  facilityType: { id: 'Salah satu kode:', en: 'One of the codes:' },
  principal: { id: 'Jumlah pinjaman, lebih dari 0.', en: 'Loan amount, above 0.' },
  creditLimit: {
    id: 'Batas kredit, 0 atau lebih; kosong = plafon_awal.',
    en: 'Credit limit, 0 or more; empty = principal.',
  },
  disbursedAt: { id: 'Tanggal pencairan, tidak di masa depan.', en: 'Disbursement date, not in the future.' },
  maturityDate: { id: 'Tanggal jatuh tempo.', en: 'Maturity date.' },
  condition: { id: 'Kode kondisi SLIK:', en: 'SLIK condition code:' },
  period: {
    id: 'Bulan laporan, tidak setelah bulan ini: 10/2025 atau 2025-10 (juga Okt-25, 01/10/2025).',
    en: 'The reported month, not after this month: 10/2025 or 2025-10 (also Oct-25, 01/10/2025).',
  },
  outstanding: { id: 'Baki debet, 0 atau lebih.', en: 'Outstanding, 0 or more.' },
  arrearsPrincipal: {
    id: 'Tunggakan pokok, 0 atau lebih, tidak lebih dari baki debet.',
    en: 'Principal in arrears, 0 or more, not above outstanding.',
  },
  arrearsInterest: { id: 'Tunggakan bunga, 0 atau lebih.', en: 'Interest in arrears, 0 or more.' },
  daysPastDue: { id: 'Hari tunggakan, 0–9999.', en: 'Days past due, 0–9999.' },
  paidAmount: { id: 'Pembayaran bulan ini, 0 atau lebih.', en: "This month's payment, 0 or more." },
  restructureCount: { id: 'Berapa kali direstrukturisasi, 0 atau lebih.', en: 'Times restructured, 0 or more.' },
};

const CODES: Record<string, [code: string, meaning: Record<Lang, string>][]> = {
  facilityType: [
    [
      'INSTALLMENT',
      { id: 'Angsuran: dicicil tetap sampai jatuh tempo', en: 'Installment: fixed repayments to maturity' },
    ],
    [
      'REVOLVING',
      {
        id: 'Rekening koran (revolving): batas kredit yang bisa dipakai berulang',
        en: 'Revolving: a limit drawn again and again',
      },
    ],
  ],
  condition: [
    ['00', { id: 'Aktif', en: 'Active' }],
    ['02', { id: 'Lunas', en: 'Paid off' }],
    ['03', { id: 'Hapus buku', en: 'Written off' }],
    ['04', { id: 'Hapus tagih', en: 'Claim waived' }],
    ['12', { id: 'Lunas dengan diskon', en: 'Paid with discount' }],
    ['13', { id: 'Diblokir', en: 'Blocked' }],
  ],
};

/** Closed until asked for: the upload stays near the top of the page. */
export function HelpCard() {
  const t = useText(text);
  const lang = useLang();
  const titleId = useId();
  return (
    <section class="card subm-help" aria-labelledby={titleId}>
      <header class="card-header">
        <h2 id={titleId}>{t.title}</h2>
      </header>
      <details>
        <summary>{t.show}</summary>
        <div class="table-wrap">
          <table class="subm-help-columns">
            <caption>{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.column}</th>
                <th scope="col">{t.content}</th>
              </tr>
            </thead>
            <tbody>
              {FIELD_ORDER.map((field) => (
                <tr key={field}>
                  <th scope="row">
                    <code>{columnName(field, 'id')}</code>
                    <small class="hint">
                      {t.english} <code>{columnName(field, 'en')}</code> · {REQUIRED.has(field) ? t.yes : t.no}
                    </small>
                  </th>
                  <td>
                    {CONTENT[field]?.[lang]}
                    {CODES[field] && (
                      <ul class="subm-codes">
                        {CODES[field].map(([code, meaning]) => (
                          <li key={code}>
                            <code>{code}</code> {meaning[lang]}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t.excelTitle}</h3>
        <ul>
          <li>{t.csv}</li>
          <li>{t.separator}</li>
          <li>{t.amounts}</li>
          <li>{t.dates}</li>
          <li>{t.months}</li>
        </ul>
        <h3>{t.nikTitle}</h3>
        <p>{t.nikWhy}</p>
        <ol>
          <li>{t.nikBefore}</li>
          <li>{t.nikOpen}</li>
        </ol>
        <p class="muted">{t.nikAfter}</p>
      </details>
    </section>
  );
}
