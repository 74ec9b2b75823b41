import type { RiskFlag } from './flag-definitions';
import { disputedRecord } from './flag-messages';

/** DISPUTED_RECORD while any loan shown has an open dispute: read at query time, so it holds from the moment of opening. */
export function evaluateDisputeFlags(
  shownLoanIds: readonly string[],
  disputedLoanIds: ReadonlySet<string>,
): RiskFlag[] {
  return shownLoanIds.some((id) => disputedLoanIds.has(id)) ? [disputedRecord()] : [];
}
