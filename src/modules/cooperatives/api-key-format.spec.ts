import { apiKeyDisplayPrefix, generateApiKey, looksLikeApiKey } from './api-key-format';

describe('api key format', () => {
  it('generates distinct well-formed keys', () => {
    const keys = new Set(Array.from({ length: 100 }, generateApiKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(looksLikeApiKey(key)).toBe(true);
  });

  it.each(['', 'kcx_', 'kcx_short', 'abc_' + 'a'.repeat(43), 'kcx_' + 'a'.repeat(44), 'kcx_' + '!'.repeat(43)])(
    'refuses %p',
    (value) => expect(looksLikeApiKey(value)).toBe(false),
  );

  it('shows only a short prefix', () => {
    expect(apiKeyDisplayPrefix('kcx_abcdefghijk')).toBe('kcx_abcdef');
  });
});
