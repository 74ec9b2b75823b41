import type { ErrorCode } from '../../common/errors/error-codes';
import { ConsentPurpose, ConsentStatus } from './consent-purpose';

/*
 * The consent rule, in one place: a coop may act on a borrower's data (for a purpose) at time T when it holds a
 * consent for that borrower (and purpose) that is not revoked and expires after T. Expiring exactly at T is expired.
 * Among several consents the one that decides is an active one if any, else the latest granted; its refusal is the
 * answer. The SQL fragments below and the TypeScript functions state the same rule; test/integration/consents/
 * consent-rule.int-spec.ts checks that they agree. T is always the request's time, never the database's now().
 */

export const CONSENT_REFUSALS = {
  'CONSENT.MISSING': 'No consent of this cooperative for this borrower and purpose',
  'CONSENT.EXPIRED': 'The consent is expired',
  'CONSENT.REVOKED': 'The consent is revoked',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type ConsentRefusalCode = keyof typeof CONSENT_REFUSALS;

/** What the rule reads of a consent. */
export interface ConsentFacts {
  purpose: ConsentPurpose;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** ACTIVE, EXPIRED or REVOKED at `at`: always computed from the timestamps, never stored. */
export function consentStatus(consent: Pick<ConsentFacts, 'revokedAt' | 'expiresAt'>, at: Date): ConsentStatus {
  if (consent.revokedAt) return ConsentStatus.REVOKED;
  return consent.expiresAt.getTime() <= at.getTime() ? ConsentStatus.EXPIRED : ConsentStatus.ACTIVE;
}

/** Why the deciding consent (null: none) does not allow acting at `at`; null when it does. */
export function consentRefusal(
  consent: Pick<ConsentFacts, 'revokedAt' | 'expiresAt'> | null,
  at: Date,
): ConsentRefusalCode | null {
  if (!consent) return 'CONSENT.MISSING';
  switch (consentStatus(consent, at)) {
    case ConsentStatus.REVOKED:
      return 'CONSENT.REVOKED';
    case ConsentStatus.EXPIRED:
      return 'CONSENT.EXPIRED';
    case ConsentStatus.ACTIVE:
      return null;
  }
}

/**
 * The consent that decides among one coop's consents for one borrower: of the purpose (null: any purpose), an active
 * one first, then the latest granted.
 */
export function decidingConsent<T extends ConsentFacts>(
  consents: readonly T[],
  purpose: ConsentPurpose | null,
  at: Date,
): T | null {
  const rank = (c: T) => (consentStatus(c, at) === ConsentStatus.ACTIVE ? 1 : 0);
  const candidates = consents.filter((c) => purpose === null || c.purpose === purpose);
  candidates.sort((a, b) => rank(b) - rank(a) || b.grantedAt.getTime() - a.grantedAt.getTime());
  return candidates[0] ?? null;
}

/**
 * Where the SQL fragments find their inputs: each a placeholder (`$3`, `$5::timestamptz`), a qualified column of the
 * enclosing statement (`l.borrower_key`, `e.cooperative_id`, for a correlated check over many rows) or a quoted purpose
 * (`'MONITORING'`). Never a value: values travel as parameters.
 *
 * Leave placeholders that meet char(64) or uuid columns uncast (`$2`, not `$2::text`): a cast on borrower_key turns
 * the index lookup into a scan. `at` must be typed (`$5::timestamptz`) unless its type is fixed elsewhere.
 */
export interface ConsentScope {
  coop: string;
  borrower: string;
  /** null: a consent of any purpose will do. */
  purpose: string | null;
  at: string;
}

const INPUT = /^(\$\d+(::[a-z_]+)?|[a-z_]+\.[a-z_]+|'[A-Z_]+')$/;

function checked(scope: ConsentScope): ConsentScope {
  for (const [name, expr] of Object.entries(scope)) {
    if (expr !== null && !INPUT.test(String(expr)))
      throw new Error(`consent rule: ${name} must be a placeholder, a column or a quoted purpose, not ${String(expr)}`);
  }
  return scope;
}

/** The consents of the scope's coop for its borrower (and purpose), as a WHERE condition on `alias`. */
function inScope(alias: string, s: ConsentScope): string {
  const purpose = s.purpose === null ? '' : ` AND ${alias}.purpose = ${s.purpose}`;
  return `${alias}.cooperative_id = ${s.coop} AND ${alias}.borrower_key = ${s.borrower}${purpose}`;
}

/** Active at `at`: the rule's one SQL definition, which everything below derives from. */
function activeAt(alias: string, at: string): string {
  return `(${alias}.revoked_at IS NULL AND ${alias}.expires_at > ${at})`;
}

/** A boolean SQL expression: the coop holds an active consent for the borrower (and purpose) at the scope's time. */
export function activeConsentExists(scope: ConsentScope): string {
  const s = checked(scope);
  return `EXISTS (SELECT 1 FROM consents ck WHERE ${inScope('ck', s)} AND ${activeAt('ck', s.at)})`;
}

/**
 * A SELECT of at most one row (id, refusal): the deciding consent and why it refuses (null: it allows). Meant as the
 * body of a CTE; `consentRefusalOf(thatCte)` then reads the decision, CONSENT.MISSING when there is no row.
 */
export function decidingConsentSql(scope: ConsentScope): string {
  const s = checked(scope);
  return `SELECT ck.id,
                  CASE WHEN ${activeAt('ck', s.at)} THEN NULL
                       WHEN ck.revoked_at IS NOT NULL THEN 'CONSENT.REVOKED' ELSE 'CONSENT.EXPIRED' END AS refusal
             FROM consents ck WHERE ${inScope('ck', s)}
            ORDER BY ${activeAt('ck', s.at)} DESC, ck.granted_at DESC LIMIT 1`;
}

/** The consent refusal (a text expression, null when allowed) of a CTE built by decidingConsentSql. */
export function consentRefusalOf(cte: string): string {
  return `CASE WHEN NOT EXISTS (SELECT 1 FROM ${cte}) THEN 'CONSENT.MISSING' ELSE (SELECT refusal FROM ${cte}) END`;
}
