import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { testNik } from '../factories/factory';
import { createTestApp, TestApp } from '../helpers/test-app';

interface Actor {
  userId: string | null;
  apiKeyId: string | null;
  cooperativeId: string | null;
  role: string | null;
  userName: string | null;
  userEmail: string | null;
  apiKeyName: string | null;
  cooperativeName: string | null;
}
interface Item {
  id: string;
  action: string;
  outcome: string;
  reason: string | null;
  actor: Actor;
  requestId: string | null;
}

/** Who acted and why a refusal happened: names joined at query time, reason codes from the event's details. */
describe('audit events: actors by name, refusal reasons, the Excel export (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const list = (auth: Record<string, string>, query: Record<string, string | number> = {}) =>
    t.http.get('/api/v1/audit-events').query(query).set(auth);

  /** A user with a name of its own (the factory names everyone 'Test User'). */
  async function named(role: Role, cooperativeId: string, name: string) {
    const user = await t.factory.signedIn(role, cooperativeId);
    await t.dataSource.query('UPDATE users SET name = $2 WHERE id = $1', [user.id, name]);
    return user;
  }

  /** One audit row written straight into the log. */
  async function seed(row: {
    coop: string;
    userId?: string | null;
    apiKeyId?: string | null;
    action?: string;
    outcome?: string;
    details?: Record<string, unknown>;
    at?: string;
  }): Promise<string> {
    const [inserted]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO audit_events (occurred_at, action, outcome, actor_user_id, actor_api_key_id, actor_cooperative_id,
                                 actor_role, request_id, details)
       VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6, 'LOAN_OFFICER', $7, $8) RETURNING id`,
      [
        row.at ?? null,
        row.action ?? 'PROFILE_QUERIED',
        row.outcome ?? 'ALLOWED',
        row.userId ?? null,
        row.apiKeyId ?? null,
        row.coop,
        `seed-${randomUUID()}`,
        JSON.stringify(row.details ?? {}),
      ],
    );
    return String(inserted.id);
  }

  describe('who', () => {
    it("answers the actor's name, email, API key name and coop name in the list and the search, ids kept", async () => {
      const coop = await t.factory.cooperative({ name: t.factory.unique('KSP Sumber Rejeki') });
      const officer = await named(Role.LOAN_OFFICER, coop.id, 'Siti Rahayu');
      const key = await t.factory.apiKey(Role.LOAN_OFFICER, coop.id);
      const nik = testNik();
      await t.factory.consent(officer.auth, nik);
      await t.factory.consent(key.auth, testNik());
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);

      const res = await list(network.auth, { actorCooperativeId: coop.id, action: 'CONSENT_GRANTED' });
      expect(res.status).toBe(200);
      const byKey = res.body.items.find((i: Item) => i.actor.apiKeyId === key.id);
      const byUser = res.body.items.find((i: Item) => i.actor.userId === officer.id);
      expect(byUser.actor).toEqual({
        userId: officer.id,
        apiKeyId: null,
        cooperativeId: coop.id,
        role: 'LOAN_OFFICER',
        userName: 'Siti Rahayu',
        userEmail: officer.email,
        apiKeyName: null,
        cooperativeName: coop.name,
      });
      expect(byKey.actor).toEqual({
        userId: null,
        apiKeyId: key.id,
        cooperativeId: coop.id,
        role: 'LOAN_OFFICER',
        userName: null,
        userEmail: null,
        apiKeyName: 'test key',
        cooperativeName: coop.name,
      });

      const found = await t.http.post('/api/v1/audit-events/search').set(network.auth).send({ nik });
      expect(found.status).toBe(200);
      expect(found.body.items[0].actor).toMatchObject({ userName: 'Siti Rahayu', cooperativeName: coop.name });
    });

    it('keeps the id of an actor no longer on record, with no name', async () => {
      const coop = await t.factory.cooperative();
      const gone = randomUUID();
      const id = await seed({ coop: coop.id, userId: gone });
      const goneKey = await seed({ coop: coop.id, apiKeyId: randomUUID() });
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const res = await list(network.auth, { actorCooperativeId: coop.id });
      const row = res.body.items.find((i: Item) => i.id === id);
      expect(row.actor).toMatchObject({ userId: gone, userName: null, userEmail: null, cooperativeName: coop.name });
      expect(res.body.items.find((i: Item) => i.id === goneKey).actor).toMatchObject({ apiKeyName: null });
    });

    it("never names another coop's user to a coop AUDITOR, even on an event filed under its own coop", async () => {
      const own = await t.factory.cooperative();
      const other = await t.factory.cooperative({ name: t.factory.unique('KSP Lain') });
      const stranger = await named(Role.LOAN_OFFICER, other.id, 'Orang Lain');
      const strangerKey = await t.factory.apiKey(Role.LOAN_OFFICER, other.id);
      // An event whose actor ids disagree with its coop: the name of the other coop's user must not be joined.
      const odd = await seed({ coop: own.id, userId: stranger.id });
      const oddKey = await seed({ coop: own.id, apiKeyId: strangerKey.id });
      const auditor = await named(Role.AUDITOR, own.id, 'Pak Auditor');

      const res = await list(auditor.auth, { limit: 500 });
      expect(res.status).toBe(200);
      const body = JSON.stringify(res.body);
      expect(body).not.toContain('Orang Lain');
      expect(body).not.toContain(stranger.email);
      expect(body).not.toContain(other.name);
      expect(res.body.items.find((i: Item) => i.id === odd).actor).toMatchObject({
        userId: stranger.id,
        userName: null,
        cooperativeName: own.name,
      });
      expect(res.body.items.find((i: Item) => i.id === oddKey).actor).toMatchObject({ apiKeyName: null });
      // Its own read is named.
      expect(res.body.items.some((i: Item) => i.actor.userName === 'Pak Auditor')).toBe(true);
    });
  });

  describe('why refused', () => {
    it('answers the reason code of a refused profile query and of a failed login, and none for allowed events', async () => {
      const coop = await t.factory.cooperative();
      const officer = await t.factory.signedIn(Role.LOAN_OFFICER, coop.id);
      const refused = await t.http
        .post('/api/v1/profiles/query')
        .set(officer.auth)
        .send({ nik: testNik(), purpose: 'NEW_APPLICATION' });
      expect(refused.status).toBe(403);
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ email: officer.email, password: 'not-the-password' });
      expect(wrong.status).toBe(401);
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);

      const res = await list(network.auth, { actorCooperativeId: coop.id, outcome: 'DENIED' });
      expect(res.status).toBe(200);
      const reasons = Object.fromEntries(res.body.items.map((i: Item) => [i.action, i.reason]));
      expect(reasons).toEqual({ PROFILE_QUERIED: refused.body.error.code, AUTH_LOGIN: 'INVALID_CREDENTIALS' });
      expect(refused.body.error.code).toBe('CONSENT.MISSING');

      const allowed = await list(network.auth, { actorCooperativeId: coop.id, outcome: 'ALLOWED' });
      expect(allowed.body.items.length).toBeGreaterThan(0);
      expect(allowed.body.items.every((i: Item) => i.reason === null)).toBe(true);
    });

    it('answers only a code: not the reason of an allowed event, not free text, null when none was recorded', async () => {
      const coop = await t.factory.cooperative();
      const failed = await seed({ coop: coop.id, outcome: 'FAILED', details: { reason: 'SUBMISSION.FAILED' } });
      const allowed = await seed({ coop: coop.id, details: { reason: 'CONSENT.MISSING' } });
      const text = await seed({ coop: coop.id, outcome: 'DENIED', details: { reason: 'Pak Budi said no' } });
      const none = await seed({ coop: coop.id, outcome: 'DENIED', details: { rejected: 3 } });
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const res = await list(network.auth, { actorCooperativeId: coop.id });
      const reason = (id: string) => res.body.items.find((i: Item) => i.id === id).reason;
      expect([failed, allowed, text, none].map(reason)).toEqual(['SUBMISSION.FAILED', null, null, null]);
    });
  });

  describe('exports', () => {
    const download = (auth: Record<string, string>, query: Record<string, string> = {}) =>
      t.http
        .get('/api/v1/audit-events/export')
        .query(query)
        .set(auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });

    /** A minimal RFC 4180 reader for the test: quoted fields, doubled quotes, the given separator. */
    function parse(text: string, separator: string): string[][] {
      const rows: string[][] = [];
      let row: string[] = [];
      let field = '';
      let quoted = false;
      const endField = () => {
        row.push(field);
        field = '';
      };
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted && c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') {
          quoted = !quoted;
        } else if (quoted || (c !== separator && c !== '\n' && c !== '\r')) {
          field += c;
        } else if (c === separator) {
          endField();
        } else {
          if (c === '\r' && text[i + 1] === '\n') i++;
          endField();
          rows.push(row);
          row = [];
        }
      }
      if (field || row.length) {
        endField();
        rows.push(row);
      }
      return rows;
    }

    async function refusedNight() {
      const coop = await t.factory.cooperative({ name: t.factory.unique('KSP Maju; Bersama') });
      const officer = await named(Role.LOAN_OFFICER, coop.id, '=HYPERLINK("x") Dewi');
      // 20:30 UTC on 31 December is 03:30 WIB on 1 January: the date, month and year all cross.
      const id = await seed({
        coop: coop.id,
        userId: officer.id,
        outcome: 'DENIED',
        details: { reason: 'CONSENT.EXPIRED' },
        at: '2025-12-31T20:30:05Z',
      });
      return { coop, officer, id };
    }

    it('keeps the default export for machine clients: comma-separated UTC, no BOM, names and reason appended', async () => {
      const { coop, officer, id } = await refusedNight();
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const res = await download(network.auth, { actorCooperativeId: coop.id });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const text = (res.body as Buffer).toString('utf8');
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      const [header, ...rows] = parse(text.trimEnd(), ',');
      expect(header).toEqual([
        'id',
        'occurredAt',
        'action',
        'outcome',
        'actorUserId',
        'actorApiKeyId',
        'actorCooperativeId',
        'actorRole',
        'subjectRef',
        'purpose',
        'consentId',
        'requestId',
        'ip',
        'actorUserName',
        'actorUserEmail',
        'actorApiKeyName',
        'actorCooperativeName',
        'reason',
      ]);
      const row = rows.find((r) => r[0] === id)!;
      expect(row[1]).toBe('2025-12-31T20:30:05.000Z');
      expect(row.slice(13)).toEqual([`'=HYPERLINK("x") Dewi`, officer.email, '', coop.name, 'CONSENT.EXPIRED']);
    });

    it('gives Excel a BOM, semicolons, WIB times across midnight, Indonesian headers, names and the reason in words', async () => {
      const { coop, officer, id } = await refusedNight();
      const auditor = await t.factory.signedIn(Role.AUDITOR, coop.id);
      const res = await download(auditor.auth, { format: 'excel' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="log-audit-wib\.csv"/);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      const [header, ...rows] = parse(text.trimEnd(), ';');
      expect(header).toEqual([
        'ID kejadian',
        'Waktu (WIB)',
        'Aksi',
        'Kode aksi',
        'Hasil',
        'Alasan',
        'Kode alasan',
        'Nama pelaku',
        'Email pelaku',
        'Kunci API',
        'Koperasi pelaku',
        'Peran',
        'ID pengguna',
        'ID kunci API',
        'ID koperasi',
        'Subjek',
        'Tujuan',
        'ID persetujuan',
        'ID permintaan',
        'IP',
      ]);
      expect(rows.every((r) => r.length === header.length)).toBe(true);
      const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === id)![i]]));
      expect(row).toMatchObject({
        'Waktu (WIB)': '01/01/2026 03:30:05',
        Aksi: 'Profil diperiksa',
        'Kode aksi': 'PROFILE_QUERIED',
        Hasil: 'Ditolak',
        Alasan: 'Persetujuan peminjam sudah kedaluwarsa',
        'Kode alasan': 'CONSENT.EXPIRED',
        'Nama pelaku': `'=HYPERLINK("x") Dewi`,
        'Email pelaku': officer.email,
        'Koperasi pelaku': coop.name,
        Peran: 'Petugas kredit',
        'ID pengguna': officer.id,
        'ID koperasi': coop.id,
      });
      // The export's own read comes first, named, at its WIB time.
      expect(rows[0][3]).toBe('AUDIT_LOG_READ');
      expect(rows[0][1]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
      const audit = await t.factory.auditFor(res.headers['x-request-id']);
      expect(audit[0].details).toEqual({ query: 'EXPORT', filters: {}, format: 'excel' });
    });

    it('streams the Excel form over several batches like the default: every row once, newest first', async () => {
      const coop = await t.factory.cooperative();
      await t.dataSource.query(
        `INSERT INTO audit_events (occurred_at, action, outcome, actor_cooperative_id, actor_role, request_id)
         SELECT now() - make_interval(secs => g), 'PROFILE_QUERIED', 'ALLOWED', $1, 'LOAN_OFFICER', 'bulk-' || g
           FROM generate_series(1, 2500) g`,
        [coop.id],
      );
      const network = await t.factory.signedIn(Role.NETWORK_AUDITOR);
      const res = await download(network.auth, { format: 'excel', actorCooperativeId: coop.id });
      expect(res.status).toBe(200);
      const [, ...rows] = parse((res.body as Buffer).toString('utf8').slice(1).trimEnd(), ';');
      expect(rows).toHaveLength(2500);
      const ids = rows.map((r) => Number(r[0]));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(rows.map((r) => r[18])).size).toBe(2500);
    });

    it('refuses an unknown format naming the field', async () => {
      const auditor = await t.factory.signedIn(Role.AUDITOR);
      const res = await t.http.get('/api/v1/audit-events/export').query({ format: 'xlsx' }).set(auditor.auth);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('format');
    });
  });
});
