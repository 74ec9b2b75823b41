import { randomBytes } from 'node:crypto';
import { DEV_SECRETS } from './env.schema';
import { ConfigError, loadConfig } from './load-config';
import { normaliseSecret, sharedSecretPairs, weakSecretReason } from './secret-strength';

const strongSecret = () => randomBytes(36).toString('base64');
const strongSet = () => ({
  AUTH_TOKEN_SECRET: strongSecret(),
  API_KEY_HASH_SECRET: strongSecret(),
  NIK_HASH_KEY: strongSecret(),
});
const dev = { NODE_ENV: 'development' };

describe('loadConfig', () => {
  it('applies development defaults when NODE_ENV=development', () => {
    const config = loadConfig(dev);
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.auth.bcryptCost).toBe(12);
    expect(config.auth.tokenSecret).toBe(DEV_SECRETS.AUTH_TOKEN_SECRET);
    expect(config.worker.inProcess).toBe(false);
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it('runs on the development secrets under NODE_ENV=test too', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).borrowers.nikHashKey).toBe(DEV_SECRETS.NIK_HASH_KEY);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ AUTH_TOKEN_SECRET: 'short' }, 'AUTH_TOKEN_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %p naming %s', (env, name) => {
    expect(() => loadConfig({ ...dev, ...env })).toThrow(new RegExp(name));
  });

  const production = (overrides: Record<string, string | undefined>) => {
    const env: Record<string, string | undefined> = { NODE_ENV: 'production', ...strongSet(), ...overrides };
    return () => loadConfig(env);
  };
  const same = strongSecret();

  // Each row: an environment and the variables the refusal must name.
  it.each<[string, () => unknown, string[]]>([
    [
      'NODE_ENV unset, no secrets',
      () => loadConfig({}),
      ['NODE_ENV', 'AUTH_TOKEN_SECRET', 'API_KEY_HASH_SECRET', 'NIK_HASH_KEY'],
    ],
    [
      'NODE_ENV unset, the development secrets given',
      () => loadConfig({ ...DEV_SECRETS }),
      ['NODE_ENV', 'AUTH_TOKEN_SECRET'],
    ],
    ['NODE_ENV empty', () => loadConfig({ NODE_ENV: '' }), ['NODE_ENV', 'NIK_HASH_KEY']],
    ['AUTH_TOKEN_SECRET missing', production({ AUTH_TOKEN_SECRET: undefined }), ['AUTH_TOKEN_SECRET']],
    ['API_KEY_HASH_SECRET missing', production({ API_KEY_HASH_SECRET: undefined }), ['API_KEY_HASH_SECRET']],
    ['NIK_HASH_KEY missing', production({ NIK_HASH_KEY: undefined }), ['NIK_HASH_KEY']],
    ['the default exactly', production({ AUTH_TOKEN_SECRET: DEV_SECRETS.AUTH_TOKEN_SECRET }), ['AUTH_TOKEN_SECRET']],
    [
      'the default plus a trailing space',
      production({ AUTH_TOKEN_SECRET: `${DEV_SECRETS.AUTH_TOKEN_SECRET} ` }),
      ['AUTH_TOKEN_SECRET'],
    ],
    ['the default upper-cased', production({ NIK_HASH_KEY: DEV_SECRETS.NIK_HASH_KEY.toUpperCase() }), ['NIK_HASH_KEY']],
    [
      'the default with spaces for dashes',
      production({ API_KEY_HASH_SECRET: DEV_SECRETS.API_KEY_HASH_SECRET.replace(/-/g, ' ') }),
      ['API_KEY_HASH_SECRET'],
    ],
    [
      'a value containing the default',
      production({ NIK_HASH_KEY: `Xy9${DEV_SECRETS.NIK_HASH_KEY}Q7` }),
      ['NIK_HASH_KEY'],
    ],
    ["another variable's default", production({ NIK_HASH_KEY: DEV_SECRETS.AUTH_TOKEN_SECRET }), ['NIK_HASH_KEY']],
    ["'a' x 32", production({ AUTH_TOKEN_SECRET: 'a'.repeat(32) }), ['AUTH_TOKEN_SECRET']],
    ["'ab' x 20", production({ AUTH_TOKEN_SECRET: 'ab'.repeat(20) }), ['AUTH_TOKEN_SECRET']],
    ['only lower-case letters', production({ NIK_HASH_KEY: 'qwertyuiopasdfghjklzxcvbnmqwertyuiop' }), ['NIK_HASH_KEY']],
    [
      'a placeholder',
      production({ API_KEY_HASH_SECRET: 'please-CHANGE-ME-9f8e7d6c5b4a3928171' }),
      ['API_KEY_HASH_SECRET'],
    ],
    [
      'one secret for all three',
      production({ AUTH_TOKEN_SECRET: same, API_KEY_HASH_SECRET: same, NIK_HASH_KEY: same }),
      ['AUTH_TOKEN_SECRET and API_KEY_HASH_SECRET', 'API_KEY_HASH_SECRET and NIK_HASH_KEY'],
    ],
    [
      'two equal up to case',
      production({ AUTH_TOKEN_SECRET: same, NIK_HASH_KEY: same.toUpperCase() }),
      ['AUTH_TOKEN_SECRET and NIK_HASH_KEY'],
    ],
    [
      'one inside another',
      production({ AUTH_TOKEN_SECRET: same, NIK_HASH_KEY: `${same}x1` }),
      ['AUTH_TOKEN_SECRET and NIK_HASH_KEY'],
    ],
    ['a weak METRICS_TOKEN', production({ METRICS_TOKEN: 'm'.repeat(40) }), ['METRICS_TOKEN']],
    [
      'METRICS_TOKEN equal to a secret',
      production({ AUTH_TOKEN_SECRET: same, METRICS_TOKEN: same }),
      ['AUTH_TOKEN_SECRET and METRICS_TOKEN'],
    ],
  ])('refuses %s, naming the variables', (_name, load, names) => {
    expect(load).toThrow(ConfigError);
    for (const name of names) expect(load).toThrow(name);
  });

  it('says how to get the development secrets when NODE_ENV is unset', () => {
    expect(() => loadConfig({})).toThrow(/NODE_ENV is not set.*NODE_ENV=development/);
  });

  it.each<[string, Record<string, string>]>([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['NODE_ENV unset (production rules)', {}],
    ['with a METRICS_TOKEN of its own', { NODE_ENV: 'production', METRICS_TOKEN: strongSecret() }],
  ])('accepts a good set of secrets: %s', (_name, extra) => {
    const secrets = strongSet();
    const config = loadConfig({
      ...secrets,
      ...extra,
      WORKER_IN_PROCESS: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.env).toBe('production');
    expect(config.auth.tokenSecret).toBe(secrets.AUTH_TOKEN_SECRET);
    expect(config.worker.inProcess).toBe(true);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['0', false],
    ['1', true],
  ])('reads WORKER_IN_PROCESS=%s as %s', (raw, expected) => {
    expect(loadConfig({ ...dev, WORKER_IN_PROCESS: raw }).worker.inProcess).toBe(expected);
  });

  it('reads numbers', () => {
    expect(loadConfig({ ...dev, PORT: '8080', BCRYPT_COST: '4' }).http.port).toBe(8080);
  });
});

describe('secret strength', () => {
  const published = Object.values(DEV_SECRETS);
  it.each<[string, string | undefined, RegExp | null]>([
    ['unset', undefined, /not set/],
    ['blank', '   ', /not set/],
    ['31 characters', 'Ab1'.repeat(10) + 'x', /shorter/],
    ['openssl rand -hex 32', 'a3f19c0b7e5d2486f1c0e9b3d7a25f6408e1c9b2a7d35f60e4b8c1d9a2f7e305', null],
    ['openssl rand -base64 48', 'q8Z1m0x4K9pR2vY7tB3nW6cH5jL0sD8fG1aE4uI7oP2kT9rQ6wN3zX5bV8mC1yF0', null],
    ['a long passphrase with digits', 'river lantern 42 copper orchid 17 velvet', null],
  ])('%s', (_name, value, problem) => {
    const reason = weakSecretReason(value, published);
    expect(reason === null ? null : problem?.test(reason)).toBe(problem ? true : null);
  });

  it('normalises case, whitespace and punctuation', () => {
    expect(normaliseSecret(' Dev-Only_Auth ')).toBe('devonlyauth');
  });

  it('finds every pair that shares a secret', () => {
    expect(sharedSecretPairs({ A: 'x1y2z3', B: 'X1Y2Z3', C: 'other', D: undefined })).toEqual([['A', 'B']]);
  });
});
