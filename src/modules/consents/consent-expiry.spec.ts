import { ConsentPurpose } from './consent-purpose';
import { resolveExpiry } from './consent-expiry';
import { consentStatus } from './consent.response';

const now = new Date('2026-11-22T00:00:00Z');

describe('resolveExpiry', () => {
  it.each([
    [ConsentPurpose.NEW_APPLICATION, '2026-12-22T00:00:00.000Z'],
    [ConsentPurpose.MONITORING, '2027-11-22T00:00:00.000Z'],
  ])('defaults %s to %s', (purpose, expected) => {
    expect((resolveExpiry(purpose, undefined, now) as Date).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-21T00:00:00Z', /future/],
    ['2026-11-22T00:00:00Z', /future/],
    ['2027-12-01T00:00:00Z', /one year/],
    ['not a date', /ISO/],
  ])('refuses %s', (requested, message) => {
    expect(resolveExpiry(ConsentPurpose.MONITORING, requested, now)).toMatch(message);
  });

  it('accepts a date within a year', () => {
    expect(resolveExpiry(ConsentPurpose.NEW_APPLICATION, '2027-01-01T00:00:00Z', now)).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});

describe('consentStatus', () => {
  const expiresAt = new Date('2026-12-01T00:00:00Z');
  it.each([
    [{ revokedAt: null, expiresAt }, now, 'ACTIVE'],
    [{ revokedAt: null, expiresAt }, new Date('2026-12-01T00:00:00Z'), 'EXPIRED'],
    [{ revokedAt: new Date('2026-11-21T00:00:00Z'), expiresAt }, now, 'REVOKED'],
  ])('%p at %p is %s', (consent, at, status) => {
    expect(consentStatus(consent, at)).toBe(status);
  });
});
