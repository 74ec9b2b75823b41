import { Role } from '../../src/common/auth/role';
import { createTestApp, TestApp } from '../helpers/test-app';

/** Every timestamp input (IsTimestamp) needs Z or an offset: the same text must not name different instants. */
describe('timestamp inputs need a zone (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['from', 'from=2026-01-01T00:00:00'],
    ['to', 'to=2026-01-01T07:00'],
    ['from', 'from=2026-01-01'],
  ])('GET /api/v1/audit-events refuses %s without a zone (%s)', async (field, qs) => {
    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const res = await t.http.get(`/api/v1/audit-events?${qs}`).set(auditor.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it('accepts the same instants with Z or an offset', async () => {
    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const ok = await t.http
      .get(`/api/v1/audit-events?from=2026-01-01T00:00:00Z&to=${encodeURIComponent('2026-01-02T07:00+07:00')}`)
      .set(auditor.auth);
    expect(ok.status).toBe(200);
  });

  it('POST /api/v1/audit-events/search refuses a body timestamp without a zone', async () => {
    const auditor = await t.factory.signedIn(Role.NETWORK_AUDITOR);
    const res = await t.http
      .post('/api/v1/audit-events/search')
      .set(auditor.auth)
      .send({ nik: '3375010112890001', from: '2026-01-01T00:00:00' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['from']);
  });
});
