/**
 * Helpers shared by the benchmarks in this folder: environment parsing, the scratch database and Redis key prefix a
 * run works in, child processes, free ports, the readiness poll, login, cleanup, CPU and memory readings, the disk
 * check and the JSON result a benchmark hands to the suite (bench/suite.ts). Everything that depends on the benchmark
 * (scratch database name, Redis key prefix, URLs) comes in a BenchContext. What the tests already have (free ports,
 * database URLs, pg connections, creating and dropping databases, deleting Redis keys) comes from test/helpers.
 * Child processes stay the benchmarks' own: they run the built dist/ (what production runs), where the tests' run
 * the source through ts-node.
 *
 * Every benchmark also reads:
 *   BENCH_KEEP_DB=1        keep the scratch database at the end (its name is printed) instead of dropping it
 *   BENCH_RESULT_FILE      write the benchmark's figures there as JSON (the suite sets it; unset: nothing written)
 */
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabase, dropDatabase, withClient } from '../test/helpers/databases';
import { freePort, portIsFree } from '../test/helpers/ports';
import { deleteKeys } from '../test/helpers/redis-keys';
import { withDatabase } from '../test/helpers/test-env';

export { portIsFree, withClient, withDatabase };
/** Any free port on 127.0.0.1. */
export const anyFreePort = freePort;

/** The project root: children run here, dist/ is looked up here. */
export const ROOT = join(__dirname, '..');
export const READY_TIMEOUT_MS = 30_000;

/** Where one benchmark run works: its scratch database and its Redis key prefix, both unique to the run. */
export interface BenchContext {
  /** Postgres URL used to create and drop the scratch database (BENCH_ADMIN_URL). */
  adminUrl: string;
  scratchDb: string;
  /** adminUrl pointed at the scratch database. */
  databaseUrl: string;
  /** REDIS_URL, or the children's default. */
  redisUrl: string;
  /** A random kcx-bench-xxxxxxxx prefix; every key the children write starts with it. */
  redisKeyPrefix: string;
}

/** `base` plus the run's random suffix (kcx_bench_profile_1a2b3c4d), so runs side by side never share a database. */
export function benchContext(base: string): BenchContext {
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const suffix = randomBytes(4).toString('hex');
  const scratchDb = `${base}_${suffix}`;
  return {
    adminUrl,
    scratchDb,
    databaseUrl: withDatabase(adminUrl, scratchDb),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    redisKeyPrefix: `kcx-bench-${suffix}`,
  };
}

/** BENCH_KEEP_DB=1: the scratch database outlives the run, for a look afterwards. */
export const keepScratchDatabase = (): boolean => process.env.BENCH_KEEP_DB === '1';

export function positiveInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

export function step(text: string): void {
  console.log(`[bench] ${text}`);
}

/** Environment for every child: the parent's, with the scratch database, the key prefix and demo-safe settings on top. */
export function childEnv(context: BenchContext, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: context.databaseUrl,
    REDIS_KEY_PREFIX: context.redisKeyPrefix,
    // A benchmark is one coop's load far past a day's: the per-coop hourly ceilings would cut it off.
    PROFILE_QUERIES_PER_COOP_PER_HOUR: '0',
    CONSENTS_PER_COOP_PER_HOUR: '0',
    ...extra,
  };
}

/** Runs a command to completion; its output is kept and shown only when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
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

/** `preferred` when it is free, any free port otherwise. */
export async function choosePort(preferred: number): Promise<number> {
  return (await portIsFree(preferred)) ? preferred : await anyFreePort();
}

export async function recreateScratchDatabase(context: BenchContext): Promise<void> {
  await dropDatabase(context.adminUrl, context.scratchDb);
  await createDatabase(context.adminUrl, context.scratchDb);
}

export async function dropScratchDatabase(context: BenchContext): Promise<void> {
  await dropDatabase(context.adminUrl, context.scratchDb);
}

/** Deletes every Redis key under the context's prefix; returns how many. */
export async function deleteRedisKeys(context: BenchContext): Promise<number> {
  const redis = new Redis(context.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await deleteKeys(redis, `${context.redisKeyPrefix}*`, 500);
  } finally {
    redis.disconnect();
  }
}

/** `node <script>` as a child of the benchmark, with the tail of its output kept for diagnosis. */
export class NodeScript {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exitPromise: Promise<void>;
  /** Called with every output line (LOG_LEVEL=warn: only warnings and errors arrive). */
  onLine: ((line: string) => void) | null = null;

  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        this.tail.push(line);
        this.onLine?.(line);
      }
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
      step(`${this.name} (pid ${this.pid}) did not stop within 5 s of SIGTERM; sending SIGKILL`);
      this.child.kill('SIGKILL');
      await Promise.race([this.exitPromise, sleep(2000)]);
    }
  }
}

/**
 * Polls GET /health/ready until it answers 200. `checkAlive` runs before every attempt and throws when a child the
 * benchmark depends on has exited.
 */
export async function waitUntilReady(baseUrl: string, checkAlive: () => void): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    checkAlive();
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

export async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** POST /api/v1/auth/login; returns the bearer token. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const { accessToken } = await postJson<{ accessToken?: string }>(`${baseUrl}/api/v1/auth/login`, { email, password });
  if (!accessToken) throw new Error('the login answer has no accessToken');
  return accessToken;
}

/**
 * The benchmark's cleanup, run once however often it is called: stops `children` (last started first), drops the
 * scratch database, deletes the Redis keys under the prefix, then runs `more`. Resolves false when the database could
 * not be dropped. Also makes SIGINT and SIGTERM clean up and exit 1.
 */
export function cleanUpOnce(
  context: BenchContext,
  children: NodeScript[],
  more?: () => Promise<void>,
): () => Promise<boolean> {
  let cleaning: Promise<boolean> | null = null;
  const cleanUp = (): Promise<boolean> => {
    cleaning ??= (async () => {
      let ok = true;
      for (const child of [...children].reverse()) {
        step(`stopping the ${child.name} (pid ${child.pid})`);
        await child.stop().catch((error: Error) => step(`could not stop the ${child.name}: ${error.message}`));
      }
      if (keepScratchDatabase()) {
        step(
          `BENCH_KEEP_DB=1: keeping scratch database ${context.scratchDb} (${context.databaseUrl}); drop it when done`,
        );
      } else {
        step(`dropping scratch database ${context.scratchDb}`);
        await dropScratchDatabase(context).catch((error: Error) => {
          ok = false;
          step(`could not drop ${context.scratchDb}: ${error.message}`);
        });
      }
      await deleteRedisKeys(context)
        .then((count) => step(`deleted ${count} Redis keys under ${context.redisKeyPrefix}`))
        .catch((error: Error) => step(`could not delete Redis keys under ${context.redisKeyPrefix}: ${error.message}`));
      if (more) await more();
      return ok;
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      step(`${signal} received; cleaning up`);
      void cleanUp().finally(() => process.exit(1));
    });
  }
  return cleanUp;
}

/** After a failure: the last output of every child that printed anything. */
function printLastOutput(children: NodeScript[]): void {
  for (const child of children) {
    const output = child.output();
    if (output) console.log(`[bench] last output of the ${child.name} (${child.describeExit()}):\n${output}`);
  }
}

/**
 * Runs a benchmark's body, which resolves true when it saw a failure it reported itself. When the body throws, prints
 * the error and the children's last output. Always cleans up. Resolves the exit code: 0, or 1 when anything failed.
 */
export async function runAndCleanUp(
  children: NodeScript[],
  cleanUp: () => Promise<boolean>,
  body: () => Promise<boolean>,
): Promise<number> {
  let failed = false;
  try {
    failed = await body();
  } catch (error) {
    failed = true;
    console.log(`\n[bench] FAILED: ${(error as Error).message}`);
    printLastOutput(children);
  } finally {
    if (!(await cleanUp())) failed = true;
  }
  return failed ? 1 : 0;
}

/** Runs a command to completion and resolves its stdout and stderr together; on failure prints them and rejects. */
export function capture(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(output);
      console.log(output.trimEnd());
      reject(new Error(`\`${command} ${args.join(' ')}\` exited with ${signal ?? `code ${code}`}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux; elsewhere the readings are null or 0 and the reports say "?").

const CLOCK_TICKS = 100; // USER_HZ; 100 on every Linux the benchmarks run on

/** Machine-wide CPU time from /proc/stat, in ticks: all of it, the idle part (with iowait) and what the hypervisor stole. */
export function machineCpu(): { total: number; idle: number; steal: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3] + fields[4], steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * Between two machineCpu() readings: the CPU seconds all cpus worked, the share of them that worked and the share
 * the hypervisor stole.
 */
export function machineShares(
  before: ReturnType<typeof machineCpu>,
  after: ReturnType<typeof machineCpu>,
): { busySeconds: number; busy: string; steal: string } {
  if (!before || !after || after.total <= before.total) return { busySeconds: NaN, busy: '?', steal: '?' };
  const total = after.total - before.total;
  const steal = after.steal - before.steal;
  const busy = total - (after.idle - before.idle) - steal;
  return {
    busySeconds: busy / CLOCK_TICKS,
    busy: `${((100 * busy) / total).toFixed(0)}%`,
    steal: `${((100 * steal) / total).toFixed(1)}%`,
  };
}

/** User + system CPU seconds of one process, or null when it is gone. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** User + system CPU seconds of this process's children that have exited and been waited for (pgbench, npm). */
export function exitedChildrenCpuSeconds(): number {
  try {
    const text = readFileSync('/proc/self/stat', 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** CPU seconds of every process whose name starts with "postgres", by pid. */
export function postgresCpu(): Map<number, number> {
  const result = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
    } catch {
      continue;
    }
    const cpu = processCpuSeconds(Number(entry));
    if (cpu !== null) result.set(Number(entry), cpu);
  }
  return result;
}

/**
 * Starts counting the CPU of the Postgres processes; the returned function stops counting and returns the seconds.
 * Samples every 250 ms, so backends that exit meanwhile (pgbench's connections) count up to their last sample.
 */
export function trackPostgresCpu(): () => number {
  const start = postgresCpu();
  const last = new Map(start);
  const sample = () => {
    for (const [pid, cpu] of postgresCpu()) last.set(pid, cpu);
  };
  const timer = setInterval(sample, 250);
  return () => {
    clearInterval(timer);
    sample();
    let total = 0;
    for (const [pid, cpu] of last) total += cpu - (start.get(pid) ?? 0);
    return total;
  };
}

/** VmRSS / VmHWM of a process in bytes, or null when it is gone (or /proc is not there). */
export function procMemory(pid: number | undefined): { rss: number; hwm: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What a phase cost

export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '?');

/**
 * What a phase cost: wall time; CPU seconds of this process (autocannon, or the rescoring service), of Postgres, of
 * the API (when given) and of children that exited (pgbench); how busy all cpus were and how much was stolen.
 */
export interface Cost {
  ms: number;
  note: string;
  /** CPU seconds used by neither this process, Postgres, the API nor pgbench: kernel network work, other processes. */
  rest: number;
  /** Share of the machine's CPU time the hypervisor stole, in percent (NaN when unknown). */
  stealPct: number;
  /** Share of the machine's CPU time spent working, in percent (NaN when unknown). */
  busyPct: number;
}

export async function measure<T>(work: () => Promise<T>, apiPid?: number): Promise<{ value: T; cost: Cost }> {
  const [t0, self0, children0, machine0, api0] = [
    performance.now(),
    process.cpuUsage(),
    exitedChildrenCpuSeconds(),
    machineCpu(),
    processCpuSeconds(apiPid),
  ];
  const stopPostgres = trackPostgresCpu();
  let value: T;
  try {
    value = await work();
  } catch (error) {
    stopPostgres(); // its sampling timer would keep the process alive
    throw error;
  }
  const ms = performance.now() - t0;
  const pg = stopPostgres();
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
  return { value, cost: { ms, note, rest, stealPct: parseFloat(shares.steal), busyPct: parseFloat(shares.busy) } };
}

// ---------------------------------------------------------------------------------------------------------------
// Results, tables, database size, disk space

/** Writes the benchmark's figures to BENCH_RESULT_FILE as JSON, when it is set (the suite reads them from there). */
export function writeResult(result: object): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) return;
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  step(`figures written to ${file}`);
}

/**
 * A Markdown table; text columns left-aligned, numbers right-aligned. `text`: how many leading columns are text
 * (default 1), or the indexes of the text columns.
 */
export function markdown(header: string[], rows: string[][], text: number | number[] = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const left = (i: number) => (typeof text === 'number' ? i < text : text.includes(i));
  const cells = (r: string[]) =>
    `| ${r.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    cells(header),
    `|${widths.map((w, i) => (left(i) ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`,
    ...rows.map(cells),
  ].join('\n');
}

export async function databaseBytes(url: string): Promise<number> {
  return withClient(url, async (client) =>
    Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n),
  );
}

/** Free bytes on the file system holding Postgres's data directory, or null when it cannot be seen from here. */
export async function postgresDiskFree(adminUrl: string): Promise<{ path: string; free: number } | null> {
  try {
    const path = await withClient(
      adminUrl,
      async (client) => (await client.query('SHOW data_directory')).rows[0].data_directory as string,
    );
    const stats = statfsSync(path);
    return { path, free: stats.bavail * stats.bsize };
  } catch {
    return null; // not a superuser, or Postgres runs on another machine
  }
}

/**
 * Refuses to start a run that needs about `needed` bytes in Postgres's data directory when less than that is free
 * (BENCH_SKIP_DISK_CHECK=1 to go on anyway). Prints what it found.
 */
export async function requireDiskSpace(context: BenchContext, needed: number, what: string): Promise<void> {
  const gib = (n: number) => (n / 2 ** 30).toFixed(1);
  const disk = await postgresDiskFree(context.adminUrl);
  if (!disk) {
    step(`disk check: cannot see Postgres's data directory from here; ${what} needs about ${gib(needed)} GiB`);
    return;
  }
  step(`disk check: ${gib(disk.free)} GiB free under ${disk.path}; ${what} needs about ${gib(needed)} GiB`);
  if (disk.free < needed && process.env.BENCH_SKIP_DISK_CHECK !== '1') {
    throw new Error(
      `not enough disk for ${what}: ${gib(disk.free)} GiB free, about ${gib(needed)} GiB needed (BENCH_SKIP_DISK_CHECK=1 to try anyway)`,
    );
  }
}

/**
 * runAndCleanUp, then writeResult({ bench, ok, error, startedAt, ...figures }): the body fills `figures` as it
 * measures, so the suite gets what was measured even when a later step fails.
 */
export async function runCleanUpAndReport(
  bench: string,
  figures: Record<string, unknown>,
  children: NodeScript[],
  cleanUp: () => Promise<boolean>,
  body: () => Promise<boolean>,
): Promise<number> {
  const startedAt = new Date().toISOString();
  let error: string | null = null;
  const code = await runAndCleanUp(children, cleanUp, () =>
    body().catch((e: Error) => {
      error = e.message;
      throw e;
    }),
  );
  writeResult({
    bench,
    ok: code === 0,
    error: error ?? (code === 0 ? null : 'failed (see the output)'),
    startedAt,
    ...figures,
  });
  return code;
}
