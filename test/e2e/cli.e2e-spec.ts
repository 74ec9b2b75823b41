import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** The CLI exactly as operators run it (from source here, so no build is needed). */
function cli(...args: string[]) {
  return run('node', ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env },
    timeout: 60_000,
  });
}

describe('CLI (e2e)', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('create-admin creates a NETWORK_ADMIN once and is idempotent for the same email', async () => {
    const email = `root-${Date.now()}@ops.kcx`;
    const first = await cli('create-admin', '--email', email, '--password', 'river-lantern-copper-71');
    expect(first.stdout).toMatch(/Created: NETWORK_ADMIN/);
    const second = await cli('create-admin', '--email', email, '--password', 'river-lantern-copper-71');
    expect(second.stdout).toMatch(/Already present/);
    const rows = await dataSource.query('SELECT role, cooperative_id FROM users WHERE email = $1', [email]);
    expect(rows).toEqual([{ role: 'NETWORK_ADMIN', cooperative_id: null }]);
    const audit = await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events a JOIN users u ON u.id::text = a.subject_ref WHERE u.email = $1 AND a.action = 'USER_CREATED'`,
      [email],
    );
    expect(audit[0].n).toBe(1);
  }, 90_000);

  it('create-admin refuses a weak password, naming the rule, and creates nothing', async () => {
    const email = `weak-${Date.now()}@ops.kcx`;
    await expect(cli('create-admin', '--email', email, '--password', 'a-strong-password')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/password must not contain "password"/),
    });
    expect(await dataSource.query('SELECT id FROM users WHERE email = $1', [email])).toEqual([]);
  }, 60_000);

  it('create-admin without a password exits non-zero with usage', async () => {
    await expect(cli('create-admin', '--email', 'x@ops.kcx')).rejects.toMatchObject({ code: 64 });
  }, 60_000);

  it('verify-audit exits 0 on an intact log', async () => {
    const result = await cli('verify-audit');
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true });
  }, 60_000);
});
