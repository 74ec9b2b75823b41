import { createTestApp, TestApp } from '../helpers/test-app';

const ERROR_SHAPE = {
  error: {
    code: expect.any(String),
    message: expect.any(String),
    requestId: expect.any(String),
    details: expect.any(Array),
  },
};

describe('HTTP conventions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  it('gives every response a request id, honouring a well-formed incoming one', async () => {
    const minted = await t.http.get('/health/live');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const passed = await t.http.get('/health/live').set('X-Request-Id', 'coop-system-req-0001');
    expect(passed.headers['x-request-id']).toBe('coop-system-req-0001');
    const refused = await t.http.get('/health/live').set('X-Request-Id', '<script>');
    expect(refused.headers['x-request-id']).not.toBe('<script>');
  });

  it('sets security headers and no CORS by default', async () => {
    const res = await t.http.get('/health/live').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['unknown route', () => t.http.get('/api/v1/nothing-here'), 404, 'NOT_FOUND'],
    [
      'malformed JSON',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": '),
      400,
      'BAD_REQUEST',
    ],
    [
      'a body over the limit',
      () => t.http.post('/api/v1/auth/login').send({ email: 'a@b.c', password: 'x'.repeat(4000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'an unsupported content type',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'application/x-unknown').send('hello'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a bad path id',
      () => t.http.delete('/api/v1/api-keys/not-a-uuid').set('X-API-Key', 'kcx_x'),
      401,
      'AUTH.INVALID_API_KEY',
    ],
  ])('answers %s in the error shape', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body).toEqual(ERROR_SHAPE);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('reports readiness of Postgres and Redis', async () => {
    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document with both auth schemes', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/api-keys/{id}']),
    );
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
  });
});

describe('readiness without Redis (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: Redis is "down" for this app only.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(() => t.close());

  it('answers 503 on readiness and still 200 on liveness', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('NOT_READY');
  });
});

describe('hostile input found in review (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    [
      'a CSV body on the public login route',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'text/csv').send('a,b'),
      415,
    ],
    [
      'an Excel content type on login',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'application/vnd.ms-excel').send('a'),
      415,
    ],
    [
      'a NUL in the login email',
      () => t.http.post('/api/v1/auth/login').send({ email: 'a\u0000b@x.kcx', password: 'x' }),
      400,
    ],
    [
      'a lone surrogate in a login field',
      () => t.http.post('/api/v1/auth/login').send({ email: 'a\ud800@x.kcx', password: 'x' }),
      400,
    ],
  ])('answers %s with a 4xx in the error shape', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toEqual(expect.any(String));
  });

  it('refuses a NUL in a submission record, naming field and row, and a huge unknown key without a 500', async () => {
    const { Role } = await import('../../src/common/auth/role');
    const { record } = await import('../factories/factory');
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const nul = await t.http
      .post('/api/v1/submissions')
      .set(submitter.auth)
      .send({ records: [record(), record({ fullName: 'Si\u0000ti' })] });
    expect(nul.status).toBe(400);
    expect(nul.body.error.details[0]).toMatchObject({ field: 'records[1].fullName', row: 2 });
    const longKey = await t.http
      .post('/api/v1/submissions')
      .set(submitter.auth)
      .send({ records: [record({ ['k'.repeat(150)]: 1, restructureCount: 3_000_000_000 })] });
    expect(longKey.status).toBe(400);
    const fields = longKey.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['records[0].restructureCount']));
    expect(fields.every((f: string) => f.length < 100)).toBe(true);
  });

  it('answers a malformed path id with 400 VALIDATION naming it', async () => {
    const { Role } = await import('../../src/common/auth/role');
    const admin = await t.factory.signedIn(Role.COOP_ADMIN);
    const res = await t.http.delete('/api/v1/api-keys/not-a-uuid').set(admin.auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'id', message: 'must be a UUID' }] });
  });

  it('answers a malformed multipart upload with 400', async () => {
    const { Role } = await import('../../src/common/auth/role');
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const res = await t.http
      .post('/api/v1/submissions/csv')
      .set(submitter.auth)
      .set('Content-Type', 'multipart/form-data')
      .send('garbage');
    expect(res.status).toBe(400);
  });
});
