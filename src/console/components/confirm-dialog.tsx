import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog, ErrorBox } from './ui';

/**
 * An "are you sure?" dialog for a destructive action. Focus starts on the cancel button so that Enter does not
 * confirm by accident; a failed action keeps the dialog open with its error, a finished one hands over to onDone.
 */
export function ConfirmDialog(props: {
  title: string;
  text: string;
  /** class of the question's paragraph (e.g. one that breaks long URLs) */
  textClass?: string;
  cancelLabel: string;
  confirmLabel: string;
  busyLabel: string;
  action: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelButton.current?.focus(), []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.action();
      props.onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog title={props.title} open onClose={props.onCancel} busy={busy}>
      <div>
        <p class={props.textClass}>{props.text}</p>
        <ErrorBox error={error} />
        <div class="row dialog-actions">
          <button type="button" ref={cancelButton} onClick={props.onCancel} disabled={busy}>
            {props.cancelLabel}
          </button>
          <button type="button" class="danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? props.busyLabel : props.confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
