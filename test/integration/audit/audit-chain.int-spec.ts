import { Client } from 'pg';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { AuditSealer } from '../../../src/modules/audit/chain/audit-sealer';
import { scratchDatabase } from '../../helpers/scratch-services';
import { createTestApp, TestApp } from '../../helpers/test-app';

// Its own database: verification walks the whole log, and these tests tamper with it as a superuser would.
describe('audit hash chain (integration)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let t: TestApp;
  let sealer: AuditSealer;
  let audit: AuditService;

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({ DATABASE_URL: db.url, WORKER_IN_PROCESS: 'false', REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:chain` });
    sealer = t.app.get(AuditSealer);
    audit = t.app.get(AuditService);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const insertEvents = async (n: number, occurredAt = 'now()'): Promise<string[]> => {
    const rows: { id: string }[] = await t.dataSource.query(
      `INSERT INTO audit_events (occurred_at, action, outcome, subject_ref, details)
       SELECT ${occurredAt}, 'PROFILE_QUERIED', 'ALLOWED', 'ref-' || i, jsonb_build_object('n', i, 'z', 'é', 'a', 1.50)
         FROM generate_series(1, $1) i RETURNING id`,
      [n],
    );
    return rows.map((r) => r.id);
  };
  /** Runs SQL with the log's own triggers switched off, as a superuser behind the application's back. */
  const behindTheBack = async (sql: string, params: unknown[] = []) => {
    await t.dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await tx.query('ALTER TABLE audit_chain DISABLE TRIGGER USER');
      await tx.query(sql, params);
      await tx.query('ALTER TABLE audit_chain ENABLE TRIGGER USER');
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
  };

  it('verifies an intact log, with unsealed events reported as pending, not broken', async () => {
    await insertEvents(3);
    await sealer.seal();
    await insertEvents(2);
    const result = await audit.verify();
    expect(result).toMatchObject({ valid: true, firstBrokenId: null, pending: 2, problems: [] });
    expect(result.checked).toBeGreaterThanOrEqual(3);
    await sealer.seal();
    expect(await audit.verify()).toMatchObject({ valid: true, pending: 0 });
  });

  it('fails at the event a superuser altered, and passes again once it is put back', async () => {
    const ids = await insertEvents(5);
    await sealer.seal();
    await behindTheBack(`UPDATE audit_events SET outcome = 'DENIED' WHERE id = $1`, [ids[2]]);
    await behindTheBack(`UPDATE audit_events SET details = details || '{"n": 99}' WHERE id = $1`, [ids[4]]);
    const broken = await audit.verify();
    expect(broken).toMatchObject({ valid: false, firstBrokenId: ids[2] });
    expect(broken.problems).toEqual([expect.stringMatching(`event ${ids[2]} .*does not match`), expect.stringMatching(`event ${ids[4]} `)]);

    await behindTheBack(`UPDATE audit_events SET outcome = 'ALLOWED' WHERE id = $1`, [ids[2]]);
    await behindTheBack(`UPDATE audit_events SET details = details || '{"n": 5}' WHERE id = $1`, [ids[4]]);
    expect(await audit.verify()).toMatchObject({ valid: true, firstBrokenId: null });
  });

  it('fails at the event a superuser deleted', async () => {
    const ids = await insertEvents(4);
    await sealer.seal();
    // A plain table, not a temporary one: the pool may run the next query on another connection.
    await t.dataSource.query(`CREATE TABLE kept_event AS SELECT * FROM audit_events WHERE id = $1`, [ids[1]]);
    await behindTheBack(`DELETE FROM audit_events WHERE id = $1`, [ids[1]]);
    const broken = await audit.verify();
    expect(broken).toMatchObject({ valid: false, firstBrokenId: ids[1] });
    expect(broken.problems[0]).toMatch(new RegExp(`event ${ids[1]} .*is missing`));

    await t.dataSource.query(`INSERT INTO audit_events OVERRIDING SYSTEM VALUE SELECT * FROM kept_event`);
    expect(await audit.verify()).toMatchObject({ valid: true });
  });

  it('fails after a removed link, naming the event that follows it', async () => {
    const ids = await insertEvents(3);
    await sealer.seal();
    await t.dataSource.query(`CREATE TABLE kept_link AS SELECT * FROM audit_chain WHERE event_id = $1`, [ids[1]]);
    await behindTheBack(`DELETE FROM audit_chain WHERE event_id = $1`, [ids[1]]);
    const broken = await audit.verify();
    expect(broken).toMatchObject({ valid: false, firstBrokenId: ids[2] });
    expect(broken.problems[0]).toMatch(/links .* missing/);

    await t.dataSource.query(`INSERT INTO audit_chain SELECT * FROM kept_link`);
    expect(await audit.verify()).toMatchObject({ valid: true });
  });

  it('seals an event whose lower id commits after a higher one, on the next run', async () => {
    const late = new Client({ connectionString: db.url });
    await late.connect();
    try {
      await late.query('BEGIN');
      const { rows: [{ id: lowId }] } = await late.query(`INSERT INTO audit_events (action, outcome) VALUES ('AUTH_LOGIN', 'ALLOWED') RETURNING id`);
      const [highId] = await insertEvents(1);
      expect(BigInt(highId)).toBeGreaterThan(BigInt(lowId));
      await sealer.seal();
      await late.query('COMMIT');
      expect(await audit.verify()).toMatchObject({ valid: true, pending: 1 });

      await sealer.seal();
      expect(await audit.verify()).toMatchObject({ valid: true, pending: 0 });
      const order: { event_id: string }[] = await t.dataSource.query(
        `SELECT event_id FROM audit_chain WHERE event_id = ANY ($1::bigint[]) ORDER BY seq`,
        [[lowId, highId]],
      );
      expect(order.map((r) => r.event_id)).toEqual([highId, lowId]);
      expect(await t.dataSource.query(`SELECT * FROM audit_chain_gaps WHERE event_id = $1`, [lowId])).toEqual([]);
    } finally {
      await late.end();
    }
  });

  it('reports a disabled trigger on a partition', async () => {
    await t.dataSource.query('ALTER TABLE audit_events_default DISABLE TRIGGER audit_events_no_truncate');
    try {
      const result = await audit.verify();
      expect(result.valid).toBe(false);
      expect(result.problems).toContain('trigger audit_events_no_truncate on audit_events_default is disabled');
    } finally {
      await t.dataSource.query('ALTER TABLE audit_events_default ENABLE TRIGGER audit_events_no_truncate');
    }
  });

  it('skips the events of an archived month, whose partition was detached and dropped', async () => {
    await t.dataSource.query(`SELECT kcx_ensure_audit_partition('2020-01-01')`);
    await insertEvents(2, `'2020-01-15T10:00:00.123456Z'`);
    await sealer.seal();
    await t.dataSource.query(`INSERT INTO audit_archived_months (month, archive_ref) VALUES ('2020-01-01', 'test: not kept')`);
    await t.dataSource.query(`ALTER TABLE audit_events DETACH PARTITION audit_events_2020_01`);
    await t.dataSource.query(`DROP TABLE audit_events_2020_01`);
    expect(await audit.verify()).toMatchObject({ valid: true, archived: 2 });
  });
});

describe('audit_events partitions (integration)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let t: TestApp;

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({ DATABASE_URL: db.url, WORKER_IN_PROCESS: 'false', REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:parts` });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const partitionOf = async (id: string): Promise<string> =>
    (await t.dataSource.query(`SELECT tableoid::regclass::text AS p FROM audit_events WHERE id = $1`, [id]))[0].p;

  it('keeps this month and the next three ready, and files each event under its UTC month', async () => {
    const months: { m: string }[] = await t.dataSource.query(
      `SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i), 'YYYY_MM') AS m FROM generate_series(0, 3) i`,
    );
    const partitions: { p: string }[] = await t.dataSource.query(
      `SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'audit_events'::regclass`,
    );
    const names = partitions.map((r) => r.p);
    expect(names).toEqual(expect.arrayContaining([...months.map((r) => `audit_events_${r.m}`), 'audit_events_default']));

    // 23:30 in Jakarta on 31 May is still May in UTC... and 07:30 on 1 June in Jakarta is 31 May 00:30 UTC.
    await t.dataSource.query(`SELECT kcx_ensure_audit_partition('2024-05-01'), kcx_ensure_audit_partition('2024-06-01')`);
    const [{ id: may }] = await t.dataSource.query(
      `INSERT INTO audit_events (occurred_at, action, outcome) VALUES ('2024-06-01T06:59:59.999999+07:00', 'AUTH_LOGIN', 'ALLOWED') RETURNING id`,
    );
    const [{ id: june }] = await t.dataSource.query(
      `INSERT INTO audit_events (occurred_at, action, outcome) VALUES ('2024-06-01T07:00:00+07:00', 'AUTH_LOGIN', 'ALLOWED') RETURNING id`,
    );
    expect(await partitionOf(may)).toBe('audit_events_2024_05');
    expect(await partitionOf(june)).toBe('audit_events_2024_06');
    const [{ id: far }] = await t.dataSource.query(
      `INSERT INTO audit_events (occurred_at, action, outcome) VALUES ('2099-01-01T00:00:00Z', 'AUTH_LOGIN', 'ALLOWED') RETURNING id`,
    );
    expect(await partitionOf(far)).toBe('audit_events_default');
    // That month's rows sit in the default partition: its partition is skipped with a warning, not forced.
    expect((await t.dataSource.query(`SELECT kcx_ensure_audit_partitions(0) AS n`))[0].n).toBe(0);
  });

  it.each([
    ['UPDATE through the parent', `UPDATE audit_events SET outcome = 'DENIED' WHERE id = $1`],
    ['DELETE through the parent', `DELETE FROM audit_events WHERE id = $1`],
    ['UPDATE of the partition', `UPDATE audit_events_2024_05 SET outcome = 'DENIED' WHERE id = $1`],
    ['DELETE from the partition', `DELETE FROM audit_events_2024_05 WHERE id = $1`],
    ['TRUNCATE of the parent', `TRUNCATE audit_events`],
    ['TRUNCATE of a month partition', `TRUNCATE audit_events_2024_05`],
    ['TRUNCATE of the default partition', `TRUNCATE audit_events_default`],
    ['TRUNCATE of the chain', `TRUNCATE audit_chain`],
    ['DELETE from the chain', `DELETE FROM audit_chain`],
  ])('refuses %s', async (_case, sql) => {
    await t.dataSource.query(`SELECT kcx_ensure_audit_partition('2024-05-01')`);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO audit_events (occurred_at, action, outcome) VALUES ('2024-05-10T00:00:00Z', 'AUTH_LOGIN', 'ALLOWED') RETURNING id`,
    );
    await t.app.get(AuditSealer).seal();
    const params = sql.includes('$1') ? [id] : [];
    await expect(t.dataSource.query(sql, params)).rejects.toThrow(/append-only/);
    const [row] = await t.dataSource.query(
      `SELECT e.outcome, (SELECT count(*)::int FROM audit_chain WHERE event_id = e.id) AS links FROM audit_events e WHERE e.id = $1`,
      [id],
    );
    expect(row).toEqual({ outcome: 'ALLOWED', links: 1 });
  });
});
