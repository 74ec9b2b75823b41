import { useState } from 'preact/hooks';
import { query, Schema } from '../../api';
import { usageAnomalyResponseKindValues } from '../../api-types';
import { ErrorBox, Field, Section } from '../../components/ui';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';
import { fill, formatDateTime, formatNumber, Lang, Text, useLang, useText } from '../../i18n';

type Kind = UsageAnomaly['kind'];
const KINDS: readonly Kind[] = usageAnomalyResponseKindValues;

type UsageAnomaly = Schema<'UsageAnomalyResponse'>;

type Words = {
  title: string;
  intro: string;
  kind: string;
  allKinds: string;
  reload: string;
  caption: string;
  detected: string;
  coop: string;
  what: string;
  window: string;
  observed: string;
  against: string;
  who: string;
  baseline: string;
  noHistory: string;
  threshold: string;
  user: string;
  apiKey: string;
  pattern: string;
  wholeCoop: string;
  none: string;
  loading: string;
  more: string;
} & Record<`kind${Kind}`, string>;

const text: Text<Words> = {
  id: {
    title: 'Penggunaan tidak wajar',
    intro:
      'Sinyal untuk auditor, tidak pernah memblokir: lonjakan pemeriksaan profil atau persetujuan dibanding kebiasaan koperasi itu sendiri (rata-rata per jam aktif dalam 28 hari), dan banyak persetujuan dalam beberapa menit oleh satu pengguna atau kunci API dengan nomor bukti yang hanya berbeda angka di ujungnya.',
    kind: 'Jenis',
    allKinds: 'Semua jenis',
    reload: 'Muat ulang',
    caption: 'Sinyal terbaru di atas. Satu baris per koperasi dan jendela waktu.',
    detected: 'Terdeteksi',
    coop: 'Koperasi',
    what: 'Jenis',
    window: 'Jendela waktu',
    observed: 'Jumlah',
    against: 'Pembanding',
    who: 'Oleh',
    baseline: 'biasanya {baseline} per jam; ambang {threshold}',
    noHistory: 'tanpa riwayat; ambang {threshold}',
    threshold: 'ambang {threshold} dalam 10 menit',
    user: 'Pengguna {id}',
    apiKey: 'Kunci API {id}',
    pattern: 'Pola nomor bukti: {pattern}',
    wholeCoop: 'seluruh koperasi',
    none: 'Belum ada penggunaan tidak wajar.',
    loading: 'Memuat…',
    more: 'Muat lebih banyak',
    kindPROFILE_QUERY_SPIKE: 'Lonjakan pemeriksaan profil',
    kindCONSENT_SPIKE: 'Lonjakan persetujuan',
    kindCONSENT_REFERENCE_BURST: 'Rentetan persetujuan bernomor mirip',
  },
  en: {
    title: 'Unusual usage',
    intro:
      "Signals for auditors that never block: a spike of profile queries or consents against the coop's own usual volume (its mean per active hour over 28 days), and many consents within minutes by one user or API key whose evidence numbers differ only by a trailing number.",
    kind: 'Kind',
    allKinds: 'All kinds',
    reload: 'Reload',
    caption: 'Newest first. One row per coop and window.',
    detected: 'Detected',
    coop: 'Cooperative',
    what: 'Kind',
    window: 'Window',
    observed: 'Count',
    against: 'Compared with',
    who: 'By',
    baseline: 'usually {baseline} an hour; threshold {threshold}',
    noHistory: 'no history; threshold {threshold}',
    threshold: 'threshold {threshold} in 10 minutes',
    user: 'User {id}',
    apiKey: 'API key {id}',
    pattern: 'Evidence number pattern: {pattern}',
    wholeCoop: 'the whole coop',
    none: 'No unusual usage yet.',
    loading: 'Loading…',
    more: 'Load more',
    kindPROFILE_QUERY_SPIKE: 'Spike of profile queries',
    kindCONSENT_SPIKE: 'Spike of consents',
    kindCONSENT_REFERENCE_BURST: 'Burst of consents with near-identical numbers',
  },
};

function against(a: UsageAnomaly, t: Words, lang: Lang): string {
  const threshold = formatNumber(a.threshold, lang);
  if (a.kind === 'CONSENT_REFERENCE_BURST') return fill(t.threshold, { threshold });
  if (!a.baseline) return fill(t.noHistory, { threshold });
  const baseline = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 1 }).format(
    a.baseline,
  );
  return fill(t.baseline, { baseline, threshold });
}

/** Network staff's list of usage anomalies (GET /api/v1/network/usage-anomalies), newest first. */
export function UsageAnomalies() {
  const t = useText(text);
  const lang = useLang();
  const [kind, setKind] = useState<Kind | ''>('');
  const list = usePaged<UsageAnomaly>(
    (cursor) => `/api/v1/network/usage-anomalies${query({ kind: kind || undefined, limit: 50, cursor })}`,
    kind,
  );
  return (
    <Section
      title={t.title}
      actions={
        <button type="button" onClick={list.reload} disabled={list.loading}>
          {t.reload}
        </button>
      }
    >
      <p class="muted">{t.intro}</p>
      <div class="row filters">
        <Field label={t.kind}>
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind | '')}>
              <option value="">{t.allKinds}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t[`kind${k}`]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorBox error={list.error} />
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table class="anomaly-table">
            <caption>{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.detected}</th>
                <th scope="col">{t.coop}</th>
                <th scope="col">{t.what}</th>
                <th scope="col">{t.window}</th>
                <th scope="col" class="num">
                  {t.observed}
                </th>
                <th scope="col">{t.against}</th>
                <th scope="col">{t.who}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.detectedAt, lang)}</td>
                  <th scope="row">{a.cooperative.name}</th>
                  <td>
                    <span class="badge anomaly-badge">{t[`kind${a.kind}`]}</span>
                  </td>
                  <td>
                    {formatDateTime(a.windowStart, lang)} – {formatDateTime(a.windowEnd, lang)}
                  </td>
                  <td class="num warn-value">{formatNumber(a.observed, lang)}</td>
                  <td>{against(a, t, lang)}</td>
                  <td>
                    {a.credential === null ? (
                      <span class="muted">{t.wholeCoop}</span>
                    ) : (
                      <code>
                        {a.credential.apiKeyId
                          ? fill(t.apiKey, { id: a.credential.apiKeyId })
                          : fill(t.user, { id: a.credential.userId ?? '' })}
                      </code>
                    )}
                    {a.referencePattern && <div class="muted">{fill(t.pattern, { pattern: a.referencePattern })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PagedFooter list={list} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
    </Section>
  );
}
