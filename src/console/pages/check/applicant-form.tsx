import type { Ref } from 'preact';
import { ErrorBox, Field } from '../../components/ui';
import { useText } from '../../i18n';
import { purposeLabel, text } from './text';
import { Purpose, PURPOSES } from './types';

/** Keeps what a 16-digit NIK can hold: pasted spaces and dots ("3375 0101 ...") drop out. */
export const cleanNik = (value: string): string => value.replace(/\D/g, '').slice(0, 16);

/** The NIK and the purpose. The NIK is a plain numeric field: not remembered by the browser (autocomplete off). */
export function ApplicantForm(props: {
  nik: string;
  purpose: Purpose;
  busy: boolean;
  error: unknown;
  errorMessage?: string;
  nikRef: Ref<HTMLInputElement>;
  onNik: (nik: string) => void;
  onPurpose: (purpose: Purpose) => void;
  onSubmit: () => void;
}) {
  const t = useText(text);
  return (
    <form
      class="card no-print check-form"
      aria-labelledby="check-title"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h1 id="check-title">{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <div class="row">
        <Field label={t.nik} hint={t.nikHint}>
          {(id) => (
            <input
              id={id}
              ref={props.nikRef}
              name="applicant-nik"
              type="text"
              inputMode="numeric"
              autocomplete="off"
              spellcheck={false}
              pattern="[0-9]{16}"
              minLength={16}
              maxLength={16}
              required
              class="check-nik"
              value={props.nik}
              onInput={(e) => {
                const nik = cleanNik(e.currentTarget.value);
                e.currentTarget.value = nik; // a typed letter would otherwise stay on screen
                props.onNik(nik);
              }}
            />
          )}
        </Field>
        <Field label={t.purpose}>
          {(id) => (
            <select id={id} value={props.purpose} onChange={(e) => props.onPurpose(e.currentTarget.value as Purpose)}>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {purposeLabel(t, p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="field">
          <button type="submit" class="primary" disabled={props.busy}>
            {props.busy ? t.checking : t.check}
          </button>
        </div>
      </div>
      <ErrorBox error={props.error} message={props.errorMessage} />
    </form>
  );
}
