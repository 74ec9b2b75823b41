import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_SECRETS } from '../../src/config/env.schema';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** The environment of the test process without NODE_ENV and without any secret: what `node dist/src/main.js` sees. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['NODE_ENV', 'AUTH_TOKEN_SECRET', 'API_KEY_HASH_SECRET', 'NIK_HASH_KEY', 'METRICS_TOKEN'])
    delete env[name];
  return {
    ...env,
    TS_NODE_TRANSPILE_ONLY: 'true',
    PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
    HOST: '127.0.0.1',
    ...extra,
  };
}

async function start(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], {
      cwd: root,
      env,
      timeout: 45_000,
    });
    return { code: 0, stderr: '' };
  } catch (err) {
    const e = err as { code?: number; stderr?: string; killed?: boolean };
    if (e.killed) throw new Error(`${script} did not exit: it started`);
    return { code: e.code ?? -1, stderr: e.stderr ?? '' };
  }
}

// A token signed with the published AUTH_TOKEN_SECRET is worthless only if no process ever runs on that secret.
describe('starting without NODE_ENV (e2e)', () => {
  it.each<[string, string, string[], Record<string, string>]>([
    ['the API, no secrets', 'src/main.ts', [], {}],
    ['the API, the published development secrets', 'src/main.ts', [], { ...DEV_SECRETS }],
    ['the worker, no secrets', 'src/worker.ts', [], {}],
    ['the CLI, no secrets', 'src/cli.ts', ['verify-audit'], {}],
  ])(
    'refuses to start %s, naming NODE_ENV and the secrets',
    async (_name, script, args, extra) => {
      const { code, stderr } = await start(script, args, bareEnv(extra));
      expect(code).toBe(78);
      expect(stderr).toMatch(/NODE_ENV is not set/);
      expect(stderr).toMatch(/AUTH_TOKEN_SECRET/);
      expect(stderr).toMatch(/NIK_HASH_KEY/);
    },
    90_000,
  );

  it('refuses seed-demo when NODE_ENV is unset, even with secrets of its own', async () => {
    const secret = () => randomBytes(36).toString('base64');
    const { code, stderr } = await start(
      'src/cli.ts',
      ['seed-demo'],
      bareEnv({ AUTH_TOKEN_SECRET: secret(), API_KEY_HASH_SECRET: secret(), NIK_HASH_KEY: secret() }),
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/seed-demo is refused/);
  }, 90_000);
});
