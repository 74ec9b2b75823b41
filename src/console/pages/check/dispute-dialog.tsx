import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Dialog, ErrorBox, Field } from '../../components/ui';
import { fill, formatRupiah, useLang, useText } from '../../i18n';
import { facilityLabel, text } from './text';
import { Loan, lenderName, OpenedDispute } from './types';

const REASON_MAX = 1000; // OpenDisputeDto's limit

/** Opens a dispute on one loan of the report (POST /api/v1/disputes {loanId, reason}). */
export function DisputeDialog(props: {
  loan: Loan | null;
  onClose: () => void;
  onOpened: (loan: Loan, dispute: OpenedDispute) => void;
}) {
  const t = useText(text);
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const loan = props.loan;

  useEffect(() => {
    setReason('');
    setError(null);
    setBusy(false);
    if (loan) reasonRef.current?.focus();
  }, [loan]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!loan) return;
    setBusy(true);
    setError(null);
    try {
      const dispute = await api<OpenedDispute>('POST', '/api/v1/disputes', { loanId: loan.id, reason: reason.trim() });
      props.onOpened(loan, dispute);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t.disputeTitle} open={loan !== null} onClose={props.onClose} busy={busy}>
      {loan && (
        <form onSubmit={(e) => void submit(e)}>
          <p>{t.disputeIntro}</p>
          <p>
            <strong>
              {fill(t.disputeLoan, {
                lender: `${lenderName(loan)}${loan.loanRef ? ` (${loan.loanRef})` : ''}`,
                facility: facilityLabel(t, loan.facilityType),
                outstanding: formatRupiah(loan.outstanding, lang),
              })}
            </strong>
          </p>
          <Field label={t.reason} hint={t.reasonHint}>
            {(id) => (
              <textarea
                id={id}
                ref={reasonRef}
                rows={4}
                required
                maxLength={REASON_MAX}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            )}
          </Field>
          <ErrorBox error={error} />
          <div class="card-actions">
            <button type="submit" class="primary" disabled={busy || reason.trim() === ''}>
              {busy ? t.sending : t.sendDispute}
            </button>
            <button type="button" onClick={props.onClose} disabled={busy}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
