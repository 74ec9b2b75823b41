import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { Text, useLang, useText } from '../i18n';

const text: Text<{ error: string; reference: string; row: string; close: string; network: string; server: string }> = {
  id: {
    error: 'Gagal',
    reference: 'Nomor rujukan',
    row: 'baris',
    close: 'Tutup',
    network: 'Tidak dapat menghubungi server. Periksa sambungan internet lalu coba lagi.',
    server: 'Server sedang bermasalah. Coba lagi sebentar lagi; bila berulang, sampaikan nomor rujukan ke operator.',
  },
  en: {
    error: 'Failed',
    reference: 'Reference',
    row: 'row',
    close: 'Close',
    network: 'The server cannot be reached. Check the connection and try again.',
    server: 'The server has a problem. Try again shortly; if it persists, quote the reference to the operator.',
  },
};

// The API answers in the reader's language (Accept-Language); from one that answers English, the common codes are
// said again in Bahasa Indonesia.
const CODE_WORDS: Record<string, string> = {
  'AUTH.INVALID_CREDENTIALS': 'Email atau kata sandi salah.',
  'AUTH.THROTTLED': 'Terlalu banyak percobaan masuk. Tunggu beberapa menit lalu coba lagi.',
  RATE_LIMITED: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
  'USER.EMAIL_TAKEN': 'Email ini sudah dipakai pengguna lain.',
  'DISPUTE.ALREADY_RESOLVED': 'Sanggahan ini sudah diselesaikan.',
  'DISPUTE.NOT_CORRECTED':
    'Data pinjaman belum dikoreksi; kirim koreksinya dulu sebelum menyelesaikan sanggahan sebagai CORRECTED.',
  'AUTH.FORBIDDEN': 'Peran Anda tidak boleh melakukan ini.',
  'AUTH.TOKEN_EXPIRED': 'Sesi Anda berakhir. Silakan masuk lagi.',
  VALIDATION: 'Isian belum benar.',
  NOT_FOUND: 'Data tidak ditemukan.',
  CONFLICT: 'Data ini bertabrakan dengan data yang sudah ada.',
  PAYLOAD_TOO_LARGE: 'Berkas atau isian terlalu besar.',
  'COOPERATIVE.SUSPENDED': 'Keanggotaan koperasi Anda sedang dibekukan oleh operator jaringan.',
  'RECIPROCITY.NOT_REPORTING': 'Koperasi Anda belum mengirim data terbaru, jadi belum boleh memeriksa pemohon.',
  'DISPUTE.ALREADY_OPEN': 'Sanggahan untuk pinjaman ini sudah dibuka.',
};

/** A labelled form control; the label is tied to the control for screen readers and clicks. */
export function Field(props: { label: string; hint?: string; children: (id: string) => ComponentChildren }) {
  const id = useId();
  const hintId = `${id}-hint`;
  // The hint is read out with the control (aria-describedby), without every page wiring it.
  useEffect(() => {
    const control = document.getElementById(id);
    if (props.hint) control?.setAttribute('aria-describedby', hintId);
    else control?.removeAttribute('aria-describedby');
  }, [id, hintId, props.hint]);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children(id)}
      {props.hint && (
        <small class="hint" id={hintId}>
          {props.hint}
        </small>
      )}
    </div>
  );
}

/** An error from the API, with what it names (field, row) and the request id to quote to the operator. */
export function ErrorBox(props: { error: unknown; message?: string }) {
  const t = useText(text);
  const lang = useLang();
  if (!props.error) return null;
  const e = props.error instanceof ApiError ? props.error : null;
  const said = e
    ? e.status >= 500
      ? t.server
      : lang === 'id' && e.language !== 'id'
        ? CODE_WORDS[e.code]
        : undefined
    : t.network;
  return (
    <div class="alert alert-error" role="alert">
      <strong>{t.error}:</strong> {props.message ?? said ?? e?.message}
      {!props.message && said && e && e.status < 500 && lang === 'id' && (
        <>
          {' '}
          <span lang="en" class="muted">
            ({e.message})
          </span>
        </>
      )}
      {e && e.details.length > 0 && (
        <ul>
          {e.details.slice(0, 20).map((d, i) => (
            <li key={i}>
              {d.row !== undefined && `${t.row} ${d.row}: `}
              {d.field && <code>{d.field}</code>} {d.message}
            </li>
          ))}
        </ul>
      )}
      {e?.requestId && (
        <small class="request-id">
          {t.reference}: <code>{e.requestId}</code>
        </small>
      )}
    </div>
  );
}

export function Notice(props: { kind?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${props.kind ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}

export function Section(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card">
      <header class="card-header">
        <h2>{props.title}</h2>
        {props.actions && <div class="card-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

/**
 * A modal dialog: the native <dialog> opened with showModal(), which traps focus and closes on Escape. While `busy`
 * (a request under way) it stays open.
 */
export function Dialog(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  busy?: boolean;
  children: ComponentChildren;
}) {
  const t = useText(text);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (props.open && dialog && !dialog.open) dialog.showModal();
  }, [props.open]);
  if (!props.open) return null;
  return (
    <dialog
      ref={ref}
      aria-label={props.title}
      class="dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!props.busy) props.onClose();
      }}
    >
      <header class="card-header">
        <h2>{props.title}</h2>
        <button type="button" class="link" onClick={props.onClose} disabled={props.busy}>
          {t.close}
        </button>
      </header>
      {props.children}
    </dialog>
  );
}
