import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { Text, useText } from '../i18n';

const text: Text<{ error: string; reference: string; row: string; close: string }> = {
  id: { error: 'Gagal', reference: 'Nomor rujukan', row: 'baris', close: 'Tutup' },
  en: { error: 'Failed', reference: 'Reference', row: 'row', close: 'Close' },
};

/** A labelled form control; the label is tied to the control for screen readers and clicks. */
export function Field(props: { label: string; hint?: string; children: (id: string) => ComponentChildren }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children(id)}
      {props.hint && <small class="hint">{props.hint}</small>}
    </div>
  );
}

/** An error from the API, with what it names (field, row) and the request id to quote to the operator. */
export function ErrorBox(props: { error: unknown; message?: string }) {
  const t = useText(text);
  if (!props.error) return null;
  const e = props.error instanceof ApiError ? props.error : null;
  return (
    <div class="alert alert-error" role="alert">
      <strong>{t.error}:</strong> {props.message ?? (e ? e.message : String(props.error))}
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

/** A modal dialog: the native <dialog> opened with showModal(), which traps focus and closes on Escape. */
export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ComponentChildren }) {
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
        props.onClose();
      }}
    >
      <header class="card-header">
        <h2>{props.title}</h2>
        <button type="button" class="link" onClick={props.onClose}>
          {t.close}
        </button>
      </header>
      {props.children}
    </dialog>
  );
}
