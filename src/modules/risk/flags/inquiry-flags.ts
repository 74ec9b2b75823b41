import { Inquiry } from '../risk-input';
import { daysBefore } from './calendar';
import { FlagThresholds, RiskFlag } from './flag-definitions';
import { creditShopping } from './flag-messages';

// A lender reviewing a loan it already holds is not the borrower asking for new credit, as bureaus leave account
// reviews out of shopping counts; every other purpose counts.
const NOT_SHOPPING_PURPOSES: ReadonlySet<string> = new Set(['MONITORING']);

/**
 * CREDIT_SHOPPING: inquiries from at least shoppingMinCoops DISTINCT coops in the window [now - shoppingWindowDays,
 * now], both ends included (an inquiry exactly at now, or exactly shoppingWindowDays days before it, counts).
 */
export function evaluateInquiryFlags(inquiries: Inquiry[], now: Date, t: FlagThresholds): RiskFlag[] {
  const from = daysBefore(now, t.shoppingWindowDays).getTime();
  const coops = new Set(
    inquiries
      .filter((inquiry) => !NOT_SHOPPING_PURPOSES.has(inquiry.purpose))
      .filter((inquiry) => inquiry.at.getTime() >= from && inquiry.at.getTime() <= now.getTime())
      .map((inquiry) => inquiry.cooperativeId),
  );
  return coops.size >= t.shoppingMinCoops ? [creditShopping(coops.size, t.shoppingWindowDays)] : [];
}
