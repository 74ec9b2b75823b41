import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CliModule } from '../../../src/cli/cli.module';
import { DEMO_COOPERATIVES, DEMO_PASSWORD } from '../../../src/cli/demo-network';
import { DemoSeeder } from '../../../src/cli/demo-seeder';
import { loadConfig } from '../../../src/config/load-config';
import * as bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';

async function context(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [CliModule.forRoot(loadConfig({ ...process.env, ...env }))],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.init();
}

describe('demo seed (integration)', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await context();
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('adds three coops and a user of every role, and adds nothing the second time', async () => {
    const first = await app.get(DemoSeeder).seed();
    const second = await app.get(DemoSeeder).seed();
    expect(first).toHaveLength(2 + 3 * 4);
    expect(second.every((l) => !l.created)).toBe(true);

    const regs = DEMO_COOPERATIVES.map((c) => c.registrationNumber);
    const coops = await dataSource.query('SELECT district FROM cooperatives WHERE registration_number = ANY($1)', [
      regs,
    ]);
    expect(coops.map((c: { district: string }) => c.district).sort()).toEqual([
      'Kabupaten Blora',
      'Kota Pekalongan',
      'Kota Sukabumi',
    ]);
    const roles = await dataSource.query(`SELECT DISTINCT role FROM users WHERE email LIKE '%@kcx.demo'`);
    expect(roles).toHaveLength(6);
    // 24 months of synthetic loan history for each coop, applied once however often the seed runs.
    const records = await dataSource.query(
      `SELECT c.district, count(*)::int AS n FROM loan_records r JOIN loans l ON l.id = r.loan_id
         JOIN cooperatives c ON c.id = l.cooperative_id WHERE c.registration_number = ANY($1) GROUP BY c.district`,
      [regs],
    );
    expect(records).toHaveLength(3);
    for (const r of records) expect(r.n).toBeGreaterThan(1000);
    const [corrections] = await dataSource.query(
      `SELECT count(*)::int AS n FROM loan_record_corrections x JOIN loans l ON l.id = x.loan_id
         JOIN cooperatives c ON c.id = l.cooperative_id WHERE c.registration_number = ANY($1)`,
      [regs],
    );
    expect(corrections.n).toBe(0);
    const [officer] = await dataSource.query(`SELECT password_hash FROM users WHERE email = 'officer.blora@kcx.demo'`);
    expect(await bcrypt.compare(DEMO_PASSWORD, officer.password_hash)).toBe(true);
  });

  it('leaves an existing user of the same email as it was', async () => {
    await app.get(DemoSeeder).seed();
    await dataSource.query(`UPDATE users SET name = 'Renamed by the operator' WHERE email = 'admin@kcx.demo'`);
    await app.get(DemoSeeder).seed();
    const [row] = await dataSource.query(`SELECT name FROM users WHERE email = 'admin@kcx.demo'`);
    expect(row.name).toBe('Renamed by the operator');
  });

  it('is refused in production', async () => {
    // Three distinct strong secrets, so that config lets it start and the seeder itself refuses.
    const secret = () => randomBytes(36).toString('base64');
    const prod = await context({
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: secret(),
      API_KEY_HASH_SECRET: secret(),
      NIK_HASH_KEY: secret(),
    });
    try {
      await expect(prod.get(DemoSeeder).seed()).rejects.toThrow(/production/);
    } finally {
      await prod.close();
    }
  });
});
