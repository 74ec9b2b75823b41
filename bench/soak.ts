/**
 * Soak: the API and the worker on the 100,000-borrower network for 10 minutes, profile queries arriving at a fixed
 * rate of half the measured capacity (bench/open-loop.ts, latency from each request's scheduled time) and a trickle of
 * JSON submissions (new loans of known members, which the worker then rescores). Passes when no request failed (no
 * non-2xx answer, no error, no timeout) and the memory of both processes stayed flat.
 *
 *   npm run bench:soak
 *   SOAK_SECONDS=60 SOAK_RATE=300 SOAK_BORROWERS=10000 npm run bench:soak
 *
 * Environment:
 *   SOAK_SECONDS        length of the soak (default 600)
 *   SOAK_RATE           profile queries per second (default: half the req/s autocannon measures first at 50
 *                       connections for SOAK_CAPACITY_SECONDS, default 20; the suite passes the figure of its profile run)
 *   SOAK_BORROWERS      borrowers in the network (default 100000); SOAK_CONSENTS: the ones queried (default 20000)
 *   SOAK_SUBMIT_EVERY_S seconds between JSON submissions (default 2); SOAK_SUBMIT_RECORDS records in each (default 20)
 *   SOAK_SAMPLE_S       seconds between memory samples of the API and the worker (default 10)
 *   SOAK_BUCKET_S       seconds per row of the per-minute table (default 60)
 *   SOAK_MAX_SLOPE_MB_PER_MIN  the largest growth of the RSS floor still called flat, MB/min (default 2)
 *   BENCH_POOL          DATABASE_POOL_SIZE of the API (default 20); BENCH_PORT preferred port (default 3905)
 *   BENCH_ADMIN_URL, BENCH_KEEP_DB, BENCH_RESULT_FILE, REDIS_URL: see bench/support.ts
 *
 * Memory: RSS from /proc/<pid>/status, heap from process.memoryUsage() written by bench/memory-probe.js, which the
 * soak preloads into both children (NODE_OPTIONS=--require). Flatness: memory rises between garbage collections and
 * falls at each major one (a saw tooth of a minute or two), so the verdict compares floors: the lowest RSS of the
 * second third of the soak with the lowest of the last third, as MB per minute between the thirds' middles; flat when
 * that is at most SOAK_MAX_SLOPE_MB_PER_MIN. The first third is warm-up (caches, JIT, pools filling). The least-squares
 * slope of RSS and of the heap in use over the last two thirds are reported beside it.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeRescoringContext, Phase, prepareNetwork, profileRequests, waitForFirstSeal } from './network-setup';
import { BucketFigures, latencyFigures, LatencyFigures, openLoop } from './open-loop';
import { LoadedNetwork } from './profile-network';
import {
  benchContext,
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
  procMemory,
  requireDiskSpace,
  ROOT,
  run,
  runAndCleanUp,
  step,
  waitUntilReady,
  withClient,
  writeResult,
} from './support';

const BENCH = benchContext('kcx_bench_soak');
const CONNECTIONS = 50;
const TIMEOUT_MS = 10_000;
const MB = 2 ** 20;

export interface MemorySample {
  /** Seconds since the soak began (negative: before it). */
  t: number;
  api: ProcessMemory | null;
  worker: ProcessMemory | null;
}

interface ProcessMemory {
  rssMb: number;
  heapUsedMb: number | null;
  heapTotalMb: number | null;
}

export interface SoakMinute {
  index: number;
  /** Profile queries scheduled in the bucket, answered 2xx, failed (non-2xx, errors, timeouts). */
  scheduled: number;
  ok: number;
  failed: number;
  requestsPerSecond: number;
  latency: LatencyFigures;
  submissions: number;
  submissionsFailed: number;
  apiRssMb: number | null;
  workerRssMb: number | null;
}

export interface Flatness {
  startMb: number | null;
  middleMb: number | null;
  endMb: number | null;
  /** Lowest RSS in the second third and in the last third of the soak. */
  floorSecondThirdMb: number | null;
  floorLastThirdMb: number | null;
  /** Growth of the RSS floor from the second third to the last, MB/min: the verdict. */
  floorGrowthMbPerMin: number | null;
  /** The same for the heap in use. */
  heapFloorGrowthMbPerMin: number | null;
  /** Least-squares slope of RSS over the last two thirds, MB/min (saw-tooth sensitive; for information). */
  rssSlopeMbPerMin: number | null;
  heapSlopeMbPerMin: number | null;
  flat: boolean;
}

export interface SoakResult {
  bench: 'soak';
  /** Length of a row of `minutes` (60 unless SOAK_BUCKET_S says otherwise). */
  bucketSeconds: number;
  ok: boolean;
  error: string | null;
  startedAt: string;
  seconds: number;
  rate: number;
  rateSource: string;
  capacity: number | null;
  network: { borrowers: number; consents: number; records: number } | null;
  queries: {
    scheduled: number;
    ok: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    achievedRate: number;
    latency: LatencyFigures;
    maxSendLagMs: number;
  } | null;
  submissions: {
    sent: number;
    ok: number;
    failed: number;
    records: number;
    latency: LatencyFigures;
    everySeconds: number;
    recordsEach: number;
  };
  minutes: SoakMinute[];
  memory: {
    samples: MemorySample[];
    api: Flatness | null;
    worker: Flatness | null;
    maxSlopeMbPerMin: number;
    sampleSeconds: number;
  };
  afterwards: {
    recalcPendingAtEnd: number;
    recalcDrainedSeconds: number | null;
    auditEvents: number;
    auditSealed: number;
    databaseBytesBefore: number;
    databaseBytesAfter: number;
  } | null;
  loadAverage: { before: string; after: string };
  problems: string[];
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

export function flatness(
  samples: MemorySample[],
  which: 'api' | 'worker',
  seconds: number,
  maxGrowth: number,
): Flatness | null {
  const during = samples.filter((s) => s.t >= 0 && s[which]);
  if (during.length === 0) return null;
  const at = (t: number) =>
    during.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best))[which]!.rssMb;
  const tail = during.filter((s) => s.t >= seconds / 3);
  const heapOf = (s: MemorySample) => s[which]!.heapUsedMb;
  const floor = (from: number, to: number, value: (s: MemorySample) => number | null): number | null => {
    const values = during
      .filter((s) => s.t >= from && s.t <= to)
      .map(value)
      .filter((v): v is number => v !== null);
    return values.length ? Math.min(...values) : null;
  };
  // The middles of the second and last thirds are a third of the soak apart.
  const growth = (a: number | null, b: number | null) =>
    a === null || b === null ? null : (b - a) / (seconds / 3 / 60);
  const second = floor(seconds / 3, (2 * seconds) / 3, (s) => s[which]!.rssMb);
  const last = floor((2 * seconds) / 3, seconds + 1, (s) => s[which]!.rssMb);
  const floorGrowth = growth(second, last);
  return {
    startMb: at(0),
    middleMb: at(seconds / 2),
    endMb: at(seconds),
    floorSecondThirdMb: second,
    floorLastThirdMb: last,
    floorGrowthMbPerMin: floorGrowth,
    heapFloorGrowthMbPerMin: growth(
      floor(seconds / 3, (2 * seconds) / 3, heapOf),
      floor((2 * seconds) / 3, seconds + 1, heapOf),
    ),
    rssSlopeMbPerMin: slope(tail.map((s) => [s.t / 60, s[which]!.rssMb])),
    heapSlopeMbPerMin: slope(
      tail.filter((s) => heapOf(s) !== null).map((s): [number, number] => [s.t / 60, heapOf(s)!]),
    ),
    flat: floorGrowth !== null && floorGrowth <= maxGrowth,
  };
}

/** The newest line the memory probe wrote, or null. */
function probeReading(file: string): { heapUsed: number; heapTotal: number } | null {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    return JSON.parse(lines[lines.length - 1]) as { heapUsed: number; heapTotal: number };
  } catch {
    return null;
  }
}

function readMemory(child: NodeScript, probeFile: string): ProcessMemory | null {
  const proc = procMemory(child.pid);
  if (!proc) return null;
  const probe = probeReading(probeFile);
  return {
    rssMb: proc.rss / MB,
    heapUsedMb: probe ? probe.heapUsed / MB : null,
    heapTotalMb: probe ? probe.heapTotal / MB : null,
  };
}

const addMonths = (period: string, months: number): string => {
  const [y, m] = period.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** JSON submissions of new loans of known members, round robin over the coops; each one's records are new loans. */
function submissionMaker(network: LoadedNetwork, recordsEach: number, runId: string) {
  let sequence = 0;
  let coopIndex = 0;
  return () => {
    const coop = network.coops[coopIndex++ % network.coops.length];
    const records = Array.from({ length: recordsEach }, () => {
      const n = ++sequence;
      const member = coop.members[n % coop.members.length];
      return {
        nik: member.nik,
        fullName: member.fullName,
        birthDate: member.birthDate,
        loanRef: `SOAK-${runId}-${n}`,
        facilityType: 'INSTALLMENT',
        principal: 5_000_000,
        creditLimit: 5_000_000,
        disbursedAt: `${network.endPeriod}-01`,
        maturityDate: `${addMonths(network.endPeriod, 12)}-01`,
        condition: '00',
        period: network.endPeriod,
        outstanding: 4_600_000,
        arrearsPrincipal: 0,
        arrearsInterest: 0,
        daysPastDue: 0,
        paidAmount: 400_000,
        restructureCount: 0,
      };
    });
    return { key: coop.submitterKey, body: JSON.stringify({ mode: 'STRICT', records }), count: records.length };
  };
}

const children: NodeScript[] = [];
let tempDir: string | null = null;
const cleanUp = cleanUpOnce(BENCH, children, async () => {
  await closeRescoringContext();
  if (tempDir) await rm(tempDir, { recursive: true, force: true }).then(() => step(`deleted ${tempDir}`));
});

async function main(): Promise<number> {
  const seconds = positiveInt('SOAK_SECONDS', 600, 5);
  const rateSetting = process.env.SOAK_RATE ? positiveInt('SOAK_RATE', 1, 1) : null;
  const capacitySeconds = positiveInt('SOAK_CAPACITY_SECONDS', 20, 1);
  const borrowers = positiveInt('SOAK_BORROWERS', 100_000, 100);
  const consents = Math.min(positiveInt('SOAK_CONSENTS', 20_000, 1), borrowers);
  const coops = positiveInt('BENCH_COOPS', 4, 1);
  const submitEvery = positiveInt('SOAK_SUBMIT_EVERY_S', 2, 1);
  const recordsEach = positiveInt('SOAK_SUBMIT_RECORDS', 20, 1);
  const sampleSeconds = positiveInt('SOAK_SAMPLE_S', 10, 1);
  const bucketSeconds = positiveInt('SOAK_BUCKET_S', 60, 1);
  const maxSlope = Number(process.env.SOAK_MAX_SLOPE_MB_PER_MIN ?? 2);
  const pool = positiveInt('BENCH_POOL', 20, 1);
  const preferredPort = positiveInt('BENCH_PORT', 3905, 1);
  const loadBefore = loadAverage();
  const cpus = os.cpus();
  console.log('Soak');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(
    `machine:  ${cpus.length} cpus (${cpus[0]?.model ?? 'unknown'}), ${fixed(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; load avg ${loadBefore}`,
  );
  console.log(`network:  ${borrowers} borrowers at ${coops} coops; ${consents} consented borrowers queried`);
  console.log(
    `load:     ${seconds} s of profile queries at ${rateSetting ?? `half the capacity measured first (${capacitySeconds} s at ${CONNECTIONS} connections)`} req/s, ` +
      `a JSON submission of ${recordsEach} records every ${submitEvery} s; memory sampled every ${sampleSeconds} s\n`,
  );

  const result: SoakResult = {
    bench: 'soak',
    bucketSeconds,
    ok: false,
    error: null,
    startedAt: new Date().toISOString(),
    seconds,
    rate: rateSetting ?? 0,
    rateSource: rateSetting ? 'SOAK_RATE' : 'half the capacity measured by the soak',
    capacity: null,
    network: null,
    queries: null,
    submissions: {
      sent: 0,
      ok: 0,
      failed: 0,
      records: 0,
      latency: latencyFigures([]),
      everySeconds: submitEvery,
      recordsEach,
    },
    minutes: [],
    memory: { samples: [], api: null, worker: null, maxSlopeMbPerMin: maxSlope, sampleSeconds },
    afterwards: null,
    loadAverage: { before: loadBefore, after: '' },
    problems: [],
  };
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
  result.loadAverage.after = loadAverage();
  writeResult(result);
  return code;

  async function body(): Promise<boolean> {
    const phases: [string, Cost][] = [];
    const phase: Phase = async (name, work, apiPid) => {
      step(name);
      const measured = await measure(work, apiPid);
      phases.push([name, measured.cost]);
      return measured;
    };
    await requireDiskSpace(
      BENCH,
      2 * 2 ** 30 + borrowers * 12_000,
      `the soak's ${borrowers.toLocaleString('en-US')}-borrower network`,
    );
    await phase('build dist/ if stale (scripts/ensure-built.js)', () =>
      run(process.execPath, ['scripts/ensure-built.js'], process.env),
    );
    const { network, databaseBytes } = await prepareNetwork(
      BENCH,
      { borrowers, coops, consents, rescoreRuns: 1 },
      phase,
    );
    result.network = {
      borrowers: network.counts.borrowers,
      consents: network.counts.consents,
      records: network.counts.records,
    };

    tempDir = await mkdtemp(join(os.tmpdir(), 'kcx-bench-soak-'));
    const probe = { api: join(tempDir, 'api-memory.jsonl'), worker: join(tempDir, 'worker-memory.jsonl') };
    const probeEnv = (file: string) => ({
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(ROOT, 'bench', 'memory-probe.js')}`.trim(),
      KCX_BENCH_MEMORY_FILE: file,
      KCX_BENCH_MEMORY_EVERY_MS: String(Math.min(sampleSeconds * 1000, 10_000)),
    });
    const port = await choosePort(preferredPort);
    const baseUrl = `http://127.0.0.1:${port}`;
    const common = { REDIS_URL: BENCH.redisUrl, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' };
    const worker = new NodeScript(
      'worker',
      'dist/src/worker.js',
      childEnv(BENCH, { ...common, DATABASE_POOL_SIZE: '5', ...probeEnv(probe.worker) }),
    );
    children.push(worker);
    const api = new NodeScript(
      'API',
      'dist/src/main.js',
      childEnv(BENCH, {
        ...common,
        PORT: String(port),
        HOST: '127.0.0.1',
        WORKER_IN_PROCESS: 'false',
        DATABASE_POOL_SIZE: String(pool),
        ...probeEnv(probe.api),
      }),
    );
    children.push(api);
    const alive = () => {
      if (api.hasExited) throw new Error(`the API ${api.describeExit()}`);
      if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()}`);
    };
    await phase(`start the worker and the API on port ${port}`, () => waitUntilReady(baseUrl, alive));

    const nextProfile = profileRequests(network);
    const nextSubmission = submissionMaker(network, recordsEach, BENCH.redisKeyPrefix.slice(-8));
    const first = nextProfile();
    const answer = await fetch(`${baseUrl}${first.path}`, {
      method: first.method,
      headers: first.headers,
      body: first.body,
    });
    if (answer.status !== 200)
      throw new Error(`the profile query answered ${answer.status}: ${(await answer.text()).slice(0, 500)}`);
    const submit = async (): Promise<{ ok: boolean; ms: number; records: number; detail: string }> => {
      const s = nextSubmission();
      const t0 = performance.now();
      try {
        const response = await fetch(`${baseUrl}/api/v1/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': s.key },
          body: s.body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const text = await response.text();
        const ms = performance.now() - t0;
        if (response.status !== 201)
          return { ok: false, ms, records: s.count, detail: `HTTP ${response.status}: ${text.slice(0, 300)}` };
        const accepted = (JSON.parse(text) as { accepted?: number }).accepted;
        if (accepted !== s.count)
          return {
            ok: false,
            ms,
            records: s.count,
            detail: `accepted ${accepted} of ${s.count}: ${text.slice(0, 300)}`,
          };
        return { ok: true, ms, records: s.count, detail: '' };
      } catch (error) {
        return { ok: false, ms: performance.now() - t0, records: s.count, detail: (error as Error).message };
      }
    };
    const check = await submit();
    if (!check.ok) throw new Error(`the first JSON submission failed: ${check.detail}`);
    step(`sanity check: profile query 200, JSON submission of ${recordsEach} records 201`);
    await phase("wait for the worker's first seal", () => waitForFirstSeal(BENCH, worker));

    let rate = rateSetting;
    if (rate === null) {
      const route = {
        method: 'POST',
        path: '/api/v1/profiles/query',
        setupRequest: (r: autocannon.Request) => ({ ...r, ...nextProfile() }),
      };
      await autocannon({ url: baseUrl, connections: CONNECTIONS, duration: 3, requests: [route] });
      const { value: measured } = await phase(
        `capacity: autocannon ${capacitySeconds} s at ${CONNECTIONS} connections`,
        () => autocannon({ url: baseUrl, connections: CONNECTIONS, duration: capacitySeconds, requests: [route] }),
        api.pid,
      );
      if (measured.non2xx > 0 || measured.errors > 0)
        problem(`capacity run: non2xx=${measured.non2xx} errors=${measured.errors}`);
      result.capacity = measured.requests.average;
      rate = Math.max(1, Math.round(measured.requests.average / 2));
      step(
        `  capacity ${fixed(measured.requests.average)} req/s (p99 ${measured.latency.p99} ms): soaking at ${rate} req/s`,
      );
    }
    result.rate = rate;

    // ------------------------------------------------------------------------------------------------ the soak
    const startedAt = performance.now();
    const elapsed = () => (performance.now() - startedAt) / 1000;
    const samples = result.memory.samples;
    const sample = () =>
      samples.push({
        t: Math.round(elapsed() * 10) / 10,
        api: readMemory(api, probe.api),
        worker: readMemory(worker, probe.worker),
      });
    samples.push({ t: 0, api: readMemory(api, probe.api), worker: readMemory(worker, probe.worker) });
    const sampler = setInterval(sample, sampleSeconds * 1000);
    const databaseBytesBefore = await withClient(BENCH.databaseUrl, async (c) =>
      Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n),
    );

    const submissionLatencies: number[] = [];
    const submissionsByBucket = new Map<number, { sent: number; failed: number }>();
    let soaking = true;
    const trickle = (async () => {
      let next = submitEvery;
      while (soaking) {
        await sleep(Math.max(0, (next - elapsed()) * 1000));
        if (!soaking) break;
        next += submitEvery;
        const bucket = Math.floor(elapsed() / bucketSeconds);
        const r = await submit();
        const counts = submissionsByBucket.get(bucket) ?? { sent: 0, failed: 0 };
        counts.sent++;
        result.submissions.sent++;
        result.submissions.records += r.records;
        if (r.ok) {
          result.submissions.ok++;
          submissionLatencies.push(r.ms);
        } else {
          counts.failed++;
          result.submissions.failed++;
          if (result.submissions.failed <= 5) problem(`JSON submission failed: ${r.detail}`);
        }
        submissionsByBucket.set(bucket, counts);
      }
    })();

    const buckets: BucketFigures[] = [];
    const bucketName = bucketSeconds === 60 ? 'minute' : `${bucketSeconds} s interval`;
    const onBucket = (b: BucketFigures) => {
      buckets.push(b);
      const memory = samples[samples.length - 1];
      step(
        `  ${bucketName} ${b.index + 1}: ${b.ok}/${b.scheduled} ok, p50 ${fixed(b.latency.p50)} ms, p99 ${fixed(b.latency.p99)} ms, max ${fixed(b.latency.max)} ms; ` +
          `API RSS ${fixed(memory.api?.rssMb ?? NaN)} MB, worker RSS ${fixed(memory.worker?.rssMb ?? NaN)} MB; load avg ${loadAverage()}`,
      );
    };
    step(
      `soak: ${seconds} s at ${rate} req/s (${CONNECTIONS} keep-alive sockets at most, ${TIMEOUT_MS / 1000} s timeout), a submission every ${submitEvery} s`,
    );
    const open = await phase(
      `soak ${seconds} s`,
      () =>
        openLoop({
          baseUrl,
          rate: rate!,
          seconds,
          connections: CONNECTIONS,
          timeoutMs: TIMEOUT_MS,
          next: nextProfile,
          bucketMs: bucketSeconds * 1000,
          onBucket,
        }),
      api.pid,
    );
    soaking = false;
    await trickle;
    clearInterval(sampler);
    sample();
    alive();
    const q = open.value;
    result.queries = {
      scheduled: q.scheduled,
      ok: q.ok,
      non2xx: q.non2xx,
      errors: q.errors,
      timeouts: q.timeouts,
      achievedRate: q.achievedRate,
      latency: q.latency,
      maxSendLagMs: q.maxSendLagMs,
    };
    if (q.non2xx > 0 || q.errors > 0)
      problem(
        `profile queries: non2xx=${q.non2xx} errors=${q.errors} (timeouts ${q.timeouts}); ${q.firstErrors.slice(0, 3).join(' | ')}`,
      );
    result.submissions.latency = latencyFigures(submissionLatencies);

    const memoryAt = (which: 'api' | 'worker', t: number) => {
      const candidates = samples.filter((s) => s.t <= t && s[which]);
      return candidates.length ? candidates[candidates.length - 1][which]!.rssMb : null;
    };
    result.minutes = buckets.map((b) => {
      const subs = submissionsByBucket.get(b.index) ?? { sent: 0, failed: 0 };
      const end = Math.min(seconds, (b.index + 1) * bucketSeconds);
      const length = end - b.index * bucketSeconds;
      return {
        index: b.index,
        scheduled: b.scheduled,
        ok: b.ok,
        failed: b.non2xx + b.errors,
        requestsPerSecond: b.ok / length,
        latency: b.latency,
        submissions: subs.sent,
        submissionsFailed: subs.failed,
        apiRssMb: memoryAt('api', end + 0.5),
        workerRssMb: memoryAt('worker', end + 0.5),
      };
    });
    result.memory.api = flatness(samples, 'api', seconds, maxSlope);
    result.memory.worker = flatness(samples, 'worker', seconds, maxSlope);
    for (const which of ['api', 'worker'] as const) {
      const f = result.memory[which];
      if (!f) problem(`no memory samples of the ${which}`);
      else if (!f.flat)
        problem(
          `${which} RSS floor grew ${fixed(f.floorGrowthMbPerMin ?? NaN, 2)} MB/min from the second third to the last (flat: <= ${maxSlope})`,
        );
    }

    // Afterwards: the worker catches up with the submissions' rescoring; the sealer with the audit events.
    const drainStarted = performance.now();
    let pending = -1;
    let recalcPendingAtEnd = -1;
    for (;;) {
      pending = await withClient(BENCH.databaseUrl, async (c) =>
        Number((await c.query('SELECT count(*) AS n FROM risk_recalc_markers')).rows[0].n),
      );
      if (recalcPendingAtEnd < 0) recalcPendingAtEnd = pending;
      if (pending === 0 || performance.now() - drainStarted > 120_000) break;
      await sleep(500);
    }
    const drainedSeconds = pending === 0 ? (performance.now() - drainStarted) / 1000 : null;
    if (pending > 0) problem(`${pending} borrowers still waiting for rescoring 120 s after the soak`);
    await sleep(6000); // one more sealer run (AUDIT_SEAL_EVERY_MS, default 5 s)
    const after = await withClient(BENCH.databaseUrl, async (c) => {
      const {
        rows: [r],
      } = await c.query(
        `SELECT (SELECT count(*) FROM audit_events)::bigint::text AS events, (SELECT count(*) FROM audit_chain)::bigint::text AS sealed,
                pg_database_size(current_database())::text AS bytes`,
      );
      return { events: Number(r.events), sealed: Number(r.sealed), bytes: Number(r.bytes) };
    });
    result.afterwards = {
      recalcPendingAtEnd,
      recalcDrainedSeconds: drainedSeconds,
      auditEvents: after.events,
      auditSealed: after.sealed,
      databaseBytesBefore,
      databaseBytesAfter: after.bytes,
    };
    alive();

    // ---------------------------------------------------------------------------------------------------- report
    console.log(
      `\nSoak: ${seconds} s at ${rate} req/s (${result.rateSource}); network ${network.counts.borrowers} borrowers, database ${fixed(databaseBytes / MB, 0)} MiB before`,
    );
    console.log(
      markdown(
        [
          bucketName,
          'scheduled',
          'ok',
          'failed',
          'req/s',
          'p50 ms',
          'p99 ms',
          'max ms',
          'submissions',
          'API RSS MB',
          'worker RSS MB',
        ],
        result.minutes.map((m) => [
          String(m.index + 1),
          String(m.scheduled),
          String(m.ok),
          String(m.failed),
          fixed(m.requestsPerSecond),
          fixed(m.latency.p50),
          fixed(m.latency.p99),
          fixed(m.latency.max),
          `${m.submissions - m.submissionsFailed}/${m.submissions}`,
          fixed(m.apiRssMb ?? NaN),
          fixed(m.workerRssMb ?? NaN),
        ]),
      ),
    );
    const l = q.latency;
    console.log(
      `\nprofile queries: ${q.ok} of ${q.scheduled} answered 2xx (${fixed(q.achievedRate)} req/s); non-2xx ${q.non2xx}, errors ${q.errors}, timeouts ${q.timeouts}; p50 ${fixed(l.p50)} ms, p90 ${fixed(l.p90)} ms, p99 ${fixed(l.p99)} ms, max ${fixed(l.max)} ms; largest send lag ${fixed(q.maxSendLagMs)} ms`,
    );
    console.log(
      `JSON submissions: ${result.submissions.ok} of ${result.submissions.sent} created (${result.submissions.records} records); p50 ${fixed(result.submissions.latency.p50)} ms, p99 ${fixed(result.submissions.latency.p99)} ms`,
    );
    for (const which of ['api', 'worker'] as const) {
      const f = result.memory[which];
      if (f) {
        console.log(
          `${which} RSS: ${fixed(f.startMb ?? NaN)} MB at the start, ${fixed(f.middleMb ?? NaN)} MB in the middle, ${fixed(f.endMb ?? NaN)} MB at the end; ` +
            `lowest ${fixed(f.floorSecondThirdMb ?? NaN)} MB in the second third, ${fixed(f.floorLastThirdMb ?? NaN)} MB in the last: ${fixed(f.floorGrowthMbPerMin ?? NaN, 2)} MB/min ` +
            `(heap in use ${fixed(f.heapFloorGrowthMbPerMin ?? NaN, 2)} MB/min; least-squares RSS slope ${fixed(f.rssSlopeMbPerMin ?? NaN, 2)} MB/min) -> ${f.flat ? 'flat' : 'NOT flat'}`,
        );
      }
    }
    console.log(
      `afterwards: ${recalcPendingAtEnd} borrowers waiting for rescoring when the soak ended, ${pending} after ${fixed(result.afterwards.recalcDrainedSeconds ?? NaN)} s; ` +
        `audit events ${after.events}, sealed ${after.sealed}; database ${fixed(databaseBytesBefore / MB, 0)} -> ${fixed(after.bytes / MB, 0)} MiB`,
    );
    console.log(
      `verdict: ${result.problems.length === 0 ? 'PASS (0 errors, memory flat)' : `FAIL: ${result.problems.join('; ')}`}`,
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
