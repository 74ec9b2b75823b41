/**
 * Auth overhead benchmark: how much do the authentication guard (API key or bearer token) and the per-credential
 * rate limiter cost compared with a public route?
 *
 *   npm run build && npm run bench:auth
 *   BENCH_SECONDS=30 BENCH_RATE_LIMIT=1000000 npm run bench:auth
 *
 * Environment:
 *   BENCH_SECONDS     seconds per measured run (default 10); each route also gets a 2 s warm-up first
 *   BENCH_RATE_LIMIT  RATE_LIMIT_PER_MINUTE for the API under test (default 0 = per-credential limiter off)
 *   BENCH_PORT        preferred port for the API (default 3901; a free one is chosen when it is taken)
 *   BENCH_ADMIN_URL   Postgres URL used to create and drop the scratch database
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 *   REDIS_URL         passed through to the API (its default is redis://127.0.0.1:6379/0)
 *
 * It creates a scratch database (kcx_bench_auth), migrates it, seeds the demo network, starts dist/src/main.js as a
 * child process, runs autocannon against three routes in this process, prints a table, and always cleans up:
 * the child is stopped, the scratch database dropped and the Redis keys under the random prefix deleted.
 * This is a benchmark, not a test; it exits non-zero when any step fails or any run saw errors or non-2xx answers.
 */
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');
const SCRATCH_DB = 'kcx_bench_auth';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = withDatabase(ADMIN_URL, SCRATCH_DB);
const REDIS_KEY_PREFIX = `kcx-bench-${randomBytes(4).toString('hex')}`;
const ADMIN_EMAIL = 'admin.pekalongan@kcx.demo';
const ADMIN_PASSWORD = 'Demo-Pass-2026';

const CONNECTIONS = 50;
const PIPELINING = 1;
const WARMUP_SECONDS = 2;
const READY_TIMEOUT_MS = 30_000;
const GOAL_RATIO = 0.7;
/** The API's AUTH_TOKEN_TTL_SECONDS (default 900); the bearer token is used from the first warm-up to the last run. */
const TOKEN_TTL_SECONDS = Number(process.env.AUTH_TOKEN_TTL_SECONDS ?? 900);

interface Route {
  label: string;
  path: string;
  headers: Record<string, string>;
}

interface Measured {
  route: Route;
  result: autocannon.Result;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + database;
  return parsed.toString();
}

function positiveInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function step(text: string): void {
  console.log(`[bench] ${text}`);
}

/** Environment for every child: the parent's, with the scratch database and demo-safe settings on top. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL,
    REDIS_KEY_PREFIX,
    ...extra,
  };
}

/** Runs a command to completion; its output is kept and shown only when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      console.log(output.trimEnd());
      reject(new Error(`\`${command} ${args.join(' ')}\` exited with ${signal ?? `code ${code}`}`));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function recreateScratchDatabase(): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${SCRATCH_DB}`);
  });
}

async function dropScratchDatabase(): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`));
}

async function deleteRedisKeys(): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_KEY_PREFIX}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** The API under test, with the tail of its output kept for diagnosis. */
class ApiProcess {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exitPromise: Promise<void>;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.tail.push(line);
      if (this.tail.length > 40) this.tail.splice(0, this.tail.length - 40);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
      this.child.once('error', (error) => {
        this.tail.push(`spawn error: ${error.message}`);
        this.exited = { code: null, signal: null };
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exited !== null;
  }

  describeExit(): string {
    return this.exited ? `exited with ${this.exited.signal ?? `code ${this.exited.code}`}` : 'running';
  }

  output(): string {
    return this.tail.join('\n');
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exitPromise.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped && !this.hasExited) {
      step(`API (pid ${this.pid}) did not stop within 5 s of SIGTERM; sending SIGKILL`);
      this.child.kill('SIGKILL');
      await Promise.race([this.exitPromise, sleep(2000)]);
    }
  }
}

async function waitUntilReady(api: ApiProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (api.hasExited) throw new Error(`the API ${api.describeExit()} before it was ready`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`GET /health/ready did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

async function login(baseUrl: string): Promise<string> {
  const { accessToken } = await postJson<{ accessToken?: string }>(`${baseUrl}/api/v1/auth/login`, {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  if (!accessToken) throw new Error('the login answer has no accessToken');
  return accessToken;
}

/** A sanity check before load: the credential works on the route and the answer says who it is. */
async function checkRoute(baseUrl: string, route: Route): Promise<void> {
  const response = await fetch(`${baseUrl}${route.path}`, { headers: route.headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${route.label}: GET ${route.path} answered ${response.status}: ${text}`);
  step(`${route.label}: GET ${route.path} -> 200 ${text.slice(0, 200)}`);
}

async function cannon(baseUrl: string, route: Route, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${baseUrl}${route.path}`,
    method: 'GET',
    headers: route.headers,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: seconds,
    title: route.label,
  });
}

function problems(result: autocannon.Result): string | null {
  if (result.non2xx === 0 && result.errors === 0) return null;
  const codes = Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${code}: ${count}`)
    .join(', ');
  return `non2xx=${result.non2xx} errors=${result.errors} (of which timeouts=${result.timeouts}) resets=${result.resets} status codes {${codes}}`;
}

function printTable(measured: Measured[]): void {
  const header = ['route', 'req/s (avg)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];
  const rows = measured.map(({ route, result }) => [
    route.label,
    result.requests.average.toFixed(1),
    String(result.latency.p50),
    String(result.latency.p99),
    String(result.non2xx),
    String(result.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

let running: ApiProcess | null = null;
let cleaning: Promise<boolean> | null = null;

/** Stops the API, drops the scratch database, deletes the Redis keys; once, however often it is called. */
function cleanUp(): Promise<boolean> {
  cleaning ??= (async () => {
    let ok = true;
    if (running) {
      step(`stopping the API (pid ${running.pid})`);
      await running.stop().catch((error: Error) => step(`could not stop the API: ${error.message}`));
    }
    step(`dropping scratch database ${SCRATCH_DB}`);
    await dropScratchDatabase().catch((error: Error) => {
      ok = false;
      step(`could not drop ${SCRATCH_DB}: ${error.message}`);
    });
    await deleteRedisKeys()
      .then((count) => step(`deleted ${count} Redis keys under ${REDIS_KEY_PREFIX}`))
      .catch((error: Error) => step(`could not delete Redis keys under ${REDIS_KEY_PREFIX}: ${error.message}`));
    return ok;
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    step(`${signal} received; cleaning up`);
    void cleanUp().finally(() => process.exit(1));
  });
}

async function main(): Promise<number> {
  const seconds = positiveInt('BENCH_SECONDS', 10, 1);
  const rateLimit = positiveInt('BENCH_RATE_LIMIT', 0, 0);
  const preferredPort = positiveInt('BENCH_PORT', 3901, 1);

  console.log('Auth overhead benchmark');
  console.log(`date:        ${new Date().toISOString()}`);
  console.log(`node:        ${process.version}`);
  console.log(`cpus:        ${os.cpus().length} (${os.cpus()[0]?.model ?? 'unknown'}); autocannon shares them with the API`);
  console.log(`load avg:    ${loadAverage()} (1/5/15 min, before the run; other work on the machine skews the numbers)`);
  console.log(
    `rate limit:  RATE_LIMIT_PER_MINUTE=${rateLimit} ` +
      (rateLimit === 0
        ? '(per-credential limiter off; BENCH_RATE_LIMIT unset or 0)'
        : '(per-credential limiter on, Redis-backed; from BENCH_RATE_LIMIT)'),
  );
  console.log(
    `load:        ${CONNECTIONS} connections, pipelining ${PIPELINING}, ${WARMUP_SECONDS} s warm-up per route, ${seconds} s per measured run`,
  );
  if (3 * (WARMUP_SECONDS + seconds) > TOKEN_TTL_SECONDS - 30) {
    console.log(`warning:     the bearer token lives ${TOKEN_TTL_SECONDS} s; with BENCH_SECONDS=${seconds} it may expire mid-run`);
  }
  console.log('');

  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) {
    throw new Error('dist/src/main.js is missing: run `npm run build` first');
  }

  let failed = false;
  try {
    step(`creating scratch database ${SCRATCH_DB}`);
    await recreateScratchDatabase();

    step('running migrations (npm run migration:run)');
    await run('npm', ['run', 'migration:run'], childEnv());

    step('seeding the demo network (node dist/src/cli.js seed-demo, BCRYPT_COST=4)');
    await run(process.execPath, ['dist/src/cli.js', 'seed-demo'], childEnv({ BCRYPT_COST: '4' }));

    const port = (await portIsFree(preferredPort)) ? preferredPort : await anyFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    step(`starting the API on port ${port} (REDIS_KEY_PREFIX=${REDIS_KEY_PREFIX}, LOG_LEVEL=warn)`);
    const api = (running = new ApiProcess(
      childEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: String(rateLimit),
      }),
    ));
    await waitUntilReady(api, baseUrl);
    step(`API ready (pid ${api.pid})`);

    const token = await login(baseUrl);
    step(`logged in as ${ADMIN_EMAIL}`);
    const created = await postJson<{ key?: string; id?: string }>(
      `${baseUrl}/api/v1/api-keys`,
      { name: 'auth-overhead benchmark', role: 'DATA_SUBMITTER' },
      token,
    );
    if (!created.key) throw new Error('POST /api/v1/api-keys answered without a key');
    step(`created DATA_SUBMITTER API key ${created.id ?? ''}`.trimEnd());

    const unauthenticated: Route = { label: 'GET /health/live (no credentials)', path: '/health/live', headers: {} };
    const apiKey: Route = { label: 'GET /api/v1/auth/me (X-API-Key)', path: '/api/v1/auth/me', headers: { 'x-api-key': created.key } };
    const bearer: Route = {
      label: 'GET /api/v1/auth/me (bearer token)',
      path: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    };
    const routes = [unauthenticated, apiKey, bearer];
    for (const route of routes) await checkRoute(baseUrl, route);

    for (const route of routes) {
      step(`warm-up ${WARMUP_SECONDS} s: ${route.label}`);
      const warm = await cannon(baseUrl, route, WARMUP_SECONDS);
      const bad = problems(warm);
      if (bad) step(`  warm-up problems: ${bad}`);
    }

    const measured: Measured[] = [];
    for (const route of routes) {
      step(`measuring ${seconds} s: ${route.label}`);
      const result = await cannon(baseUrl, route, seconds);
      measured.push({ route, result });
      const bad = problems(result);
      if (bad) {
        failed = true;
        step(`  PROBLEM: ${bad}`);
      }
    }
    if (api.hasExited) throw new Error(`the API ${api.describeExit()} during the benchmark`);

    const base = measured[0].result.requests.average;
    const ratio = (i: number) => (base > 0 ? (measured[i].result.requests.average / base).toFixed(2) : 'n/a');
    console.log('');
    console.log(
      `Results (node ${process.version}, ${os.cpus().length} cpus, ${new Date().toISOString()}, ` +
        `RATE_LIMIT_PER_MINUTE=${rateLimit}, ${CONNECTIONS} connections, ${seconds} s per route)`,
    );
    printTable(measured);
    console.log(`load avg after the runs: ${loadAverage()}`);
    console.log('');
    console.log(`ratio apiKey/unauthenticated: ${ratio(1)}`);
    console.log(`ratio bearer/unauthenticated: ${ratio(2)}`);
    console.log(`goal: API-key route >= ${GOAL_RATIO.toFixed(2)} of the unauthenticated route`);
    if (base > 0) {
      const exact = measured[1].result.requests.average / base;
      console.log(`goal ${exact >= GOAL_RATIO ? 'met' : 'NOT met'} (apiKey/unauthenticated = ${exact.toFixed(4)})`);
    }
    if (failed) console.log('\nSome runs had errors or non-2xx answers (see PROBLEM lines above); the numbers are not trustworthy.');
  } catch (error) {
    failed = true;
    console.log(`\n[bench] FAILED: ${(error as Error).message}`);
    const output = running?.output();
    if (output) console.log(`[bench] last output of the API (${running!.describeExit()}):\n${output}`);
  } finally {
    if (!(await cleanUp())) failed = true;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.log(`[bench] FAILED: ${error.message}`);
    process.exit(1);
  },
);
