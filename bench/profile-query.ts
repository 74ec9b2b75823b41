/**
 * Profile query benchmark: on a generated network of 100,000 borrowers, how fast is POST /api/v1/profiles/query at
 * 50 connections (req/s, p50, p99), next to a Nest route returning fixed JSON and to pgbench running the SQL one
 * profile query executes; and how fast is a full-network rescoring (borrowers/s)?
 *
 *   npm run bench:profile
 *   BENCH_BORROWERS=20000 BENCH_SECONDS=10 npm run bench:profile
 *
 * Environment:
 *   BENCH_BORROWERS   borrowers in the network (default 100000)
 *   BENCH_COOPS       coops in the network, each with a LOAN_OFFICER key that queries (default 4)
 *   BENCH_CONSENTS    borrowers with an active NEW_APPLICATION consent, the ones queried (default 20000)
 *   BENCH_SECONDS     seconds per measured run (default 20); each HTTP route gets a 3 s warm-up first
 *   BENCH_POOL        DATABASE_POOL_SIZE of the API (default 20)
 *   BENCH_PORT        preferred port for the API (default 3903; a free one is chosen when it is taken)
 *   BENCH_ADMIN_URL   Postgres URL used to create and drop the scratch database
 *   BENCH_SEALER      1 (default): also run the worker (dist/src/worker.js), so the audit sealer extends the hash
 *                     chain during the HTTP runs, as in production; 0: the API alone
 *   REDIS_URL         passed through (default redis://127.0.0.1:6379/0)
 *
 * It builds dist/ when it is stale (scripts/ensure-built.js), creates and migrates the scratch database
 * kcx_bench_profile, loads the network with COPY (bench/profile-network.ts), rescores every borrower twice with
 * RiskRecalculationService.refreshProfiles({ all: true }) in a Nest context built here from dist/, starts
 * dist/src/main.js, runs autocannon against GET /health/live and the profile query (50 connections, then 1 for the
 * latency without queueing), runs pgbench with the query's transaction (bench/profile-sql.ts; -M prepared for the
 * goal, -M extended as node-pg sends statements), prints tables and always cleans up (API stopped, Nest context
 * closed, scratch database dropped, Redis keys under the random prefix deleted, temp files removed). Exits non-zero
 * on any failure, non-2xx answer or failed pgbench transaction.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import autocannon from 'autocannon';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { DEV_SECRETS } from '../src/config/env.schema';
import { loadNetwork, LoadedNetwork } from './profile-network';
import { bind, CONSTANTS, pgbenchScript, PgbenchResult, readPgbench, TRANSACTION } from './profile-sql';
import {
  benchContext, capture, childEnv, choosePort, cleanUpOnce, exitedChildrenCpuSeconds, loadAverage, machineCpu, machineShares,
  NodeScript, positiveInt, processCpuSeconds, recreateScratchDatabase, ROOT, run, runAndCleanUp, step, trackPostgresCpu,
  waitUntilReady, withClient,
} from './support';

const BENCH = benchContext('kcx_bench_profile');
const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const GOAL = { p99Ms: 25, ratioToPgbench: 0.5, rescorePerS: 2000 };
const SECRETS = {
  nikHashKey: process.env.NIK_HASH_KEY ?? DEV_SECRETS.NIK_HASH_KEY,
  nikHashKeyVersion: Number(process.env.NIK_HASH_KEY_VERSION ?? 1),
  apiKeyHashSecret: process.env.API_KEY_HASH_SECRET ?? DEV_SECRETS.API_KEY_HASH_SECRET,
};

const secs = (ms: number): string => (ms / 1000).toFixed(1);
const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '?');
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

interface Row {
  measure: string;
  rate: string;
  p50: string;
  p99: string;
  notes: string;
}

/**
 * What a phase cost: wall time; CPU seconds of this process (autocannon, or the rescoring service), of Postgres, of
 * the API (when given) and of children that exited (pgbench); how busy all cpus were and how much was stolen.
 */
interface Cost {
  ms: number;
  note: string;
  /** CPU seconds used by neither this process, Postgres, the API nor pgbench: kernel network work, other processes. */
  rest: number;
}

async function measure<T>(work: () => Promise<T>, apiPid?: number): Promise<{ value: T; cost: Cost }> {
  const [t0, self0, children0, machine0, api0] = [performance.now(), process.cpuUsage(), exitedChildrenCpuSeconds(), machineCpu(), processCpuSeconds(apiPid)];
  const postgres = trackPostgresCpu();
  const value = await work();
  const ms = performance.now() - t0;
  const pg = postgres();
  const self = process.cpuUsage(self0);
  const [children, api1] = [exitedChildrenCpuSeconds() - children0, processCpuSeconds(apiPid)];
  const shares = machineShares(machine0, machineCpu());
  const parts = [`bench ${fixed((self.user + self.system) / 1e6)}`, `postgres ${fixed(pg)}`];
  let accounted = (self.user + self.system) / 1e6 + pg;
  if (api0 !== null && api1 !== null) {
    parts.push(`API ${fixed(api1 - api0)}`);
    accounted += api1 - api0;
  }
  if (children >= 0.05) parts.push(`pgbench/npm ${fixed(children)}`);
  accounted += children;
  // Everything else that ran meanwhile: the kernel's network work, Redis, and other people's processes.
  const rest = shares.busySeconds - accounted;
  parts.push(`rest ${fixed(rest)}`);
  const note = `CPU s: ${parts.join(', ')}; machine busy ${shares.busy}, steal ${shares.steal}`;
  return { value, cost: { ms, note, rest } };
}

/** Full-network rescoring with the compiled service, twice: the first stores every profile, the second rewrites them. */
async function rescore(borrowers: number): Promise<{ runs: { count: number; cost: Cost }[] }> {
  const dist = (path: string) => import(join(ROOT, 'dist', 'src', path));
  const { loadConfig } = await dist('config/load-config.js');
  const { CoreModule } = await dist('core.module.js');
  const { RiskModule } = await dist('modules/risk/risk.module.js');
  const { RiskRecalculationService } = await dist('modules/risk/risk-recalculation.service.js');
  @Module({})
  class ProfileBenchRescoreModule {}
  const config = loadConfig(childEnv(BENCH, { LOG_LEVEL: 'warn', REDIS_URL: BENCH.redisUrl }));
  const app = await NestFactory.createApplicationContext(
    { module: ProfileBenchRescoreModule, imports: [CoreModule.forRoot(config), RiskModule] },
    { logger: ['error', 'warn'] },
  );
  closeRescoreContext = () => app.close();
  try {
    const service = app.get(RiskRecalculationService) as { refreshProfiles(o: object): Promise<number> };
    const runs: { count: number; cost: Cost }[] = [];
    for (const label of ['run 1 (no stored profiles yet)', 'run 2 (every profile stored)']) {
      let next = 20_000;
      const onBatch = async ({ borrowers: done }: { borrowers: number }) => {
        if (done < next) return;
        step(`  ${label}: ${thousands(done)} of ${thousands(borrowers)}`);
        next += 20_000;
      };
      const { value: count, cost } = await measure(() => service.refreshProfiles({ all: true, onBatch }));
      step(`  ${label}: ${thousands(count)} borrowers in ${secs(cost.ms)} s (${thousands((count * 1000) / cost.ms)}/s); ${cost.note}`);
      runs.push({ count, cost });
    }
    return { runs };
  } finally {
    closeRescoreContext = null;
    await app.close();
  }
}

interface Route {
  label: string;
  request: autocannon.Request;
}

function profileRoute(network: LoadedNetwork): Route {
  let next = 0;
  return {
    label: 'POST /api/v1/profiles/query (X-API-Key)',
    request: {
      method: 'POST',
      path: '/api/v1/profiles/query',
      // Every request asks about the next consented borrower, with the key of the coop holding the consent.
      setupRequest: (request) => {
        const target = network.targets[next++ % network.targets.length];
        return {
          ...request,
          headers: { 'content-type': 'application/json', 'x-api-key': target.coop.apiKey },
          body: JSON.stringify({ nik: target.nik, purpose: CONSTANTS.purpose }),
        };
      },
    },
  };
}

const cannon = (baseUrl: string, route: Route, seconds: number, connections: number): Promise<autocannon.Result> =>
  autocannon({ url: baseUrl, connections, duration: seconds, title: route.label, requests: [route.request] });

function problems(result: autocannon.Result): string | null {
  if (result.non2xx === 0 && result.errors === 0) return null;
  const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}: ${count}`).join(', ');
  return `non2xx=${result.non2xx} errors=${result.errors} timeouts=${result.timeouts} status codes {${codes}}`;
}

function markdown(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const cells = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [cells(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`, ...rows.map(cells)].join('\n');
}

/** The model, rule set and day the stored profiles carry: what the query compares them with to call them current. */
function versions(): Promise<Record<string, string>> {
  return withClient(BENCH.databaseUrl, async (client) => {
    const { rows: [row] } = await client.query(`SELECT model_version AS model, rule_set AS ruleset, as_of::text AS asof FROM borrower_profiles LIMIT 1`);
    return row as Record<string, string>;
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement of the transaction for target n = 1, rolled back. */
async function explain(sql: string): Promise<string> {
  return withClient(BENCH.databaseUrl, async (client) => {
    const { rows: [target] } = await client.query(
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

/** Polls until the worker's sealer has sealed something (the sanity check wrote an audit event). */
async function firstSeal(worker: NodeScript): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} before it sealed: ${worker.output()}`);
    const sealed = await withClient(BENCH.databaseUrl, async (client) => (await client.query('SELECT 1 FROM audit_chain LIMIT 1')).rowCount);
    if (sealed) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the worker sealed nothing within 60 s: ${worker.output()}`);
}

const children: NodeScript[] = [];
let tempDir: string | null = null;
let closeRescoreContext: (() => Promise<void>) | null = null;
const cleanUp = cleanUpOnce(BENCH, children, async () => {
  await closeRescoreContext?.().catch((error: Error) => step(`could not close the rescoring context: ${error.message}`));
  if (tempDir) await rm(tempDir, { recursive: true, force: true }).then(() => step(`deleted ${tempDir}`));
});

async function main(): Promise<number> {
  const borrowers = positiveInt('BENCH_BORROWERS', 100_000, 100);
  const coops = positiveInt('BENCH_COOPS', 4, 1);
  const consents = Math.min(positiveInt('BENCH_CONSENTS', 20_000, 1), borrowers);
  const seconds = positiveInt('BENCH_SECONDS', 20, 1);
  const pool = positiveInt('BENCH_POOL', 20, 1);
  const preferredPort = positiveInt('BENCH_PORT', 3903, 1);
  const cpus = os.cpus();
  const loadBefore = loadAverage();
  console.log('Profile query benchmark');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`machine:  ${cpus.length} cpus (${cpus[0]?.model ?? 'unknown'}), ${fixed(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; load avg ${loadBefore}`);
  console.log(`network:  ${borrowers} borrowers at ${coops} coops, 24 months, seed 42; ${consents} consented borrowers queried`);
  console.log(`load:     ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${seconds} s per HTTP route; pgbench -c ${CONNECTIONS} -j 2 -T ${seconds}, -M prepared and -M extended\n`);

  const phases: [string, Cost][] = [];
  const rows: Row[] = [];
  let failed = false;
  return runAndCleanUp(children, cleanUp, async () => {
    const phase = async <T>(name: string, work: () => Promise<T>, apiPid?: number): Promise<T> => {
      step(name);
      const { value, cost } = await measure(work, apiPid);
      phases.push([name, cost]);
      return value;
    };
    await phase('build dist/ if stale (scripts/ensure-built.js)', () => run(process.execPath, ['scripts/ensure-built.js'], process.env));
    const env = childEnv(BENCH, { REDIS_URL: BENCH.redisUrl });
    await phase(`create and migrate ${BENCH.scratchDb}`, async () => {
      await recreateScratchDatabase(BENCH);
      await run('npm', ['run', 'migration:run'], env);
    });
    const network = await phase('load the network with COPY', () =>
      loadNetwork(BENCH.databaseUrl, { coops, borrowers, months: 24, seed: 42 }, consents, SECRETS, (t) => step(`  ${t}`)),
    );
    const c = network.counts;
    step(`  ${c.borrowers} borrowers (${c.multiCoopBorrowers} at 2+ coops), ${c.identities} identities, ${c.loans} loans, ${c.records} records, ${c.consents} consents`);
    await phase('VACUUM ANALYZE', () => withClient(BENCH.databaseUrl, (client) => client.query('VACUUM ANALYZE')));

    const { runs } = await phase('full-network rescoring, twice (refreshProfiles({ all: true }))', () => rescore(c.borrowers));
    await phase('VACUUM ANALYZE after rescoring', () => withClient(BENCH.databaseUrl, (client) => client.query('VACUUM ANALYZE')));
    for (const [i, r] of runs.entries()) {
      const label = i === 0 ? 'rescoring run 1 (inserts every profile)' : 'rescoring run 2 (rewrites every profile)';
      rows.push({ measure: label, rate: `${thousands((r.count * 1000) / r.cost.ms)} borrowers/s`, p50: '', p99: '', notes: r.cost.note });
    }

    const port = await choosePort(preferredPort);
    const baseUrl = `http://127.0.0.1:${port}`;
    const api = new NodeScript(
      'API',
      'dist/src/main.js',
      childEnv(BENCH, {
        REDIS_URL: BENCH.redisUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0',
        WORKER_IN_PROCESS: 'false', DATABASE_POOL_SIZE: String(pool),
      }),
    );
    children.push(api);
    await phase(`start the API on port ${port} (pool ${pool}, REDIS_KEY_PREFIX=${BENCH.redisKeyPrefix})`, () =>
      waitUntilReady(baseUrl, () => {
        if (api.hasExited) throw new Error(`the API ${api.describeExit()} before it was ready`);
      }),
    );

    const first = network.targets[0];
    const answer = await fetch(`${baseUrl}/api/v1/profiles/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': first.coop.apiKey },
      body: JSON.stringify({ nik: first.nik, purpose: CONSTANTS.purpose }),
    });
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`the profile query answered ${answer.status}: ${text.slice(0, 500)}`);
    step(`sanity check: profile query -> 200, ${text.length} bytes: ${text.slice(0, 160)}...`);

    const sealer = process.env.BENCH_SEALER !== '0';
    let worker: NodeScript | null = null;
    if (sealer) {
      worker = new NodeScript('worker', 'dist/src/worker.js', childEnv(BENCH, { REDIS_URL: BENCH.redisUrl, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '5' }));
      children.push(worker);
      await phase('start the worker (audit sealer) and wait for its first seal', () => firstSeal(worker!));
    } else {
      step('BENCH_SEALER=0: no worker, the audit sealer does not run');
    }
    const workerCpu0 = processCpuSeconds(worker?.pid);

    const httpRun = async (route: Route, label: string, connections = CONNECTIONS): Promise<autocannon.Result> => {
      await cannon(baseUrl, route, WARMUP_SECONDS, connections);
      const result = await phase(`autocannon ${seconds} s: ${label}`, () => cannon(baseUrl, route, seconds, connections), api.pid);
      const bad = problems(result);
      if (bad) {
        failed = true;
        step(`  PROBLEM: ${bad}`);
      }
      const note = `${thousands(result.requests.total)} requests, non-2xx ${result.non2xx}, errors ${result.errors}; ${phases[phases.length - 1][1].note}`;
      step(`  ${fixed(result.requests.average)} req/s, p50 ${fixed(result.latency.p50)} ms, p99 ${fixed(result.latency.p99)} ms (sealer ${sealer ? 'on' : 'off'}); ${phases[phases.length - 1][1].note}`);
      rows.push({ measure: label, rate: `${fixed(result.requests.average)} req/s`, p50: fixed(result.latency.p50), p99: fixed(result.latency.p99), notes: note });
      return result;
    };
    await httpRun({ label: 'GET /health/live', request: { method: 'GET', path: '/health/live' } }, 'GET /health/live (fixed JSON)');
    const profile = profileRoute(network);
    const saturated = await httpRun(profile, profile.label);
    // One connection: the latency of a query that never waits behind another (autocannon's fixed rates come in bursts).
    await httpRun(profile, 'POST /api/v1/profiles/query, 1 connection', 1);
    if (api.hasExited) throw new Error(`the API ${api.describeExit()} during the benchmark`);
    if (worker) {
      if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} during the benchmark`);
      const workerCpu = (processCpuSeconds(worker.pid) ?? 0) - (workerCpu0 ?? 0);
      const chain = await withClient(BENCH.databaseUrl, async (client) => {
        const { rows: [r] } = await client.query(
          `SELECT (SELECT count(*) FROM audit_chain)::int AS sealed, (SELECT count(*) FROM audit_events)::int AS events`,
        );
        return r as { sealed: number; events: number };
      });
      step(`audit sealer: ${chain.sealed} of ${chain.events} events sealed at the end; worker CPU ${fixed(workerCpu)} s over the HTTP runs`);
    }
    const recomputed = await withClient(BENCH.databaseUrl, async (client) => {
      const { rows: [r] } = await client.query(
        `SELECT count(*) FILTER (WHERE details->>'recomputed' = 'true')::int AS inline, count(*)::int AS total
           FROM audit_events WHERE action = 'PROFILE_QUERIED' AND outcome = 'ALLOWED'`,
      );
      return r as { inline: number; total: number };
    });
    step(`audited profile queries: ${recomputed.total}, of which recomputed inline (stale stored profile): ${recomputed.inline}`);

    tempDir = await mkdtemp(join(os.tmpdir(), 'kcx-bench-profile-'));
    const script = join(tempDir, 'profile-query.sql');
    await writeFile(script, pgbenchScript(c.consents));
    const defines = Object.entries({ ...CONSTANTS, ...(await versions()) }).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
    // prepared: the goal's reference. extended: parameters without prepared statements, as node-pg sends them.
    const pgbench = async (mode: 'prepared' | 'extended'): Promise<PgbenchResult> => {
      const logs = await mkdtemp(join(tempDir!, `${mode}-`));
      const args = ['-n', '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-M', mode, '-r', '-l', `--log-prefix=${join(logs, 'pgbench_log')}`];
      const output = await phase(`pgbench -M ${mode} ${seconds} s: the profile query's transaction`, () =>
        capture('pgbench', [...args, '-f', script, ...defines, BENCH.databaseUrl]),
      );
      const result = readPgbench(output, logs);
      if (result.failed > 0) failed = true;
      rows.push({
        measure: `pgbench -M ${mode}: the same transaction`,
        rate: `${fixed(result.tps)} tps`,
        p50: fixed(result.p50Ms),
        p99: fixed(result.p99Ms),
        notes: `${thousands(result.transactions)} transactions, ${result.failed} failed, avg ${fixed(result.latencyAvgMs, 2)} ms; ${phases[phases.length - 1][1].note}`,
      });
      return result;
    };
    const pg = await pgbench('prepared');
    await pgbench('extended');

    // ---------------------------------------------------------------------------------------------------- report
    console.log('\npgbench -M prepared, average latency per statement (ms, -r):');
    for (const s of pg.statements) console.log(`  ${s.ms.toFixed(3).padStart(8)}  ${s.text.slice(0, 110)}`);
    const slowest = TRANSACTION.map((s) => ({ s, ms: pg.statements.find((p) => p.text.startsWith(s.sql.slice(0, 60)))?.ms ?? 0 })).sort(
      (a, b) => b.ms - a.ms,
    )[0];
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the slowest SQL statement (${slowest.s.label}, ${slowest.ms.toFixed(3)} ms avg in pgbench -M prepared):`);
    console.log(await explain(slowest.s.sql));

    const pgVersion = await withClient(BENCH.databaseUrl, async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string);
    const pgbenchVersion = (await capture('pgbench', ['--version'])).trim();
    const profileRate = saturated.requests.average;
    const p99 = saturated.latency.p99;
    const ratio = profileRate / pg.tps;
    const rescoreRate = Math.min(...runs.map((r) => (r.count * 1000) / r.cost.ms));
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

    console.log('\nPhases');
    console.log(markdown(['phase', 'seconds', 'CPU and steal'], phases.map(([name, cost]) => [name, secs(cost.ms), cost.note])));
    console.log(`\nResults (${c.borrowers} borrowers, ${c.loans} loans, ${c.records} records at ${coops} coops; ${CONNECTIONS} connections; ${seconds} s runs)`);
    console.log(markdown(['measure', 'rate', 'p50 ms', 'p99 ms', 'notes'], rows.map((r) => [r.measure, r.rate, r.p50, r.p99, r.notes])));
    console.log('\nGoals');
    console.log(
      markdown(
        ['goal', 'target', 'measured', ''],
        [
          ['profile query p99 (50 connections, flat out)', `< ${GOAL.p99Ms} ms`, `${fixed(p99)} ms`, met(p99 < GOAL.p99Ms)],
          ['profile req/s ÷ pgbench -M prepared tps', `>= ${GOAL.ratioToPgbench}`, fixed(ratio, 2), met(ratio >= GOAL.ratioToPgbench)],
          ['full-network rescoring (slower run)', `>= ${thousands(GOAL.rescorePerS)} borrowers/s`, thousands(rescoreRate), met(rescoreRate >= GOAL.rescorePerS)],
        ],
      ),
    );
    console.log(
      `\nAudit sealer (worker process): ${process.env.BENCH_SEALER !== '0' ? 'running' : 'not running (BENCH_SEALER=0)'}.` +
        `\nMachine: ${cpus.length} cpus (${cpus[0]?.model ?? 'unknown'}); load avg ${loadBefore} before, ${loadAverage()} after; ` +
        `node ${process.version}; PostgreSQL ${pgVersion}; ${pgbenchVersion}. autocannon and pgbench share the cpus with the API and Postgres.`,
    );
    const crowded = phases.filter(([name, cost]) => /autocannon|pgbench|rescoring/.test(name) && cost.rest > 0.25 * cpus.length * (cost.ms / 1000));
    for (const [name, cost] of crowded) {
      console.log(`warning: during "${name}" ${fixed(cost.rest)} CPU s went to the kernel or to other processes (over a quarter of the machine)`);
    }
    if (failed) console.log('\nSome runs had non-2xx answers, errors or failed transactions (see PROBLEM lines); the numbers are not trustworthy.');
    return failed;
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.log(`[bench] FAILED: ${error.message}`);
    void cleanUp().finally(() => process.exit(1));
  },
);
