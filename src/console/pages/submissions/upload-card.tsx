import { useId, useRef, useState } from 'preact/hooks';
import { query, request } from '../../api';
import { ErrorBox, Field, Section } from '../../components/ui';
import { Text, useText } from '../../i18n';
import type { SubmissionMode, SubmissionStatus } from './types';
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
  },
};

const MODES: SubmissionMode[] = ['STRICT', 'PARTIAL'];

/** The file goes as the multipart field `file`; the answer is {id, status}, a known file answers with its first submission. */
export function UploadCard(props: { onUploaded: (id: string, status: SubmissionStatus) => void }) {
  const t = useText(text);
  const modes = useText(modeText);
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<SubmissionMode>('STRICT');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError(new Error(t.noFile));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await request('POST', `/api/v1/submissions/csv${query({ mode })}`, form);
      const answer = (await res.json()) as { id: string; status: SubmissionStatus };
      // The file holds NIKs: keep no reference to it once it is sent.
      if (fileInput.current) fileInput.current.value = '';
      props.onUploaded(answer.id, answer.status);
    } catch (err) {
      setError(err);
    } finally {
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
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
    </Section>
  );
}
