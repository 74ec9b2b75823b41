import { useState } from 'preact/hooks';
import { api, query } from '../../api';
import { PagedFooter } from '../../components/paged-footer';
import { usePagedQuery } from '../../components/use-paged';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, formatNumber, Lang, Text, useLang, useText } from '../../i18n';
import { navigate } from '../../router';
import type { Session } from '../../session';
import { Alert, ALERT_TYPES, AlertDigest, AlertPage, AlertType, shortRef } from './types';
import { severityWords, typeWords } from './words';

const text: Text<{
  digestTitle: string;
  digestNone: string;
  digestTotal: string;
  inboxTitle: string;
  reload: string;
  type: string;
  allTypes: string;
  when: string;
  severity: string;
  borrower: string;
  lender: string;
  message: string;
  actions: string;
  read: string;
  unreadBadge: string;
  acknowledge: string;
  acknowledgeLabel: string;
  acknowledging: string;
  acknowledged: string;
  openReport: string;
  openReportLabel: string;
  reportNote: string;
  noConsent: string;
  reportElsewhere: string;
  none: string;
  more: string;
  loading: string;
  wib: string;
}> = {
  id: {
    digestTitle: 'Ringkasan 7 hari terakhir',
    digestNone: 'Tidak ada peringatan dalam 7 hari terakhir.',
    digestTotal: 'Jumlah: {count} peringatan',
    inboxTitle: 'Kotak peringatan',
    reload: 'Muat ulang',
    type: 'Jenis peringatan',
    allTypes: 'Semua jenis',
    when: 'Waktu',
    severity: 'Tingkat',
    borrower: 'Peminjam (ref)',
    lender: 'Koperasi lain',
    message: 'Peringatan',
    actions: 'Tindakan',
    read: 'Dibaca {at}',
    unreadBadge: 'Baru',
    acknowledge: 'Tandai sudah dibaca',
    acknowledgeLabel: 'Tandai sudah dibaca: {type}, peminjam {ref}',
    acknowledging: 'Menandai…',
    acknowledged: 'Peringatan "{type}" untuk peminjam {ref} ditandai sudah dibaca.',
    openReport: 'Buka laporan',
    openReportLabel: 'Buka laporan peminjam {ref}',
    reportNote:
      'Laporan dibuka di halaman "Periksa pemohon" dengan NIK peminjam (jaringan tidak menyimpan NIK) dan tujuan Pemantauan; persetujuan yang aktif diperlukan.',
    noConsent: 'Belum ada persetujuan aktif untuk membuka laporan.',
    reportElsewhere: 'Laporan dibuka oleh petugas pinjaman di halaman "Periksa pemohon".',
    none: 'Tidak ada peringatan.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
    wib: 'WIB',
  },
  en: {
    digestTitle: 'The last 7 days',
    digestNone: 'No alerts in the last 7 days.',
    digestTotal: 'Total: {count} alerts',
    inboxTitle: 'Alert inbox',
    reload: 'Reload',
    type: 'Alert type',
    allTypes: 'All types',
    when: 'When',
    severity: 'Severity',
    borrower: 'Borrower (ref)',
    lender: 'Other coop',
    message: 'Alert',
    actions: 'Actions',
    read: 'Read {at}',
    unreadBadge: 'New',
    acknowledge: 'Mark as read',
    acknowledgeLabel: 'Mark as read: {type}, borrower {ref}',
    acknowledging: 'Marking…',
    acknowledged: 'Alert "{type}" for borrower {ref} marked as read.',
    openReport: 'Open the report',
    openReportLabel: 'Open the report of borrower {ref}',
    reportNote:
      'The report opens on "Check an applicant" with the borrower\'s NIK (the network does not keep NIKs) and the purpose Monitoring; an active consent is needed.',
    noConsent: 'No active consent to open the report yet.',
    reportElsewhere: 'A loan officer opens the report on "Check an applicant".',
    none: 'No alerts.',
    more: 'Load more',
    loading: 'Loading…',
    wib: 'WIB',
  },
};

/** Counts by type over the digest's days, the types in the order the API lists them. */
function totalsByType(digest: AlertDigest): { type: AlertType; count: number }[] {
  const sums = new Map<AlertType, number>();
  for (const c of digest.counts) sums.set(c.type, (sums.get(c.type) ?? 0) + c.count);
  return ALERT_TYPES.filter((type) => sums.has(type)).map((type) => ({ type, count: sums.get(type)! }));
}

function Digest(props: { digest: AlertDigest | null; error: unknown }) {
  const t = useText(text);
  const lang = useLang();
  const totals = props.digest ? totalsByType(props.digest) : [];
  const all = totals.reduce((n, x) => n + x.count, 0);
  return (
    <Section title={t.digestTitle}>
      <ErrorBox error={props.error} />
      {props.digest && totals.length === 0 && <p class="muted">{t.digestNone}</p>}
      {totals.length > 0 && (
        <>
          <ul class="mon-digest">
            {totals.map((x) => (
              <li key={x.type}>
                <span>{typeWords(x.type, lang)}</span> <strong>{formatNumber(x.count, lang)}</strong>
              </li>
            ))}
          </ul>
          <p class="muted">{fill(t.digestTotal, { count: formatNumber(all, lang) })}</p>
        </>
      )}
    </Section>
  );
}

const wib = (iso: string, lang: Lang, t: typeof text.id) => `${formatDateTime(iso, lang)} ${t.wib}`;

export function AlertsTab(props: {
  session: Session;
  digest: AlertDigest | null;
  digestError: unknown;
  onUnread: (n: number) => void;
  onChanged: () => void;
}) {
  const t = useText(text);
  const lang = useLang();
  const [type, setType] = useState<AlertType | ''>('');
  const alerts = usePagedQuery<Alert, AlertType | ''>(
    async (q, cursor) => {
      const page = await api<AlertPage>('GET', `/api/v1/monitoring/alerts${query({ type: q, limit: 50, cursor })}`);
      props.onUnread(page.unread);
      return page;
    },
    type,
    `alerts-${type}`,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const officer = props.session.user.role === 'LOAN_OFFICER';

  const acknowledge = async (a: Alert) => {
    setBusy(a.id);
    setError(null);
    setNotice(null);
    try {
      await api<Alert>('POST', `/api/v1/monitoring/alerts/${encodeURIComponent(a.id)}/acknowledge`);
      setNotice(fill(t.acknowledged, { type: typeWords(a.type, lang), ref: shortRef(a.subject.ref) }));
      alerts.reload();
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Digest digest={props.digest} error={props.digestError} />
      <Section
        title={t.inboxTitle}
        actions={
          <button
            type="button"
            onClick={() => {
              alerts.reload();
              props.onChanged();
            }}
            disabled={alerts.loading}
          >
            {t.reload}
          </button>
        }
      >
        <div class="row filters">
          <Field label={t.type}>
            {(id) => (
              <select id={id} value={type} onChange={(e) => setType(e.currentTarget.value as AlertType | '')}>
                <option value="">{t.allTypes}</option>
                {ALERT_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {typeWords(x, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p class="muted">{officer ? t.reportNote : t.reportElsewhere}</p>
        <ErrorBox error={alerts.error ?? error} />
        {notice && <Notice kind="success">{notice}</Notice>}
        <div class="table-wrap">
          <table class="mon-alerts mon-stack">
            <thead>
              <tr>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.message}</th>
                <th scope="col">{t.severity}</th>
                <th scope="col">{t.borrower}</th>
                <th scope="col">{t.lender}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.items.map((a) => (
                <tr key={a.id} class={a.acknowledgedAt ? 'mon-read' : 'mon-unread'}>
                  <td class="mon-when" data-label={t.when}>
                    {wib(a.occurredAt, lang, t)}
                    {!a.acknowledgedAt && (
                      <>
                        {' '}
                        <span class="badge mon-new">{t.unreadBadge}</span>
                      </>
                    )}
                  </td>
                  <td class="mon-message">
                    <strong>{typeWords(a.type, lang)}</strong>
                    <div lang={lang}>{lang === 'en' ? a.message.en : a.message.id}</div>
                  </td>
                  <td data-label={t.severity}>
                    <span class={`badge sev-${a.severity}`}>{severityWords(a.severity, lang)}</span>
                  </td>
                  <td data-label={t.borrower}>
                    <code title={a.subject.ref}>{shortRef(a.subject.ref)}</code>
                  </td>
                  <td data-label={t.lender}>{a.lender.alias}</td>
                  <td class="mon-actions">
                    {a.acknowledgedAt ? (
                      <span class="muted">{fill(t.read, { at: wib(a.acknowledgedAt, lang, t) })}</span>
                    ) : (
                      <button
                        type="button"
                        aria-label={fill(t.acknowledgeLabel, {
                          type: typeWords(a.type, lang),
                          ref: shortRef(a.subject.ref),
                        })}
                        disabled={busy !== null}
                        onClick={() => void acknowledge(a)}
                      >
                        {busy === a.id ? t.acknowledging : t.acknowledge}
                      </button>
                    )}
                    {officer &&
                      (a.reportAvailable ? (
                        <button
                          type="button"
                          class="link"
                          aria-label={fill(t.openReportLabel, { ref: shortRef(a.subject.ref) })}
                          onClick={() => navigate('check')}
                        >
                          {t.openReport}
                        </button>
                      ) : (
                        <small class="muted">{t.noConsent}</small>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <PagedFooter list={alerts} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
      </Section>
    </>
  );
}
