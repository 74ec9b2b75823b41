import { Role } from '../../src/common/auth/role';
import { testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

/*
 * Error answers in the caller's language (issue 18): Accept-Language: id gets every message in Bahasa Indonesia,
 * with the same codes, fields and shape; no header (or no language we speak) keeps the English of the contract.
 */
describe('error messages in the caller’s language (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  // A new email for each failed login: five failures on one account would throttle it.
  let n = 0;
  const wrongLogin = () =>
    t.http.post('/api/v1/auth/login').send({ email: `nobody-${++n}-${Date.now()}@kcx.test`, password: 'wrong' });
  const badLogin = () => t.http.post('/api/v1/auth/login').send({ email: 'x'.repeat(300), password: 7, extra: 1 });

  it('answers a validation error in Indonesian, naming each field, with the same codes and fields', async () => {
    const en = await badLogin();
    const id = await badLogin().set('Accept-Language', 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7');
    expect([en.status, id.status]).toEqual([400, 400]);
    expect(id.body.error.code).toBe('VALIDATION');
    expect(id.headers['content-language']).toBe('id');
    expect(en.headers['content-language']).toBe('en');
    // Same fields, in the same order; only the words change.
    expect(id.body.error.details.map((d: { field: string }) => d.field)).toEqual(
      en.body.error.details.map((d: { field: string }) => d.field),
    );
    expect(en.body.error.message).toBe('The request has invalid fields');
    expect(id.body.error.message).toBe('Permintaan berisi isian yang tidak valid');
    const said = (body: typeof id.body, field: string) =>
      body.error.details.filter((d: { field: string }) => d.field === field).map((d: { message: string }) => d.message);
    expect(said(en.body, 'email')).toEqual(['email must be shorter than or equal to 254 characters']);
    expect(said(id.body, 'email')).toEqual(['email paling banyak 254 karakter']);
    expect(said(id.body, 'password')).toEqual(expect.arrayContaining(['password harus berupa teks']));
    expect(said(id.body, 'extra')).toEqual(['extra bukan isian permintaan ini']);
    // The Indonesian is answered as `message`; the field carrying it is never sent.
    expect(JSON.stringify(id.body)).not.toContain('messageId');
    expect(JSON.stringify(en.body)).not.toContain('messageId');
  });

  it('answers AUTH.INVALID_CREDENTIALS in Indonesian', async () => {
    const en = await wrongLogin();
    const id = await wrongLogin().set('Accept-Language', 'id');
    expect([en.status, id.status]).toEqual([401, 401]);
    expect([en.body.error.code, id.body.error.code]).toEqual(['AUTH.INVALID_CREDENTIALS', 'AUTH.INVALID_CREDENTIALS']);
    expect(en.body.error.message).toBe('Email or password is wrong');
    expect(id.body.error.message).toBe('Email atau kata sandi salah');
  });

  it('answers CONSENT.MISSING on a profile query in Indonesian', async () => {
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const query = () =>
      t.http.post('/api/v1/profiles/query').set(officer.auth).send({ nik: testNik(), purpose: 'NEW_APPLICATION' });
    const en = await query();
    const id = await query().set('Accept-Language', 'in');
    expect([en.status, id.status]).toEqual([403, 403]);
    expect([en.body.error.code, id.body.error.code]).toEqual(['CONSENT.MISSING', 'CONSENT.MISSING']);
    expect(en.body.error.message).toMatch(/consent/i);
    expect(id.body.error.message).toMatch(/^Belum ada persetujuan/);
    expect(id.headers['content-language']).toBe('id');
  });

  it('keeps the specifics of a message: the roles a route needs', async () => {
    const submitter = await t.factory.signedIn(Role.DATA_SUBMITTER);
    const query = () =>
      t.http.post('/api/v1/profiles/query').set(submitter.auth).send({ nik: testNik(), purpose: 'NEW_APPLICATION' });
    const id = await query().set('Accept-Language', 'id');
    expect(id.status).toBe(403);
    expect(id.body.error).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      message: 'Tindakan ini memerlukan salah satu peran berikut: LOAN_OFFICER',
    });
  });

  it.each([
    [
      'malformed JSON',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": '),
      400,
      'BAD_REQUEST',
      'Isi permintaan bukan JSON yang sah',
    ],
    [
      'a body over the limit',
      () => t.http.post('/api/v1/auth/login').send({ email: 'a@b.c', password: 'x'.repeat(4000) }),
      413,
      'PAYLOAD_TOO_LARGE',
      'Isi permintaan terlalu besar',
    ],
    [
      'an unsupported content type',
      () => t.http.post('/api/v1/auth/login').set('Content-Type', 'application/x-unknown').send('hello'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Jenis isi permintaan tidak didukung',
    ],
    [
      'an unknown route',
      () => t.http.get('/api/v1/nothing-here'),
      404,
      'NOT_FOUND',
      'Alamat tidak ditemukan: GET /api/v1/nothing-here',
    ],
    [
      'a URL that is not valid percent-encoding (router refusal)',
      () => t.http.get('/api/v1/consents/%zz'),
      400,
      'BAD_REQUEST',
      'URL tidak valid',
    ],
  ])('answers %s in Indonesian', async (_name, send, status, code, startsWith) => {
    const en = await send();
    const id = await send().set('Accept-Language', 'id');
    expect([en.status, id.status]).toEqual([status, status]);
    expect([en.body.error.code, id.body.error.code]).toEqual([code, code]);
    expect(id.body.error.message.startsWith(startsWith)).toBe(true);
    expect(en.body.error.message).not.toBe(id.body.error.message);
    expect(id.headers['content-language']).toBe('id');
    expect(id.body.error.requestId).toBe(id.headers['x-request-id']);
  });

  it('answers throttled logins (429 AUTH.THROTTLED) in Indonesian, Retry-After unchanged', async () => {
    const email = `throttled-${Date.now()}@kcx.test`;
    let res = await t.http.post('/api/v1/auth/login').send({ email, password: 'wrong' });
    for (let i = 0; i < 10 && res.status !== 429; i++)
      res = await t.http.post('/api/v1/auth/login').set('Accept-Language', 'id').send({ email, password: 'wrong' });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({
      code: 'AUTH.THROTTLED',
      message: 'Terlalu banyak percobaan masuk yang gagal; coba lagi nanti',
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a credential over its rate (429 RATE_LIMITED) and a coop over its hourly quota in Indonesian', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1', CONSENTS_PER_COOP_PER_HOUR: '1' });
    try {
      // The coop's hourly ceiling, with its number kept: the coop's second consent of the hour, by another officer
      // (each credential may send one request a minute here).
      const first = await limited.factory.signedIn(Role.LOAN_OFFICER);
      const second = await limited.factory.signedIn(Role.LOAN_OFFICER, first.cooperativeId ?? undefined);
      const grant = (auth: Record<string, string>) =>
        limited.http
          .post('/api/v1/consents')
          .set(auth)
          .set('Accept-Language', 'id')
          .send({ nik: testNik(), purpose: 'NEW_APPLICATION', evidence: { type: 'SIGNED_FORM', reference: 'F-1' } });
      expect((await grant(first.auth)).status).toBe(201);
      const quota = await grant(second.auth);
      expect(quota.status).toBe(429);
      expect(quota.body.error).toMatchObject({
        code: 'COOPERATIVE.QUOTA_EXCEEDED',
        message: 'Koperasi ini sudah mencapai batas 1 persetujuan yang dicatat per jam; coba lagi nanti',
      });

      const key = await limited.factory.apiKey(Role.DATA_SUBMITTER);
      await limited.http.get('/api/v1/auth/me').set(key.auth);
      const res = await limited.http.get('/api/v1/auth/me').set(key.auth).set('Accept-Language', 'id');
      expect(res.status).toBe(429);
      expect(res.body.error).toMatchObject({
        code: 'RATE_LIMITED',
        message: 'Terlalu banyak permintaan untuk kredensial ini; tunggu sebentar lalu coba lagi',
      });
      expect(res.headers['content-language']).toBe('id');
    } finally {
      await limited.close();
    }
  });

  it('answers a NIK in a URL in Indonesian, never echoing it', async () => {
    const nik = testNik();
    const res = await t.http.get(`/api/v1/consents?nik=${nik}`).set('Accept-Language', 'id');
    expect(res.status).toBe(400);
    expect(res.headers['content-language']).toBe('id');
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION',
      message: 'NIK tidak boleh dikirim di URL: kirimkan di isi permintaan',
      details: [{ field: 'query.nik', message: expect.stringMatching(/^tidak boleh memuat NIK/) }],
    });
    expect(JSON.stringify(res.body)).not.toContain(nik);
  });

  it('answers a NIK refusal in Indonesian and still never echoes the NIK', async () => {
    const nik = testNik();
    const officer = await t.factory.signedIn(Role.LOAN_OFFICER);
    const id = await t.http
      .post('/api/v1/consents')
      .set(officer.auth)
      .set('Accept-Language', 'id')
      .send({ nik, purpose: 'NEW_APPLICATION', evidence: { type: 'SIGNED_FORM', reference: `KTP ${nik}` } });
    expect(id.status).toBe(400);
    expect(id.body.error.details).toEqual([
      { field: 'evidence.reference', message: expect.stringMatching(/^tidak boleh memuat NIK/) },
    ]);
    expect(JSON.stringify(id.body)).not.toContain(nik);
  });

  it.each([
    ['no header', undefined],
    ['English', 'en-US,en;q=0.9'],
    ['a language we do not speak', 'fr-FR,de;q=0.8'],
    ['the wildcard', '*'],
    ['Indonesian refused', 'id;q=0, en;q=0.1'],
  ])('keeps English for %s', async (_name, header) => {
    const res = header === undefined ? await wrongLogin() : await wrongLogin().set('Accept-Language', header);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Email or password is wrong');
    expect(res.headers['content-language']).toBe('en');
  });
});
