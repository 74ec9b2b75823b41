import { fill, formatDateTime, useLang, useText } from '../../i18n';
import { flagExplanation } from './flag-explanations';
import { gradeMeaning, severityLabel, text } from './text';
import type { Profile } from './types';

/**
 * The grade and score, then each flag: its severity, the API's one-line message (naming the loans it is about) and
 * what it means in practice. While the API gives a caution (the NIK may be someone else's), the grade is shown with
 * the caution instead of its risk reading, in a neutral colour.
 */
export function RiskView(props: { risk: Profile['risk']; onShowLoans: (loanIds: string[]) => void }) {
  const t = useText(text);
  const lang = useLang();
  const { risk } = props;
  const caution = risk.caution;
  return (
    <section class="card check-risk" aria-labelledby="check-risk-title">
      <h2 id="check-risk-title">{t.risk}</h2>
      <div class="check-grade-row">
        <div class="check-grade">
          <span class="muted">{t.grade}</span>
          <span class={`grade ${caution ? 'grade-withheld' : `grade-${risk.grade}`}`}>{risk.grade}</span>
          {caution ? (
            <strong class="check-caution">{lang === 'en' ? caution.message.en : caution.message.id}</strong>
          ) : (
            <span>{gradeMeaning(t, risk.grade)}</span>
          )}
        </div>
        <div class="check-score">
          <span class="muted">{t.score}</span>
          <span class="check-score-value">{risk.score}</span>
          <meter min={250} max={900} low={500} high={700} optimum={900} value={risk.score} aria-label={t.score}>
            {risk.score}
          </meter>
        </div>
        <p class="muted check-note">{t.scoreScale}</p>
      </div>
      <p class="muted check-model">
        <small>{fill(t.model, { model: risk.modelVersion, at: formatDateTime(risk.computedAt, lang) })}</small>
      </p>
      <h3>{t.flags}</h3>
      {risk.flags.length === 0 ? (
        <p>{t.noFlags}</p>
      ) : (
        <ul class="check-flags">
          {risk.flags.map((flag) => {
            const more = flagExplanation(flag.code, lang);
            return (
              <li key={flag.code}>
                <span class={`badge sev-${flag.severity}`}>{severityLabel(t, flag.severity)}</span>{' '}
                <strong>{lang === 'en' ? flag.message.en : flag.message.id}</strong>
                {flag.loanIds && flag.loanIds.length > 0 && (
                  <>
                    {' '}
                    <button type="button" class="link no-print" onClick={() => props.onShowLoans(flag.loanIds ?? [])}>
                      {t.showLoans}
                    </button>
                  </>
                )}
                {more && <p class="check-flag-more">{more}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
