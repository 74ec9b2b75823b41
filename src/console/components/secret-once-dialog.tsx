import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog, Field } from './ui';

/**
 * A secret shown once (an API key, a webhook's signing secret). It lives only in this dialog's state: closing the
 * dialog drops it. Focus starts on the copy button; without clipboard access the secret is selected for Ctrl+C.
 */
export function SecretOnceDialog(props: {
  title: string;
  warning: string;
  label: string;
  secret: string;
  words: { copy: string; saved: string; copied: string; copyManual: string };
  onClose: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'manual' | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => copyButton.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied('yes');
    } catch {
      // No clipboard access (an old browser, or permission refused).
      box.current?.focus();
      box.current?.select();
      setCopied('manual');
    }
  };

  const w = props.words;
  return (
    <Dialog title={props.title} open onClose={props.onClose}>
      <div>
        <div class="alert alert-warning" role="alert">
          {props.warning}
        </div>
        <Field label={props.label}>
          {(id) => (
            <textarea
              id={id}
              ref={box}
              class="secret shown-key"
              readOnly
              rows={2}
              spellcheck={false}
              value={props.secret}
            />
          )}
        </Field>
        <div class="row dialog-actions">
          <button type="button" ref={copyButton} onClick={() => void copy()}>
            {w.copy}
          </button>
          <button type="button" class="primary" onClick={props.onClose}>
            {w.saved}
          </button>
        </div>
        <p role="status" class="muted">
          {copied === 'yes' ? w.copied : copied === 'manual' ? w.copyManual : ''}
        </p>
      </div>
    </Dialog>
  );
}
