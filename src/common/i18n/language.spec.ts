import { languageOf, negotiateLanguage } from './language';

describe('negotiateLanguage', () => {
  it.each([
    // no header, or nothing we speak: the contract's English
    [undefined, 'en'],
    ['', 'en'],
    ['   ', 'en'],
    ['fr', 'en'],
    ['fr-FR, de;q=0.8', 'en'],
    ['*', 'en'],
    ['garbage;;;,,', 'en'],
    // Indonesian, by any of its tags
    ['id', 'id'],
    ['ID', 'id'],
    ['id-ID', 'id'],
    ['in', 'id'],
    ['in-ID', 'id'],
    ['id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', 'id'],
    ['fr, id;q=0.5', 'id'],
    [['fr', 'id;q=0.4'], 'id'],
    // English asked for
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB, id;q=0.8', 'en'],
    // q-values decide, whatever the order
    ['en;q=0.5, id;q=0.9', 'id'],
    ['id;q=0.5, en;q=0.9', 'en'],
    ['id;q=0.500, en;q=0.499', 'id'],
    ['en;Q=0.2, id', 'id'],
    ['id ; q=0.3 , en ; q=0.2', 'id'],
    // a tie goes to the one named first
    ['id, en', 'id'],
    ['en, id', 'en'],
    ['id;q=0.8, en;q=0.8', 'id'],
    // q=0 means "not this one"
    ['id;q=0', 'en'],
    ['id;q=0, en;q=0.1', 'en'],
    ['id-ID;q=0.9, id;q=0', 'en'],
    ['en;q=0, id;q=0.1', 'id'],
    ['en;q=0', 'en'],
    // the wildcard stands for every language not named
    ['en;q=0, *;q=0.5', 'id'],
    ['*;q=0.9, id;q=0.1', 'en'],
    ['*;q=0.1, id;q=0.5', 'id'],
    // malformed q-values drop their entry, not the header
    ['id;q=abc, en;q=0.1', 'en'],
    ['id;q=1.5, en;q=0.1', 'en'],
    ['id;q=-1', 'en'],
    ['id;q=1.000, en;q=1', 'id'],
    // a tag that only starts like ours is not ours
    ['ind, en;q=0.1', 'en'],
    ['indonesian', 'en'],
    ['eng', 'en'],
    // a region of ours counts when the bare tag is not named
    ['id-ID;q=0.9, en;q=0.5', 'id'],
  ] as [string | string[] | undefined, 'id' | 'en'][])('%p -> %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('reads only the first entries of an absurdly long header', () => {
    const header = `${Array.from({ length: 10_000 }, (_, i) => `x${i};q=0.1`).join(',')}, id`;
    expect(negotiateLanguage(header)).toBe('en');
    expect(negotiateLanguage(`id, ${header}`)).toBe('id');
  });

  it('reads the request header, and a request without headers as English', () => {
    expect(languageOf({ headers: { 'accept-language': 'id-ID' } })).toBe('id');
    expect(languageOf({ headers: {} })).toBe('en');
    expect(languageOf({})).toBe('en');
  });
});
