import { lenientlyDecoded } from '../privacy/nik-guard';
import { nikPlacesInUrl, redactUrl } from './nik-url-guard';

const NIK = '3375011203850002';
const ENCODED = [...NIK].map((d) => `%3${d}`).join('');

describe('nikPlacesInUrl', () => {
  it.each([
    ['/api/v1/profiles/query?nik=3375011203850002', ['query.nik']],
    ['/api/v1/profiles/3375011203850002', ['path']],
    [`/api/v1/profiles/${ENCODED}`, ['path']],
    ['/api/v1/consents?cursor=3375011203850002', ['query.cursor']],
    [`/api/v1/consents?cursor=${ENCODED}`, ['query.cursor']],
    ['/console/3375011203850002', ['path']],
    ['/console/KTP-3375011203850002.html', ['path']],
    ['/api/docs/3375011203850002', ['path']],
    ['/admin/queues/api/queues/3375011203850002', ['path']],
    ['/metrics?x=3375011203850002', ['query.x']],
    ['/health/live?nik=3375011203850002', ['query.nik']],
    ['/health/live?3375011203850002=1', ['query.[NIK]']],
    [`/health/live?${ENCODED}`, ['query.[NIK]']],
    ['/health/live?ref=KTP+3375011203850002', ['query.ref']],
    ['/health/live?ref=KTP%203375011203850002-01', ['query.ref']],
    // A malformed sequence elsewhere does not hide the encoded digits (decodeURIComponent would give up).
    [`/health/live?bad=%zz&nik=${ENCODED}`, ['query.nik']],
    [`/health/live?bad=%E0%A4%A${ENCODED}`, ['query.bad']],
    [`/x/3375011203850002?nik=${NIK}&other=${NIK}`, ['path', 'query.nik', 'query.other']],
    ['/x?nik=1&nik=3375011203850002', ['query.nik']],
    ['/x?a%5Bb%5D=3375011203850002', ['query.a[b]']],
    ['/x?na<me>=3375011203850002', ['query.na?me?']],
    [`/x?${'k'.repeat(100)}=${NIK}`, [`query.${'k'.repeat(60)}`]],
    // 17 and 15 digits are no NIK's length; a UUID, a timestamp in ms and a decimal cursor pass.
    ['/x/33750112038500021', []],
    ['/x?cursor=337501120385000', []],
    ['/api/v1/consents/c0a80101-1234-4abc-9def-123456789012', []],
    ['/api/v1/audit-events?from=2026-01-01T00:00:00Z&cursor=1042&t=1733215534000', []],
    ['/api/v1/x?bad=%E0%A4%A', []],
    ['/', []],
  ])('%s is refused at %p', (url, places) => {
    expect(nikPlacesInUrl(url)).toEqual(places);
  });
});

describe('redactUrl', () => {
  it.each([
    ['/api/v1/profiles/3375011203850002', '/api/v1/profiles/[NIK]'],
    [`/api/v1/profiles/${ENCODED}/x`, '/api/v1/profiles/[NIK]/x'],
    [`/x?nik=${ENCODED}&limit=5`, '/x?nik=[NIK]&limit=5'],
    ['/x?3375011203850002=1', '/x?[NIK]=1'],
    ['/x?a=1', '/x?a=1'],
    ['/x?', '/x?'],
  ])('%s shows as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

it('decodes each valid %XX and leaves malformed ones', () => {
  expect(lenientlyDecoded('%33%zz%3')).toBe('3%zz%3');
});
