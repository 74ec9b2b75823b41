import fc from 'fast-check';
import { once } from 'node:events';
import { AddressInfo, connect } from 'node:net';
import { Role } from '../../src/common/auth/role';
import {
  buildWorld,
  concretePath,
  expectProperty,
  expectSame,
  expectThat,
  expectWellFormed,
  holdings,
  holdsRun,
  HOSTILE_ENV,
  hostileText,
  HostileWorld,
  namesField,
  nikInUrl,
  Sender,
  sendersOf,
  sendRaw,
  VALID_BODIES,
} from '../helpers/hostile-input';
import { Method, MATRIX, OpenApiDocument, PUBLIC, routeKey, RouteRule } from '../helpers/route-matrix';
import { QUEUE_DASHBOARD_PATH } from '../../src/modules/queue-dashboard/queue-dashboard';
import { createTestApp, TestApp } from '../helpers/test-app';

/** Percent-encodes every byte of the UTF-8 text (a lone surrogate becomes U+FFFD, as a browser would send it). */
const encode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

// Raw (unencoded) text the HTTP client still sends: percent signs that decode to nothing, brackets, separators.
const RAW_QUERY_TOKENS = [
  '%',
  '%zz',
  '%00',
  '%C0%AF',
  '%ED%A0%80',
  '&&',
  '==',
  '[]',
  '[0]',
  '%5B%5D',
  ';',
  '+',
  '"',
  "'",
  '<>',
  '\\',
  '#',
];
const STRANGE_KEYS = [
  '__proto__',
  'constructor',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'a[b]',
  'a[]',
  '',
  'x'.repeat(300),
];

const ODD_CONTENT_TYPES = [
  'text/plain',
  'text/csv',
  'text/csv; charset=utf-16',
  'application/csv',
  'application/vnd.ms-excel',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/vnd.api+json',
  'application/octet-stream',
  '*/*',
  'garbage',
  ';',
  'application/json, text/csv',
  `application/${'x'.repeat(1000)}`,
];

// Path ids the HTTP client sends as they are (printable ASCII), besides the encoded random ones.
const RAW_IDS = [
  '.',
  '..',
  '%2e%2e',
  '%00',
  'a%2Fb',
  '..%2F..%2Fetc%2Fpasswd',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '{00000000-0000-0000-0000-000000000000}',
  '00000000000000000000000000000000',
  'urn:uuid:00000000-0000-0000-0000-000000000000',
  '1',
  '-1',
  '1e3',
  'null',
  'undefined',
  "'OR'1'='1",
  'x'.repeat(100),
];

// Fastify's router refuses these before any route runs (400 BAD_REQUEST, not naming id): see "framework-level refusals".
const FASTIFY_MAX_PARAM_LENGTH = 100;
const routerRefuses = (id: string): boolean => {
  if (id.length > FASTIFY_MAX_PARAM_LENGTH) return true;
  try {
    decodeURIComponent(id);
    return false;
  } catch {
    return true;
  }
};
// Node's HTTP parser refuses a request line and headers over 16 KB (431) before Fastify sees it.
const shortText = hostileText.filter((s) => s.length <= 500);

describe('hostile query strings, path ids and content types at every endpoint (e2e)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let world: HostileWorld;

  beforeAll(async () => {
    t = await createTestApp(HOSTILE_ENV);
    doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    world = await buildWorld(t);
  });
  afterAll(() => t.close());

  const queryParams = (rule: RouteRule) =>
    (doc.paths[rule.path]?.[rule.method]?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);

  async function check(
    rule: RouteRule,
    sender: Sender,
    path: string,
    what: string,
    body?: { contentType?: string; text: string | Buffer },
  ) {
    const before = await holdings(t, world);
    const res = await sendRaw(t, rule.method, path, world.auth.get(sender)!, body);
    const context = `${rule.method} ${path.slice(0, 300)} as ${sender} (${what})`;
    const error = expectWellFormed(res, context);
    if (res.status >= 300) expectSame(await holdings(t, world), before, `${context}: left something behind`);
    return { res, error, context };
  }

  it('answers a hostile value of each documented query parameter, naming it when refused', async () => {
    const withParams = MATRIX.filter((r) => queryParams(r).length > 0);
    expect(withParams.length).toBeGreaterThan(5);
    const target = fc
      .constantFrom(...withParams)
      .chain((rule) =>
        fc.tuple(fc.constant(rule), fc.constantFrom(...sendersOf(rule)), fc.constantFrom(...queryParams(rule))),
      );
    const value = fc.oneof(shortText.map(encode), fc.constantFrom(...RAW_QUERY_TOKENS));
    await expectProperty(
      'query params',
      fc.asyncProperty(target, value, fc.boolean(), async ([rule, sender, param], v, twice) => {
        const query = twice ? `${param}=${v}&${param}=${v}` : `${param}=${v}`;
        const { error, context } = await check(
          rule,
          sender,
          `${concretePath(world, rule.path)}?${query}`,
          query,
          bodyFor(routeKey(rule)),
        );
        // `#` ends the query string, so the parameter arrives empty or not at all.
        if (error?.code === 'VALIDATION' && !namesField(error.details, param) && !v.startsWith('#')) {
          throw new Error(`VALIDATION does not name ${param}: ${context} -> ${JSON.stringify(error)}`);
        }
      }),
      300,
    );
  });

  // Issue 16: a NIK travels only in a request body. Every route of the API, and what is served beside it (the console,
  // the OpenAPI pages, the queue dashboard), refuses one in its URL before anything runs.
  it('refuses a NIK-like run anywhere in a URL with 400 naming where, never echoing it, storing nothing', async () => {
    const beside: RouteRule[] = [
      '/console/',
      '/console/index.html',
      '/api/docs',
      '/api/docs-json',
      QUEUE_DASHBOARD_PATH,
    ].map((path) => ({
      method: 'get' as Method,
      path,
      allowed: PUBLIC,
    }));
    const target = fc
      .constantFrom(...MATRIX, ...beside)
      .chain((rule) =>
        fc.tuple(
          fc.constant(rule),
          fc.constantFrom(...sendersOf(rule)),
          nikInUrl([concretePath(world, rule.path)], queryParams(rule)),
        ),
      );
    await expectProperty(
      'nik in url',
      fc.asyncProperty(target, async ([rule, sender, { url, run, place }]) => {
        const { res, error, context } = await check(rule, sender, url, `NIK in the ${place}`, bodyFor(routeKey(rule)));
        expectThat(
          res.status === 400 && error?.code === 'VALIDATION',
          () => `${context}: ${res.status} ${res.text.slice(0, 300)}`,
        );
        const fields = error!.details.map((d) => d.field!);
        expectThat(
          fields.every((f) => f === 'path' || f.startsWith('query.')),
          () => `${context}: fields ${JSON.stringify(fields)}`,
        );
        expectThat(
          fields.some((f) => (place === 'path' ? f === 'path' : f.startsWith('query.'))),
          () => `${context}: does not name the ${place}`,
        );
        expectThat(
          !holdsRun(res.text, run) && !holdsRun(JSON.stringify(res.headers), run),
          () => `${context}: echoed the run: ${res.text}`,
        );
      }),
      80,
    );
  });

  it('answers hostile X-Request-Id and Idempotency-Key headers, and every request id it sends back is a plain token', async () => {
    // What Node's HTTP client lets through in a header value: visible ASCII, space, tab and Latin-1.
    const headerText = fc.oneof(
      fc.string({
        unit: fc
          .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
          .map((c) => String.fromCharCode(c)),
        maxLength: 300,
      }),
      fc.constantFrom(
        '',
        ' ',
        'a',
        '12345678',
        'x'.repeat(64),
        'x'.repeat(65),
        '<script>',
        "' OR 1=1",
        '../../',
        'req id',
        'ok-id\tx',
      ),
    );
    await expectProperty(
      'request headers',
      fc.asyncProperty(fc.constantFrom(...MATRIX), headerText, headerText, async (rule, requestId, idempotencyKey) => {
        const sender = sendersOf(rule)[0];
        const res = await sendRaw(
          t,
          rule.method,
          concretePath(world, rule.path),
          { ...world.auth.get(sender)!, 'X-Request-Id': requestId, 'Idempotency-Key': idempotencyKey },
          bodyFor(routeKey(rule)),
        );
        const context = `${routeKey(rule)} X-Request-Id ${JSON.stringify(requestId)} Idempotency-Key ${JSON.stringify(idempotencyKey)}`;
        const error = expectWellFormed(res, context);
        expectThat(
          /^[A-Za-z0-9._:-]{8,64}$/.test(res.headers['x-request-id']),
          () => `${context}: sent back ${res.headers['x-request-id']}`,
        );
        if (error?.code === 'VALIDATION' && routeKey(rule) === 'post /api/v1/submissions') {
          expectThat(namesField(error.details, 'Idempotency-Key'), () => `${context}: ${JSON.stringify(error)}`);
        }
      }),
      200,
    );
  });

  it('answers methods a route does not have (PUT, OPTIONS, HEAD, ...) without a 5xx, in the error shape', async () => {
    const methods = ['put', 'options', 'head', 'patch', 'delete', 'post', 'get'] as const;
    await expectProperty(
      'other methods',
      fc.asyncProperty(fc.constantFrom(...MATRIX), fc.constantFrom(...methods), async (rule, method) => {
        const path = concretePath(world, rule.path);
        const res = await t.http[method](path).set(world.auth.get(sendersOf(rule)[0])!);
        const context = `${method.toUpperCase()} ${path}`;
        expectThat(res.status < 500, () => `${context}: ${res.status} ${res.text}`);
        expectThat(typeof res.headers['x-request-id'] === 'string', () => `${context}: no X-Request-Id`);
        // HEAD answers carry no body to check.
        if (method !== 'head') expectWellFormed(res, context);
      }),
      60,
    );
  });

  describe.each(MATRIX.map((r) => [routeKey(r), r] as const))('%s', (name, rule) => {
    it('answers random query strings without a 5xx, in the error shape', async () => {
      const key = fc.oneof(
        fc.constantFrom(...queryParams(rule), ...STRANGE_KEYS).map(encode),
        fc.string({ unit: 'binary', maxLength: 20 }).map(encode),
      );
      const pair = fc
        .tuple(key, fc.oneof(shortText.map(encode), fc.constantFrom(...RAW_QUERY_TOKENS)))
        .map(([k, v]) => `${k}=${v}`);
      const query = fc.oneof(
        fc.array(pair, { maxLength: 8 }).map((pairs) => pairs.join('&')),
        fc.constantFrom(...RAW_QUERY_TOKENS),
        fc.string({ unit: 'binary', maxLength: 60 }).map(encode),
      );
      await expectProperty(
        `${name} random query`,
        fc.asyncProperty(fc.constantFrom(...sendersOf(rule)), query, async (sender, q) => {
          await check(rule, sender, `${concretePath(world, rule.path)}?${q}`, q, bodyFor(name));
        }),
        25,
      );
    });

    it('answers odd content types without a 5xx, in the error shape', async () => {
      const valid = VALID_BODIES[name] ? JSON.stringify(VALID_BODIES[name](world)) : '{}';
      const text = fc.oneof(
        fc.constant(valid),
        fc.string({ unit: 'binary', maxLength: 100 }),
        fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
        fc.constant('nik,nama\n3375010112890001,Siti\n'),
        fc.constant('--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n--x--\r\n'),
      );
      await expectProperty(
        `${name} content types`,
        fc.asyncProperty(
          fc.constantFrom(...sendersOf(rule)),
          fc.constantFrom(...ODD_CONTENT_TYPES),
          text,
          async (sender, contentType, body) => {
            await check(rule, sender, concretePath(world, rule.path), `Content-Type ${contentType.slice(0, 60)}`, {
              contentType,
              text: body,
            });
          },
        ),
        20,
      );
    });

    if (rule.path.includes('{id}')) {
      it('answers any path id that is not one of its objects with 400 naming id or 404', async () => {
        const id = fc
          .oneof(
            fc.constantFrom(...RAW_IDS),
            shortText.filter((s) => s !== '').map(encode),
            fc.uuid().map((u) => u.toUpperCase()),
          )
          .filter((raw) => !routerRefuses(raw));
        await expectProperty(
          `${name} path ids`,
          fc.asyncProperty(fc.constantFrom(...sendersOf(rule)), id, async (sender, raw) => {
            const { res, error, context } = await check(
              rule,
              sender,
              rule.path.replace('{id}', raw),
              `id ${raw.slice(0, 60)}`,
              bodyFor(name),
            );
            if (res.status < 300)
              throw new Error(`an id that names no object of the coop was answered: ${context} -> ${res.status}`);
            if (error?.code === 'VALIDATION' && !namesField(error.details, 'id')) {
              throw new Error(`VALIDATION does not name id: ${context} -> ${JSON.stringify(error)}`);
            }
            expectThat([400, 404].includes(res.status), () => `${context}: ${res.status}`);
          }),
          30,
        );
      });
    }
  });

  // Fastify's router and Node's HTTP parser refuse these before any hook or Nest filter runs. createFastifyAdapter
  // (src/configure-app.ts) answers them in the error shape all the same: `frameworkErrors` for the router's
  // refusals, `clientErrorHandler` for the parser's (the request was never parsed, so its request id is minted).
  describe('framework-level refusals', () => {
    const admin = () => world.auth.get(Role.COOP_ADMIN)!;
    it.each([
      ['malformed percent-encoding in a path id (FST_ERR_BAD_URL)', '/api/v1/consents/%zz', 400, 'BAD_REQUEST'],
      ['an invalid UTF-8 sequence in a path id (FST_ERR_BAD_URL)', '/api/v1/consents/%ED%A0%80', 400, 'BAD_REQUEST'],
      [
        'a path id over 100 characters (FST_ERR_MAX_PARAM_LENGTH)',
        `/api/v1/consents/${'x'.repeat(101)}`,
        400,
        'BAD_REQUEST',
      ],
      ['a URL over 16 KB (Node parser, 431)', `/api/v1/consents?${'x'.repeat(17_000)}`, 431, 'PAYLOAD_TOO_LARGE'],
    ])('answers %s in the error shape with X-Request-Id', async (_name, path, status, code) => {
      const res = await t.http.get(path).set(admin());
      expect(res.status).toBe(status);
      expect(expectWellFormed(res, path.slice(0, 80))).toEqual({ code, details: [] });
      expect(res.headers['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    });

    it("keeps a caller's plain X-Request-Id on a router refusal, as on any other answer", async () => {
      const res = await t.http.get('/api/v1/consents/%zz').set({ ...admin(), 'X-Request-Id': 'caller-trace-0001' });
      expect(res.status).toBe(400);
      expect(res.headers['x-request-id']).toBe('caller-trace-0001');
      expect(res.body.error.requestId).toBe('caller-trace-0001');
    });

    it('answers a request line Node cannot parse with 400 in the error shape, then closes the connection', async () => {
      const { status, headers, body } = await rawExchange(
        t,
        'GET /api/v1/consents HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      );
      expect(status).toBe(400);
      expect(headers['connection']).toBe('close');
      expect(JSON.parse(body)).toEqual({
        error: { code: 'BAD_REQUEST', message: expect.any(String), requestId: headers['x-request-id'], details: [] },
      });
      expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  /** The valid JSON body of the route, so that only the query or path is hostile; none for routes without one. */
  function bodyFor(name: string): { contentType: string; text: string } | undefined {
    const make = VALID_BODIES[name];
    return make ? { contentType: 'application/json', text: JSON.stringify(make(world)) } : undefined;
  }
});

/** Sends bytes as they are over a fresh connection and reads the answer until the server closes it. */
async function rawExchange(
  t: TestApp,
  bytes: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const server = t.app.getHttpServer();
  if (!server.listening) server.listen(0, '127.0.0.1');
  if (!server.listening) await once(server, 'listening');
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.write(bytes);
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString('utf8');
  const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
