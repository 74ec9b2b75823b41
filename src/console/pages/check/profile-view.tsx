import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { Notice } from '../../components/ui';
import { fill, formatDate, formatDateTime, formatNumber, formatRupiah, useLang, useText } from '../../i18n';
import type { Session } from '../../session';
import { DisputeDialog } from './dispute-dialog';
import { LoanGrid } from './loan-grid';
import { LoanTable, loanRowId } from './loan-table';
import { RiskView } from './risk-view';
import { kolLabel, purposeLabel, text } from './text';
import { CheckResult, Loan, lenderName, OpenedDispute } from './types';

/** The report header that only paper gets: who asked, for what, when, and the numbers that tie it to the audit log. */
function PrintHeader(props: { result: CheckResult; session: Session }) {
  const t = useText(text);
  const lang = useLang();
  const { profile, purpose, nikEnd } = props.result;
  // The API names the own coop only on its own loans; without one the page has its id to show.
  const coopName = props.session.user.cooperativeName ?? profile.loans.find((l) => l.lender.own)?.lender.name;
  return (
    <div class="print-only check-print-header">
      <p class="check-print-title">{t.reportTitle}</p>
      <dl class="check-print-meta">
        <dt>{coopName ? t.reportCoop : t.reportCoopId}</dt>
        <dd>{coopName ?? props.session.user.cooperativeId}</dd>
        <dt>{t.reportOfficer}</dt>
        <dd>{props.session.user.email}</dd>
        <dt>{t.reportAt}</dt>
        <dd>{formatDateTime(profile.generatedAt, lang)} WIB</dd>
        <dt>{t.reportPurpose}</dt>
        <dd>{purposeLabel(t, purpose)}</dd>
        <dt>{t.nik}</dt>
        <dd>****{nikEnd}</dd>
        <dt>{t.reportId}</dt>
        <dd>
          <code>{profile.reportId}</code>
        </dd>
        <dt>{t.reportConsent}</dt>
        <dd>
          <code>{profile.consentId}</code>
        </dd>
      </dl>
      <p class="check-print-note">{t.reportConfidential}</p>
    </div>
  );
}

function Summary(props: { summary: CheckResult['profile']['summary'] }) {
  const t = useText(text);
  const lang = useLang();
  const s = props.summary;
  return (
    <section class="card" aria-labelledby="check-summary-title">
      <h2 id="check-summary-title">{t.summary}</h2>
      <Stats
        items={[
          [t.activeLoans, formatNumber(s.activeLoans, lang)],
          [t.activeLenders, formatNumber(s.activeLenders, lang)],
          [t.totalOutstanding, formatRupiah(s.totalOutstanding, lang)],
          [t.totalArrears, formatRupiah(s.totalArrears, lang)],
        ]}
      />
      <h3>{t.worst}</h3>
      <Stats
        items={[
          [t.worstNow, kolLabel(t, s.worstCollectibility.current)],
          [t.worst12, kolLabel(t, s.worstCollectibility.last12Months)],
          [t.worst24, kolLabel(t, s.worstCollectibility.last24Months)],
        ]}
      />
      <h3>{t.inquiries}</h3>
      <Stats
        items={[
          [t.inquiries7, formatNumber(s.inquiries.last7Days, lang)],
          [t.inquiries30, formatNumber(s.inquiries.last30Days, lang)],
          [t.inquiries90, formatNumber(s.inquiries.last90Days, lang)],
        ]}
      />
      <p class="muted check-note">{t.inquiriesHint}</p>
    </section>
  );
}

function Stats(props: { items: [string, string][] }) {
  return (
    <dl class="check-stats">
      {props.items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The answer to a check, on screen and on paper. */
export function ProfileView(props: {
  result: CheckResult;
  session: Session;
  headingRef: Ref<HTMLHeadingElement>;
  onNewCheck: () => void;
  onDisputed: (loanId: string) => void;
}) {
  const t = useText(text);
  const lang = useLang();
  const { profile, purpose, nikEnd } = props.result;
  const [disputing, setDisputing] = useState<Loan | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const loansHeading = useRef<HTMLHeadingElement>(null);
  const [flagged, setFlagged] = useState<ReadonlySet<string>>(new Set());

  // A flag's "show in the table": mark its loans' rows and move the reader to the first of them.
  const showLoans = (loanIds: string[]) => {
    setFlagged(new Set(loanIds));
    const first = profile.loans.find((loan) => loanIds.includes(loan.id));
    if (first) setTimeout(() => document.getElementById(loanRowId(first.id))?.focus());
  };

  const openDispute = (loan: Loan) => {
    trigger.current = document.activeElement as HTMLElement | null;
    setOpened(null);
    setDisputing(loan);
  };
  const closeDispute = () => {
    setDisputing(null);
    trigger.current?.focus();
  };
  const disputeOpened = (loan: Loan, dispute: OpenedDispute) => {
    setDisputing(null);
    setOpened(fill(t.disputeOpened, { lender: lenderName(loan), due: formatDate(dispute.dueAt.slice(0, 10), lang) }));
    props.onDisputed(loan.id);
    loansHeading.current?.focus(); // its button is gone with the open dispute
  };

  return (
    <div class="check-profile">
      <PrintHeader result={props.result} session={props.session} />
      <section class="card check-report-head" aria-labelledby="check-profile-title">
        <header class="card-header">
          <h1 id="check-profile-title" ref={props.headingRef} tabIndex={-1}>
            {t.profileTitle}
          </h1>
          <div class="card-actions no-print">
            <button type="button" class="primary" onClick={() => window.print()}>
              {t.printReport}
            </button>
            <button type="button" onClick={props.onNewCheck}>
              {t.newCheck}
            </button>
          </div>
        </header>
        <p class="muted no-print check-note">
          {t.nik} ****{nikEnd} · {purposeLabel(t, purpose)} · {t.reportId} <code>{profile.reportId}</code> ·{' '}
          {formatDateTime(profile.generatedAt, lang)}
        </p>
      </section>
      <Summary summary={profile.summary} />
      <RiskView risk={profile.risk} onShowLoans={showLoans} />
      <section class="card" aria-labelledby="check-loans-title">
        <h2 id="check-loans-title" ref={loansHeading} tabIndex={-1}>
          {t.loans}
        </h2>
        <div class="no-print" aria-live="polite">
          {opened && <Notice kind="success">{opened}</Notice>}
        </div>
        {profile.loans.length === 0 ? (
          <p>{t.noLoans}</p>
        ) : (
          <>
            <LoanTable loans={profile.loans} flagged={flagged} onDispute={openDispute} />
            <LoanGrid loans={profile.loans} generatedAt={profile.generatedAt} />
          </>
        )}
      </section>
      <div class="no-print">
        <DisputeDialog loan={disputing} onClose={closeDispute} onOpened={disputeOpened} />
      </div>
    </div>
  );
}
