import { fill, formatDate, formatNumber, formatRupiah, useLang, useText } from '../../i18n';
import { conditionLabel, facilityLabel, kolName, text } from './text';
import { Loan, lenderName } from './types';

/** The id of a loan's row header, which a flag's "show in the table" focuses. */
export const loanRowId = (loanId: string): string => `check-loan-${loanId}`;

/**
 * The loans: the own coop's by name and account number, the others by the report's alias only. Status is the SLIK
 * condition of the latest report (Aktif, Lunas, Hapus buku, ...) and "Disanggah" while a dispute is open; rows of
 * the loans a chosen flag is about are marked.
 */
export function LoanTable(props: { loans: Loan[]; flagged: ReadonlySet<string>; onDispute: (loan: Loan) => void }) {
  const t = useText(text);
  const lang = useLang();
  return (
    <div class="table-wrap">
      <table class="check-loans" aria-labelledby="check-loans-title">
        <thead>
          <tr>
            <th scope="col">{t.lender}</th>
            <th scope="col">{t.loanRef}</th>
            <th scope="col">{t.facility}</th>
            <th scope="col" class="num">
              {t.principal}
            </th>
            <th scope="col" class="num">
              {t.outstanding}
            </th>
            <th scope="col" class="num">
              {t.daysPastDue}
            </th>
            <th scope="col">{t.collectibility}</th>
            <th scope="col">{t.status}</th>
            <th scope="col" class="no-print">
              {t.actions}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.loans.map((loan) => {
            const kol = Math.min(5, Math.max(1, loan.collectibility)) as 1 | 2 | 3 | 4 | 5;
            return (
              <tr
                key={loan.id}
                class={
                  [loan.disputed && 'check-disputed', props.flagged.has(loan.id) && 'check-row-flagged']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
              >
                <th scope="row" id={loanRowId(loan.id)} tabIndex={-1}>
                  {lenderName(loan)}
                  {loan.lender.own && <small class="muted check-own"> ({t.own})</small>}
                </th>
                <td>{loan.loanRef ?? '—'}</td>
                <td>
                  {facilityLabel(t, loan.facilityType)}
                  <small class="muted check-since">
                    {' '}
                    {fill(t.since, { date: formatDate(loan.disbursedAt, lang) })}
                  </small>
                </td>
                <td class="num">{formatRupiah(loan.principal, lang)}</td>
                <td class="num">{formatRupiah(loan.outstanding, lang)}</td>
                <td class="num">{formatNumber(loan.daysPastDue, lang)}</td>
                <td>
                  <span class={`kol kol-${kol} check-kol-badge`}>{loan.collectibility}</span> {kolName(t, kol)}
                </td>
                <td class="check-status">
                  {conditionLabel(lang, loan.condition)}
                  {loan.disputed && (
                    <>
                      {' '}
                      <span class="badge sev-MEDIUM">{t.disputed}</span>
                    </>
                  )}
                </td>
                <td class="no-print">
                  {!loan.disputed && (
                    <button
                      type="button"
                      class="check-dispute"
                      aria-label={`${t.openDispute}: ${lenderName(loan)}${loan.loanRef ? ` ${loan.loanRef}` : ''}`}
                      onClick={() => props.onDispute(loan)}
                    >
                      {t.openDispute}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
