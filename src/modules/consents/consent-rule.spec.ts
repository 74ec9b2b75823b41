import { ConsentPurpose } from './consent-purpose';
import { activeConsentExists, consentRefusal, ConsentFacts, decidingConsent, decidingConsentSql } from './consent-rule';

const T = new Date('2026-12-03T12:00:00Z');
const ms = (delta: number) => new Date(T.getTime() + delta);
const DAY = 86_400_000;
const consent = (over: Partial<ConsentFacts> & { name?: string } = {}): ConsentFacts & { name: string } => ({
  name: 'c',
  purpose: ConsentPurpose.NEW_APPLICATION,
  grantedAt: ms(-DAY),
  expiresAt: ms(DAY),
  revokedAt: null,
  ...over,
});

describe('consentRefusal', () => {
  it.each([
    ['no consent', null, 'CONSENT.MISSING'],
    ['active', consent(), null],
    ['expiring 1 ms after T', consent({ expiresAt: ms(1) }), null],
    ['expired exactly at T', consent({ expiresAt: T }), 'CONSENT.EXPIRED'],
    ['expired before T', consent({ expiresAt: ms(-1) }), 'CONSENT.EXPIRED'],
    ['revoked, not expired', consent({ revokedAt: ms(-1000) }), 'CONSENT.REVOKED'],
    ['revoked and expired', consent({ revokedAt: ms(-2 * DAY), expiresAt: ms(-DAY) }), 'CONSENT.REVOKED'],
    // Revoked is revoked whenever it was: the rule reads the timestamp's presence, as the SQL does.
    ['revoked after T', consent({ revokedAt: ms(1000) }), 'CONSENT.REVOKED'],
  ])('%s: %s', (_name, c, refusal) => {
    expect(consentRefusal(c, T)).toBe(refusal);
  });
});

describe('decidingConsent', () => {
  const older = consent({ name: 'older active', grantedAt: ms(-3 * DAY) });
  const newerRevoked = consent({ name: 'newer revoked', grantedAt: ms(-DAY), revokedAt: ms(-1000) });
  const newerExpired = consent({ name: 'newer expired', grantedAt: ms(-2 * DAY), expiresAt: T });
  const monitoring = consent({ name: 'monitoring active', purpose: ConsentPurpose.MONITORING, grantedAt: ms(-1000) });
  it.each([
    ['none', [], ConsentPurpose.NEW_APPLICATION, null],
    [
      'an active one beats newer refused ones',
      [newerRevoked, older, newerExpired],
      ConsentPurpose.NEW_APPLICATION,
      'older active',
    ],
    [
      'with none active, the latest granted',
      [newerExpired, newerRevoked],
      ConsentPurpose.NEW_APPLICATION,
      'newer revoked',
    ],
    ['another purpose does not count', [monitoring, newerRevoked], ConsentPurpose.NEW_APPLICATION, 'newer revoked'],
    ['another purpose alone is none', [monitoring], ConsentPurpose.NEW_APPLICATION, null],
    ['any purpose takes the active one of any', [newerRevoked, monitoring], null, 'monitoring active'],
  ])('%s', (_name, consents, purpose, decided) => {
    expect(decidingConsent(consents, purpose, T)?.name ?? null).toBe(decided);
  });
});

describe('the SQL fragments', () => {
  it('take placeholders, columns and quoted purposes, and nothing else', () => {
    expect(
      activeConsentExists({ coop: '$2', borrower: 'l.borrower_key', purpose: null, at: '$3::timestamptz' }),
    ).toContain(
      'ck.cooperative_id = $2 AND ck.borrower_key = l.borrower_key AND (ck.revoked_at IS NULL AND ck.expires_at > $3::timestamptz)',
    );
    expect(
      decidingConsentSql({ coop: '$1', borrower: '$2', purpose: "'MONITORING'", at: '$5::timestamptz' }),
    ).toContain("ck.purpose = 'MONITORING'");
    expect(() => activeConsentExists({ coop: "'x' OR true", borrower: '$2', purpose: null, at: '$3' })).toThrow(
      /coop must be/,
    );
  });
});
