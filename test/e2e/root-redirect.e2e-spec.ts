import { CONSOLE_PATH } from '../../src/modules/console/console-static';
import { createTestApp, TestApp } from '../helpers/test-app';

/** Issue 18, point 7: someone who opens the server's address lands on the console, not on a JSON 404. */
describe('GET / (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(['GET', 'HEAD'] as const)('%s / redirects to the console', async (method) => {
    const res = await (method === 'GET' ? t.http.get('/') : t.http.head('/'));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(CONSOLE_PATH);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('keeps a query string out of the redirect and other unknown paths a 404 in the error shape', async () => {
    const withQuery = await t.http.get('/?x=1');
    expect(withQuery.status).toBe(302);
    expect(withQuery.headers.location).toBe(CONSOLE_PATH);
    const unknown = await t.http.get('/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: expect.any(String), requestId: unknown.headers['x-request-id'] });
  });

  it('refuses other methods on / as before', async () => {
    const res = await t.http.post('/').send({});
    expect(res.status).toBe(404);
  });
});
