import { useEffect, useState } from 'preact/hooks';
import { api, Schema } from '../../api';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, formatNumber, formatRupiah, Lang, Text, useLang, useText } from '../../i18n';
import type { PageProps } from '../registry';
import { UsageAnomalies } from './usage-anomalies';
import { VerifyChain } from './verify-chain';

type CoopStats = Schema<'CooperativeStatsResponse'>;

type NetworkStats = Schema<'NetworkStatsResponse'>;

/** The district's NPL target: a coop above it is highlighted. */
const NPL_TARGET = 0.05;

type SortKey = 'name' | 'npl' | 'stale' | 'disputes';

const text: Text<{
  capped: string;
  title: string;
  intro: string;
  reload: string;
  loading: string;
  generated: string;
  totalsTitle: string;
  coops: string;
  coopsValue: string;
  lastPeriod: string;
  activeLoans: string;
  staleLoans: string;
  outstanding: string;
  nplOutstanding: string;
  npl: string;
  overdueDisputes: string;
  coopsTitle: string;
  caption: string;
  sort: string;
  filter: string;
  noMatch: string;
  sortName: string;
  sortNpl: string;
  sortStale: string;
  sortDisputes: string;
  coop: string;
  lastReported: string;
  aboveTarget: string;
  target: string;
  noLoans: string;
  neverReported: string;
  behind: string;
  suspended: string;
  none: string;
}> = {
  id: {
    capped:
      'Sebagian jumlah rupiah melebihi angka yang dapat ditampilkan dengan tepat dan dibatasi; rasio NPL tetap dihitung dari jumlah yang tepat.',
    title: 'Jaringan',
    intro:
      'Kualitas kredit (NPL) dan ketepatan waktu pelaporan setiap koperasi anggota. NPL = baki debet kolektibilitas 3-5 dibagi seluruh baki debet pinjaman berjalan.',
    reload: 'Muat ulang',
    loading: 'Memuat…',
    generated: 'Data per {at}',
    totalsTitle: 'Jumlah seluruh jaringan',
    coops: 'Koperasi',
    coopsValue: '{reporting} dari {total} sudah melapor',
    lastPeriod: 'Periode terakhir',
    activeLoans: 'Pinjaman berjalan',
    staleLoans: 'Pinjaman tidak diperbarui',
    outstanding: 'Baki debet',
    nplOutstanding: 'Baki debet NPL',
    npl: 'Rasio NPL',
    overdueDisputes: 'Sanggahan lewat tenggat',
    coopsTitle: 'Per koperasi',
    caption: 'NPL dan ketepatan waktu pelaporan per koperasi; NPL di atas target 5% ditandai.',
    sort: 'Urutkan',
    filter: 'Cari nama atau kabupaten/kota',
    noMatch: 'Tidak ada koperasi yang cocok.',
    sortName: 'Nama',
    sortNpl: 'NPL tertinggi',
    sortStale: 'Paling banyak pinjaman tidak diperbarui',
    sortDisputes: 'Paling banyak sanggahan lewat tenggat',
    coop: 'Koperasi',
    lastReported: 'Kiriman terakhir',
    aboveTarget: 'di atas target',
    target: 'Target NPL: di bawah {target}.',
    noLoans: 'tidak ada pinjaman berjalan',
    neverReported: 'belum pernah melapor',
    behind: 'tertinggal',
    suspended: 'dibekukan',
    none: 'Belum ada koperasi anggota.',
  },
  en: {
    capped:
      'Some rupiah sums are larger than can be shown exactly and are capped; the NPL ratios are still computed from the exact sums.',
    title: 'Network',
    intro:
      "Each member coop's credit quality (NPL) and data freshness. NPL = outstanding at collectibility 3-5 over the outstanding of all active loans.",
    reload: 'Reload',
    loading: 'Loading…',
    generated: 'As of {at}',
    totalsTitle: 'Network totals',
    coops: 'Cooperatives',
    coopsValue: '{reporting} of {total} have reported',
    lastPeriod: 'Latest period',
    activeLoans: 'Active loans',
    staleLoans: 'Stale loans',
    outstanding: 'Outstanding',
    nplOutstanding: 'NPL outstanding',
    npl: 'NPL ratio',
    overdueDisputes: 'Overdue disputes',
    coopsTitle: 'Per cooperative',
    caption: 'NPL and data freshness per coop; an NPL above the 5% target is marked.',
    sort: 'Sort by',
    filter: 'Find by name or district',
    noMatch: 'No coop matches.',
    sortName: 'Name',
    sortNpl: 'Highest NPL',
    sortStale: 'Most stale loans',
    sortDisputes: 'Most overdue disputes',
    coop: 'Cooperative',
    lastReported: 'Last submission',
    aboveTarget: 'above target',
    target: 'District NPL target: below {target}.',
    noLoans: 'no active loans',
    neverReported: 'never reported',
    behind: 'behind',
    suspended: 'suspended',
    none: 'No member coops yet.',
  },
};

function formatPercent(ratio: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(ratio);
}

function sorted(coops: CoopStats[], key: SortKey): CoopStats[] {
  const byName = (a: CoopStats, b: CoopStats) => a.name.localeCompare(b.name);
  const desc = (pick: (c: CoopStats) => number) => (a: CoopStats, b: CoopStats) => pick(b) - pick(a) || byName(a, b);
  const compare =
    key === 'npl'
      ? desc((c) => c.nplRatio ?? -1)
      : key === 'stale'
        ? desc((c) => c.staleLoans)
        : key === 'disputes'
          ? desc((c) => c.overdueDisputes)
          : byName;
  return [...coops].sort(compare);
}

function Npl(props: { ratio: number | null }) {
  const t = useText(text);
  const lang = useLang();
  if (props.ratio === null) return <span class="muted">{t.noLoans}</span>;
  const high = props.ratio > NPL_TARGET;
  return (
    <span class={high ? 'npl-high' : undefined}>
      {formatPercent(props.ratio, lang)}
      {high && <span class="badge npl-badge">{t.aboveTarget}</span>}
    </span>
  );
}

/**
 * Network staff's page: each coop's NPL and reporting freshness, the totals, unusual usage (query-volume anomalies)
 * and (network auditors) the chain check.
 */
export function NetworkPage(props: PageProps) {
  const t = useText(text);
  const lang = useLang();
  const [stats, setStats] = useState<NetworkStats | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sort, setSort] = useState<SortKey>('name');
  const [filter, setFilter] = useState('');

  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      setStats(await api<NetworkStats>('GET', '/api/v1/network/stats'));
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);

  const totals = stats?.totals;
  const needle = filter.trim().toLocaleLowerCase();
  const shown = stats
    ? sorted(stats.cooperatives, sort).filter(
        (c) => !needle || `${c.name} ${c.district}`.toLocaleLowerCase().includes(needle),
      )
    : [];
  return (
    <div class="network-page">
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      {props.session.user.role === 'NETWORK_AUDITOR' && <VerifyChain />}
      <UsageAnomalies />

      <Section
        title={t.totalsTitle}
        actions={
          <button type="button" onClick={() => void load()} disabled={loading}>
            {t.reload}
          </button>
        }
      >
        <ErrorBox error={error} />
        <p role="status" class="muted">
          {loading ? t.loading : stats ? fill(t.generated, { at: formatDateTime(stats.generatedAt, lang) }) : ''}
        </p>
        {stats?.amountsCapped && <Notice kind="warning">{t.capped}</Notice>}
        {totals && (
          <dl class="stat-grid">
            <div>
              <dt>{t.coops}</dt>
              <dd>
                {fill(t.coopsValue, {
                  reporting: formatNumber(totals.reportingCooperatives, lang),
                  total: formatNumber(totals.cooperatives, lang),
                })}
              </dd>
            </div>
            <div>
              <dt>{t.npl}</dt>
              <dd class="big">
                <Npl ratio={totals.nplRatio} />
              </dd>
            </div>
            <div>
              <dt>{t.outstanding}</dt>
              <dd>{formatRupiah(totals.totalOutstanding, lang)}</dd>
            </div>
            <div>
              <dt>{t.nplOutstanding}</dt>
              <dd>{formatRupiah(totals.nplOutstanding, lang)}</dd>
            </div>
            <div>
              <dt>{t.activeLoans}</dt>
              <dd>{formatNumber(totals.activeLoans, lang)}</dd>
            </div>
            <div>
              <dt>{t.staleLoans}</dt>
              <dd>{formatNumber(totals.staleLoans, lang)}</dd>
            </div>
            <div>
              <dt>{t.lastPeriod}</dt>
              <dd>{totals.lastPeriod ?? '—'}</dd>
            </div>
            <div>
              <dt>{t.overdueDisputes}</dt>
              <dd class={totals.overdueDisputes > 0 ? 'warn-value' : undefined}>
                {formatNumber(totals.overdueDisputes, lang)}
              </dd>
            </div>
          </dl>
        )}
        <p class="muted">{fill(t.target, { target: formatPercent(NPL_TARGET, lang) })}</p>
      </Section>

      {stats && (
        <Section title={t.coopsTitle}>
          <div class="row filters">
            <Field label={t.sort}>
              {(id) => (
                <select id={id} value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
                  <option value="name">{t.sortName}</option>
                  <option value="npl">{t.sortNpl}</option>
                  <option value="stale">{t.sortStale}</option>
                  <option value="disputes">{t.sortDisputes}</option>
                </select>
              )}
            </Field>
            <Field label={t.filter}>
              {(id) => (
                <input
                  id={id}
                  type="search"
                  autocomplete="off"
                  value={filter}
                  onInput={(e) => setFilter(e.currentTarget.value)}
                />
              )}
            </Field>
          </div>
          {stats.cooperatives.length === 0 ? (
            <p class="muted">{t.none}</p>
          ) : shown.length === 0 ? (
            <p class="muted">{t.noMatch}</p>
          ) : (
            <div class="table-wrap">
              <table class="network-table">
                <caption>{t.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.coop}</th>
                    <th scope="col" class="num">
                      {t.npl}
                    </th>
                    <th scope="col" class="num">
                      {t.outstanding}
                    </th>
                    <th scope="col" class="num">
                      {t.activeLoans}
                    </th>
                    <th scope="col">{t.lastPeriod}</th>
                    <th scope="col">{t.lastReported}</th>
                    <th scope="col" class="num">
                      {t.staleLoans}
                    </th>
                    <th scope="col" class="num">
                      {t.overdueDisputes}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((c) => (
                    <tr key={c.id} class={c.nplRatio !== null && c.nplRatio > NPL_TARGET ? 'row-npl-high' : undefined}>
                      <th scope="row">
                        {c.name}
                        <div class="muted">
                          {c.type} · {c.district}
                          {c.status !== 'ACTIVE' && <span class="badge coop-suspended">{t.suspended}</span>}
                        </div>
                      </th>
                      <td class="num">
                        <Npl ratio={c.nplRatio} />
                      </td>
                      <td class="num">{formatRupiah(c.totalOutstanding, lang)}</td>
                      <td class="num">{formatNumber(c.activeLoans, lang)}</td>
                      <td>
                        {c.lastPeriod ?? <span class="muted">{t.neverReported}</span>}
                        {c.lastPeriod && totals?.lastPeriod && c.lastPeriod < totals.lastPeriod && (
                          <span class="badge behind-badge">{t.behind}</span>
                        )}
                      </td>
                      <td>{c.lastReportedAt ? formatDateTime(c.lastReportedAt, lang) : '—'}</td>
                      <td class={`num${c.staleLoans > 0 ? ' warn-value' : ''}`}>{formatNumber(c.staleLoans, lang)}</td>
                      <td class={`num${c.overdueDisputes > 0 ? ' warn-value' : ''}`}>
                        {formatNumber(c.overdueDisputes, lang)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      )}
    </div>
  );
}
