import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { query, request } from '../../api';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, Lang, Text, useLang, useText } from '../../i18n';
import type { SubmissionMode, SubmissionStatus } from './types';
import { UploadCancelled, UploadProgress, xhrTransport } from './upload';
import { modeText } from './words';

const text: Text<{
  title: string;
  file: string;
  fileHint: string;
  modes: string;
  strictHint: string;
  partialHint: string;
  submit: string;
  busy: string;
  noFile: string;
  uploading: string;
  uploaded: string;
  waiting: string;
  cancel: string;
  cancelled: string;
}> = {
  id: {
    title: '2. Kirim berkas',
    file: 'Berkas CSV',
    fileHint: 'Berkas disimpan terenkripsi lalu diproses di latar belakang; kemajuannya tampil di bawah.',
    modes: 'Bila ada baris yang salah',
    strictHint: 'Tidak ada yang disimpan bila satu baris saja salah. Perbaiki berkasnya, lalu kirim ulang seluruhnya.',
    partialHint:
      'Baris yang benar disimpan; baris yang salah dilewati dan didaftar di bawah. Perbaiki lalu kirim hanya baris itu.',
    submit: 'Kirim berkas',
    busy: 'Mengunggah…',
    noFile: 'Pilih berkas CSV terlebih dahulu.',
    uploading: 'Mengunggah: {percent}% ({sent} dari {total})',
    uploaded: 'Terkirim: 100% ({total})',
    waiting: 'Terkirim: 100% ({total}); menunggu jawaban server…',
    cancel: 'Batalkan unggahan',
    cancelled: 'Pengunggahan dibatalkan; berkas tidak terkirim.',
  },
  en: {
    title: '2. Upload the file',
    file: 'CSV file',
    fileHint: 'The file is stored encrypted and processed in the background; its progress shows below.',
    modes: 'If some rows are wrong',
    strictHint: 'Nothing is saved if even one row is wrong. Fix the file, then send all of it again.',
    partialHint:
      'The good rows are saved; the wrong ones are skipped and listed below. Fix them and send only those rows.',
    submit: 'Upload file',
    busy: 'Uploading…',
    noFile: 'Choose a CSV file first.',
    uploading: 'Uploading: {percent}% ({sent} of {total})',
    uploaded: 'Sent: 100% ({total})',
    waiting: 'Sent: 100% ({total}); waiting for the server…',
    cancel: 'Cancel the upload',
    cancelled: 'Upload cancelled; the file was not sent.',
  },
};

const MODES: SubmissionMode[] = ['STRICT', 'PARTIAL'];

/** Bytes in decimal units, as file managers show them: "1,5 MB", "820 kB". */
function formatBytes(n: number, lang: Lang): string {
  const [value, unit] = n >= 1e6 ? [n / 1e6, 'megabyte'] : n >= 1e3 ? [n / 1e3, 'kilobyte'] : [n, 'byte'];
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    style: 'unit',
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}

interface Sending extends UploadProgress {
  /** The server answered: the submission is shown below. */
  answered: boolean;
}

/** The file goes as the multipart field `file`; the answer is {id, status}, a known file answers with its first submission. */
export function UploadCard(props: { onUploaded: (id: string, status: SubmissionStatus) => void }) {
  const t = useText(text);
  const modes = useText(modeText);
  const lang = useLang();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<SubmissionMode>('STRICT');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops an upload under way.
  useEffect(() => () => abort.current?.abort(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError(new Error(t.noFile));
      return;
    }
    setBusy(true);
    setError(null);
    setCancelled(false);
    setSending({ sent: 0, total: file.size, answered: false });
    const controller = new AbortController();
    abort.current = controller;
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const transport = xhrTransport((p) => setSending({ ...p, answered: false }), controller.signal);
      const res = await request('POST', `/api/v1/submissions/csv${query({ mode })}`, form, {}, transport);
      const answer = (await res.json()) as { id: string; status: SubmissionStatus };
      // The file holds NIKs: keep no reference to it once it is sent.
      if (fileInput.current) fileInput.current.value = '';
      setSending((s) => s && { sent: s.total, total: s.total, answered: true });
      props.onUploaded(answer.id, answer.status);
    } catch (err) {
      setSending(null);
      if (err instanceof UploadCancelled) setCancelled(true);
      else setError(err);
    } finally {
      abort.current = null;
      setBusy(false);
    }
  };

  return (
    <Section title={t.title}>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t.file} hint={t.fileHint}>
          {(id) => <input id={id} ref={fileInput} type="file" name="file" accept=".csv,text/csv" required />}
        </Field>
        <fieldset class="subm-modes">
          <legend>{t.modes}</legend>
          {MODES.map((m) => (
            <div key={m} class="subm-mode">
              <input
                id={`${ids}-${m}`}
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                aria-describedby={`${ids}-${m}-hint`}
              />
              <div>
                <label for={`${ids}-${m}`}>
                  <strong>{modes[m]}</strong> (<code>{m}</code>)
                </label>
                <small class="hint" id={`${ids}-${m}-hint`}>
                  {m === 'STRICT' ? t.strictHint : t.partialHint}
                </small>
              </div>
            </div>
          ))}
        </fieldset>
        <ErrorBox error={error} />
        {cancelled && <Notice kind="info">{t.cancelled}</Notice>}
        {sending && <Progress sending={sending} lang={lang} t={t} />}
        <div class="subm-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
          {busy && (
            <button type="button" onClick={() => abort.current?.abort()}>
              {t.cancel}
            </button>
          )}
        </div>
      </form>
    </Section>
  );
}

function Progress(props: { sending: Sending; lang: Lang; t: typeof text.id }) {
  const { sending: s, lang, t } = props;
  const labelId = useId();
  const total = formatBytes(s.total, lang);
  const complete = s.sent >= s.total;
  const label = s.answered
    ? fill(t.uploaded, { total })
    : complete
      ? fill(t.waiting, { total })
      : fill(t.uploading, {
          percent: Math.floor((s.sent / Math.max(s.total, 1)) * 100),
          sent: formatBytes(s.sent, lang),
          total,
        });
  return (
    <div class="subm-upload">
      <p id={labelId} class="subm-progress-label">
        {label}
      </p>
      <progress class="progress" aria-labelledby={labelId} max={Math.max(s.total, 1)} value={s.sent} />
    </div>
  );
}
