import { ConsentPurpose } from './consent-purpose';
import { resolveExpiry } from './consent-expiry';
import { consentStatus } from './consent-rule';

const now = new Date('2026-11-22T00:00:00Z');

describe('resolveExpiry', () => {
  it.each([
    [ConsentPurpose.NEW_APPLICATION, '2026-12-22T00:00:00.000Z'],
    [ConsentPurpose.MONITORING, '2027-11-22T00:00:00.000Z'],
  ])('defaults %s to %s', (purpose, expected) => {
    expect((resolveExpiry(purpose, undefined, now) as Date).toISOString()).toBe(expected);
  });

  it.each([
    [ConsentPurpose.MONITORING, '2026-11-21T00:00:00Z', /future/],
    [ConsentPurpose.MONITORING, '2026-11-22T00:00:00Z', /future/],
    [ConsentPurpose.MONITORING, '2027-12-01T00:00:00Z', /one year/],
    [ConsentPurpose.MONITORING, 'not a date', /ISO/],
    // NEW_APPLICATION's 30 days may only be shortened (README).
    [ConsentPurpose.NEW_APPLICATION, '2027-11-22T00:00:00Z', /30 days/],
    [ConsentPurpose.NEW_APPLICATION, '2027-01-01T00:00:00Z', /30 days/],
    [ConsentPurpose.NEW_APPLICATION, '2026-12-22T00:01:01Z', /30 days/],
  ])('refuses %s until %s', (purpose, requested, message) => {
    expect(resolveExpiry(purpose, requested, now)).toMatch(message);
  });

  it.each([
    [ConsentPurpose.NEW_APPLICATION, '2026-12-01T00:00:00Z'],
    [ConsentPurpose.NEW_APPLICATION, '2026-12-22T00:00:00Z'], // exactly the default
    [ConsentPurpose.NEW_APPLICATION, '2026-12-22T00:00:59Z'], // a client clock a little ahead
    [ConsentPurpose.MONITORING, '2027-01-01T00:00:00Z'],
    [ConsentPurpose.MONITORING, '2027-11-23T00:00:00Z'], // a calendar year spanning a 29 February is 366 days
  ])('accepts %s until %s', (purpose, requested) => {
    expect(resolveExpiry(purpose, requested, now)).toEqual(new Date(requested));
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
