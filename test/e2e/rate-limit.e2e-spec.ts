import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('RATE_LIMIT_PER_MINUTE (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let off: TestApp;

  beforeAll(async () => {
    [a, b, off] = await Promise.all([
      createTestApp({ RATE_LIMIT_PER_MINUTE: '3' }),
      createTestApp({ RATE_LIMIT_PER_MINUTE: '3' }),
      createTestApp({ RATE_LIMIT_PER_MINUTE: '0' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), off.close()]);
  });

  it('limits each credential, across API processes, with 429 and Retry-After', async () => {
    const key = await a.factory.apiKey(Role.DATA_SUBMITTER);
    const other = await a.factory.apiKey(Role.DATA_SUBMITTER);
    const statuses = [];
    for (const app of [a, b, a]) statuses.push((await app.http.get('/api/v1/auth/me').set(key.auth)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await b.http.get('/api/v1/auth/me').set(key.auth);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another credential has its own budget.
    expect((await a.http.get('/api/v1/auth/me').set(other.auth)).status).toBe(200);
  });

  it('is off at 0', async () => {
    const key = await off.factory.apiKey(Role.LOAN_OFFICER);
    for (let i = 0; i < 10; i++) expect((await off.http.get('/api/v1/auth/me').set(key.auth)).status).toBe(200);
  });
});
