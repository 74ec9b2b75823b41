import fc from 'fast-check';
import {
  buildWorld,
  concretePath,
  expectProperty,
  expectSame,
  expectWellFormed,
  holdings,
  holdsRun,
  HOSTILE_ENV,
  hostileValue,
  HostileWorld,
  namesField,
  nikInBody,
  RAW_NUMBER_TOKENS,
  REMOVE,
  schemaFieldPaths,
  Sender,
  sendersOf,
  sendRaw,
  VALID_BODIES,
  withValue,
} from '../helpers/hostile-input';
import { documentedRoutes, MATRIX, OpenApiDocument, routeKey, RouteRule } from '../helpers/route-matrix';
import { createTestApp, TestApp } from '../helpers/test-app';
import { record } from '../factories/factory';

// Small enough that an oversized body is cheap to send, large enough for every valid body.
const BODY_LIMIT = 256 * 1024;
const JSON_TYPE = 'application/json';

const BODY_METHODS = ['post', 'patch', 'delete'];

describe('hostile request bodies at every endpoint (e2e)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let world: HostileWorld;
  let bodies: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp({ ...HOSTILE_ENV, BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    world = await buildWorld(t);
    bodies = Object.fromEntries(Object.entries(VALID_BODIES).map(([k, make]) => [k, make(world)]));
  });
  afterAll(() => t.close());

  const authOf = (sender: Sender) => world.auth.get(sender)!;
  const takesJson = (rule: RouteRule) => {
    const op = doc.paths[rule.path]?.[rule.method];
    return op?.requestBody?.content?.[JSON_TYPE] !== undefined;
  };

  /**
   * Sends one request and checks the answer; when it was refused, nothing of it may have landed in the coop.
   * `mutated` is the field path that was made hostile, which a VALIDATION answer must name.
   */
  async function check(
    rule: RouteRule,
    caller: Sender,
    body: { contentType?: string; text: string | Buffer },
    mutated?: string,
    parsed?: unknown,
  ) {
    const before = await holdings(t, world, parsed);
    const res = await sendRaw(t, rule.method, concretePath(world, rule.path), authOf(caller), body);
    const what = `${routeKey(rule)} as ${caller} with ${describeBody(body)}`;
    const error = expectWellFormed(res, what);
    if (res.status >= 300) {
      expectSame(await holdings(t, world, parsed), before, `${what}: left something behind`);
    }
    if (error && mutated !== undefined && error.code === 'VALIDATION' && !namesField(error.details, mutated)) {
      throw new Error(`VALIDATION does not name ${mutated}: ${what} -> ${res.text}`);
    }
    return res;
  }

  it('knows every documented route and has a valid body for each that takes JSON', () => {
    const known = new Set(MATRIX.map(routeKey));
    const documented = documentedRoutes(doc);
    expect(documented.map(routeKey).filter((k) => !known.has(k))).toEqual([]);
    const jsonRoutes = documented.filter((r) => r.op.requestBody?.content?.[JSON_TYPE]).map(routeKey);
    expect(jsonRoutes.filter((k) => !(k in bodies))).toEqual([]);
  });

  it('accepts each valid body, so that the properties below start from a body that works', async () => {
    for (const rule of MATRIX.filter((r) => routeKey(r) in bodies)) {
      const res = await sendRaw(t, rule.method, concretePath(world, rule.path), authOf(sendersOf(rule)[0]), {
        contentType: JSON_TYPE,
        text: JSON.stringify(bodies[routeKey(rule)]),
      });
      expectWellFormed(res, routeKey(rule));
      // Login with an unknown email is its 401; the rest answer 2xx.
      const ok =
        routeKey(rule) === 'post /api/v1/auth/login' ? res.status === 401 : res.status >= 200 && res.status < 300;
      expect({ route: routeKey(rule), status: res.status, ok }).toEqual({
        route: routeKey(rule),
        status: res.status,
        ok: true,
      });
    }
  });

  const bodyRoutes = MATRIX.filter((r) => BODY_METHODS.includes(r.method));

  describe.each(bodyRoutes.map((r) => [routeKey(r), r] as const))('%s', (name, rule) => {
    it('answers random JSON values without a 5xx, in the error shape, storing nothing it refused', async () => {
      await expectProperty(
        `${name} random`,
        fc.asyncProperty(fc.constantFrom(...sendersOf(rule)), fc.jsonValue({ maxDepth: 3 }), async (caller, value) => {
          await check(
            rule,
            caller,
            { contentType: JSON_TYPE, text: JSON.stringify(value) ?? 'null' },
            undefined,
            value,
          );
        }),
        30,
      );
    });

    it('answers malformed JSON text with a 4xx in the error shape', async () => {
      const valid = JSON.stringify(bodies[name] ?? { a: 1 });
      const malformed = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.nat({ max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
        fc
          .tuple(
            fc.nat({ max: valid.length }),
            fc.constantFrom('"', '{', '}', ',', ':', '\\', '\u0000', '\ud800', ']', 'x'),
          )
          .map(([at, ch]) => valid.slice(0, at) + ch + valid.slice(at)),
        fc.constantFrom(
          '{"__proto__": {"isAdmin": true}}',
          '{"constructor": {"prototype": {"isAdmin": true}}}',
          '{"a": 1, "a": 2}',
          '['.repeat(5000),
          '{"a":'.repeat(2000),
          `\ufeff${valid}`,
          `${valid}${valid}`,
          `${valid} trailing`,
          "{'single': 'quotes'}",
          '{a: 1}',
          '',
          ' ',
          'null',
          '[]',
          '"string"',
          '1e999999',
          '{"a": "\\ud800"}',
          '{"a": "\\u0000"}',
          '{"a": "\\x41"}',
        ),
      );
      await expectProperty(
        `${name} malformed`,
        fc.asyncProperty(fc.constantFrom(...sendersOf(rule)), malformed, async (caller, text) => {
          await check(rule, caller, { contentType: JSON_TYPE, text });
        }),
        30,
      );
    });

    it('answers invalid UTF-8 and binary bodies with a 4xx in the error shape', async () => {
      await expectProperty(
        `${name} bytes`,
        fc.asyncProperty(
          fc.constantFrom(...sendersOf(rule)),
          fc.uint8Array({ maxLength: 300 }),
          async (caller, bytes) => {
            await check(rule, caller, { contentType: JSON_TYPE, text: Buffer.from(bytes) });
          },
        ),
        15,
      );
    });

    it('refuses JSON nested 50,000 levels deep with a 400 naming where, and stores nothing', async () => {
      const first = Object.keys((bodies[name] ?? {}) as object)[0] ?? 'anything';
      const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
      const text = JSON.stringify({ ...(bodies[name] as object), [first]: '__DEEP__' }).replace('"__DEEP__"', deep);
      const res = await check(rule, sendersOf(rule)[0], { contentType: JSON_TYPE, text });
      expect(res.status).toBeLessThan(500);
      // Routes without a JSON body may refuse the content type or ignore the body; the others name the field.
      expect(!(name in bodies) || (res.status === 400 && namesField(res.body.error.details, first))).toBe(true);
    });

    it('answers a body over BODY_LIMIT_BYTES with 413 and stores nothing', async () => {
      const big = { ...(bodies[name] as object), padding: 'x'.repeat(BODY_LIMIT + 1) };
      const caller = sendersOf(rule)[0];
      const res = await check(rule, caller, { contentType: JSON_TYPE, text: JSON.stringify(big) });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  const jsonRoutes = MATRIX.filter((r) => routeKey(r) in VALID_BODIES);

  describe.each(jsonRoutes.map((r) => [routeKey(r), r] as const))('%s fields', (name, rule) => {
    const fields = () => {
      const op = doc.paths[rule.path][rule.method];
      const paths = schemaFieldPaths(doc, op.requestBody?.content?.[JSON_TYPE]?.schema);
      // A submission record's fields are in hostile-submissions; here the first record as a whole.
      return paths.length > 0 ? [...paths, ...(name === 'post /api/v1/submissions' ? ['records[0]'] : [])] : ['body'];
    };

    it('refuses a hostile value in any field with a VALIDATION naming it, or takes it whole', async () => {
      expect(takesJson(rule)).toBe(true);
      const extra = fc.constantFrom(
        'isAdmin',
        'id',
        'cooperativeId',
        'status',
        'role',
        'createdAt',
        'keyHash',
        'passwordHash',
      );
      const mutation = fc.oneof(
        {
          weight: 8,
          arbitrary: fc.tuple(
            fc.constantFrom(...fields()),
            fc.oneof({ weight: 9, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant<unknown>(REMOVE) }),
          ),
        },
        { weight: 1, arbitrary: fc.tuple(extra, hostileValue) },
      );
      await expectProperty(
        `${name} fields`,
        fc.asyncProperty(fc.constantFrom(...sendersOf(rule)), mutation, async (caller, [path, value]) => {
          const body = withValue(bodies[name], path, value);
          await check(rule, caller, { contentType: JSON_TYPE, text: JSON.stringify(body) }, path, body);
        }),
        80,
      );
    });

    // Issue 16: a NIK-like run in any free-text value or key of an otherwise valid body is refused before anything
    // is stored, naming the field (a key redacted), and never echoed. Submission records' own fields are included.
    it('refuses a NIK-like run in any field or key outside the NIK fields with a VALIDATION naming it, storing nothing', async () => {
      const recordFields =
        name === 'post /api/v1/submissions' ? Object.keys(record()).map((k) => `records[0].${k}`) : [];
      await expectProperty(
        `${name} nik in free text`,
        fc.asyncProperty(
          fc.constantFrom(...sendersOf(rule)),
          nikInBody(bodies[name], [...fields(), ...recordFields]),
          async (caller, { body, run, field, inKey }) => {
            const res = await check(
              rule,
              caller,
              { contentType: JSON_TYPE, text: JSON.stringify(body) },
              field || undefined,
              body,
            );
            const what = `${name} as ${caller} with the run ${inKey ? 'in a key of' : 'at'} ${field || 'the body'}`;
            if (res.status !== 400 || res.body.error.code !== 'VALIDATION')
              throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
            const details = res.body.error.details as { field: string }[];
            if (
              inKey &&
              !details.some((d) => d.field.includes('[NIK]') && (field === '' || d.field.startsWith(`${field}.`)))
            ) {
              throw new Error(`${what}: the key is not named redacted: ${res.text}`);
            }
            if (holdsRun(res.text, run)) throw new Error(`${what}: echoed the run: ${res.text}`);
          },
        ),
        20,
      );
    });

    it('refuses numbers JSON.stringify never writes (1e400, -0, 2^63, 1.0, ...) or takes them whole', async () => {
      await expectProperty(
        `${name} raw numbers`,
        fc.asyncProperty(
          fc.constantFrom(...sendersOf(rule)),
          fc.constantFrom(...fields()),
          fc.constantFrom(...RAW_NUMBER_TOKENS),
          async (caller, path, token) => {
            const marker = '__RAW_NUMBER__';
            const text = JSON.stringify(withValue(bodies[name], path, marker)).replace(`"${marker}"`, token);
            await check(rule, caller, { contentType: JSON_TYPE, text }, path);
          },
        ),
        30,
      );
    });
  });
});

function describeBody(body: { contentType?: string; text: string | Buffer }): string {
  const text = typeof body.text === 'string' ? body.text : `bytes ${body.text.toString('hex')}`;
  return `${body.contentType ?? 'no content type'} ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}...` : text)}`;
}
