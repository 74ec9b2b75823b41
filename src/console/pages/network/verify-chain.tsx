import { useState } from 'preact/hooks';
import { api, Schema } from '../../api';
import { ErrorBox, Section } from '../../components/ui';
import { fill, formatDateTime, formatNumber, Text, useLang, useText } from '../../i18n';

type Verification = Schema<'AuditVerificationResponse'>;

const text: Text<{
  title: string;
  intro: string;
  verify: string;
  verifying: string;
  valid: string;
  broken: string;
  firstBroken: string;
  checked: string;
  pending: string;
  pendingHint: string;
  archived: string;
  problems: string;
  at: string;
}> = {
  id: {
    title: 'Verifikasi rantai audit',
    intro:
      'Log audit dirantai dengan hash: mengubah atau menghapus satu kejadian memutus rantai. Verifikasi membaca seluruh rantai dan ikut tercatat di log.',
    verify: 'Verifikasi rantai audit',
    verifying: 'Memverifikasi…',
    valid: 'Rantai audit utuh.',
    broken: 'Rantai audit RUSAK.',
    firstBroken: 'Kejadian pertama yang diubah atau hilang: #{id}',
    checked: 'Kejadian diperiksa',
    pending: 'Belum disegel',
    pendingHint: 'Kejadian baru disegel dalam beberapa detik; ini bukan kesalahan.',
    archived: 'Diarsipkan (tidak dibandingkan)',
    problems: 'Masalah yang ditemukan',
    at: 'Diverifikasi {at}',
  },
  en: {
    title: 'Verify the audit chain',
    intro:
      'The audit log is hash-chained: altering or deleting one event breaks the chain. Verifying reads the whole chain and is itself recorded in the log.',
    verify: 'Verify the audit chain',
    verifying: 'Verifying…',
    valid: 'The audit chain is intact.',
    broken: 'The audit chain is BROKEN.',
    firstBroken: 'First altered or missing event: #{id}',
    checked: 'Events checked',
    pending: 'Not sealed yet',
    pendingHint: 'New events are sealed within seconds; not a fault.',
    archived: 'Archived (not compared)',
    problems: 'Problems found',
    at: 'Verified {at}',
  },
};

/** The network auditor's check of the hash chain (GET /api/v1/audit-events/verify). */
export function VerifyChain() {
  const t = useText(text);
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ v: Verification; at: string } | null>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const v = await api<Verification>('GET', '/api/v1/audit-events/verify');
      setResult({ v, at: new Date().toISOString() });
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const v = result?.v;
  return (
    <Section
      title={t.title}
      actions={
        <button type="button" class="primary" onClick={() => void verify()} disabled={busy}>
          {busy ? t.verifying : t.verify}
        </button>
      }
    >
      <p class="muted">{t.intro}</p>
      <ErrorBox error={error} />
      {v && result && (
        <div class="chain-result">
          <div class={`alert ${v.valid ? 'alert-success' : 'alert-error'}`} role={v.valid ? 'status' : 'alert'}>
            <strong>{v.valid ? t.valid : t.broken}</strong>
            {v.firstBrokenId && <div>{fill(t.firstBroken, { id: v.firstBrokenId })}</div>}
            <small class="request-id">{fill(t.at, { at: formatDateTime(result.at, lang) })}</small>
          </div>
          <dl class="stat-grid">
            <div>
              <dt>{t.checked}</dt>
              <dd>{formatNumber(v.checked, lang)}</dd>
            </div>
            <div>
              <dt>{t.pending}</dt>
              <dd>
                {formatNumber(v.pending, lang)}
                <small class="muted">{t.pendingHint}</small>
              </dd>
            </div>
            <div>
              <dt>{t.archived}</dt>
              <dd>{formatNumber(v.archived, lang)}</dd>
            </div>
          </dl>
          {v.problems.length > 0 && (
            <>
              <h3>{t.problems}</h3>
              <ul>
                {v.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Section>
  );
}
