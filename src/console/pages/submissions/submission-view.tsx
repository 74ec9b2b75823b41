import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorBox, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, formatNumber, Text, useLang, useText } from '../../i18n';
import { Reason, RejectedRows } from './rejected-rows';
import { isFinal, Submission } from './types';
import { modeText, outcomeOf, statusLabel } from './words';

const text: Text<{
  title: string;
  loading: string;
  sent: string;
  progress: string;
  waiting: string;
  summary: string;
  duplicate: string;
  fileError: string;
  failed: string;
}> = {
  id: {
    title: 'Hasil pengiriman',
    loading: 'Memuat status…',
    sent: 'Dikirim {at} · {source} · {mode}',
    progress: 'Baris diproses: {processed} dari {total}',
    waiting: 'Baris diproses: menunggu berkas dibaca',
    summary: '{accepted} baris diterima, {rejected} baris ditolak.',
    duplicate:
      'Berkas yang sama sudah pernah dikirim koperasi Anda; ini hasil pengiriman itu. Tidak ada yang disimpan dua kali.',
    fileError: 'Berkas ditolak seluruhnya',
    failed: 'Kirim ulang berkas yang sama. Bila terulang, hubungi operator dan sebutkan nomor pengiriman {id}.',
  },
  en: {
    title: 'Submission result',
    loading: 'Loading the status…',
    sent: 'Sent {at} · {source} · {mode}',
    progress: 'Rows processed: {processed} of {total}',
    waiting: 'Rows processed: waiting for the file to be read',
    summary: 'Rows accepted: {accepted}, rows rejected: {rejected}.',
    duplicate: 'Your coop already sent this same file; this is that submission. Nothing is saved twice.',
    fileError: 'The whole file was refused',
    failed: 'Send the same file again. If it happens again, contact the operator quoting submission {id}.',
  },
};

const POLL_MS = 1000;
const RETRY_MS = 3000;

/**
 * One submission: its status, announced as it changes, a progress bar while it runs, then the rejected rows.
 * Polls GET /api/v1/submissions/{id} until the status is final; stops when the page is left.
 */
export function SubmissionView(props: { id: string; duplicate: boolean; watching: boolean; onFinished: () => void }) {
  const t = useText(text);
  const modes = useText(modeText);
  const lang = useLang();
  const labelId = useId();
  const heading = useRef<HTMLDivElement>(null);
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [error, setError] = useState<unknown>(null);
  const onFinished = useRef(props.onFinished);
  onFinished.current = props.onFinished;
  // Told once, not again when a language switch reads the finished submission anew.
  const reported = useRef(false);

  useEffect(() => heading.current?.focus(), [props.id]);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sawRunning = props.watching;
    const tick = async () => {
      try {
        const s = await api<Submission>('GET', `/api/v1/submissions/${props.id}`);
        if (!alive) return;
        setSubmission(s);
        setError(null);
        if (!isFinal(s.status)) {
          sawRunning = true;
          timer = setTimeout(tick, POLL_MS);
        } else if (sawRunning && !reported.current) {
          reported.current = true;
          onFinished.current();
        }
      } catch (err) {
        if (!alive) return;
        setError(err);
        // A 4xx will not change by asking again (not found, signed out); a dropped connection or a 5xx may.
        const final = err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429;
        if (!final) timer = setTimeout(tick, RETRY_MS);
      }
    };
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [props.id, props.watching]);

  const s = submission;
  return (
    <div ref={heading} tabIndex={-1} class="subm-view" role="region" aria-label={t.title}>
      <Section title={t.title}>
        {props.duplicate && <Notice kind="info">{t.duplicate}</Notice>}
        {/* Only the status words and the final counts are announced, not every progress step. */}
        <p role="status" class={`subm-status subm-status-${s ? outcomeOf(s) : 'QUEUED'}`}>
          {s ? statusLabel(s, lang) : t.loading}
          {/* A partial result says its counts in the status; a file refused whole has no rows to count. */}
          {s && isFinal(s.status) && s.status !== 'FAILED' && outcomeOf(s) !== 'PARTIAL' && !s.errorCode && (
            <span class="subm-summary">
              {' '}
              {fill(t.summary, { accepted: formatNumber(s.accepted, lang), rejected: formatNumber(s.rejected, lang) })}
            </span>
          )}
        </p>
        {s && (
          <>
            <p class="muted">
              {fill(t.sent, {
                at: formatDateTime(s.createdAt, lang),
                source: s.source,
                mode: `${modes[s.mode]} (${s.mode})`,
              })}
            </p>
            <p id={labelId} class="subm-progress-label">
              {s.totalRows > 0 || isFinal(s.status)
                ? fill(t.progress, {
                    processed: formatNumber(s.processedRows, lang),
                    total: formatNumber(s.totalRows, lang),
                  })
                : t.waiting}
            </p>
            {isFinal(s.status) || s.totalRows > 0 ? (
              <progress
                class="progress"
                aria-labelledby={labelId}
                max={Math.max(s.totalRows, 1)}
                value={isFinal(s.status) ? Math.max(s.totalRows, 1) : s.processedRows}
              />
            ) : (
              <progress class="progress" aria-labelledby={labelId} />
            )}
            {s.errorCode && (
              <div class="alert alert-error">
                <strong>{t.fileError}:</strong>{' '}
                <Reason
                  code={s.errorCode}
                  message={(lang === 'id' && s.errorMessageId) || s.errorMessage || ''}
                  lang={lang}
                  messageLang={lang === 'id' && s.errorMessageId ? 'id' : 'en'}
                />{' '}
                <code>{s.errorCode}</code>
              </div>
            )}
            {s.status === 'FAILED' && <Notice kind="warning">{fill(t.failed, { id: s.id })}</Notice>}
          </>
        )}
        <ErrorBox error={error} />
        {s && isFinal(s.status) && (s.rejected > 0 || s.status === 'REJECTED') && (
          <RejectedRows
            id={s.id}
            errorCounts={s.errorCounts}
            errorsTruncated={s.errorsTruncated}
            fileRefused={s.errorCode !== null}
          />
        )}
      </Section>
    </div>
  );
}
