import * as bcrypt from 'bcrypt';
import { randomInt, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_NIKS_FILE } from '../helpers/nik-leaks';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/role';
import { keyedHash } from '../../src/common/crypto/keyed-hash';
import { AppConfig } from '../../src/config/app-config';
import { generateApiKey, apiKeyDisplayPrefix } from '../../src/modules/cooperatives/api-key-format';
import { CooperativeStatus, CooperativeType } from '../../src/modules/cooperatives/cooperative-type';
import { ApiKeyEntity } from '../../src/modules/cooperatives/entities/api-key.entity';
import { CooperativeEntity } from '../../src/modules/cooperatives/entities/cooperative.entity';
import { UserEntity } from '../../src/modules/cooperatives/entities/user.entity';
import { isNetworkRole } from '../../src/common/auth/role';

export const FACTORY_PASSWORD = 'factory-password-1';
// Cost 4 keeps factories fast; login reads the cost from the hash itself.
const PASSWORD_HASH = bcrypt.hashSync(FACTORY_PASSWORD, 4);

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  cooperativeId: string | null;
  password: string;
}

/** Per-test data, straight into the database; nothing is shared between tests. */
export class Factory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly http: TestAgent,
  ) {}

  unique(label: string): string {
    return `${label}-${randomUUID().slice(0, 8)}`;
  }

  cooperative(overrides: Partial<CooperativeEntity> = {}): Promise<CooperativeEntity> {
    const repo = this.dataSource.getRepository(CooperativeEntity);
    return repo.save(
      repo.create({
        name: `KSP ${this.unique('Test')}`,
        registrationNumber: this.unique('REG'),
        type: CooperativeType.KSP,
        district: 'Kota Pekalongan',
        status: CooperativeStatus.ACTIVE,
        ...overrides,
      }),
    );
  }

  /** A user of the role; coop roles get a new coop unless one is given. */
  async user(role: Role, cooperativeId?: string): Promise<TestUser> {
    const coopId = isNetworkRole(role) ? null : (cooperativeId ?? (await this.cooperative()).id);
    const repo = this.dataSource.getRepository(UserEntity);
    const user = await repo.save(
      repo.create({
        email: `${this.unique(role.toLowerCase())}@test.kcx`,
        name: 'Test User',
        role,
        cooperativeId: coopId,
        passwordHash: PASSWORD_HASH,
      }),
    );
    return { id: user.id, email: user.email, role, cooperativeId: coopId, password: FACTORY_PASSWORD };
  }

  async token(user: TestUser): Promise<string> {
    const res = await this.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    if (res.status !== 200)
      throw new Error(`login failed for ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  /** A user of the role and a bearer header for it. */
  async signedIn(role: Role, cooperativeId?: string): Promise<TestUser & { auth: Record<string, string> }> {
    const user = await this.user(role, cooperativeId);
    return { ...user, auth: { Authorization: `Bearer ${await this.token(user)}` } };
  }

  async apiKey(role: Role.LOAN_OFFICER | Role.DATA_SUBMITTER, cooperativeId?: string) {
    const coopId = cooperativeId ?? (await this.cooperative()).id;
    const key = generateApiKey();
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const row = await repo.save(
      repo.create({
        cooperativeId: coopId,
        name: 'test key',
        role,
        keyHash: keyedHash(this.config.auth.apiKeyHashSecret, key),
        keyPrefix: apiKeyDisplayPrefix(key),
        createdByUserId: null,
      }),
    );
    return { id: row.id, key, cooperativeId: coopId, auth: { 'X-API-Key': key } };
  }

  /** Submits JSON records for the coop through the API (a DATA_SUBMITTER key); fails the test on anything but 201. */
  async submit(cooperativeId: string, records: Record<string, unknown>[]): Promise<{ id: string; accepted: number }> {
    const submitter = await this.apiKey(Role.DATA_SUBMITTER, cooperativeId);
    const res = await this.http.post('/api/v1/submissions').set(submitter.auth).send({ records });
    if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Records an active consent through the API with the officer's credentials. */
  async consent(auth: Record<string, string>, nik: string, purpose = 'NEW_APPLICATION'): Promise<{ id: string }> {
    const res = await this.http
      .post('/api/v1/consents')
      .set(auth)
      .send({ nik, purpose, evidence: { type: 'SIGNED_FORM', reference: this.unique('FORM') } });
    if (res.status !== 201) throw new Error(`consent failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Audit rows of one request, oldest first. */
  auditFor(requestId: string) {
    return this.dataSource.query(`SELECT * FROM audit_events WHERE request_id = $1 ORDER BY id`, [requestId]);
  }
}

const NIK_SPACE = 9999 * 90 * 90;
// Jest loads this module afresh for every test file, and the files share one database: a counter starting at 0
// would hand two files the same NIKs. A random start per file keeps their ranges apart.
let nikSerial = randomInt(0, NIK_SPACE);

/** A valid NIK (province 33, born 1 Dec 1989), unique within the test run. */
export function testNik(): string {
  nikSerial = (nikSerial + 1) % NIK_SPACE;
  const serial = String((nikSerial % 9999) + 1).padStart(4, '0');
  const rest = Math.floor(nikSerial / 9999);
  const district = String((rest % 90) + 10);
  const regency = String((Math.floor(rest / 90) % 90) + 10);
  const nik = `33${regency}${district}011289${serial}`;
  // The run's privacy checks look for every NIK the tests sent (test/helpers/nik-leaks.ts).
  if (process.env.KCX_TEST_LOG_DIR) appendFileSync(join(process.env.KCX_TEST_LOG_DIR, GENERATED_NIKS_FILE), `${nik}\n`);
  return nik;
}

/** YYYY-MM, k months before the current month (UTC). */
export function periodMonthsAgo(k: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A valid submission record (JSON field names); testNik() borrowers are born 1 Dec 1989. */
export function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nik: '3375010112890001',
    fullName: 'Siti Rahmawati',
    birthDate: '1989-12-01',
    loanRef: 'PK-2025-000001',
    facilityType: 'INSTALLMENT',
    principal: 5_000_000,
    disbursedAt: `${periodMonthsAgo(12)}-10`,
    maturityDate: `${periodMonthsAgo(-12)}-10`,
    condition: '00',
    period: periodMonthsAgo(1),
    outstanding: 2_500_000,
    daysPastDue: 0,
    paidAmount: 450_000,
    ...overrides,
  };
}
