import { useRef, useState } from 'preact/hooks';
import { api, ApiError, query, Schema } from '../../api';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, formatNumber, Text, useLang, useText } from '../../i18n';
import { cleanNik } from '../check/applicant-form';
import { Enrollment, EnrollmentStatus, PortfolioResult, shortRef } from './types';
import { reasonWords } from './words';

const CONSENT_REFUSALS = ['CONSENT.MISSING', 'CONSENT.EXPIRED', 'CONSENT.REVOKED'];

const text: Text<{
  enrolTitle: string;
  enrolIntro: string;
  nik: string;
  nikHint: string;
  enrol: string;
  enrolling: string;
  enrolled: string;
  refused: string;
  portfolioTitle: string;
  portfolioIntro: string;
  portfolio: string;
  portfolioBusy: string;
  portfolioDone: string;
  refusedTitle: string;
  loanRefs: string;
  reason: string;
  borrower: string;
  listTitle: string;
  reload: string;
  status: string;
  all: string;
  ACTIVE: string;
  ENDED: string;
  endedAt: string;
  since: string;
  actions: string;
  end: string;
  endLabel: string;
  ending: string;
  endedNotice: string;
  none: string;
  more: string;
  loading: string;
}> = {
  id: {
    enrolTitle: 'Pantau satu peminjam',
    enrolIntro:
      'Peminjam hanya dapat dipantau dengan persetujuan pemantauan (MONITORING) yang aktif dari peminjam itu. NIK tidak disimpan di konsol.',
    nik: 'NIK peminjam',
    nikHint: '16 angka, dari KTP. Dihapus dari layar setelah dikirim.',
    enrol: 'Pantau peminjam',
    enrolling: 'Mendaftarkan…',
    enrolled: 'Peminjam {ref} dipantau sejak {at}.',
    refused: 'Tidak dapat dipantau: {reason}.',
    portfolioTitle: 'Pantau seluruh portofolio aktif',
    portfolioIntro:
      'Mendaftarkan semua peminjam yang masih punya pinjaman aktif (kondisi 00 pada laporan terakhirnya) di koperasi ini, sejauh persetujuan pemantauannya ada.',
    portfolio: 'Pantau seluruh portofolio aktif',
    portfolioBusy: 'Mendaftarkan portofolio…',
    portfolioDone:
      '{enrolled} peminjam baru dipantau, {already} sudah dipantau sebelumnya, {refused} tidak dapat dipantau.',
    refusedTitle: 'Tidak dapat dipantau',
    loanRefs: 'No. rekening',
    reason: 'Alasan',
    borrower: 'Peminjam (ref)',
    listTitle: 'Peminjam dipantau',
    reload: 'Muat ulang',
    status: 'Status',
    all: 'Semua',
    ACTIVE: 'Aktif',
    ENDED: 'Berakhir',
    endedAt: 'Berakhir {at}: {reason}',
    since: 'Dipantau sejak',
    actions: 'Tindakan',
    end: 'Akhiri pemantauan',
    endLabel: 'Akhiri pemantauan peminjam {ref}',
    ending: 'Mengakhiri…',
    endedNotice: 'Pemantauan peminjam {ref} diakhiri.',
    none: 'Belum ada peminjam yang dipantau.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
  },
  en: {
    enrolTitle: 'Monitor one borrower',
    enrolIntro:
      "A borrower can be monitored only under the borrower's active monitoring (MONITORING) consent. The console does not keep the NIK.",
    nik: "Borrower's NIK",
    nikHint: '16 digits, from the ID card. Cleared from the screen once sent.',
    enrol: 'Monitor the borrower',
    enrolling: 'Enrolling…',
    enrolled: 'Borrower {ref} monitored since {at}.',
    refused: 'Cannot be monitored: {reason}.',
    portfolioTitle: 'Monitor the whole active portfolio',
    portfolioIntro:
      'Enrols every borrower who still has an active loan (condition 00 in its latest report) at this coop, as far as their monitoring consent exists.',
    portfolio: 'Monitor the whole active portfolio',
    portfolioBusy: 'Enrolling the portfolio…',
    portfolioDone:
      '{enrolled} borrowers newly monitored, {already} already monitored, {refused} could not be enrolled.',
    refusedTitle: 'Could not be enrolled',
    loanRefs: 'Loan ref',
    reason: 'Reason',
    borrower: 'Borrower (ref)',
    listTitle: 'Monitored borrowers',
    reload: 'Reload',
    status: 'Status',
    all: 'All',
    ACTIVE: 'Active',
    ENDED: 'Ended',
    endedAt: 'Ended {at}: {reason}',
    since: 'Monitored since',
    actions: 'Actions',
    end: 'End monitoring',
    endLabel: 'End monitoring of borrower {ref}',
    ending: 'Ending…',
    endedNotice: 'Monitoring of borrower {ref} ended.',
    none: 'No borrowers monitored yet.',
    more: 'Load more',
    loading: 'Loading…',
  },
};

const wib = (iso: string, lang: 'id' | 'en') => `${formatDateTime(iso, lang)} WIB`;

function EnrolOne(props: { onEnrolled: () => void }) {
  const t = useText(text);
  const lang = useLang();
  const [nik, setNik] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'warning'; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const enrol = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const enrolled = await api<Schema<'EnrollmentResponse'>>('POST', '/api/v1/monitoring/enrollments', { nik });
      setNik('');
      setNotice({
        kind: 'success',
        text: fill(t.enrolled, { ref: shortRef(enrolled.subject.ref), at: wib(enrolled.enrolledAt, lang) }),
      });
      props.onEnrolled();
    } catch (err) {
      // A consent refusal is the borrower's answer, not a typo: the NIK leaves the screen as after a success.
      if (err instanceof ApiError && CONSENT_REFUSALS.includes(err.code)) {
        setNik('');
        setNotice({ kind: 'warning', text: fill(t.refused, { reason: reasonWords(err.code, lang) }) });
      } else setError(err);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <Section title={t.enrolTitle}>
      <p class="muted">{t.enrolIntro}</p>
      <form onSubmit={(e) => void enrol(e)}>
        <div class="row">
          <Field label={t.nik} hint={t.nikHint}>
            {(id) => (
              <input
                id={id}
                ref={input}
                name="monitoring-nik"
                type="text"
                inputMode="numeric"
                autocomplete="off"
                spellcheck={false}
                pattern="[0-9]{16}"
                minLength={16}
                maxLength={16}
                required
                class="check-nik"
                value={nik}
                onInput={(e) => {
                  const clean = cleanNik(e.currentTarget.value);
                  e.currentTarget.value = clean;
                  setNik(clean);
                }}
              />
            )}
          </Field>
          <div class="field">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t.enrolling : t.enrol}
            </button>
          </div>
        </div>
      </form>
      <ErrorBox error={error} />
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
    </Section>
  );
}

function Portfolio(props: { onEnrolled: () => void }) {
  const t = useText(text);
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<PortfolioResult | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<PortfolioResult>('POST', '/api/v1/monitoring/enrollments/portfolio'));
      props.onEnrolled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t.portfolioTitle}>
      <p class="muted">{t.portfolioIntro}</p>
      <button type="button" class="primary" disabled={busy} onClick={() => void run()}>
        {busy ? t.portfolioBusy : t.portfolio}
      </button>
      <ErrorBox error={error} />
      {result && (
        <>
          <Notice kind={result.refused.length ? 'warning' : 'success'}>
            {fill(t.portfolioDone, {
              enrolled: formatNumber(result.enrolled, lang),
              already: formatNumber(result.alreadyEnrolled, lang),
              refused: formatNumber(result.refused.length, lang),
            })}
          </Notice>
          {result.refused.length > 0 && (
            <div class="table-wrap">
              <table class="mon-refused">
                <caption>{t.refusedTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.loanRefs}</th>
                    <th scope="col">{t.reason}</th>
                    <th scope="col">{t.borrower}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.refused.map((r) => (
                    <tr key={r.subject.ref}>
                      <td>
                        {r.loanRefs.map((ref) => (
                          <code key={ref} class="mon-loanref">
                            {ref}
                          </code>
                        ))}
                      </td>
                      <td>{reasonWords(r.code, lang)}</td>
                      <td>
                        <code title={r.subject.ref}>{shortRef(r.subject.ref)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Section>
  );
}

export function EnrollmentsTab() {
  const t = useText(text);
  const lang = useLang();
  const [status, setStatus] = useState<EnrollmentStatus | ''>('');
  const list = usePaged<Enrollment>(
    (cursor) => `/api/v1/monitoring/enrollments${query({ status, limit: 100, cursor })}`,
    `enrollments-${status}`,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const end = async (e: Enrollment) => {
    setBusy(e.id);
    setError(null);
    setNotice(null);
    try {
      await api<void>('DELETE', `/api/v1/monitoring/enrollments/${encodeURIComponent(e.id)}`);
      setNotice(fill(t.endedNotice, { ref: shortRef(e.subject.ref) }));
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div class="mon-grid">
        <EnrolOne onEnrolled={list.reload} />
        <Portfolio onEnrolled={list.reload} />
      </div>
      <Section
        title={t.listTitle}
        actions={
          <button type="button" onClick={list.reload} disabled={list.loading}>
            {t.reload}
          </button>
        }
      >
        <div class="row filters">
          <Field label={t.status}>
            {(id) => (
              <select
                id={id}
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value as EnrollmentStatus | '')}
              >
                <option value="">{t.all}</option>
                <option value="ACTIVE">{t.ACTIVE}</option>
                <option value="ENDED">{t.ENDED}</option>
              </select>
            )}
          </Field>
        </div>
        <ErrorBox error={list.error ?? error} />
        {notice && <Notice kind="success">{notice}</Notice>}
        <div class="table-wrap">
          <table class="mon-enrollments mon-stack">
            <thead>
              <tr>
                <th scope="col">{t.borrower}</th>
                <th scope="col">{t.loanRefs}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.since}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id} class={e.status === 'ENDED' ? 'revoked' : undefined}>
                  <td data-label={t.borrower}>
                    <code title={e.subject.ref}>{shortRef(e.subject.ref)}</code>
                  </td>
                  <td data-label={t.loanRefs}>
                    {e.loanRefs.map((ref) => (
                      <code key={ref} class="mon-loanref">
                        {ref}
                      </code>
                    ))}
                  </td>
                  <td data-label={t.status}>
                    {e.status === 'ACTIVE' ? (
                      <span class="badge key-active">{t.ACTIVE}</span>
                    ) : (
                      <>
                        <span class="badge key-revoked">{t.ENDED}</span>
                        <div class="muted">
                          {fill(t.endedAt, {
                            at: e.endedAt ? wib(e.endedAt, lang) : '—',
                            reason: e.endReason ? reasonWords(e.endReason, lang) : '—',
                          })}
                        </div>
                      </>
                    )}
                  </td>
                  <td data-label={t.since}>{wib(e.enrolledAt, lang)}</td>
                  <td>
                    {e.status === 'ACTIVE' && (
                      <button
                        type="button"
                        class="danger"
                        aria-label={fill(t.endLabel, { ref: shortRef(e.subject.ref) })}
                        disabled={busy !== null}
                        onClick={() => void end(e)}
                      >
                        {busy === e.id ? t.ending : t.end}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <PagedFooter list={list} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
      </Section>
    </>
  );
}
