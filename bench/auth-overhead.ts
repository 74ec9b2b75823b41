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
 *   BENCH_KEEP_DB, BENCH_RESULT_FILE: see bench/support.ts
 *
 * It creates a scratch database (kcx_bench_auth_<random>), migrates it, seeds the demo network, starts dist/src/main.js as a
 * child process, runs autocannon against three routes in this process, prints a table, and always cleans up:
 * the child is stopped, the scratch database dropped and the Redis keys under the random prefix deleted.
 * This is a benchmark, not a test; it exits non-zero when any step fails or any run saw errors or non-2xx answers.
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  NodeScript,
  ROOT,
  benchContext,
  childEnv,
  choosePort,
  cleanUpOnce,
  loadAverage,
  login,
  positiveInt,
  postJson,
  recreateScratchDatabase,
  run,
  runCleanUpAndReport,
  step,
  waitUntilReady,
} from './support';

const BENCH = benchContext('kcx_bench_auth');
const ADMIN_EMAIL = 'admin.pekalongan@kcx.demo';
const ADMIN_PASSWORD = 'Demo-Pass-2026';

const CONNECTIONS = 50;
const PIPELINING = 1;
const WARMUP_SECONDS = 2;
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

/** A sanity check before load: the credential works on the route and the answer says who it is. */
async function checkRoute(baseUrl: string, route: Route): Promise<void> {
  const response = await fetch(`${baseUrl}${route.path}`, { headers: route.headers });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${route.label}: GET ${route.path} answered ${response.status}: ${text}`);
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

/** The API under test, once started; stopped by cleanUp. */
const children: NodeScript[] = [];
/** Stops the API, drops the scratch database, deletes the Redis keys; once, however often it is called. */
const cleanUp = cleanUpOnce(BENCH, children);

async function main(): Promise<number> {
  const seconds = positiveInt('BENCH_SECONDS', 10, 1);
  const rateLimit = positiveInt('BENCH_RATE_LIMIT', 0, 0);
  const preferredPort = positiveInt('BENCH_PORT', 3901, 1);

  console.log('Auth overhead benchmark');
  console.log(`date:        ${new Date().toISOString()}`);
  console.log(`node:        ${process.version}`);
  console.log(
    `cpus:        ${os.cpus().length} (${os.cpus()[0]?.model ?? 'unknown'}); autocannon shares them with the API`,
  );
  console.log(
    `load avg:    ${loadAverage()} (1/5/15 min, before the run; other work on the machine skews the numbers)`,
  );
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
    console.log(
      `warning:     the bearer token lives ${TOKEN_TTL_SECONDS} s; with BENCH_SECONDS=${seconds} it may expire mid-run`,
    );
  }
  console.log('');

  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) {
    throw new Error('dist/src/main.js is missing: run `npm run build` first');
  }

  let failed = false;
  const figures: Record<string, unknown> = { connections: CONNECTIONS, seconds, rateLimitPerMinute: rateLimit };
  return runCleanUpAndReport('auth-overhead', figures, children, cleanUp, async () => {
    step(`creating scratch database ${BENCH.scratchDb}`);
    await recreateScratchDatabase(BENCH);

    step('running migrations (npm run migration:run)');
    await run('npm', ['run', 'migration:run'], childEnv(BENCH));

    step('seeding the demo network (node dist/src/cli.js seed-demo, BCRYPT_COST=4)');
    await run(process.execPath, ['dist/src/cli.js', 'seed-demo'], childEnv(BENCH, { BCRYPT_COST: '4' }));

    const port = await choosePort(preferredPort);
    const baseUrl = `http://127.0.0.1:${port}`;
    step(`starting the API on port ${port} (REDIS_KEY_PREFIX=${BENCH.redisKeyPrefix}, LOG_LEVEL=warn)`);
    const api = new NodeScript(
      'API',
      'dist/src/main.js',
      childEnv(BENCH, {
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: String(rateLimit),
      }),
    );
    children.push(api);
    await waitUntilReady(baseUrl, () => {
      if (api.hasExited) throw new Error(`the API ${api.describeExit()} before it was ready`);
    });
    step(`API ready (pid ${api.pid})`);

    const token = await login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    step(`logged in as ${ADMIN_EMAIL}`);
    const created = await postJson<{ key?: string; id?: string }>(
      `${baseUrl}/api/v1/api-keys`,
      { name: 'auth-overhead benchmark', role: 'DATA_SUBMITTER' },
      token,
    );
    if (!created.key) throw new Error('POST /api/v1/api-keys answered without a key');
    step(`created DATA_SUBMITTER API key ${created.id ?? ''}`.trimEnd());

    const unauthenticated: Route = { label: 'GET /health/live (no credentials)', path: '/health/live', headers: {} };
    const apiKey: Route = {
      label: 'GET /api/v1/auth/me (X-API-Key)',
      path: '/api/v1/auth/me',
      headers: { 'x-api-key': created.key },
    };
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

    figures.routes = measured.map(({ route, result }) => ({
      label: route.label,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    }));
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
    if (failed)
      console.log(
        '\nSome runs had errors or non-2xx answers (see PROBLEM lines above); the numbers are not trustworthy.',
      );
    return failed;
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.log(`[bench] FAILED: ${error.message}`);
    process.exit(1);
  },
);
