import { BorrowersRepository } from '../../../src/modules/borrowers/borrowers.repository';
import { BorrowersService } from '../../../src/modules/borrowers/borrowers.service';
import { ConsentPurpose } from '../../../src/modules/consents/consent-purpose';
import {
  activeConsentExists,
  consentRefusal,
  ConsentRefusalCode,
  consentRefusalOf,
  ConsentScope,
  decidingConsent,
  decidingConsentSql,
} from '../../../src/modules/consents/consent-rule';
import { testNik } from '../../factories/factory';
import { createTestApp, TestApp } from '../../helpers/test-app';

const T = new Date('2026-12-03T12:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const DAY = 86_400_000;

interface Given {
  name: string;
  purpose: ConsentPurpose;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}
const given = (name: string, over: Partial<Given> = {}): Given => ({
  name,
  purpose: ConsentPurpose.NEW_APPLICATION,
  grantedAt: at(-DAY),
  expiresAt: at(DAY),
  revokedAt: null,
  ...over,
});

const { NEW_APPLICATION, MONITORING } = ConsentPurpose;

// Each row: the coop's consents for one borrower, the purpose asked (null: any), the consent that decides, the refusal.
const CASES: [string, Given[], ConsentPurpose | null, string | null, ConsentRefusalCode | null][] = [
  ['no consent', [], NEW_APPLICATION, null, 'CONSENT.MISSING'],
  ['active', [given('a')], NEW_APPLICATION, 'a', null],
  ['revoked', [given('r', { revokedAt: at(-1000) })], NEW_APPLICATION, 'r', 'CONSENT.REVOKED'],
  ['expired exactly at T', [given('e', { expiresAt: T })], NEW_APPLICATION, 'e', 'CONSENT.EXPIRED'],
  ['expiring 1 ms after T', [given('j', { expiresAt: at(1) })], NEW_APPLICATION, 'j', null],
  ['expired 1 ms before T', [given('k', { expiresAt: at(-1) })], NEW_APPLICATION, 'k', 'CONSENT.EXPIRED'],
  [
    'several, one active: the active one decides',
    [
      given('old', { grantedAt: at(-3 * DAY) }),
      given('newer revoked', { revokedAt: at(-1000) }),
      given('expired', { grantedAt: at(-2 * DAY), expiresAt: T }),
    ],
    NEW_APPLICATION,
    'old',
    null,
  ],
  [
    'several, none active: the latest granted decides',
    [given('expired', { grantedAt: at(-2 * DAY), expiresAt: at(-DAY) }), given('revoked', { revokedAt: at(-1000) })],
    NEW_APPLICATION,
    'revoked',
    'CONSENT.REVOKED',
  ],
  ['another purpose only', [given('m', { purpose: MONITORING })], NEW_APPLICATION, null, 'CONSENT.MISSING'],
  [
    'another purpose active, this one revoked',
    [given('m', { purpose: MONITORING }), given('r', { revokedAt: at(-1000) })],
    NEW_APPLICATION,
    'r',
    'CONSENT.REVOKED',
  ],
  ['MONITORING asked', [given('m', { purpose: MONITORING, expiresAt: at(300 * DAY) })], MONITORING, 'm', null],
  [
    'any purpose: an active one of another purpose',
    [given('m', { purpose: MONITORING, grantedAt: at(-2 * DAY) }), given('r', { revokedAt: at(-1000) })],
    null,
    'm',
    null,
  ],
  [
    'any purpose: none active',
    [given('e', { expiresAt: T }), given('m', { purpose: MONITORING, grantedAt: at(-1000), revokedAt: at(-1) })],
    null,
    'm',
    'CONSENT.REVOKED',
  ],
  ['any purpose: none', [], null, null, 'CONSENT.MISSING'],
];

/** The SQL side, as the profile statement and disputes embed the fragments. */
function agreementSql(purpose: ConsentPurpose | null): string {
  const scope: ConsentScope =
    purpose === null
      ? { coop: '$1', borrower: '$2', purpose: null, at: '$3::timestamptz' }
      : { coop: '$1', borrower: '$2', purpose: '$4', at: '$3::timestamptz' };
  return `WITH c AS (${decidingConsentSql(scope)})
          SELECT (SELECT id FROM c) AS id, ${consentRefusalOf('c')} AS refusal, ${activeConsentExists(scope)} AS active`;
}

describe('the consent rule: SQL fragments and TypeScript agree (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(CASES)('%s', async (_name, consents, purpose, decided, refusal) => {
    const coop = await t.factory.cooperative();
    // Another coop's active consent for the same borrower never counts.
    const other = await t.factory.cooperative();
    const borrower = t.app.get(BorrowersService).keyForNik(testNik());
    await t.app.get(BorrowersRepository).ensure(t.dataSource.manager, borrower.key, borrower.keyVersion);
    const ids = new Map<string, string>();
    const rows = [
      ...consents.map((c) => ({ ...c, coopId: coop.id })),
      { ...given('other coop', { purpose: MONITORING }), coopId: other.id },
    ];
    for (const c of rows) {
      const [row]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO consents (cooperative_id, borrower_key, purpose, evidence_type, evidence_reference, granted_at, expires_at, revoked_at)
         VALUES ($1, $2, $3, 'SIGNED_FORM', 'FORM-1', $4, $5, $6) RETURNING id`,
        [c.coopId, borrower.key, c.purpose, c.grantedAt, c.expiresAt, c.revokedAt],
      );
      ids.set(row.id, c.name);
    }

    const params: unknown[] = [coop.id, borrower.key, T, ...(purpose === null ? [] : [purpose])];
    const [sql]: { id: string | null; refusal: string | null; active: boolean }[] = await t.dataSource.query(
      agreementSql(purpose),
      params,
    );
    const ts = decidingConsent(consents, purpose, T);

    expect({ decided: sql.id === null ? null : ids.get(sql.id), refusal: sql.refusal, active: sql.active }).toEqual({
      decided,
      refusal,
      active: refusal === null,
    });
    expect({ decided: ts?.name ?? null, refusal: consentRefusal(ts, T) }).toEqual({ decided, refusal });
  });
});
