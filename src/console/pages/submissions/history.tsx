import { query } from '../../api';
import { ErrorBox, Section } from '../../components/ui';
import { formatDateTime, formatNumber, Text, useLang, useText } from '../../i18n';
import type { Submission } from './types';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';
import { modeText, outcomeOf, statusLabel } from './words';

const text: Text<{
  title: string;
  caption: string;
  sent: string;
  source: string;
  mode: string;
  status: string;
  accepted: string;
  rejected: string;
  action: string;
  open: string;
  opened: string;
  none: string;
  more: string;
  loading: string;
}> = {
  id: {
    title: 'Pengiriman sebelumnya',
    caption: 'Pengiriman koperasi Anda, terbaru di atas',
    sent: 'Dikirim',
    source: 'Sumber',
    mode: 'Bila ada baris salah',
    status: 'Status',
    accepted: 'Diterima',
    rejected: 'Ditolak',
    action: 'Tindakan',
    open: 'Lihat',
    opened: 'Sedang dilihat',
    none: 'Belum ada pengiriman.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
  },
  en: {
    title: 'Past submissions',
    caption: "Your coop's submissions, newest first",
    sent: 'Sent',
    source: 'Source',
    mode: 'If rows are wrong',
    status: 'Status',
    accepted: 'Accepted',
    rejected: 'Rejected',
    action: 'Action',
    open: 'Open',
    opened: 'Shown above',
    none: 'No submissions yet.',
    more: 'Load more',
    loading: 'Loading…',
  },
};

/** GET /api/v1/submissions, a page at a time; each one opens above with its status and rejected rows. */
export function History(props: { reload: number; current: string | null; onOpen: (id: string) => void }) {
  const t = useText(text);
  const modes = useText(modeText);
  const lang = useLang();
  const list = usePaged<Submission>(
    (cursor) => `/api/v1/submissions${query({ order: 'desc', limit: 20, cursor })}`,
    String(props.reload),
  );

  return (
    <Section title={t.title}>
      <ErrorBox error={list.error} />
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="muted">{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.sent}</th>
                <th scope="col">{t.source}</th>
                <th scope="col">{t.mode}</th>
                <th scope="col">{t.status}</th>
                <th scope="col" class="num">
                  {t.accepted}
                </th>
                <th scope="col" class="num">
                  {t.rejected}
                </th>
                <th scope="col">{t.action}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => {
                const sent = formatDateTime(s.createdAt, lang);
                return (
                  <tr key={s.id}>
                    <td>{sent}</td>
                    <td>{s.source}</td>
                    <td>{modes[s.mode]}</td>
                    <td class={`subm-status-${outcomeOf(s)}`}>{statusLabel(s, lang)}</td>
                    <td class="num">{formatNumber(s.accepted, lang)}</td>
                    <td class="num">{formatNumber(s.rejected, lang)}</td>
                    <td>
                      {props.current === s.id ? (
                        <span class="muted">{t.opened}</span>
                      ) : (
                        <button
                          type="button"
                          class="link"
                          onClick={() => props.onOpen(s.id)}
                          aria-label={`${t.open}: ${sent}, ${s.source}`}
                        >
                          {t.open}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <PagedFooter list={list} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
    </Section>
  );
}
