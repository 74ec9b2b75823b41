import { ConfigError, loadConfig } from './load-config';

const strong = 'x'.repeat(40);

describe('loadConfig', () => {
  it('applies development defaults', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.auth.bcryptCost).toBe(12);
    expect(config.worker.inProcess).toBe(false);
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ AUTH_TOKEN_SECRET: 'short' }, 'AUTH_TOKEN_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %p naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it.each(['AUTH_TOKEN_SECRET', 'API_KEY_HASH_SECRET', 'NIK_HASH_KEY'])(
    'refuses to run in production without %s',
    (missing) => {
      const env: Record<string, string> = {
        NODE_ENV: 'production',
        AUTH_TOKEN_SECRET: strong,
        API_KEY_HASH_SECRET: strong,
        NIK_HASH_KEY: strong,
      };
      delete env[missing];
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(missing));
    },
  );

  it.each([
    ['true', true],
    ['false', false],
    ['0', false],
    ['1', true],
  ])('reads WORKER_IN_PROCESS=%s as %s', (raw, expected) => {
    expect(loadConfig({ WORKER_IN_PROCESS: raw }).worker.inProcess).toBe(expected);
  });

  it('reads numbers', () => {
    expect(loadConfig({ PORT: '8080', BCRYPT_COST: '4' }).http.port).toBe(8080);
  });

  it('accepts production with secrets of its own', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: strong,
      API_KEY_HASH_SECRET: strong,
      NIK_HASH_KEY: strong,
      WORKER_IN_PROCESS: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.worker.inProcess).toBe(true);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
