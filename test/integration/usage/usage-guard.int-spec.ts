import Redis from 'ioredis';
import { Principal } from '../../../src/common/auth/principal';
import { Role } from '../../../src/common/auth/role';
import { UnitOfWork } from '../../../src/common/database/unit-of-work';
import { AppConfig } from '../../../src/config/app-config';
import { Metrics } from '../../../src/modules/metrics/metrics';
import { UsageRepository } from '../../../src/modules/usage/usage.repository';
import { UsageService } from '../../../src/modules/usage/usage.service';
import { UsageMeasure } from '../../../src/modules/usage/usage-rules';
import { createTestApp, TestApp } from '../../helpers/test-app';

describe('query-volume guard (integration)', () => {
  let t: TestApp;
  const clients: Redis[] = [];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await t.close();
  });

  /** A UsageService of its own (another API process), on the given Redis, with a ceiling of `limit` queries an hour. */
  const guard = (redis: Redis, limit: number) => {
    const config = { ...t.config, usage: { ...t.config.usage, profileQueriesPerCoopPerHour: limit } } as AppConfig;
    return new UsageService(config, redis, t.app.get(UnitOfWork), t.app.get(UsageRepository), t.app.get(Metrics));
  };
  const redisAt = (url: string) => {
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    clients.push(client);
    return client;
  };
  const at = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 60_000);

  it('shares one count between API processes through Redis', async () => {
    const coop = await t.factory.cooperative();
    const [ra, rb] = [redisAt(t.config.redis.url), redisAt(t.config.redis.url)];
    await Promise.all([ra.connect(), rb.connect()]);
    const [a, b] = [guard(ra, 3), guard(rb, 3)];
    expect(await a.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at)).toBeNull();
    expect(await b.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at)).toBeNull();
    expect(await a.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at)).toBeNull();
    const refused = await b.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at);
    expect(refused?.error).toMatchObject({ code: 'COOPERATIVE.QUOTA_EXCEEDED', retryAfterSeconds: 3540 });
  });

  it('counts in the process while Redis is away, and still refuses past the ceiling', async () => {
    const coop = await t.factory.cooperative();
    const away = guard(redisAt('redis://127.0.0.1:1'), 2);
    expect(await away.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at)).toBeNull();
    expect(await away.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at)).toBeNull();
    expect((await away.admit(UsageMeasure.PROFILE_QUERIES, coop.id, at))?.error.code).toBe(
      'COOPERATIVE.QUOTA_EXCEEDED',
    );
  });

  it('raises one burst row per credential and stem, never mixing credentials or stems', async () => {
    const coop = await t.factory.cooperative();
    const usage = t.app.get(UsageService);
    const officer = (userId: string): Principal => ({
      kind: 'user',
      userId,
      apiKeyId: null,
      cooperativeId: coop.id,
      role: Role.LOAN_OFFICER,
    });
    const [u1, u2] = [
      await t.factory.user(Role.LOAN_OFFICER, coop.id),
      await t.factory.user(Role.LOAN_OFFICER, coop.id),
    ];
    // 15 + 15 by two officers, and 15 + 15 of two stems by one: no burst.
    for (let i = 0; i < 15; i++) {
      await usage.noteConsent(officer(u1.id), `FORM-A-${i}`);
      await usage.noteConsent(officer(u2.id), `FORM-A-${100 + i}`);
      await usage.noteConsent(officer(u2.id), `OTP ${i}`);
    }
    const rows = () => t.dataSource.query(`SELECT * FROM usage_anomalies WHERE cooperative_id = $1`, [coop.id]);
    expect(await rows()).toEqual([]);
    // References without a trailing number are never a burst.
    for (let i = 0; i < 25; i++) await usage.noteConsent(officer(u1.id), `SIGNED-BY-HAND`);
    expect(await rows()).toEqual([]);
    for (let i = 15; i < 30; i++) await usage.noteConsent(officer(u1.id), `form-a-${i}`);
    const [burst, ...more] = await rows();
    expect(more).toEqual([]);
    expect(burst).toMatchObject({
      kind: 'CONSENT_REFERENCE_BURST',
      observed: 30,
      threshold: 20,
      actor_user_id: u1.id,
      reference_pattern: 'FORM-A-#',
    });
    expect(burst.subject).not.toContain('FORM');
  });
});
