import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox, Field, Notice } from '../../components/ui';
import { fill, useText } from '../../i18n';
import { consentReason, evidenceLabel, purposeLabel, referenceHint, text } from './text';
import { ConsentCode, EVIDENCE_TYPES, EvidenceType, Purpose } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/**
 * Records the applicant's consent (POST /api/v1/consents) for the NIK and purpose just refused, then hands back to
 * the page, which runs the check again. The NIK comes from the page's memory; it is not shown here.
 */
export function ConsentForm(props: {
  nik: string;
  purpose: Purpose;
  refusal: ConsentCode;
  headingRef: Ref<HTMLHeadingElement>;
  onRecorded: () => void;
  onCancel: () => void;
}) {
  const t = useText(text);
  const [type, setType] = useState<EvidenceType>('SIGNED_FORM');
  const [reference, setReference] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/consents', {
        nik: props.nik,
        purpose: props.purpose,
        evidence: { type, reference: reference.trim() },
        // The end of the chosen day in WIB, the network's calendar; empty leaves the API's default.
        ...(expiresOn ? { expiresAt: `${expiresOn}T23:59:59+07:00` } : {}),
      });
      props.onRecorded();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form class="card no-print check-consent" aria-labelledby="consent-title" onSubmit={(e) => void submit(e)}>
      <h2 id="consent-title" ref={props.headingRef} tabIndex={-1}>
        {t.consentTitle}
      </h2>
      <Notice kind="warning">{consentReason(t, props.refusal)}</Notice>
      <p class="muted">{fill(t.consentFor, { end: props.nik.slice(-4), purpose: purposeLabel(t, props.purpose) })}</p>
      <div class="row">
        <Field label={t.evidenceType}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.currentTarget.value as EvidenceType)}>
              {EVIDENCE_TYPES.map((v) => (
                <option key={v} value={v}>
                  {evidenceLabel(t, v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.reference} hint={referenceHint(t, type)}>
          {(id) => (
            <input
              id={id}
              type="text"
              autocomplete="off"
              required
              maxLength={100}
              value={reference}
              onInput={(e) => setReference(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t.expiresAt} hint={t.expiresAtHint}>
          {(id) => (
            <input
              id={id}
              type="date"
              min={isoDay(Date.now() + DAY_MS)}
              max={isoDay(Date.now() + 365 * DAY_MS)}
              value={expiresOn}
              onInput={(e) => setExpiresOn(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <ErrorBox error={error} />
      <div class="card-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.recording : t.recordConsent}
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
