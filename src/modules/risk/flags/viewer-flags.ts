import { RiskFlag, StoredFlag } from './flag-definitions';

/** One loan of the report as the viewer may see it: whether it is the viewer's own, and its name in both languages. */
export interface ViewerLoan {
  own: boolean;
  name: { id: string; en: string };
}

/** A flag as one viewer sees it; loanIds (ids of the report's loans) only on a flag about particular loans. */
export interface ViewerFlag extends RiskFlag {
  loanIds?: string[];
}

/**
 * What one coop's officer sees. DELINQUENT_ELSEWHERE stays only when a coop other than the viewer is delinquent (the
 * viewer knows its own arrears, and the flag says "another cooperative"); a stored one without its coop list cannot
 * be attributed and is dropped. A flag about particular loans keeps those the report shows (`loans`; for
 * DELINQUENT_ELSEWHERE only other coops' loans) as loanIds and names them after its message, as the report names
 * them (an alias for another coop's loan). Every flag is copied field by field, so cooperativeIds never leaves.
 * The stored order is kept.
 */
export function flagsForViewer(
  stored: StoredFlag[],
  viewerCooperativeId: string,
  loans: ReadonlyMap<string, ViewerLoan> = new Map(),
): ViewerFlag[] {
  return stored
    .filter(
      (flag) =>
        flag.code !== 'DELINQUENT_ELSEWHERE' || (flag.cooperativeIds ?? []).some((id) => id !== viewerCooperativeId),
    )
    .map(({ code, severity, message, loanIds }) => {
      const shown = (loanIds ?? []).filter((id) => {
        const loan = loans.get(id);
        return loan !== undefined && !(code === 'DELINQUENT_ELSEWHERE' && loan.own);
      });
      if (shown.length === 0) return { code, severity, message: { id: message.id, en: message.en } };
      const names = shown.map((id) => loans.get(id)!.name);
      return {
        code,
        severity,
        message: {
          id: `${message.id}: ${names.map((n) => n.id).join('; ')}`,
          en: `${message.en}: ${names.map((n) => n.en).join('; ')}`,
        },
        loanIds: shown,
      };
    });
}
