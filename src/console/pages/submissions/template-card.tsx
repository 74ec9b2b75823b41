import { Section } from '../../components/ui';
import { Text, useText } from '../../i18n';

const text: Text<{
  title: string;
  intro: string;
  excel: string;
  rows: string;
  limits: string;
  rules: string;
  templateId: string;
  templateEn: string;
}> = {
  id: {
    title: '1. Siapkan berkas',
    intro:
      'Satu baris adalah keadaan satu pinjaman pada satu bulan (periode). Isi templat di Excel, lalu simpan sebagai CSV.',
    excel:
      'Berkas dari Excel berbahasa Indonesia bisa langsung dikirim: pemisah titik koma (;) atau koma (,), angka seperti yang ' +
      'ditampilkan Excel (5.000.000,00) atau tanpa titik (5000000), tanggal DD/MM/YYYY atau YYYY-MM-DD, judul kolom ' +
      'Indonesia (nama, baki_debet, …) atau Inggris.',
    rows: 'Mengirim lagi pinjaman dan periode yang sama mengganti data sebelumnya; nilai lama tetap tercatat sebagai riwayat koreksi.',
    limits: 'Paling besar 100 MB atau 500.000 baris per berkas.',
    rules:
      'Baris yang tidak masuk akal ditolak: baki debet atau tunggakan (pokok + bunga) lebih dari 3 kali plafon, tunggakan pokok ' +
      'lebih dari baki debet, pinjaman lunas (kondisi 02 atau 12) yang masih punya baki debet, tunggakan atau hari tunggakan, ' +
      'tanggal mulai sebelum 1960 atau sebelum peminjam berumur 16 tahun, jatuh tempo lebih dari 50 tahun setelah tanggal mulai, ' +
      'nama tanpa huruf atau dengan karakter tak terlihat, dan NIK di kolom selain nik. Hanya masalah-masalah pertama (bawaannya 1.000) ' +
      'yang dicantumkan; sisanya dihitung per kode.',
    templateId: 'Unduh templat (judul kolom Indonesia, untuk Excel)',
    templateEn: 'Unduh templat (judul kolom Inggris)',
  },
  en: {
    title: '1. Prepare the file',
    intro: "One row is one loan's state in one month (period). Fill in the template in Excel, then save it as CSV.",
    excel:
      "Files from Indonesian Excel can be sent as they are: ';' or ',' as separator, amounts as Excel shows them " +
      '(5.000.000,00) or plain (5000000), dates as DD/MM/YYYY or YYYY-MM-DD, Indonesian (nama, baki_debet, …) or English ' +
      'column headers.',
    rows: 'Sending the same loan and period again replaces the earlier data; the old values are kept as a correction history.',
    limits: 'At most 100 MB or 500,000 rows per file.',
    rules:
      'Implausible rows are refused: outstanding or arrears (principal + interest) above 3 times the loan amount, principal ' +
      'in arrears above outstanding, a settled loan (condition 02 or 12) with anything outstanding, in arrears or days past ' +
      'due, a disbursement before 1960 or before the borrower turned 16, maturity more than 50 years after disbursement, a ' +
      'name without letters or with invisible characters, and a NIK in any column but nik. Only the first problems (1,000 by default) ' +
      'are listed; the rest are counted by code.',
    templateId: 'Download the template (Indonesian headers, for Excel)',
    templateEn: 'Download the template (English headers)',
  },
};

/** The template is public (no token), so plain links download it. */
export function TemplateCard() {
  const t = useText(text);
  return (
    <Section title={t.title}>
      <p>{t.intro}</p>
      <ul class="subm-downloads">
        <li>
          <a href="/api/v1/submissions/template.csv?lang=id" download="kcx-templat.csv">
            {t.templateId}
          </a>
        </li>
        <li>
          <a href="/api/v1/submissions/template.csv?lang=en" download="kcx-template.csv">
            {t.templateEn}
          </a>
        </li>
      </ul>
      <p>{t.excel}</p>
      <p>{t.rules}</p>
      <p class="muted">
        {t.rows} {t.limits}
      </p>
    </Section>
  );
}
