import { query } from '../../api';
import { ErrorBox, Notice, Section } from '../../components/ui';
import { fill, formatNumber, formatRupiah, Text, useLang, useText } from '../../i18n';
import type { StaleLoan } from './types';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';
import { collectibilityName, formatPeriod } from './words';

const text: Text<{
  title: string;
  intro: string;
  last: string;
  caption: string;
  loanRef: string;
  facility: string;
  latest: string;
  outstanding: string;
  dpd: string;
  kol: string;
  INSTALLMENT: string;
  REVOLVING: string;
  none: string;
  more: string;
  loading: string;
}> = {
  id: {
    title: 'Pinjaman yang belum dilaporkan',
    intro:
      'Pinjaman aktif yang tidak ada di periode terakhir yang dilaporkan koperasi Anda. Laporkan keadaannya untuk periode itu, ' +
      'atau laporkan dengan kondisi 02 (lunas) bila sudah lunas, agar data peminjam di koperasi lain tetap benar.',
    last: 'Periode terakhir koperasi Anda: {period}.',
    caption: 'Pinjaman aktif yang tertinggal',
    loanRef: 'No. rekening',
    facility: 'Jenis fasilitas',
    latest: 'Terakhir dilaporkan',
    outstanding: 'Baki debet',
    dpd: 'Hari tunggakan',
    kol: 'Kolektibilitas',
    INSTALLMENT: 'Angsuran',
    REVOLVING: 'Rekening koran (revolving)',
    none: 'Tidak ada pinjaman yang tertinggal: semua pinjaman aktif ada di periode terakhir.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
  },
  en: {
    title: 'Loans not reported lately (stale)',
    intro:
      "Active loans missing from your coop's latest reported period. Report their state for that period, or report them " +
      "with condition 02 (paid off) if they are, so other coops see the borrower's data right.",
    last: "Your coop's latest period: {period}.",
    caption: 'Active loans left behind',
    loanRef: 'Loan ref',
    facility: 'Facility type',
    latest: 'Last reported',
    outstanding: 'Outstanding',
    dpd: 'Days past due',
    kol: 'Collectibility',
    INSTALLMENT: 'Installment',
    REVOLVING: 'Revolving',
    none: 'No loans left behind: every active loan is in the latest period.',
    more: 'Load more',
    loading: 'Loading…',
  },
};

/** GET /api/v1/loans/stale, a page at a time; reloaded when a submission finishes. */
export function StaleLoans(props: { reload: number }) {
  const t = useText(text);
  const lang = useLang();
  const list = usePaged<StaleLoan>(
    (cursor) => `/api/v1/loans/stale${query({ limit: 50, cursor })}`,
    String(props.reload),
  );
  const items = list.loaded ? list.items : null;

  return (
    <Section title={t.title}>
      <p>{t.intro}</p>
      <ErrorBox error={list.error} />
      {items && items.length > 0 && (
        <>
          <p>
            <strong>{fill(t.last, { period: formatPeriod(items[0].coopLatestPeriod, lang) })}</strong>
          </p>
          <div class="table-wrap">
            <table>
              <caption class="muted">{t.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.loanRef}</th>
                  <th scope="col">{t.facility}</th>
                  <th scope="col">{t.latest}</th>
                  <th scope="col" class="num">
                    {t.outstanding}
                  </th>
                  <th scope="col" class="num">
                    {t.dpd}
                  </th>
                  <th scope="col">{t.kol}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <code>{l.loanRef}</code>
                    </td>
                    <td>
                      {l.facilityType === 'REVOLVING' || l.facilityType === 'INSTALLMENT'
                        ? t[l.facilityType]
                        : l.facilityType}
                    </td>
                    <td>{formatPeriod(l.latestPeriod, lang)}</td>
                    <td class="num">{formatRupiah(l.outstanding, lang)}</td>
                    <td class="num">{formatNumber(l.daysPastDue, lang)}</td>
                    <td>
                      <span class={`kol kol-${l.collectibility} subm-kol`}>{l.collectibility}</span>{' '}
                      {collectibilityName(l.collectibility, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <PagedFooter list={list} none={<Notice kind="success">{t.none}</Notice>} loading={t.loading} more={t.more} />
    </Section>
  );
}
