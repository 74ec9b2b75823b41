import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { useText } from '../../i18n';
import type { PageProps } from '../registry';
import { ApplicantForm } from './applicant-form';
import { ConsentForm } from './consent-form';
import { ProfileView } from './profile-view';
import { text } from './text';
import { CheckResult, CONSENT_CODES, ConsentCode, Profile, Purpose } from './types';

const isConsentCode = (code: string): code is ConsentCode => (CONSENT_CODES as readonly string[]).includes(code);

/**
 * "Check an applicant": NIK and purpose, the applicant's consent when the API asks for it, then the report.
 * The NIK lives only in this component's state while it is needed, goes only into request bodies, and is dropped
 * as soon as the report is shown (and with the component when the officer leaves the page).
 */
export function CheckPage({ session }: PageProps) {
  const t = useText(text);
  const [nik, setNik] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('NEW_APPLICATION');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refusal, setRefusal] = useState<ConsentCode | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const nikInput = useRef<HTMLInputElement>(null);
  const consentHeading = useRef<HTMLHeadingElement>(null);
  const profileHeading = useRef<HTMLHeadingElement>(null);

  // Move the reader to what just appeared: the consent form, or the report.
  useEffect(() => {
    if (refusal) consentHeading.current?.focus();
  }, [refusal]);
  const reportId = result?.profile.reportId;
  useEffect(() => {
    if (reportId) profileHeading.current?.focus();
  }, [reportId]); // a new report, not a loan marked disputed in this one

  const check = async () => {
    setBusy(true);
    setError(null);
    setRefusal(null);
    setResult(null);
    try {
      const profile = await api<Profile>('POST', '/api/v1/profiles/query', { nik, purpose });
      setResult({ profile, purpose, nikEnd: nik.slice(-4) });
      setNik('');
    } catch (err) {
      if (err instanceof ApiError && isConsentCode(err.code)) setRefusal(err.code);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const refusedMessage = (): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    if (error.code === 'COOPERATIVE.SUSPENDED') return t.refusedSuspended;
    if (error.code === 'RECIPROCITY.NOT_REPORTING') return t.refusedNotReporting;
    return undefined;
  };

  // A consent is recorded for the NIK and purpose that were refused: changing either closes the consent form.
  const changeNik = (value: string) => {
    if (value !== nik) setRefusal(null);
    setNik(value);
  };
  const changePurpose = (value: Purpose) => {
    setRefusal(null);
    setPurpose(value);
  };

  const newCheck = () => {
    setResult(null);
    setError(null);
    setTimeout(() => nikInput.current?.focus());
  };

  const markDisputed = (loanId: string) =>
    setResult(
      (r) =>
        r && {
          ...r,
          profile: {
            ...r.profile,
            loans: r.profile.loans.map((l) => (l.id === loanId ? { ...l, disputed: true } : l)),
          },
        },
    );

  return (
    <div class="check-page">
      {result ? (
        <ProfileView
          result={result}
          session={session}
          headingRef={profileHeading}
          onNewCheck={newCheck}
          onDisputed={markDisputed}
        />
      ) : (
        <>
          <ApplicantForm
            nik={nik}
            purpose={purpose}
            busy={busy}
            error={error}
            errorMessage={refusedMessage()}
            nikRef={nikInput}
            onNik={changeNik}
            onPurpose={changePurpose}
            onSubmit={() => void check()}
          />
          {refusal && (
            <ConsentForm
              nik={nik}
              purpose={purpose}
              refusal={refusal}
              headingRef={consentHeading}
              onRecorded={() => void check()}
              onCancel={() => {
                setRefusal(null);
                nikInput.current?.focus();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
