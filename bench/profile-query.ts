/**
 * Profile query benchmark: on a generated network of 100,000 borrowers, how fast is POST /api/v1/profiles/query at
 * 50 connections (req/s, p50, p90, p99), at 1 connection, and at a fixed arrival rate of half that capacity, next to
 * a Nest route returning fixed JSON and to pgbench running the SQL one profile query executes; and how fast is a
 * full-network rescoring (borrowers/s)?
 *
 *   npm run bench:profile
 *   BENCH_BORROWERS=20000 BENCH_SECONDS=10 npm run bench:profile
 *   BENCH_BORROWERS=1000000 BENCH_CONSENTS=200000 BENCH_BASELINES=0 BENCH_RESCORE_RUNS=1 npm run bench:profile
 *
 * Environment:
 *   BENCH_BORROWERS   borrowers in the network (default 100000; at most 1000000, which wants NODE_OPTIONS=--max-old-space-size=6144
 *                     for the loader and ~14 GB of free disk)
 *   BENCH_COOPS       coops in the network, each with a LOAN_OFFICER key that queries (default 4)
 *   BENCH_CONSENTS    borrowers with an active NEW_APPLICATION consent, the ones queried (default 20000)
 *   BENCH_SECONDS     seconds per measured run (default 20); each autocannon run gets a 3 s warm-up first
 *   BENCH_POOL        DATABASE_POOL_SIZE of the API (default 20)
 *   BENCH_PORT        preferred port for the API (default 3903; a free one is chosen when it is taken)
 *   BENCH_BASELINES   1 (default): also GET /health/live and pgbench; 0: the profile query alone (the scale runs)
 *   BENCH_RESCORE_RUNS  full-network rescorings before the HTTP runs (default 2: the first stores, the second rewrites)
 *   BENCH_FIXED_RATE  req/s of the fixed-rate run (default: half the req/s measured at 50 connections; 0: no such run)
 *   BENCH_SEALER      1 (default): also run the worker (dist/src/worker.js), so the audit sealer extends the hash
 *                     chain during the HTTP runs, as in production; 0: the API alone
 *   BENCH_ADMIN_URL, BENCH_KEEP_DB, BENCH_RESULT_FILE, REDIS_URL: see bench/support.ts
 *
 * It builds dist/ when it is stale (scripts/ensure-built.js), creates and migrates a scratch database
 * kcx_bench_profile_<random>, loads the network with COPY and builds its indexes after (bench/network-setup.ts),
 * rescores every borrower with RiskRecalculationService.refreshProfiles({ all: true }), starts dist/src/main.js and the
 * worker, runs autocannon against GET /health/live and the profile query (50 connections, then 1 for the latency
 * without queueing), the profile query at a fixed arrival rate (bench/open-loop.ts: latency from each request's
 * scheduled time), pgbench with the query's transaction (bench/profile-sql.ts; -M prepared for the goal, -M extended
 * as node-pg sends statements), prints tables and always cleans up (children stopped, Nest context closed, scratch
 * database dropped, Redis keys under the random prefix deleted, temp files removed). Exits non-zero on any failure,
 * non-2xx answer or failed pgbench transaction.
 */
import autocannon from 'autocannon';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { closeRescoringContext, Phase, prepareNetwork, profileRequests, waitForFirstSeal } from './network-setup';
import { LatencyFigures, openLoop, OpenLoopFigures } from './open-loop';
import { bind, CONSTANTS, pgbenchScript, PgbenchResult, readPgbench, TRANSACTION } from './profile-sql';
import {
  benchContext,
  capture,
  childEnv,
  choosePort,
  cleanUpOnce,
  Cost,
  fixed,
  loadAverage,
  markdown,
  measure,
  NodeScript,
  positiveInt,
  processCpuSeconds,
  requireDiskSpace,
  run,
  runAndCleanUp,
  step,
  waitUntilReady,
  withClient,
  writeResult,
} from './support';

const BENCH = benchContext('kcx_bench_profile');
const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const FIXED_RATE_CONNECTIONS = 50;
const FIXED_RATE_TIMEOUT_MS = 10_000;
const GOAL = { p99Ms: 25, ratioToPgbench: 0.5, rescorePerS: 2000 };
/** Disk a network takes per borrower, loaded, indexed and rescored (measured: ~11 KB), with room for WAL and growth. */
const DISK_BYTES_PER_BORROWER = 12_000;
const DISK_BYTES_FIXED = 2 * 2 ** 30;

const secs = (ms: number): string => (ms / 1000).toFixed(1);
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

interface Row {
  measure: string;
  rate: string;
  p50: string;
  p90: string;
  p99: string;
  notes: string;
}

/** What the suite reads (BENCH_RESULT_FILE): one HTTP run. */
export interface HttpFigures {
  label: string;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  cpu: string;
}

export interface PgbenchFigures {
  mode: 'prepared' | 'extended';
  tps: number;
  p50: number;
  p99: number;
  transactions: number;
  failed: number;
}

export interface ProfileResult {
  bench: 'profile-query';
  ok: boolean;
  error: string | null;
  startedAt: string;
  network: {
    borrowers: number;
    coops: number;
    consents: number;
    loans: number;
    records: number;
    identities: number;
  } | null;
  loadSeconds: number | null;
  databaseBytes: number | null;
  loanRecordsBytes: number | null;
  databaseBytesAfter: number | null;
  rescoring: { count: number; seconds: number; perSecond: number }[];
  health: HttpFigures | null;
  profile: HttpFigures | null;
  profileOneConnection: HttpFigures | null;
  fixedRate: (Omit<OpenLoopFigures, 'buckets' | 'latency'> & { latency: LatencyFigures }) | null;
  pgbench: PgbenchFigures[];
  sealer: { on: boolean; sealed: number; events: number } | null;
  settings: { seconds: number; connections: number; pool: number; warmupSeconds: number };
  loadAverage: { before: string; after: string };
  problems: string[];
}

interface Route {
  label: string;
  request: autocannon.Request;
}

function profileRoute(next: ReturnType<typeof profileRequests>): Route {
  return {
    label: 'POST /api/v1/profiles/query (X-API-Key)',
    request: {
      method: 'POST',
      path: '/api/v1/profiles/query',
      setupRequest: (request) => {
        const { headers, body } = next();
        return { ...request, headers, body };
      },
    },
  };
}

const cannon = (baseUrl: string, route: Route, seconds: number, connections: number): Promise<autocannon.Result> =>
  autocannon({ url: baseUrl, connections, duration: seconds, title: route.label, requests: [route.request] });

function problemsOf(result: autocannon.Result): string | null {
  if (result.non2xx === 0 && result.errors === 0) return null;
  const codes = Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${code}: ${count}`)
    .join(', ');
  return `non2xx=${result.non2xx} errors=${result.errors} timeouts=${result.timeouts} status codes {${codes}}`;
}

/** The model, rule set and day the stored profiles carry: what the query compares them with to call them current. */
function versions(): Promise<Record<string, string>> {
  return withClient(BENCH.databaseUrl, async (client) => {
    const {
      rows: [row],
    } = await client.query(
      `SELECT model_version AS model, rule_set AS ruleset, as_of::text AS asof FROM borrower_profiles LIMIT 1`,
    );
    return row as Record<string, string>;
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement of the transaction for target n = 1, rolled back. */
async function explain(sql: string): Promise<string> {
  return withClient(BENCH.databaseUrl, async (client) => {
    const {
      rows: [target],
    } = await client.query(
      `SELECT t.borrower_key AS bk, t.consent_id AS cid, t.cooperative_id AS coop, t.api_key_id AS kid, b.subject_ref::text AS subject_ref
         FROM bench_targets t JOIN borrowers b USING (borrower_key) WHERE t.n = 1`,
    );
    const { text, params } = bind(sql, { ...CONSTANTS, ...(await versions()), ...target });
    await client.query('BEGIN');
    try {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      return rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

const children: NodeScript[] = [];
let tempDir: string | null = null;
const cleanUp = cleanUpOnce(BENCH, children, async () => {
  await closeRescoringContext();
  if (tempDir) await rm(tempDir, { recursive: true, force: true }).then(() => step(`deleted ${tempDir}`));
});

async function main(): Promise<number> {
  const borrowers = positiveInt('BENCH_BORROWERS', 100_000, 100);
  const coops = positiveInt('BENCH_COOPS', 4, 1);
  const consents = Math.min(positiveInt('BENCH_CONSENTS', 20_000, 1), borrowers);
  const seconds = positiveInt('BENCH_SECONDS', 20, 1);
  const pool = positiveInt('BENCH_POOL', 20, 1);
  const preferredPort = positiveInt('BENCH_PORT', 3903, 1);
  const rescoreRuns = positiveInt('BENCH_RESCORE_RUNS', 2, 1);
  const baselines = process.env.BENCH_BASELINES !== '0';
  const fixedRateSetting =
    process.env.BENCH_FIXED_RATE === undefined || process.env.BENCH_FIXED_RATE === ''
      ? null
      : positiveInt('BENCH_FIXED_RATE', 0, 0);
  const sealer = process.env.BENCH_SEALER !== '0';
  // The loader holds the network's keys, loans and identities in memory: about 3 GB at 1,000,000 borrowers.
  if (borrowers > 300_000 && getHeapStatistics().heap_size_limit < 5 * 2 ** 30) {
    console.log(
      `note: ${borrowers} borrowers need a larger heap than Node's default; if the load runs out of memory, run with NODE_OPTIONS=--max-old-space-size=6144`,
    );
  }
  const cpus = os.cpus();
  const loadBefore = loadAverage();
  console.log('Profile query benchmark');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(
    `machine:  ${cpus.length} cpus (${cpus[0]?.model ?? 'unknown'}), ${fixed(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; load avg ${loadBefore}`,
  );
  console.log(
    `network:  ${borrowers} borrowers at ${coops} coops, 24 months, seed 42; ${consents} consented borrowers queried`,
  );
  console.log(
    `load:     ${CONNECTIONS} and 1 connections, ${WARMUP_SECONDS} s warm-up + ${seconds} s per autocannon run; fixed rate ${fixedRateSetting ?? 'half the capacity'} req/s for ${seconds} s` +
      (baselines
        ? `; GET /health/live; pgbench -c ${CONNECTIONS} -j 2 -T ${seconds}, -M prepared and -M extended`
        : '; no baselines (BENCH_BASELINES=0)') +
      '\n',
  );

  const result: ProfileResult = {
    bench: 'profile-query',
    ok: false,
    error: null,
    startedAt: new Date().toISOString(),
    network: null,
    loadSeconds: null,
    databaseBytes: null,
    loanRecordsBytes: null,
    databaseBytesAfter: null,
    rescoring: [],
    health: null,
    profile: null,
    profileOneConnection: null,
    fixedRate: null,
    pgbench: [],
    sealer: null,
    settings: { seconds, connections: CONNECTIONS, pool, warmupSeconds: WARMUP_SECONDS },
    loadAverage: { before: loadBefore, after: '' },
    problems: [],
  };
  const phases: [string, Cost][] = [];
  const rows: Row[] = [];
  const problem = (text: string) => {
    result.problems.push(text);
    step(`  PROBLEM: ${text}`);
  };
  const code = await runAndCleanUp(children, cleanUp, () =>
    body().catch((error: Error) => {
      result.error = error.message;
      throw error;
    }),
  );
  if (code !== 0 && !result.error) result.error = result.problems[0] ?? 'failed (see the output)';
  result.ok = code === 0;
  writeResult(result);
  return code;

  async function body(): Promise<boolean> {
    const phase: Phase = async (name, work, apiPid) => {
      step(name);
      const measured = await measure(work, apiPid);
      phases.push([name, measured.cost]);
      return measured;
    };
    await requireDiskSpace(
      BENCH,
      DISK_BYTES_FIXED + borrowers * DISK_BYTES_PER_BORROWER,
      `a ${thousands(borrowers)}-borrower network`,
    );
    await phase('build dist/ if stale (scripts/ensure-built.js)', () =>
      run(process.execPath, ['scripts/ensure-built.js'], process.env),
    );
    const prepared = await prepareNetwork(BENCH, { borrowers, coops, consents, rescoreRuns }, phase);
    const { network } = prepared;
    const c = network.counts;
    result.network = {
      borrowers: c.borrowers,
      coops,
      consents: c.consents,
      loans: c.loans,
      records: c.records,
      identities: c.identities,
    };
    result.loadSeconds = prepared.loadMs / 1000;
    result.databaseBytes = prepared.databaseBytes;
    result.loanRecordsBytes = prepared.loanRecordsBytes;
    result.rescoring = prepared.rescoring.map((r) => ({
      count: r.count,
      seconds: r.ms / 1000,
      perSecond: r.perSecond,
    }));
    for (const [i, r] of prepared.rescoring.entries()) {
      const label =
        i === 0 ? 'rescoring run 1 (inserts every profile)' : `rescoring run ${i + 1} (rewrites every profile)`;
      rows.push({
        measure: label,
        rate: `${thousands(r.perSecond)} borrowers/s`,
        p50: '',
        p90: '',
        p99: '',
        notes: r.note,
      });
    }

    const port = await choosePort(preferredPort);
    const baseUrl = `http://127.0.0.1:${port}`;
    const api = new NodeScript(
      'API',
      'dist/src/main.js',
      childEnv(BENCH, {
        REDIS_URL: BENCH.redisUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        WORKER_IN_PROCESS: 'false',
        DATABASE_POOL_SIZE: String(pool),
      }),
    );
    children.push(api);
    await phase(`start the API on port ${port} (pool ${pool}, REDIS_KEY_PREFIX=${BENCH.redisKeyPrefix})`, () =>
      waitUntilReady(baseUrl, () => {
        if (api.hasExited) throw new Error(`the API ${api.describeExit()} before it was ready`);
      }),
    );

    const nextProfile = profileRequests(network);
    const first = nextProfile();
    const answer = await fetch(`${baseUrl}${first.path}`, {
      method: first.method,
      headers: first.headers,
      body: first.body,
    });
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`the profile query answered ${answer.status}: ${text.slice(0, 500)}`);
    step(`sanity check: profile query -> 200, ${text.length} bytes: ${text.slice(0, 160)}...`);

    let worker: NodeScript | null = null;
    if (sealer) {
      worker = new NodeScript(
        'worker',
        'dist/src/worker.js',
        childEnv(BENCH, { REDIS_URL: BENCH.redisUrl, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '5' }),
      );
      children.push(worker);
      await phase('start the worker (audit sealer) and wait for its first seal', () =>
        waitForFirstSeal(BENCH, worker!),
      );
    } else {
      step('BENCH_SEALER=0: no worker, the audit sealer does not run');
    }
    const workerCpu0 = processCpuSeconds(worker?.pid);

    const httpRun = async (route: Route, label: string, connections: number): Promise<HttpFigures> => {
      await cannon(baseUrl, route, WARMUP_SECONDS, connections);
      const { value: r, cost } = await phase(
        `autocannon ${seconds} s: ${label}`,
        () => cannon(baseUrl, route, seconds, connections),
        api.pid,
      );
      const bad = problemsOf(r);
      if (bad) problem(`${label}: ${bad}`);
      step(
        `  ${fixed(r.requests.average)} req/s, p50 ${fixed(r.latency.p50)} ms, p90 ${fixed(r.latency.p90)} ms, p99 ${fixed(r.latency.p99)} ms (sealer ${sealer ? 'on' : 'off'}); ${cost.note}`,
      );
      rows.push({
        measure: label,
        rate: `${fixed(r.requests.average)} req/s`,
        p50: fixed(r.latency.p50),
        p90: fixed(r.latency.p90),
        p99: fixed(r.latency.p99),
        notes: `${thousands(r.requests.total)} requests, non-2xx ${r.non2xx}, errors ${r.errors}; ${cost.note}`,
      });
      return {
        label,
        connections,
        seconds,
        requestsPerSecond: r.requests.average,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
        cpu: cost.note,
      };
    };
    if (baselines)
      result.health = await httpRun(
        { label: 'GET /health/live', request: { method: 'GET', path: '/health/live' } },
        'GET /health/live (fixed JSON)',
        CONNECTIONS,
      );
    const profile = profileRoute(nextProfile);
    result.profile = await httpRun(profile, `${profile.label}, ${CONNECTIONS} connections`, CONNECTIONS);
    // One connection: the latency of a query that never waits behind another.
    result.profileOneConnection = await httpRun(profile, `${profile.label}, 1 connection`, 1);

    // A fixed arrival rate below capacity: the latency a client sees when the service is busy but not saturated.
    const fixedRate = fixedRateSetting ?? Math.max(1, Math.round(result.profile.requestsPerSecond / 2));
    if (fixedRate > 0) {
      const label = `${profile.label}, fixed rate ${fixedRate} req/s`;
      const { value: open, cost } = await phase(
        `open loop ${seconds} s: ${label}`,
        () =>
          openLoop({
            baseUrl,
            rate: fixedRate,
            seconds,
            connections: FIXED_RATE_CONNECTIONS,
            timeoutMs: FIXED_RATE_TIMEOUT_MS,
            next: nextProfile,
          }),
        api.pid,
      );
      if (open.non2xx > 0 || open.errors > 0)
        problem(
          `${label}: non2xx=${open.non2xx} errors=${open.errors} (timeouts ${open.timeouts}); ${open.firstErrors.slice(0, 3).join(' | ')}`,
        );
      const { buckets: _buckets, ...rest } = open;
      result.fixedRate = rest;
      const l = open.latency;
      step(
        `  ${fixed(open.achievedRate)} req/s answered of ${fixedRate} scheduled; p50 ${fixed(l.p50)} ms, p90 ${fixed(l.p90)} ms, p99 ${fixed(l.p99)} ms, max ${fixed(l.max)} ms (from the scheduled time); largest send lag ${fixed(open.maxSendLagMs)} ms; ${cost.note}`,
      );
      rows.push({
        measure: label,
        rate: `${fixed(open.achievedRate)} req/s`,
        p50: fixed(l.p50),
        p90: fixed(l.p90),
        p99: fixed(l.p99),
        notes: `open loop, latency from the scheduled time; ${thousands(open.scheduled)} scheduled, non-2xx ${open.non2xx}, errors ${open.errors}; max ${fixed(l.max)} ms; ${cost.note}`,
      });
    }
    if (api.hasExited) throw new Error(`the API ${api.describeExit()} during the benchmark`);
    if (worker) {
      if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} during the benchmark`);
      const workerCpu = (processCpuSeconds(worker.pid) ?? 0) - (workerCpu0 ?? 0);
      const chain = await withClient(BENCH.databaseUrl, async (client) => {
        const {
          rows: [r],
        } = await client.query(
          `SELECT (SELECT count(*) FROM audit_chain)::int AS sealed, (SELECT count(*) FROM audit_events)::int AS events`,
        );
        return r as { sealed: number; events: number };
      });
      result.sealer = { on: true, ...chain };
      step(
        `audit sealer: ${chain.sealed} of ${chain.events} events sealed at the end; worker CPU ${fixed(workerCpu)} s over the HTTP runs`,
      );
    } else {
      result.sealer = { on: false, sealed: 0, events: 0 };
    }
    const recomputed = await withClient(BENCH.databaseUrl, async (client) => {
      const {
        rows: [r],
      } = await client.query(
        `SELECT count(*) FILTER (WHERE details->>'recomputed' = 'true')::int AS inline, count(*)::int AS total
           FROM audit_events WHERE action = 'PROFILE_QUERIED' AND outcome = 'ALLOWED'`,
      );
      return r as { inline: number; total: number };
    });
    step(
      `audited profile queries: ${recomputed.total}, of which recomputed inline (stale stored profile): ${recomputed.inline}`,
    );

    let pg: PgbenchResult | null = null;
    if (baselines) {
      tempDir = await mkdtemp(join(os.tmpdir(), 'kcx-bench-profile-'));
      const script = join(tempDir, 'profile-query.sql');
      await writeFile(script, pgbenchScript(c.consents));
      const defines = Object.entries({ ...CONSTANTS, ...(await versions()) }).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
      // prepared: the goal's reference. extended: parameters without prepared statements, as node-pg sends them.
      const pgbench = async (mode: 'prepared' | 'extended'): Promise<PgbenchResult> => {
        const logs = await mkdtemp(join(tempDir!, `${mode}-`));
        const args = [
          '-n',
          '-c',
          String(CONNECTIONS),
          '-j',
          '2',
          '-T',
          String(seconds),
          '-M',
          mode,
          '-r',
          '-l',
          `--log-prefix=${join(logs, 'pgbench_log')}`,
        ];
        const { value: output, cost } = await phase(
          `pgbench -M ${mode} ${seconds} s: the profile query's transaction`,
          () => capture('pgbench', [...args, '-f', script, ...defines, BENCH.databaseUrl]),
        );
        const r = readPgbench(output, logs);
        if (r.failed > 0) problem(`pgbench -M ${mode}: ${r.failed} failed transactions`);
        result.pgbench.push({
          mode,
          tps: r.tps,
          p50: r.p50Ms,
          p99: r.p99Ms,
          transactions: r.transactions,
          failed: r.failed,
        });
        rows.push({
          measure: `pgbench -M ${mode}: the same transaction`,
          rate: `${fixed(r.tps)} tps`,
          p50: fixed(r.p50Ms),
          p90: '',
          p99: fixed(r.p99Ms),
          notes: `${thousands(r.transactions)} transactions, ${r.failed} failed, avg ${fixed(r.latencyAvgMs, 2)} ms; ${cost.note}`,
        });
        return r;
      };
      pg = await pgbench('prepared');
      await pgbench('extended');
    }
    result.databaseBytesAfter = await withClient(BENCH.databaseUrl, async (client) =>
      Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n),
    );

    // ---------------------------------------------------------------------------------------------------- report
    if (pg) {
      console.log('\npgbench -M prepared, average latency per statement (ms, -r):');
      for (const s of pg.statements) console.log(`  ${s.ms.toFixed(3).padStart(8)}  ${s.text.slice(0, 110)}`);
      const slowest = TRANSACTION.map((s) => ({
        s,
        ms: pg!.statements.find((p) => p.text.startsWith(s.sql.slice(0, 60)))?.ms ?? 0,
      })).sort((a, b) => b.ms - a.ms)[0];
      console.log(
        `\nEXPLAIN (ANALYZE, BUFFERS) of the slowest SQL statement (${slowest.s.label}, ${slowest.ms.toFixed(3)} ms avg in pgbench -M prepared):`,
      );
      console.log(await explain(slowest.s.sql));
    }

    const pgVersion = await withClient(
      BENCH.databaseUrl,
      async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string,
    );
    const saturated = result.profile;
    const rescoreRate = Math.min(...prepared.rescoring.map((r) => r.perSecond));
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

    console.log('\nPhases');
    console.log(
      markdown(
        ['phase', 'seconds', 'CPU and steal'],
        phases.map(([name, cost]) => [name, secs(cost.ms), cost.note]),
      ),
    );
    console.log(
      `\nResults (${c.borrowers} borrowers, ${c.loans} loans, ${c.records} records at ${coops} coops; ${seconds} s runs; database ${fixed(prepared.databaseBytes / 2 ** 20, 0)} MiB after rescoring)`,
    );
    console.log(
      markdown(
        ['measure', 'rate', 'p50 ms', 'p90 ms', 'p99 ms', 'notes'],
        rows.map((r) => [r.measure, r.rate, r.p50, r.p90, r.p99, r.notes]),
      ),
    );
    console.log('\nGoals');
    const goals = [
      [
        'profile query p99 (50 connections, flat out)',
        `< ${GOAL.p99Ms} ms`,
        `${fixed(saturated.latency.p99)} ms`,
        met(saturated.latency.p99 < GOAL.p99Ms),
      ],
      [
        'full-network rescoring (slowest run)',
        `>= ${thousands(GOAL.rescorePerS)} borrowers/s`,
        thousands(rescoreRate),
        met(rescoreRate >= GOAL.rescorePerS),
      ],
    ];
    if (pg) {
      const ratio = saturated.requestsPerSecond / pg.tps;
      goals.splice(1, 0, [
        'profile req/s ÷ pgbench -M prepared tps',
        `>= ${GOAL.ratioToPgbench}`,
        fixed(ratio, 2),
        met(ratio >= GOAL.ratioToPgbench),
      ]);
    }
    console.log(markdown(['goal', 'target', 'measured', ''], goals));
    result.loadAverage.after = loadAverage();
    console.log(
      `\nAudit sealer (worker process): ${sealer ? 'running' : 'not running (BENCH_SEALER=0)'}.` +
        `\nMachine: ${cpus.length} cpus (${cpus[0]?.model ?? 'unknown'}); load avg ${loadBefore} before, ${result.loadAverage.after} after; ` +
        `node ${process.version}; PostgreSQL ${pgVersion}${pg ? `; ${(await capture('pgbench', ['--version'])).trim()}` : ''}. The load generators share the cpus with the API and Postgres.`,
    );
    const crowded = phases.filter(
      ([name, cost]) =>
        /autocannon|open loop|pgbench|rescoring/.test(name) && cost.rest > 0.25 * cpus.length * (cost.ms / 1000),
    );
    for (const [name, cost] of crowded) {
      console.log(
        `warning: during "${name}" ${fixed(cost.rest)} CPU s went to the kernel or to other processes (over a quarter of the machine)`,
      );
    }
    if (result.problems.length > 0)
      console.log(
        '\nSome runs had non-2xx answers, errors or failed transactions (see PROBLEM lines); the numbers are not trustworthy.',
      );
    return result.problems.length > 0;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.log(`[bench] FAILED: ${error.message}`);
      void cleanUp().finally(() => process.exit(1));
    },
  );
}
