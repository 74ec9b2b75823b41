import { createHash } from 'node:crypto';
import { chainLinks } from './audit-sealer';
import { ChainCheck, ChainLink, GENESIS, linkHash } from './chain-check';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** A sealed chain of events 11, 12, 13, 14 as the sealer would write it, read back as the verifier reads it. */
function sealed(): ChainLink[] {
  const events = ['11', '12', '13', '14'].map((id) => ({
    id,
    occurredAt: '2026-01-01T00:00:00.000000Z',
    digest: digest(`event ${id}`),
  }));
  return chainLinks(null, events).map((l, i) => ({
    seq: l.seq,
    eventId: l.eventId,
    hash: l.hash,
    digest: events[i].digest,
    contentDigest: events[i].digest,
    archived: false,
  }));
}

function walk(links: ChainLink[]) {
  const check = new ChainCheck();
  links.forEach((l) => check.add(l));
  return check.result();
}

describe('linkHash', () => {
  it('is sha256 over the previous hash then the digest', () => {
    const d = digest('x');
    expect(linkHash(GENESIS, d).toString('hex')).toBe(
      createHash('sha256')
        .update(Buffer.concat([GENESIS, d]))
        .digest('hex'),
    );
  });
});

describe('chainLinks', () => {
  it('numbers links densely after the head and chains each hash to the one before', () => {
    const head = { seq: '41', hash: digest('head') };
    const links = chainLinks(head, [
      { id: '7', occurredAt: 't', digest: digest('a') },
      { id: '5', occurredAt: 't', digest: digest('b') },
    ]);
    expect(links.map((l) => [l.seq, l.eventId])).toEqual([
      ['42', '7'],
      ['43', '5'],
    ]);
    expect(links[1].hash).toEqual(linkHash(links[0].hash, digest('b')));
  });
});

describe('ChainCheck', () => {
  it('passes an intact chain and counts it', () => {
    expect(walk(sealed())).toEqual({ checked: 4, archived: 0, firstBrokenId: null, problems: [] });
  });

  it.each<[string, (links: ChainLink[]) => ChainLink[], string, RegExp]>([
    // Before or after its seal alike: the link was sealed over the insert-time digest, which the row no longer yields.
    [
      'an altered event',
      (l) => l.map((x, i) => (i === 1 ? { ...x, contentDigest: digest('changed') } : x)),
      '12',
      /event 12 .* content does not match its digest$/,
    ],
    [
      'its digest column changed alone',
      (l) => l.map((x, i) => (i === 1 ? { ...x, digest: digest('forged') } : x)),
      '12',
      /event 12 .* digest does not match its seal, its content does not match/,
    ],
    [
      'event and digest changed together',
      (l) => l.map((x, i) => (i === 1 ? { ...x, digest: digest('changed'), contentDigest: digest('changed') } : x)),
      '12',
      /event 12 .* digest does not match its seal$/,
    ],
    [
      'its digest emptied',
      (l) => l.map((x, i) => (i === 1 ? { ...x, digest: null } : x)),
      '12',
      /event 12 .* digest does not match its seal/,
    ],
    [
      'a deleted event',
      (l) => l.map((x, i) => (i === 2 ? { ...x, digest: null, contentDigest: null } : x)),
      '13',
      /event 13 .* is missing/,
    ],
    ['a removed link', (l) => l.filter((_, i) => i !== 1), '13', /links 2 to 2 are missing/],
    [
      'a rewritten link hash',
      (l) => l.map((x, i) => (i === 0 ? { ...x, hash: digest('forged') } : x)),
      '11',
      /event 11/,
    ],
  ])('names the first broken event after %s', (_case, tamper, id, problem) => {
    const result = walk(tamper(sealed()));
    expect(result.firstBrokenId).toBe(id);
    expect(result.problems[0]).toMatch(problem);
  });

  it('names the first of several broken events, in chain order', () => {
    const links = sealed().map((x, i) => (i === 1 || i === 3 ? { ...x, contentDigest: digest('changed') } : x));
    const result = walk(links);
    expect(result.firstBrokenId).toBe('12');
    expect(result.problems).toHaveLength(2);
  });

  it('skips the content of archived months but keeps the links joined', () => {
    const links = sealed().map((x, i) => (i < 2 ? { ...x, digest: null, contentDigest: null, archived: true } : x));
    expect(walk(links)).toEqual({ checked: 2, archived: 2, firstBrokenId: null, problems: [] });
  });
});
