import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Response } from 'supertest';
import { Role } from '../../src/common/auth/role';
import { findUnstorable } from '../../src/common/validation/storable-text';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import {
  Caller,
  METRICS_SCRAPER,
  Method,
  OpenApiDocument,
  OpenApiSchema,
  PUBLIC,
  routeKey,
  RouteRule,
  TEST_METRICS_TOKEN,
} from './route-matrix';
import { TestApp } from './test-app';

// ---------------------------------------------------------------- values a hostile client sends

export const INJECTION_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE loans; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)--',
  "admin'--",
  "\\'; COPY (SELECT 1) TO PROGRAM 'id'; --",
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '=cmd|"/c calc"!A1',
  '@SUM(1+1)*cmd',
  '../../etc/passwd',
  '$where',
  '{"$gt": ""}',
];

export const UNICODE_STRINGS = [
  '\u202eRTL override\u202c',
  'زيد بن ثابت',
  'שלום עולם',
  'a\u200bb\u200c\u200d',
  '\ufeffBOM',
  '😀👨‍👩‍👧‍👦🇮🇩',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '\udbff\udbff',
  '\uffff\ufffe',
  '\u0085\u2028\u2029',
  '\u001b[31mred',
  'İı ǅ ß ﬁ',
];

export const FAR_DATES = [
  '0001-01-01',
  '9999-12-31',
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-01-32',
  '+275760-09-13',
  '-000001-01-01',
  '1970-01-01T00:00:00Z',
  '2024-02-29T24:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '31/02/2024',
  '2024-1-1',
  '20240101',
  '0001-01',
  '9999-12',
  '2024-13',
];

export const ODD_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  'null',
  'undefined',
  'true',
  '0',
  '-0',
  '-1',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e400',
  '9223372036854775808',
  '0x10',
  '1_000',
  '1.5',
  '5.000.000,00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
  'x'.repeat(10_000),
];

export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  5e-324,
  -5_000_000,
  1e21,
  99999,
  10000,
  1e12,
  1e12 + 1,
  2 ** 52,
];

/** JSON number tokens that JSON.stringify never writes; spliced into the body text as they are. */
export const RAW_NUMBER_TOKENS = [
  '1e400',
  '-1e400',
  '-0',
  '-0.0',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '1.0',
  '0.1e1',
  '1e-400',
  '123456789012345678901234567890',
  '5000000.0000000001',
  '00',
  '01',
  '+1',
  '.5',
  'NaN',
  'Infinity',
  '0x10',
  '1e',
];

const hostileConstant = fc.constantFrom<unknown>(
  ...INJECTION_STRINGS,
  ...UNICODE_STRINGS,
  ...FAR_DATES,
  ...ODD_STRINGS,
  ...HOSTILE_NUMBERS,
  null,
  true,
  false,
  [],
  {},
  [null],
  { a: 1 },
  [1, 2, 3],
  Array.from({ length: 1000 }, (_, i) => i),
);

/** One hostile JSON value: wrong types, edge numbers, far dates, odd unicode, injections, random values. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileConstant },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.double(), fc.maxSafeInteger(), fc.integer({ min: -1e9, max: -1 })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: -300_000, max: 300_000 }),
        fc.integer({ min: -5, max: 20 }),
        fc.integer({ min: -5, max: 40 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  },
);

/** A query-string or path value (text only): hostile strings and random text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTION_STRINGS, ...UNICODE_STRINGS, ...FAR_DATES, ...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('-1', '0', '501', '1e3', '2.5', '99999999999999999999', '-0', '1 ', ' 1', '0x1f'),
  },
);

// ---------------------------------------------------------------- a NIK where none belongs (issue 16)

/** Sixteen digits in a row: what the NIK guard refuses outside a NIK field, whether or not it is a valid NIK. */
export const nikLikeRun: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('3375011203850002', '3204052512700789', '0000000000000000', '9999999999999999'),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }).map((d) => d.join('')),
);

// Around the run, never a digit (that would make it a run of another length, which is no NIK's).
const NIK_PREFIXES = ['', '', 'KTP ', 'NIK:', 'nik-', 'x', ' ', '#', 'ref/', 'Siti '];
const NIK_SUFFIXES = ['', '', '-01', ' ', 'a', '.csv', '/x', ')', ' KTP'];

/** Free text holding a NIK-like run: alone, or with a prefix and a suffix as people write them. */
export const nikInText: fc.Arbitrary<{ text: string; run: string }> = fc
  .tuple(fc.constantFrom(...NIK_PREFIXES), nikLikeRun, fc.constantFrom(...NIK_SUFFIXES))
  .map(([pre, run, suf]) => ({ text: `${pre}${run}${suf}`, run }));

/** Every character percent-encoded, in upper- or lowercase hex. */
export const percentEncoded = (text: string, lower = false): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) => `%${lower ? b.toString(16).padStart(2, '0') : b.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');

/** How a client may put text into a URL: as it is (URL-safe characters), all encoded, or only some digits encoded. */
const urlForm = (text: string, how: number): string => {
  switch (how % 4) {
    case 0:
      return encodeURIComponent(text);
    case 1:
      return percentEncoded(text);
    case 2:
      return percentEncoded(text, true);
    default:
      return [...text]
        .map((c, i) => (i % 3 === 0 && /\d/.test(c) ? percentEncoded(c) : encodeURIComponent(c)))
        .join('');
  }
};

export interface NikInUrl {
  url: string;
  run: string;
  /** Where it is: `path`, or `query` (a parameter's name or value). */
  place: 'path' | 'query';
}

/**
 * A URL at one of `paths` (already concrete, without a query string) with a NIK-like run in a path segment (added or
 * replacing the last one), a query parameter's name or its value, among other plain parameters.
 */
export function nikInUrl(paths: string[], queryNames: string[]): fc.Arbitrary<NikInUrl> {
  const plainPair = fc.constantFrom(
    'limit=5',
    'order=desc',
    'status=OPEN',
    'from=2026-01-01T00%3A00%3A00Z',
    'x=1',
    'cursor=1042',
  );
  return fc
    .record({
      path: fc.constantFrom(...paths),
      where: fc.constantFrom('segment', 'last-segment', 'query-name', 'query-value'),
      nik: nikInText,
      how: fc.nat({ max: 3 }),
      name: fc.constantFrom(...queryNames, 'nik', 'cursor', 'q', 'ref'),
      before: fc.array(plainPair, { maxLength: 2 }),
      after: fc.array(plainPair, { maxLength: 2 }),
    })
    .map(({ path, where, nik, how, name, before, after }) => {
      const form = urlForm(nik.text, how);
      const query = (pair: string) => `?${[...before, pair, ...after].join('&')}`;
      switch (where) {
        case 'segment':
          return { url: `${path.replace(/\/$/, '')}/${form}`, run: nik.run, place: 'path' };
        case 'last-segment':
          return { url: `${path.replace(/\/[^/]*\/?$/, '')}/${form}`, run: nik.run, place: 'path' };
        case 'query-name':
          return { url: `${path}${query(`${form}=1`)}`, run: nik.run, place: 'query' };
        default:
          return { url: `${path}${query(`${encodeURIComponent(name)}=${form}`)}`, run: nik.run, place: 'query' };
      }
    });
}

/** True when the text holds the run as sent, or percent-encoded in either case. */
export const holdsRun = (text: string, run: string): boolean =>
  text.includes(run) || text.includes(percentEncoded(run)) || text.toLowerCase().includes(percentEncoded(run, true));

/** Fields that carry a NIK on purpose, and passwords (only ever hashed; the password policy's business). */
const NOT_FREE_TEXT = /(^|\.)(nik|niks|password|currentPassword|newPassword)$/;

export interface NikInBody {
  body: unknown;
  run: string;
  /** The field a VALIDATION answer must name: the value's path, or the object holding the key. */
  field: string;
  /** The run is in a key, so the answer names that key redacted ([NIK]). */
  inKey: boolean;
}

/**
 * A valid body with a NIK-like run put into one of its fields' values (whatever the field's type), or added as a key
 * (alone or inside a longer name) of the body or of one of its objects. NIK fields and passwords are left alone.
 */
export function nikInBody(valid: unknown, fieldPaths: string[]): fc.Arbitrary<NikInBody> {
  const fields = fieldPaths.filter((p) => !NOT_FREE_TEXT.test(p) && p !== 'body');
  const objects = ['', ...fieldPaths.filter((p) => isPlainObject(valueAt(valid, p)))];
  const inValue = fc.tuple(fc.constantFrom(...(fields.length ? fields : ['extra'])), nikInText).map(([path, nik]) => ({
    body: withValue(valid, path, nik.text),
    run: nik.run,
    field: path,
    inKey: false,
  }));
  const inKey = fc
    .tuple(fc.constantFrom(...objects), nikInText, fc.constantFrom<unknown>(1, 'x', null, {}))
    .map(([parent, nik, value]) => ({
      body:
        parent === ''
          ? { ...(valid as object), [nik.text]: value }
          : withValue(valid, `${parent}.${nik.text.replace(/[.[\]]/g, '_')}`, value),
      run: nik.run,
      field: parent,
      inKey: true,
    }));
  return fc.oneof({ weight: 3, arbitrary: inValue }, { weight: 1, arbitrary: inKey });
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const key of path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A fixed seed per property, printed by fast-check on failure; HOSTILE_SEED overrides all of them to explore. */
export function seedFor(name: string): number {
  if (process.env.HOSTILE_SEED) return Number(process.env.HOSTILE_SEED);
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

export const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.HOSTILE_RUNS_FACTOR ?? 1)));

/**
 * Runs a property with its fixed seed; a failure names the seed and path to replay and the counterexample.
 * HOSTILE_RUNS_FACTOR scales every numRuns (e.g. 10 for a long exploration).
 */
export function expectProperty<T>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T>,
  numRuns: number,
): Promise<void> {
  return fc.assert(property, { numRuns: runs(numRuns), seed: seedFor(name) });
}

/** Inside a property: throws (failing the run) unless `actual` deeply equals `expected`. */
export function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(
      `${what}: expected ${truncate(JSON.stringify(expected), 400)}, got ${truncate(JSON.stringify(actual), 400)}`,
    );
  }
}

/** Inside a property: throws (failing the run) unless `condition` holds. */
export function expectThat(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

// ---------------------------------------------------------------- the answer

/**
 * What every answer must be: never a 5xx, and anything but a 2xx in the error shape of API.md with the request id of
 * the X-Request-Id header. Returns the error body for further checks (null on a 2xx/3xx).
 */
export function expectWellFormed(
  res: Response,
  what: string,
): { code: string; details: { field?: string; row?: number; message: string }[] } | null {
  const requestId = res.headers['x-request-id'];
  const context = `${what} -> ${res.status} ${truncate(res.text)}`;
  if (res.status >= 500) throw new Error(`5xx: ${context}`);
  if (typeof requestId !== 'string' || requestId === '') throw new Error(`no X-Request-Id: ${context}`);
  if (res.status < 400) return null;
  const body = res.body as { error?: Record<string, unknown> } | undefined;
  const error = body?.error;
  const shapeOk =
    body !== undefined &&
    Object.keys(body).length === 1 &&
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    error.requestId === requestId &&
    Object.keys(error).every((k) => ['code', 'message', 'requestId', 'details'].includes(k)) &&
    (error.details === undefined ||
      (Array.isArray(error.details) &&
        error.details.every(
          (d: { field?: unknown; row?: unknown; message?: unknown }) =>
            typeof d.message === 'string' &&
            (d.field === undefined || typeof d.field === 'string') &&
            (d.row === undefined || (Number.isInteger(d.row) && (d.row as number) >= 0)),
        )));
  if (!shapeOk) throw new Error(`not the error shape of API.md: ${context}`);
  const typed = error as { code: string; details?: { field?: string; row?: number; message: string }[] };
  if (
    res.status === 400 &&
    typed.code === 'VALIDATION' &&
    !(typed.details?.length && typed.details.every((d) => d.field))
  ) {
    throw new Error(`a VALIDATION answer must name every bad field: ${context}`);
  }
  return { code: typed.code, details: typed.details ?? [] };
}

/** True when a detail names the field at `path` (itself, something inside it, or the object holding it). */
export function namesField(details: { field?: string }[], path: string): boolean {
  return details.some(
    (d) =>
      d.field !== undefined &&
      (d.field === path ||
        d.field.startsWith(`${path}.`) ||
        d.field.startsWith(`${path}[`) ||
        path.startsWith(`${d.field}.`) ||
        path.startsWith(`${d.field}[`)),
  );
}

export function truncate(text: string | undefined, max = 300): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** Sends a body exactly as given (text or bytes) with a content type, or nothing. */
export function sendRaw(
  t: TestApp,
  method: Method,
  path: string,
  headers: Record<string, string>,
  body?: { contentType?: string; text: string | Buffer },
) {
  const req = t.http[method](path).set(headers);
  if (!body) return req;
  if (body.contentType !== undefined) req.set('Content-Type', body.contentType);
  return req.send(body.text as string);
}

// ---------------------------------------------------------------- OpenAPI request bodies

/** The field paths of a request body schema: `name`, `evidence`, `evidence.type`, ... */
export function schemaFieldPaths(
  doc: OpenApiDocument,
  schema: OpenApiSchema | undefined,
  prefix = '',
  depth = 0,
): string[] {
  const resolved = resolveSchema(doc, schema);
  if (!resolved?.properties || depth > 3) return [];
  return Object.entries(resolved.properties).flatMap(([name, inner]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...schemaFieldPaths(doc, inner, path, depth + 1)];
  });
}

function resolveSchema(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1) return resolveSchema(doc, schema.allOf[0]);
  return schema;
}

/** A copy of `body` with the value at `path` (dots and [i]) set, or removed when `value` is REMOVE. */
export const REMOVE = Symbol('remove');
export function withValue(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}

// ---------------------------------------------------------------- a cooperative built for the test

/** Who sends a hostile request: an allowed caller, anyone (public routes) or the metrics scraper. */
export type Sender = Caller | 'ANYONE' | 'METRICS_SCRAPER';

// Network admins may create network staff, so a role field naming one is not hostile for them; coop admins test it.
const SENDER_EXCLUDED: Record<string, Caller[]> = { 'post /api/v1/users': [Role.NETWORK_ADMIN] };

/** Every sender the route allows (its allowed callers, but the excluded). */
export function sendersOf(rule: RouteRule): Sender[] {
  if (rule.allowed === PUBLIC) return ['ANYONE'];
  if (rule.allowed === METRICS_SCRAPER) return ['METRICS_SCRAPER'];
  const excluded = SENDER_EXCLUDED[routeKey(rule)] ?? [];
  return rule.allowed.filter((c) => !excluded.includes(c));
}

/** Environment of a hostile-input test app: no rate limit (thousands of requests a minute) and a metrics token. */
export const HOSTILE_ENV = { RATE_LIMIT_PER_MINUTE: '0', METRICS_TOKEN: TEST_METRICS_TOKEN };

export interface HostileWorld {
  coopId: string;
  spareCoopId: string;
  auth: Map<Sender, Record<string, string>>;
  nik: string;
  loanIds: [string, string];
  consentId: string;
  revocableConsentId: string;
  submissionId: string;
  disputeId: string;
  apiKeyId: string;
  tag: string;
}

/**
 * Coop A with a user of every role, both API key roles, a submission with two loans, a consent, a dispute and a
 * spare API key; a spare coop for PATCH; network staff. Every id route has a real object of A to aim at.
 */
export async function buildWorld(t: TestApp): Promise<HostileWorld> {
  const coop = await t.factory.cooperative();
  const spare = await t.factory.cooperative();
  const auth = new Map<Sender, Record<string, string>>([
    ['ANYONE', {}],
    ['METRICS_SCRAPER', { Authorization: `Bearer ${TEST_METRICS_TOKEN}` }],
  ]);
  for (const role of Object.values(Role)) auth.set(role, (await t.factory.signedIn(role, coop.id)).auth);
  auth.set('KEY_LOAN_OFFICER', (await t.factory.apiKey(Role.LOAN_OFFICER, coop.id)).auth);
  auth.set('KEY_DATA_SUBMITTER', (await t.factory.apiKey(Role.DATA_SUBMITTER, coop.id)).auth);
  const nik = testNik();
  const tag = t.factory.unique('HOSTILE');
  const submission = await t.factory.submit(coop.id, [
    record({ nik, loanRef: `${tag}-1`, period: periodMonthsAgo(1) }),
    record({ nik, loanRef: `${tag}-2`, period: periodMonthsAgo(1) }),
  ]);
  const loans: { id: string }[] = await t.dataSource.query(
    'SELECT id FROM loans WHERE cooperative_id = $1 ORDER BY loan_ref',
    [coop.id],
  );
  const consent = await t.factory.consent(auth.get(Role.LOAN_OFFICER)!, nik);
  const revocable = await t.factory.consent(auth.get(Role.LOAN_OFFICER)!, nik, 'MONITORING');
  const dispute = await t.http
    .post('/api/v1/disputes')
    .set(auth.get(Role.NETWORK_ADMIN)!)
    .send({ loanId: loans[0].id, reason: 'hostile-input fixture' });
  if (dispute.status !== 201) throw new Error(`dispute fixture: ${dispute.status} ${dispute.text}`);
  const spareKey = await t.factory.apiKey(Role.LOAN_OFFICER, coop.id);
  return {
    coopId: coop.id,
    spareCoopId: spare.id,
    auth,
    nik,
    loanIds: [loans[0].id, loans[1].id],
    consentId: consent.id,
    revocableConsentId: revocable.id,
    submissionId: submission.id,
    disputeId: dispute.body.id,
    apiKeyId: spareKey.id,
    tag,
  };
}

/** The path of a route with its {id} aimed at the world's object of that kind. */
export function concretePath(world: HostileWorld, path: string): string {
  const targets: [string, string][] = [
    ['/api/v1/cooperatives/', world.spareCoopId],
    ['/api/v1/api-keys/', world.apiKeyId],
    ['/api/v1/consents/{id}/revoke', world.revocableConsentId],
    ['/api/v1/consents/', world.consentId],
    ['/api/v1/submissions/', world.submissionId],
    ['/api/v1/disputes/', world.disputeId],
    // Monitoring objects of the world are not needed: a well-formed id no row has is answered 404 after validation.
    ['/api/v1/monitoring/', '00000000-0000-4000-8000-000000000000'],
  ];
  const id = targets.find(([prefix]) => path.startsWith(prefix))?.[1];
  return id === undefined ? path : path.replace('{id}', id);
}

/** A valid body for every route that takes JSON; a route missing here fails the hostile-body test. */
export const VALID_BODIES: Record<string, (w: HostileWorld) => unknown> = {
  'post /api/v1/auth/login': (w) => ({ email: `nobody-${w.tag}@hostile.kcx`, password: 'not-the-password' }),
  'post /api/v1/cooperatives': (w) => ({
    name: `KSP ${w.tag}`,
    registrationNumber: `${w.tag}/BH`,
    type: 'KSP',
    district: 'Kota Pekalongan',
  }),
  'patch /api/v1/cooperatives/{id}': () => ({ status: 'SUSPENDED' }),
  'post /api/v1/users': (w) => ({
    email: `${w.tag.toLowerCase()}@hostile.kcx`,
    name: 'Hostile Fixture',
    password: 'river-lantern-copper-71',
    role: 'LOAN_OFFICER',
    cooperativeId: w.coopId,
  }),
  'post /api/v1/api-keys': (w) => ({ name: `key ${w.tag}`, role: 'DATA_SUBMITTER' }),
  'post /api/v1/consents': (w) => ({
    nik: w.nik,
    purpose: 'MONITORING',
    evidence: { type: 'SIGNED_FORM', reference: `FORM-${w.tag}` },
    expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  }),
  'post /api/v1/submissions': (w) => ({
    mode: 'STRICT',
    records: [record({ nik: w.nik, loanRef: `${w.tag}-1`, period: periodMonthsAgo(1) })],
  }),
  'post /api/v1/profiles/query': (w) => ({ nik: w.nik, purpose: 'NEW_APPLICATION' }),
  'post /api/v1/audit-events/search': (w) => ({
    nik: w.nik,
    from: '2020-01-01T00:00:00Z',
    to: '9999-12-31T23:59:59.999Z',
  }),
  'post /api/v1/disputes': (w) => ({ loanId: w.loanIds[1], reason: 'hostile-input test' }),
  'post /api/v1/disputes/{id}/resolve': () => ({ resolution: 'CONFIRMED', note: 'checked' }),
  'post /api/v1/subject-access-reports': (w) => ({ nik: w.nik }),
  'post /api/v1/monitoring/enrollments': (w) => ({ nik: w.nik }),
  'post /api/v1/monitoring/enrollments/bulk': (w) => ({ niks: [w.nik] }),
  'post /api/v1/monitoring/webhooks': () => ({ url: 'http://127.0.0.1:9/kcx-hostile' }),
};

/**
 * What the caller's coop holds, in counts: compared before and after every refused request, so a refusal that
 * left anything behind fails. A refused STRICT JSON submission is kept as REJECTED on purpose (API.md: the 400 names
 * the submission, for idempotent retries) and applies nothing. CSV submissions count whatever their status, since
 * a worker (of this or another test file) may finish an earlier upload while a request is under test.
 */
export async function holdings(t: TestApp, world: HostileWorld, body?: unknown): Promise<Record<string, unknown>> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  // Only text Postgres can take as a parameter; anything else cannot have been stored under that name either.
  const text = (v: unknown) => (typeof v === 'string' && findUnstorable(v) === null ? v : null);
  const [row] = await t.dataSource.query(
    `SELECT
       (SELECT count(*)::int FROM loans WHERE cooperative_id = $1) AS loans,
       (SELECT count(*)::int FROM loan_records r JOIN loans l ON l.id = r.loan_id WHERE l.cooperative_id = $1) AS records,
       (SELECT count(*)::int FROM loan_record_corrections c JOIN loans l ON l.id = c.loan_id WHERE l.cooperative_id = $1) AS corrections,
       (SELECT count(*)::int FROM consents WHERE cooperative_id = $1) AS consents,
       (SELECT count(*)::int FROM consents WHERE cooperative_id = $1 AND revoked_at IS NOT NULL) AS revoked_consents,
       (SELECT count(*)::int FROM submissions WHERE cooperative_id = $1 AND NOT (source = 'JSON' AND status = 'REJECTED')) AS submissions,
       (SELECT count(*)::int FROM disputes WHERE cooperative_id = $1 OR opened_by_cooperative_id = $1) AS disputes,
       (SELECT count(*)::int FROM disputes WHERE (cooperative_id = $1 OR opened_by_cooperative_id = $1) AND status <> 'OPEN') AS resolved,
       (SELECT count(*)::int FROM users WHERE cooperative_id = $1) AS users,
       (SELECT count(*)::int FROM users WHERE email = lower($3)) AS users_by_email,
       (SELECT count(*)::int FROM api_keys WHERE cooperative_id = $1) AS api_keys,
       (SELECT count(*)::int FROM api_keys WHERE cooperative_id = $1 AND revoked_at IS NULL) AS active_keys,
       (SELECT status FROM cooperatives WHERE id = $2) AS spare_status,
       (SELECT count(*)::int FROM cooperatives WHERE registration_number = $4 OR name = $5) AS coops_named`,
    [
      world.coopId,
      world.spareCoopId,
      text(b.email),
      text(b.registrationNumber) ?? `${world.tag}/BH`,
      text(b.name) ?? `KSP ${world.tag}`,
    ],
  );
  return row;
}
