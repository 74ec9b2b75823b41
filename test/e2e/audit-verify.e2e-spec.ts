import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/role';
import { dataSourceOptions } from '../../src/common/database/data-source-options';
import { scratchDatabase } from '../helpers/scratch-services';
import { createTestApp, TestApp } from '../helpers/test-app';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

describe('GET /api/v1/audit-events/verify (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers a NETWORK_AUDITOR with the chain check, and records the check', async () => {
    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const res = await t.http.get('/api/v1/audit-events/verify').set(auditor.auth).expect(200);
    expect(res.body).toEqual({
      valid: true,
      checked: expect.any(Number),
      firstBrokenId: null,
      pending: expect.any(Number),
      archived: 0,
      problems: [],
    });
    const [event] = await t.factory.auditFor(res.headers['x-request-id']);
    expect(event).toMatchObject({
      action: 'AUDIT_LOG_READ',
      outcome: 'ALLOWED',
      actor_user_id: auditor.id,
      actor_role: 'NETWORK_AUDITOR',
    });
    expect(event.details).toMatchObject({ verify: true, valid: true });
  });

  it.each([Role.AUDITOR, Role.NETWORK_ADMIN, Role.COOP_ADMIN])('refuses %s', async (role) => {
    const user = await t.factory.signedIn(role);
    const res = await t.http.get('/api/v1/audit-events/verify').set(user.auth);
    expect(res.status).toBe(403);
  });

  it('refuses a caller without credentials', async () => {
    const res = await t.http.get('/api/v1/audit-events/verify');
    expect(res.status).toBe(401);
  });
});

describe('npm run cli -- verify-audit (e2e)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let dataSource: DataSource;

  // Its own database: the log is tampered with.
  beforeAll(async () => {
    db = await scratchDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const cli = (...args: string[]) =>
    run('node', ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'verify-audit', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url },
      timeout: 60_000,
    });

  const behindTheBack = (sql: string, params: unknown[]) =>
    dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await tx.query(sql, params);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });

  it('exits 0 on an intact log, and non-zero naming the first broken event after a change behind its back', async () => {
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO audit_events (action, outcome) SELECT 'AUTH_LOGIN', 'ALLOWED' FROM generate_series(1, 3) RETURNING id`,
    );
    const sealed = await cli('--seal');
    expect(JSON.parse(sealed.stdout)).toMatchObject({ valid: true, checked: 3, pending: 0 });

    await behindTheBack(`UPDATE audit_events SET outcome = 'DENIED' WHERE id = $1`, [rows[1].id]);
    const failure = await cli().then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(JSON.parse(failure!.stdout)).toMatchObject({ valid: false, firstBrokenId: rows[1].id });
    expect(failure!.stderr).toContain(`first broken event: ${rows[1].id}`);

    await behindTheBack(`UPDATE audit_events SET outcome = 'ALLOWED' WHERE id = $1`, [rows[1].id]);
    await expect(cli()).resolves.toMatchObject({ stdout: expect.stringContaining('"valid":true') });
  }, 120_000);

  it('exits non-zero naming an event changed with its triggers skipped before it was sealed, then sealed', async () => {
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO audit_events (action, outcome) SELECT 'AUTH_LOGIN', 'DENIED' FROM generate_series(1, 2) RETURNING id`,
    );
    // As the attacker did: every trigger skipped for the session, the row changed before the sealer's next run.
    await dataSource.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE audit_events SET outcome = 'ALLOWED' WHERE id = $1`, [rows[0].id]);
    });
    const failure = await cli('--seal').then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(JSON.parse(failure!.stdout)).toMatchObject({ valid: false, firstBrokenId: rows[0].id, pending: 0 });
    expect(failure!.stderr).toContain(`first broken event: ${rows[0].id}`);

    await behindTheBack(`UPDATE audit_events SET outcome = 'DENIED' WHERE id = $1`, [rows[0].id]);
    await expect(cli()).resolves.toMatchObject({ stdout: expect.stringContaining('"valid":true') });
  }, 120_000);
});
