import { Lang, useLang, useText } from '../../i18n';
import { kolLabel, kolName, text, Words } from './text';
import { HistoryMonth, Loan, lenderName } from './types';

const MONTHS = 24;

/** The 24 periods (YYYY-MM) of the grid, newest first, ending at the newest month any lender reported. */
export function gridPeriods(loans: Loan[], generatedAt: string): string[] {
  const reported = loans.flatMap((l) => l.history.map((h) => h.period));
  const newest = reported.length ? reported.reduce((a, b) => (a > b ? a : b)) : generatedAt.slice(0, 7);
  const [year, month] = newest.split('-').map(Number);
  return Array.from({ length: MONTHS }, (_, k) => {
    const d = new Date(Date.UTC(year, month - 1 - k, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

function monthParts(period: string, lang: Lang): { month: string; year: string; full: string } {
  const at = new Date(`${period}-01T00:00:00Z`);
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  const part = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' }).format(at);
  return {
    month: part({ month: 'short' }).replace('.', ''),
    year: part({ year: '2-digit' }),
    full: part({ month: 'long', year: 'numeric' }),
  };
}

function Cell(props: { t: Words; month?: HistoryMonth; label: string }) {
  const { t, month } = props;
  if (!month) {
    return (
      <td class="check-kol-cell">
        <span class="kol kol-none" title={`${props.label}: ${t.noReport}`}>
          <span aria-hidden="true">·</span>
          <span class="check-sr-only">{t.noReport}</span>
        </span>
      </td>
    );
  }
  const kol = Math.min(5, Math.max(1, month.collectibility));
  return (
    <td class="check-kol-cell">
      <span
        class={`kol kol-${kol}`}
        title={`${props.label}: ${kolLabel(t, kol)}, ${t.daysPastDue.toLowerCase()} ${month.daysPastDue}`}
      >
        {month.collectibility}
      </span>
    </td>
  );
}

/** Like the banks' iDeb: a row per loan, a column per month, the collectibility number on its colour. */
export function LoanGrid(props: { loans: Loan[]; generatedAt: string }) {
  const t = useText(text);
  const lang = useLang();
  const periods = gridPeriods(props.loans, props.generatedAt);
  const months = periods.map((p) => monthParts(p, lang));
  return (
    <div class="check-grid">
      <h3 id="check-history">{t.history}</h3>
      <p class="muted check-note">{t.historyIntro}</p>
      <div class="table-wrap">
        <table class="check-kol-table" aria-labelledby="check-history">
          <thead>
            <tr>
              <th scope="col">{t.lender}</th>
              {months.map((m, i) => (
                <th key={periods[i]} scope="col" class="check-kol-month" title={m.full}>
                  {m.month}
                  <br />
                  {m.year}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.loans.map((loan) => {
              const byPeriod = new Map(loan.history.map((h) => [h.period, h]));
              return (
                <tr key={loan.id}>
                  <th scope="row" class="check-kol-loan">
                    {lenderName(loan)}
                    {loan.loanRef && <small class="muted"> {loan.loanRef}</small>}
                  </th>
                  {periods.map((p, i) => (
                    <Cell key={p} t={t} month={byPeriod.get(p)} label={months[i].full} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="kol-legend" aria-label={t.collectibility} role="group">
        {([1, 2, 3, 4, 5] as const).map((k) => (
          <span key={k}>
            <span class={`kol kol-${k}`} aria-hidden="true">
              {k}
            </span>
            {kolName(t, k)}
          </span>
        ))}
        <span>
          <span class="kol kol-none" aria-hidden="true">
            ·
          </span>
          {t.noReport}
        </span>
      </div>
    </div>
  );
}
