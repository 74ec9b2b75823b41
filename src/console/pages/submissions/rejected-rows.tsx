import { useEffect, useState } from 'preact/hooks';
import { request, saveBlob } from '../../api';
import { ErrorBox, Notice } from '../../components/ui';
import { fill, formatNumber, Lang, Text, useLang, useText } from '../../i18n';
import { parseRejectedRows, rejectedRowsCsv, rejectedRowsLanguage, sortRejectedRows } from './csv';
import { TRUNCATION_CODE, type RejectedRow } from './types';
import { reasonInIndonesian } from './reasons';
import { columnName, FIELD_ORDER } from './words';

const text: Text<{
  title: string;
  loading: string;
  caption: string;
  fileCaption: string;
  row: string;
  column: string;
  loanRef: string;
  code: string;
  reason: string;
  more: string;
  download: string;
  downloadHint: string;
  capped: string;
  countsCaption: string;
  count: string;
}> = {
  id: {
    title: 'Baris yang ditolak',
    loading: 'Memuat baris yang ditolak…',
    caption:
      '{rows} baris ditolak, {problems} masalah. Nomor baris sama dengan nomor baris di Excel (judul kolom = baris 1).',
    fileCaption:
      'Masalah yang membuat berkas ditolak: {problems}. Nomor baris sama dengan nomor baris di Excel (judul kolom = baris 1).',
    row: 'Baris',
    column: 'Kolom',
    loanRef: 'No. rekening',
    code: 'Kode',
    reason: 'Alasan',
    more: 'Tampilkan {n} lagi',
    download: 'Unduh baris yang ditolak (CSV)',
    downloadHint: 'Berkas berisi baris, kolom, kode dan alasan; bisa dibuka di Excel.',
    capped:
      'Daftar ini dibatasi: hanya {listed} masalah pertama yang disimpan dan ditampilkan, dari {found} masalah yang ditemukan. Jumlah masalah per kode di bawah ini mencakup semuanya. Kolom tidak dikenal yang berulang dicantumkan sekali saja.',
    countsCaption: 'Jumlah masalah per kode, untuk seluruh pengiriman',
    count: 'Jumlah',
  },
  en: {
    title: 'Rejected rows',
    loading: 'Loading the rejected rows…',
    caption:
      'Rows rejected: {rows}; problems found: {problems}. Row numbers are the ones Excel shows (the header is row 1).',
    fileCaption:
      'Problems that refused the file: {problems}. Row numbers are the ones Excel shows (the header is row 1).',
    row: 'Row',
    column: 'Column',
    loanRef: 'Loan ref',
    code: 'Code',
    reason: 'Reason',
    more: 'Show {n} more',
    download: 'Download the rejected rows (CSV)',
    downloadHint: 'The file has row, field, code and message; it opens in Excel.',
    capped:
      'This list is capped: only the first {listed} problems are kept and shown, of {found} found. The counts by code below cover them all. An unknown field that repeats is listed once.',
    countsCaption: 'Problems by code, over the whole submission',
    count: 'Count',
  },
};

const SHOWN = 100;

/**
 * GET /api/v1/submissions/{id}/errors (CSV) read once, shown a hundred at a time, downloadable for Excel; with the
 * submission's counts by code, and a notice when the server kept only the first of them (SUBMISSION_MAX_STORED_ERRORS).
 */
export function RejectedRows(props: {
  id: string;
  errorCounts?: Record<string, number> | null;
  errorsTruncated?: boolean;
  /** The whole file was refused (the submission's errorCode, shown above it): its row-0 problem is not a row. */
  fileRefused?: boolean;
}) {
  const t = useText(text);
  const lang = useLang();
  const [rows, setRows] = useState<RejectedRow[] | null>(null);
  // The server's answer as it came: in Indonesian, the file to download as it is.
  const [raw, setRaw] = useState('');
  const [shown, setShown] = useState(SHOWN);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    setRows(null);
    setShown(SHOWN);
    // ?lang=id: the server's Indonesian form (its messages, the file's own column names); ?lang=en its default form,
    // whatever the browser's Accept-Language. A server without ?lang answers the default form to both.
    request('GET', `/api/v1/submissions/${props.id}/errors?lang=${lang}`, undefined, { Accept: 'text/csv' })
      .then((res) => res.text())
      .then((csv) => {
        if (!alive) return;
        setRaw(csv);
        setRows(parseRejectedRows(csv));
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [props.id, lang]);

  if (error) return <ErrorBox error={error} />;
  if (!rows) return <p class="muted">{t.loading}</p>;

  // The last line of a capped list says how many more there were: shown as the notice, not as a row; kept in the file.
  const trailer = rows.filter((r) => r.code === TRUNCATION_CODE);
  const all = sortRejectedRows(
    rows.filter((r) => r.code !== TRUNCATION_CODE),
    FIELD_ORDER,
  );
  // Row 0 is the file itself (not text, empty): said once, above, when the file was refused; never a table row.
  const fileLevel = all.filter((r) => r.row === 0);
  const listed = all.filter((r) => r.row > 0);
  if (listed.length === 0 && (props.fileRefused || fileLevel.length === 0)) return null;

  const messageLang = rejectedRowsLanguage(raw);
  // In Indonesian, the server's Indonesian Excel form as it sent it (`;`, BOM, Indonesian headers and messages); from
  // a server without it, and in English, the page writes the file (with a BOM, so Excel reads UTF-8).
  const file =
    messageLang === 'id'
      ? raw.startsWith('\uFEFF')
        ? raw
        : '\uFEFF' + raw
      : rejectedRowsCsv([...all, ...trailer], lang === 'id' ? ';' : ',');
  const download = () =>
    saveBlob(new Blob([file], { type: 'text/csv;charset=utf-8' }), `kcx-rejected-rows-${props.id.slice(0, 8)}.csv`);
  const distinctRows = new Set(listed.map((r) => r.row)).size;
  // The Indonesian form names each row's loan (no_rekening) when it could be read: easier to find in Excel.
  const withLoanRef = listed.some((r) => r.loanRef);
  const rest = listed.length - shown;
  const counts = Object.entries(props.errorCounts ?? {}).sort(([, a], [, b]) => b - a);
  const found = counts.reduce((sum, [, n]) => sum + n, 0);

  return (
    <div class="subm-rejected">
      <div class="card-header">
        <h3>{t.title}</h3>
        <button type="button" onClick={download} aria-describedby={`${props.id}-dl-hint`}>
          {t.download}
        </button>
      </div>
      <p class="muted" id={`${props.id}-dl-hint`}>
        {t.downloadHint}
      </p>
      {!props.fileRefused && fileLevel.length > 0 && (
        <div class="alert alert-error">
          <ul>
            {fileLevel.map((r, i) => (
              <li key={i}>
                <Reason code={r.code} message={r.message} lang={lang} messageLang={messageLang} /> <code>{r.code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.errorsTruncated && (
        <Notice kind="warning">
          {fill(t.capped, { listed: formatNumber(listed.length, lang), found: formatNumber(found, lang) })}
        </Notice>
      )}
      {counts.length > 0 && (
        <div class="table-wrap">
          <table class="subm-counts">
            <caption>{t.countsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.reason}</th>
                <th scope="col" class="num">
                  {t.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map(([code, n]) => (
                <tr key={code}>
                  <td>
                    <code>{code}</code>
                  </td>
                  <td>{(lang === 'id' && reasonInIndonesian(code)) || ''}</td>
                  <td class="num">{formatNumber(n, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="table-wrap">
        <table>
          <caption>
            {fill(props.fileRefused ? t.fileCaption : t.caption, {
              rows: formatNumber(distinctRows, lang),
              problems: formatNumber(listed.length, lang),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t.row}
              </th>
              {withLoanRef && <th scope="col">{t.loanRef}</th>}
              <th scope="col">{t.column}</th>
              <th scope="col">{t.code}</th>
              <th scope="col">{t.reason}</th>
            </tr>
          </thead>
          <tbody>
            {listed.slice(0, shown).map((r, i) => (
              <tr key={i}>
                <td class="num">{r.row}</td>
                {withLoanRef && <td>{r.loanRef && <code>{r.loanRef}</code>}</td>}
                <td>
                  <code>{r.column ?? columnName(r.field, lang)}</code>
                </td>
                <td>
                  <code>{r.code}</code>
                </td>
                <td>
                  <Reason code={r.code} message={r.message} lang={lang} messageLang={messageLang} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rest > 0 && (
        <button type="button" onClick={() => setShown(shown + SHOWN)}>
          {fill(t.more, { n: formatNumber(Math.min(rest, SHOWN), lang) })}
        </button>
      )}
    </div>
  );
}

/**
 * A problem's reason. The server's Indonesian message when it sent one (`messageLang` 'id'); from a server that
 * answered English, the page's plain Indonesian explanation of the code, the English message beside it.
 */
export function Reason(props: { code: string; message: string; lang: Lang; messageLang: Lang }) {
  const plain = props.lang === 'id' && props.messageLang !== 'id' ? reasonInIndonesian(props.code) : null;
  if (!plain) return <>{props.message}</>;
  return (
    <>
      {plain}{' '}
      <small class="muted" lang="en">
        ({props.message})
      </small>
    </>
  );
}
