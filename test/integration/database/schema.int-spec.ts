import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/common/database/data-source-options';

describe('database schema (integration)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('matches the entities exactly: the migrations leave nothing for TypeORM to generate', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has applied every migration', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });
});

describe('audit_events is append-only in the database itself (integration)', () => {
  let dataSource: DataSource;
  let eventId: string;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
    const [row] = await dataSource.query(
      `INSERT INTO audit_events (action, outcome, request_id) VALUES ('AUTH_LOGIN', 'ALLOWED', 'schema-test') RETURNING id`,
    );
    eventId = row.id;
  });
  afterAll(() => dataSource.destroy());

  it.each([
    ['UPDATE', `UPDATE audit_events SET outcome = 'DENIED' WHERE id = $1`],
    ['DELETE', `DELETE FROM audit_events WHERE id = $1`],
  ])('refuses %s', async (_op, sql) => {
    await expect(dataSource.query(sql, [eventId])).rejects.toThrow(/append-only/);
    const [row] = await dataSource.query('SELECT outcome FROM audit_events WHERE id = $1', [eventId]);
    expect(row.outcome).toBe('ALLOWED');
  });

  it('refuses TRUNCATE', async () => {
    await expect(dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    const [row] = await dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE id = $1', [eventId]);
    expect(row.n).toBe(1);
  });

  it('refuses an outcome outside ALLOWED, DENIED, FAILED', async () => {
    await expect(
      dataSource.query(`INSERT INTO audit_events (action, outcome) VALUES ('AUTH_LOGIN', 'MAYBE')`),
    ).rejects.toThrow(/ck_audit_events_outcome/);
  });
});

describe('membership constraints (integration)', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => dataSource.destroy());

  it.each([
    [
      'a network role with a coop',
      `INSERT INTO users (email, name, role, cooperative_id, password_hash) SELECT 'a@x.kcx', 'n', 'NETWORK_ADMIN', id, 'h' FROM cooperatives LIMIT 1`,
      /ck_users_role_scope|null value/,
    ],
    [
      'a coop role without a coop',
      `INSERT INTO users (email, name, role, password_hash) VALUES ('b@x.kcx', 'n', 'COOP_ADMIN', 'h')`,
      /ck_users_role_scope/,
    ],
    [
      'an upper-case email',
      `INSERT INTO users (email, name, role, password_hash) VALUES ('C@x.kcx', 'n', 'NETWORK_ADMIN', 'h')`,
      /ck_users_email_lower/,
    ],
    [
      'an unknown coop type',
      `INSERT INTO cooperatives (name, registration_number, type, district) VALUES ('n', 'r-1', 'BANK', 'd')`,
      /ck_cooperatives_type/,
    ],
  ])('refuses %s', async (_name, sql, error) => {
    await dataSource.query(
      `INSERT INTO cooperatives (name, registration_number, type, district) VALUES ('n', 'schema-' || gen_random_uuid(), 'KSP', 'd')`,
    );
    await expect(dataSource.query(sql)).rejects.toThrow(error);
  });
});
