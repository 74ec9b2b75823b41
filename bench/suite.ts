/**
 * The benchmark suite: runs the benchmarks one after another, each as its own `npm run bench:*` with
 * BENCH_RESULT_FILE set, collects their figures and writes docs/benchmarks.md (bench/report.ts) with the machine, the
 * commands and the figures.
 *
 *   npm run bench                                      the full suite (about 45 minutes; see docs/benchmarks.md)
 *   BENCH_SUITE=profile,soak SOAK_SECONDS=120 npm run bench
 *   npx ts-node --transpile-only bench/report.ts <dir>/results.json   rewrite the document from a run's figures
 *
 * Steps, in order (BENCH_SUITE picks some, by these names; default all):
 *   profile       bench:profile on BENCH_PROFILE_BORROWERS (default 100000): rescoring, the profile query at 50 and 1
 *                 connections and at a fixed rate of half its capacity, GET /health/live, pgbench
 *   scale         bench:profile without baselines at each of BENCH_SCALE_SIZES (default 10000,1000000), consents for
 *                 a fifth of the borrowers, one rescoring
 *   ingest        bench:ingest, a BENCH_INGEST_ROWS-row CSV (default 500000) through the API beside COPY
 *   monitoring    bench:monitoring, BENCH_MONITORING_BORROWERS enrolled borrowers (default 100000) at 20 coops, a
 *                 month-end CSV of 50,000 rows at one more coop touching 10,000 of them: alerts and webhooks after
 *                 the commit, the profile query's throughput beside it
 *   audit-verify  bench:audit-verify, BENCH_AUDIT_EVENTS events (default 1000000) sealed and verified
 *   audit-export  bench:audit-export, BENCH_EXPORT_ROWS events (default 1000000) exported as CSV
 *   auth          bench:auth, the authentication guard beside a public route
 *   soak          bench:soak for SOAK_SECONDS (default 600) at half the capacity the profile step measured
 *
 * Other settings: BENCH_SECONDS (seconds per measured run, passed to every step), BENCH_DOC (default
 * docs/benchmarks.md), BENCH_SUITE_OUT (where the logs and results.json go; default a new kcx-bench-suite-* directory
 * under the temp directory, kept). A failed step does not stop the suite; the document says which failed and the
 * exit code is 1. Interrupted (Ctrl-C), the suite lets the running step clean up and writes no document.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { describeMachine } from './machine';
import { renderReport, StepRecord, SuiteResults } from './report';
import { benchContext, machineCpu, machineShares, positiveInt, requireDiskSpace, ROOT, run, step } from './support';

interface Step {
  name: string;
  group: string;
  script: string;
  env: Record<string, string>;
  what: string;
}

const GROUPS = ['profile', 'scale', 'ingest', 'monitoring', 'audit-verify', 'audit-export', 'auth', 'soak'];
/** What the largest step needs on disk, with room: a loaded 1,000,000-borrower network is ~6 GB, plus WAL. */
const DISK_BYTES_PER_BORROWER = 12_000;

function sizes(name: string, fallback: string): number[] {
  const raw = process.env[name] ?? fallback;
  const values = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 100 || v > 1_000_000))
    throw new Error(`${name} must list borrower counts from 100 to 1000000, got "${raw}"`);
  return values;
}

function plan(): { steps: Step[]; settings: Record<string, string> } {
  const profileBorrowers = positiveInt('BENCH_PROFILE_BORROWERS', 100_000, 100);
  const scaleSizes = sizes('BENCH_SCALE_SIZES', '10000,1000000');
  const ingestRows = positiveInt('BENCH_INGEST_ROWS', 500_000, 1);
  const monitoringBorrowers = positiveInt('BENCH_MONITORING_BORROWERS', 100_000, 100);
  const auditEvents = positiveInt('BENCH_AUDIT_EVENTS', 1_000_000, 1);
  const exportRows = positiveInt('BENCH_EXPORT_ROWS', 1_000_000, 1);
  const soakSeconds = positiveInt('SOAK_SECONDS', 600, 5);
  const soakBorrowers = positiveInt('SOAK_BORROWERS', profileBorrowers, 100);
  const wanted = (process.env.BENCH_SUITE ?? GROUPS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((g) => !GROUPS.includes(g));
  if (unknown.length > 0)
    throw new Error(`BENCH_SUITE: unknown step ${unknown.join(', ')} (steps: ${GROUPS.join(', ')})`);
  const consentsFor = (borrowers: number) => String(Math.max(1, Math.round(borrowers / 5)));
  const all: Step[] = [
    {
      name: 'profile',
      group: 'profile',
      script: 'bench:profile',
      env: { BENCH_BORROWERS: String(profileBorrowers), BENCH_CONSENTS: consentsFor(profileBorrowers) },
      what: `profile query on ${profileBorrowers.toLocaleString('en-US')} borrowers with its baselines, rescoring`,
    },
    ...scaleSizes.map((borrowers) => ({
      name: `scale-${borrowers}`,
      group: 'scale',
      script: 'bench:profile',
      env: {
        BENCH_BORROWERS: String(borrowers),
        BENCH_CONSENTS: consentsFor(borrowers),
        BENCH_BASELINES: '0',
        BENCH_RESCORE_RUNS: '1',
        // 1,000,000 borrowers: the loader holds the network's keys and loan ids in memory (~2 GB)
        ...(borrowers > 300_000
          ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=6144`.trim() }
          : {}),
      },
      what: `profile query on ${borrowers.toLocaleString('en-US')} borrowers (growth)`,
    })),
    {
      name: 'ingest',
      group: 'ingest',
      script: 'bench:ingest',
      env: { BENCH_ROWS: String(ingestRows) },
      what: `CSV ingest of ${ingestRows.toLocaleString('en-US')} rows beside COPY`,
    },
    {
      name: 'monitoring',
      group: 'monitoring',
      script: 'bench:monitoring',
      env: { BENCH_BORROWERS: String(monitoringBorrowers) },
      what: `monitoring alerts: ${monitoringBorrowers.toLocaleString('en-US')} enrolled borrowers, a 50,000-row month-end submission`,
    },
    {
      name: 'audit-verify',
      group: 'audit-verify',
      script: 'bench:audit-verify',
      env: { BENCH_EVENTS: String(auditEvents) },
      what: `audit chain: seal and verify ${auditEvents.toLocaleString('en-US')} events`,
    },
    {
      name: 'audit-export',
      group: 'audit-export',
      script: 'bench:audit-export',
      env: { BENCH_ROWS: String(exportRows) },
      what: `audit export of ${exportRows.toLocaleString('en-US')} events`,
    },
    { name: 'auth', group: 'auth', script: 'bench:auth', env: {}, what: 'authentication overhead' },
    {
      name: 'soak',
      group: 'soak',
      script: 'bench:soak',
      env: {
        SOAK_SECONDS: String(soakSeconds),
        SOAK_BORROWERS: String(soakBorrowers),
        SOAK_CONSENTS: consentsFor(soakBorrowers),
      },
      what: `soak of ${soakSeconds} s on ${soakBorrowers.toLocaleString('en-US')} borrowers at half the capacity`,
    },
  ];
  const settings: Record<string, string> = {
    BENCH_SUITE: wanted.join(','),
    BENCH_PROFILE_BORROWERS: String(profileBorrowers),
    BENCH_SCALE_SIZES: scaleSizes.join(','),
    BENCH_INGEST_ROWS: String(ingestRows),
    BENCH_MONITORING_BORROWERS: String(monitoringBorrowers),
    BENCH_AUDIT_EVENTS: String(auditEvents),
    BENCH_EXPORT_ROWS: String(exportRows),
    SOAK_SECONDS: String(soakSeconds),
  };
  if (process.env.BENCH_SECONDS) settings.BENCH_SECONDS = process.env.BENCH_SECONDS;
  return { steps: all.filter((s) => wanted.includes(s.group)), settings };
}

/** Environment variables a reader needs to repeat a step: the step's own and those of the suite's caller. */
const PASSED_ON = ['BENCH_SECONDS', 'BENCH_ADMIN_URL', 'REDIS_URL', 'BENCH_KEEP_DB', 'BENCH_POOL', 'BENCH_COOPS'];

function commandLine(s: Step, extra: Record<string, string>): string {
  const env = {
    ...Object.fromEntries(PASSED_ON.filter((k) => process.env[k]).map((k) => [k, process.env[k]!])),
    ...s.env,
    ...extra,
  };
  const shown = Object.entries(env).filter(([k]) => k !== 'BENCH_RESULT_FILE');
  return `${shown.map(([k, v]) => `${k}=${/\s/.test(v) ? `'${v}'` : v}`).join(' ')}${shown.length ? ' ' : ''}npm run ${s.script}`;
}

let current: ReturnType<typeof spawn> | null = null;
let interrupted = false;

/** Runs one step as `npm run <script>`, its output shown and kept in a log; resolves its exit code. */
function runStep(s: Step, extra: Record<string, string>, resultFile: string, logFile: string): Promise<number> {
  return new Promise((resolvePromise) => {
    const log = createWriteStream(logFile);
    const child = spawn('npm', ['run', '--silent', s.script], {
      cwd: ROOT,
      env: { ...process.env, ...s.env, ...extra, BENCH_RESULT_FILE: resultFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = child;
    const forward = (chunk: Buffer) => {
      process.stdout.write(chunk);
      log.write(chunk);
    };
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    child.on('error', (error) => {
      log.write(`spawn error: ${error.message}\n`);
    });
    child.on('close', (code, signal) => {
      current = null;
      log.end();
      resolvePromise(code ?? (signal ? 128 : 1));
    });
  });
}

async function main(): Promise<number> {
  const { steps, settings } = plan();
  const doc = resolve(ROOT, process.env.BENCH_DOC ?? 'docs/benchmarks.md');
  const out =
    process.env.BENCH_SUITE_OUT ??
    join(os.tmpdir(), `kcx-bench-suite-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      step(`${signal}: waiting for the running step to clean up; no further steps, no document`);
      current?.kill(signal);
    });
  }

  const context = benchContext('kcx_bench_suite'); // only for its admin and Redis URLs
  const machine = await describeMachine(context.adminUrl, context.redisUrl);
  console.log(`Benchmark suite: ${steps.map((s) => s.name).join(', ')}`);
  console.log(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB, ${machine.kernel}, node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
  );
  console.log(`output:  ${out} (logs, results.json); document: ${doc}\n`);
  const largest = Math.max(
    0,
    ...steps
      .filter((s) => s.group === 'profile' || s.group === 'scale' || s.group === 'soak')
      .map((s) => Number(s.env.BENCH_BORROWERS ?? s.env.SOAK_BORROWERS ?? 0)),
  );
  await requireDiskSpace(context, 2 * 2 ** 30 + largest * DISK_BYTES_PER_BORROWER, 'the largest step');
  // Built once here, so no step's timing includes a build.
  await run(process.execPath, ['scripts/ensure-built.js'], process.env);

  const cpu0 = machineCpu();
  const started = performance.now();
  const records: StepRecord[] = [];
  for (const s of steps) {
    if (interrupted) break;
    const extra: Record<string, string> = {};
    if (s.group === 'soak' && !process.env.SOAK_RATE) {
      const profile = records.find((r) => r.name === 'profile')?.result as {
        profile?: { requestsPerSecond?: number };
      } | null;
      const capacity = profile?.profile?.requestsPerSecond;
      if (capacity) extra.SOAK_RATE = String(Math.max(1, Math.round(capacity / 2)));
    }
    const resultFile = join(out, `${s.name}.json`);
    const logFile = join(out, `${s.name}.log`);
    rmSync(resultFile, { force: true });
    const command = commandLine(s, extra);
    console.log(`\n[suite] ${s.name}: ${s.what}\n[suite] $ ${command}\n`);
    const t0 = performance.now();
    const exitCode = await runStep(s, extra, resultFile, logFile);
    const seconds = (performance.now() - t0) / 1000;
    const result = existsSync(resultFile)
      ? (JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>)
      : null;
    records.push({ name: s.name, group: s.group, what: s.what, command, seconds, exitCode, result, log: logFile });
    console.log(
      `\n[suite] ${s.name}: exit ${exitCode} after ${(seconds / 60).toFixed(1)} min${result ? '' : ' (no figures written)'}`,
    );
  }
  const shares = machineShares(cpu0, machineCpu());
  const results: SuiteResults = {
    startedAt: machine.date,
    finishedAt: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    machine,
    after: {
      loadAverage: os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' '),
      busy: shares.busy,
      steal: shares.steal,
    },
    settings,
    steps: records,
  };
  writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const failed = records.filter((r) => r.exitCode !== 0);
  if (interrupted) {
    console.log(`\n[suite] interrupted: figures so far in ${join(out, 'results.json')}; ${doc} left as it was`);
    return 1;
  }
  writeFileSync(doc, renderReport(results));
  console.log(
    `\n[suite] wrote ${doc} (${records.length} steps, ${failed.length} failed, ${(results.seconds / 60).toFixed(1)} min); logs and figures in ${out}`,
  );
  if (failed.length > 0) console.log(`[suite] FAILED steps: ${failed.map((r) => r.name).join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.log(`[suite] FAILED: ${error.message}`);
      process.exit(1);
    },
  );
}
