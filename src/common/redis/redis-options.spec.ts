import { redisOptionsFromUrl } from './redis-options';

describe('redisOptionsFromUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', { host: '127.0.0.1', port: 6379, db: 0 }],
    ['redis://cache:6380/4', { host: 'cache', port: 6380, db: 4 }],
    ['redis://:s%40cret@cache/2', { host: 'cache', port: 6379, db: 2, password: 's@cret' }],
    ['redis://user:pw@cache:1/0', { host: 'cache', port: 1, db: 0, username: 'user', password: 'pw' }],
  ])('%s', (url, expected) => {
    expect(redisOptionsFromUrl(url)).toMatchObject(expected);
  });

  it('turns on TLS for rediss://', () => {
    expect(redisOptionsFromUrl('rediss://cache:6380').tls).toEqual({});
  });

  it('refuses other schemes', () => {
    expect(() => redisOptionsFromUrl('http://cache')).toThrow(/redis:\/\//);
  });
});
