/**
 * CSV ingest benchmark: how fast does a ~500,000-row CSV travel through the API (upload, stored in Postgres) and the
 * worker (parse, validate, hash, COPY into staging, set-based merge), compared with a plain COPY of the same file?
 * And how much memory does the worker need for it?
 *
 *   npm run build && npm run bench:ingest
 *   BENCH_ROWS=100000 npm run bench:ingest
 *
 * Environment:
 *   BENCH_ROWS        data rows in the file (default 500000, the API's per-file limit)
 *   BENCH_DIALECT     dialect of the uploaded file: en (default; ',' and plain numbers) or id (';', 5.000.000,00,
 *                     DD/MM/YYYY, BOM, CRLF). Both files hold the same rows; the plain COPY always reads the en file.
 *   BENCH_ID_VARIANT  0 to skip writing the 'id' variant when it is not the uploaded one (default: written, sized)
 *   BENCH_PORT        preferred port for the API (default 3902; a free one is chosen when it is taken)
 *   BENCH_TIMEOUT_S   give up waiting for the submission after this many seconds (default 1800)
 *   BENCH_WORKER_IN_PROCESS  1 to run the queue consumer inside the API (WORKER_IN_PROCESS=true) instead of a separate
 *                     dist/src/worker.js; the "worker" memory is then the API process's. Default: separate worker.
 *   BENCH_ADMIN_URL   Postgres URL used to create and drop the scratch database
 *                     (default postgres://postgres@127.0.0.1:5432/postgres)
 *   REDIS_URL         passed through to the children (their default is redis://127.0.0.1:6379/0)
 *   BENCH_KEEP_DB, BENCH_RESULT_FILE: see bench/support.ts
 *
 * It generates the file(s) with src/cli/synthetic-network.ts into a temp directory, creates the scratch database
 * kcx_bench_ingest_<random>, migrates it, seeds the demo network, starts dist/src/main.js and dist/src/worker.js as children,
 * uploads the file as submitter.pekalongan@kcx.demo, polls the submission until it is finished, checks the rows
 * landed in loan_records, then COPYs the same file into a plain 17-column table. While the worker works it samples
 * the worker's memory (/proc/<pid>/status every 100 ms), the database's active statements (pg_stat_activity) and
 * takes a few `top` snapshots, to show where the time goes. It always cleans up: children stopped, scratch database
 * dropped, temp files and the Redis keys under the random prefix deleted. Exits non-zero when any step fails.
 */
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  CSV_NEWLINE,
  CsvDialect,
  RECORD_COLUMNS,
  csvHeader,
  describeNetwork,
  generateCsv,
  generateRecords,
  toCsvLine,
} from '../src/cli/synthetic-network';
import {
  NodeScript,
  READY_TIMEOUT_MS,
  ROOT,
  benchContext,
  childEnv as benchChildEnv,
  choosePort,
  cleanUpOnce,
  loadAverage,
  login,
  positiveInt,
  recreateScratchDatabase,
  run,
  runCleanUpAndReport,
  step,
  waitUntilReady,
  withClient,
} from './support';

const BENCH = benchContext('kcx_bench_ingest');
const SUBMITTER_EMAIL = 'submitter.pekalongan@kcx.demo';
const PASSWORD = 'Demo-Pass-2026';

/** The generated network: one coop, so every borrower's rows land in the one file. */
const NETWORK = { coops: 1, months: 24, seed: 42, endPeriod: undefined as string | undefined };
const COOP_KEY = 'coop1';
/** ~15.6 data rows per borrower with 24 months; a little headroom, and writing stops at the row target. */
const ROWS_PER_BORROWER_LOW = 14;
const CHUNK_CHARS = 64 * 1024;
/**
 * Prefixed to every loanRef: the generator numbers loans per coop from 1 (PK-2025-000001), exactly as a demo seed
 * built from the same generator would, and a loanRef the coop already has under another borrower is a
 * RECORD.LOAN_BORROWER_CHANGED conflict, which rejects a STRICT file whole.
 */
const LOAN_REF_PREFIX = 'BENCH-';

const POLL_MS = 250;
const MEMORY_POLL_MS = 100;
const GOAL_RATIO = 0.25;
const GOAL_WORKER_MB = 300;
const MAX_TOP_SNAPSHOTS = 5;

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const secs = (ms: number): string => (ms / 1000).toFixed(2);
const rate = (rows: number, ms: number): string =>
  ms > 0 ? Math.round((rows * 1000) / ms).toLocaleString('en-US') : 'n/a';
const now = (): number => performance.now();

/** Environment for every child: the shared one, plus REDIS_URL and a cheap bcrypt for the seed and the API. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return benchChildEnv(BENCH, { BCRYPT_COST: '4', REDIS_URL: BENCH.redisUrl, ...extra });
}

// ---------------------------------------------------------------------------------------------------------------
// /proc readings (Linux)

/** VmRSS / VmHWM in bytes, or null when the process is gone. */
function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  /* keep 100 */
}

/** user + system CPU seconds of a process, or null when it is gone. */
function procCpuSeconds(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** CPU seconds of every process whose name starts with "postgres", by pid. */
function postgresCpu(): Map<number, number> {
  const result = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
    } catch {
      continue;
    }
    const cpu = procCpuSeconds(pid);
    if (cpu !== null) result.set(pid, cpu);
  }
  return result;
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

function topSnapshot(): Promise<string> {
  return new Promise((resolve) => {
    // Two iterations half a second apart: the first one's CPU summary counts from boot, the second is current.
    execFile('top', ['-b', '-n2', '-d0.5', '-w', '160'], { timeout: 5000 }, (error, stdout) => {
      if (error && !stdout) return resolve(`(top failed: ${error.message})`);
      const lines = stdout.slice(Math.max(0, stdout.lastIndexOf('top - '))).split('\n');
      const header = lines.findIndex((line) => /^\s*PID\s/.test(line));
      resolve(
        (header >= 0
          ? [...lines.slice(0, Math.min(header, 5)), ...lines.slice(header, header + 9)]
          : lines.slice(0, 14)
        ).join('\n'),
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Children

/** A child whose memory is sampled every MEMORY_POLL_MS while it runs (peak RSS). */
class NodeChild extends NodeScript {
  readonly peak = { rss: 0 };
  private sampler: NodeJS.Timeout | null = null;

  constructor(name: string, script: string, env: NodeJS.ProcessEnv) {
    super(name, script, env);
    this.sampler = setInterval(() => this.sample(), MEMORY_POLL_MS);
  }

  override get pid(): number {
    return super.pid ?? -1;
  }

  /** Current memory (and updates the peak); null when gone. */
  sample(): { rss: number; hwm: number } | null {
    if (this.hasExited) return null;
    const memory = procMemory(this.pid);
    if (memory && memory.rss > this.peak.rss) this.peak.rss = memory.rss;
    return memory;
  }

  override async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    await super.stop();
  }
}

/** Waits until the worker's BullMQ worker is connected to the submissions queue (CLIENT LIST based). */
async function waitForQueueWorker(worker: NodeChild): Promise<boolean> {
  const connection = new Redis(BENCH.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('submissions', { connection, prefix: `${BENCH.redisKeyPrefix}:bull` });
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} before it was ready`);
      try {
        if ((await queue.getWorkersCount()) > 0) return true;
      } catch {
        return false; // CLIENT LIST refused: cannot tell
      }
      await sleep(250);
    }
    return false;
  } finally {
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

/** Streams the file as the text/csv body (never read whole into memory). */
function uploadFile(url: string, file: string, size: number, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': String(size), authorization: `Bearer ${token}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    const input = createReadStream(file, { highWaterMark: 256 * 1024 });
    input.on('error', (error) => request.destroy(error));
    input.pipe(request);
  });
}

interface Submission {
  id: string;
  status: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'REJECTED' | 'FAILED';
  totalRows: number;
  processedRows: number;
  accepted: number;
  rejected: number;
  errorCode: string | null;
  errorMessage: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The file

interface GeneratedFile {
  dialect: CsvDialect;
  path: string;
  rows: number;
  bytes: number;
  ms: number;
}

/**
 * coop1's lines as generateCsv writes them (its header line, with the BOM of an 'id' file), but every loanRef
 * prefixed with LOAN_REF_PREFIX; the records come from generateRecords, so the cells are formatted by toCsvLine.
 */
function* benchCsv(dialect: CsvDialect, borrowers: number): Generator<string> {
  const options = { ...NETWORK, borrowers, dialects: [dialect] };
  const header = generateCsv(options, COOP_KEY).next().value as string;
  if (!header.endsWith(csvHeader(dialect)))
    throw new Error(`unexpected header line from generateCsv: ${header.slice(0, 80)}`);
  yield header;
  for (const record of generateRecords(options, COOP_KEY)) {
    yield toCsvLine({ ...record, loanRef: LOAN_REF_PREFIX + record.loanRef }, dialect);
  }
}

/** Writes at most `maxRows` data rows of coop1's file in a dialect; returns what was written. */
async function writeCsv(dir: string, dialect: CsvDialect, maxRows: number, borrowers: number): Promise<GeneratedFile> {
  const started = now();
  const path = join(dir, `coop1-${dialect}.csv`);
  const newline = CSV_NEWLINE[dialect];
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let rows = -1; // the header is not a data row
  let chunk = '';
  for (const line of benchCsv(dialect, borrowers)) {
    chunk += line + newline;
    if (++rows >= maxRows) break;
    if (chunk.length >= CHUNK_CHARS) {
      const accepted = stream.write(chunk);
      chunk = '';
      if (!accepted) await once(stream, 'drain');
    }
  }
  stream.end(chunk);
  await finished(stream);
  const { size } = await stat(path);
  return { dialect, path, rows, bytes: size, ms: now() - started };
}

// ---------------------------------------------------------------------------------------------------------------
// Watching the worker

interface Statement {
  pid: number;
  start: string;
  text: string;
  seconds: number;
  waits: Map<string, number>;
}

/** Samples pg_stat_activity of the scratch database: which statements run, for how long, waiting on what. */
class ActivityMonitor {
  private readonly client = new Client({ connectionString: BENCH.databaseUrl });
  readonly statements = new Map<string, Statement>();

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async sample(): Promise<Statement[]> {
    const { rows } = await this.client.query<{
      pid: number;
      start: string;
      secs: number;
      q: string;
      wait: string | null;
    }>(
      `SELECT pid, query_start::text AS start, extract(epoch FROM clock_timestamp() - query_start)::float8 AS secs,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q,
              nullif(concat_ws(':', wait_event_type, wait_event), '') AS wait
         FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active'`,
      [BENCH.scratchDb],
    );
    const active: Statement[] = [];
    for (const row of rows) {
      const key = `${row.pid}|${row.start}`;
      let statement = this.statements.get(key);
      if (!statement) {
        statement = { pid: row.pid, start: row.start, text: row.q, seconds: 0, waits: new Map() };
        this.statements.set(key, statement);
      }
      statement.seconds = Math.max(statement.seconds, row.secs);
      const wait = row.wait ?? 'CPU (no wait event)';
      statement.waits.set(wait, (statement.waits.get(wait) ?? 0) + 1);
      active.push(statement);
    }
    return active;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

interface IngestResult {
  submission: Submission;
  uploadMs: number;
  processingMs: number;
  queueWaitMs: number | null;
  streamEndMs: number | null;
  workerCpuS: number | null;
  postgresCpuS: number;
  apiCpuUploadS: number | null;
  workerRssBeforeMb: string;
  workerPeakDuringMb: string;
  tops: string[];
  statements: Statement[];
}

// ---------------------------------------------------------------------------------------------------------------
// Plain COPY

async function plainCopy(file: string): Promise<{ rows: number; ms: number }> {
  const columns = RECORD_COLUMNS.map(
    (c) => `${c.csv} ${c.kind === 'amount' ? 'bigint' : c.kind === 'count' ? 'integer' : 'text'}`,
  );
  return withClient(BENCH.databaseUrl, async (client) => {
    await client.query(`DROP TABLE IF EXISTS bench_copy_scratch`);
    await client.query(`CREATE TABLE bench_copy_scratch (${columns.join(', ')})`);
    const started = now();
    const copy = client.query(copyFrom(`COPY bench_copy_scratch FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
    const ms = now() - started;
    const rows = Number(
      copy.rowCount ?? (await client.query('SELECT count(*)::int AS n FROM bench_copy_scratch')).rows[0].n,
    );
    await client.query(`DROP TABLE bench_copy_scratch`);
    return { rows, ms };
  });
}

// ---------------------------------------------------------------------------------------------------------------

const children: NodeChild[] = [];
let tempDir: string | null = null;
/** Stops the children, drops the scratch database, deletes the Redis keys and the temp files; once. */
const cleanUp = cleanUpOnce(BENCH, children, async () => {
  if (tempDir) {
    await rm(tempDir, { recursive: true, force: true })
      .then(() => step(`deleted ${tempDir}`))
      .catch((error: Error) => step(`could not delete ${tempDir}: ${error.message}`));
  }
});

async function ingest(
  baseUrl: string,
  token: string,
  file: GeneratedFile,
  api: NodeChild,
  worker: NodeChild,
  timeoutS: number,
): Promise<IngestResult> {
  let jobFailure: string | null = null;
  worker.onLine = (line) => {
    if (/job failed|"level":(50|60)/.test(line)) jobFailure ??= line.slice(0, 2000);
  };
  const monitor = new ActivityMonitor();
  await monitor.connect();
  try {
    const workerRssBefore = worker.sample()?.rss ?? NaN;
    const workerCpu0 = procCpuSeconds(worker.pid);
    const apiCpu0 = procCpuSeconds(api.pid);
    const pgCpu0 = postgresCpu();

    step(
      `uploading ${file.path} (${mb(file.bytes)} MB, ${file.rows} rows, dialect ${file.dialect}) as ${SUBMITTER_EMAIL}`,
    );
    const t0 = now();
    const answer = await uploadFile(`${baseUrl}/api/v1/submissions/csv`, file.path, file.bytes, token);
    const t202 = now();
    const apiCpu1 = procCpuSeconds(api.pid);
    if (answer.status !== 202)
      throw new Error(`POST /api/v1/submissions/csv answered ${answer.status}: ${answer.body.slice(0, 1000)}`);
    const { id, status } = JSON.parse(answer.body) as { id: string; status: string };
    step(`202 after ${secs(t202 - t0)} s: submission ${id} ${status}`);

    let current = token;
    const get = async (path: string): Promise<Response> => {
      let response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${current}` } });
      if (response.status === 401) {
        current = await login(baseUrl, SUBMITTER_EMAIL, PASSWORD); // the bearer token lives AUTH_TOKEN_TTL_SECONDS
        response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${current}` } });
      }
      return response;
    };

    const tops: string[] = [];
    let firstProcessing: number | null = null;
    let streamEnd: number | null = null;
    let lastPrint = t202;
    let lastRows = 0;
    let lastRowsAt = t202;
    let tookMidStreamTop = false;
    const toppedStatements = new Set<Statement>();
    const deadline = t202 + timeoutS * 1000;
    let submission: Submission;
    for (;;) {
      const response = await get(`/api/v1/submissions/${id}`);
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`GET /api/v1/submissions/${id} answered ${response.status}: ${text.slice(0, 500)}`);
      submission = JSON.parse(text) as Submission;
      const t = now();
      if (submission.status === 'COMPLETED' || submission.status === 'REJECTED' || submission.status === 'FAILED')
        break;
      if (submission.status === 'PROCESSING' && firstProcessing === null) firstProcessing = t;

      const active = await monitor.sample().catch(() => [] as Statement[]);
      const copying = active.some((s) => /^COPY staging_records/.test(s.text));
      if (firstProcessing !== null && streamEnd === null && submission.processedRows > 0 && !copying) streamEnd = t;
      const memory = worker.sample();

      // `top` while rows stream (half way), and once for each long statement after the stream.
      if (!tookMidStreamTop && copying && submission.processedRows >= file.rows / 2) {
        tookMidStreamTop = true;
        tops.push(
          `--- top at ${secs(t - t202)} s after the 202 (streaming rows: processedRows ${submission.processedRows})\n${await topSnapshot()}`,
        );
      }
      for (const statement of active) {
        if (
          tops.length >= MAX_TOP_SNAPSHOTS ||
          toppedStatements.has(statement) ||
          statement.seconds < 2 ||
          /^COPY staging_records/.test(statement.text)
        )
          continue;
        toppedStatements.add(statement);
        tops.push(
          `--- top at ${secs(t - t202)} s after the 202 (statement running ${statement.seconds.toFixed(1)} s: ${statement.text})\n${await topSnapshot()}`,
        );
      }

      if (t - lastPrint >= 5000) {
        const rowsPerS = rate(submission.processedRows - lastRows, t - lastRowsAt);
        const doing =
          active
            .map((s) => `${s.text.slice(0, 60)}${s.seconds >= 1 ? ` (${s.seconds.toFixed(1)} s)` : ''}`)
            .join(' | ') || '-';
        step(
          `  +${secs(t - t202).padStart(7)} s ${submission.status.padEnd(10)} processedRows ${String(submission.processedRows).padStart(7)}` +
            ` (${rowsPerS.padStart(7)} rows/s)  worker RSS ${memory ? mb(memory.rss) : '?'} MB  db: ${doing}`,
        );
        lastPrint = t;
        lastRows = submission.processedRows;
        lastRowsAt = t;
      }
      if (jobFailure) throw new Error(`the worker logged a failure while processing:\n${jobFailure}`);
      if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} while processing`);
      if (t > deadline)
        throw new Error(
          `the submission was still ${submission.status} after ${timeoutS} s (processedRows ${submission.processedRows})`,
        );
      await sleep(POLL_MS);
    }
    const tDone = now();
    const workerCpu1 = procCpuSeconds(worker.pid);
    const pgCpu1 = postgresCpu();
    step(
      `submission ${submission.status} after ${secs(tDone - t202)} s: totalRows ${submission.totalRows}, accepted ${submission.accepted}, ` +
        `rejected ${submission.rejected}${submission.errorCode ? `, ${submission.errorCode}: ${submission.errorMessage}` : ''}`,
    );
    if (submission.status !== 'COMPLETED') {
      const errors = await (await get(`/api/v1/submissions/${id}/errors`)).text();
      console.log(
        `[bench] first lines of GET /api/v1/submissions/${id}/errors:\n${errors.split('\n').slice(0, 21).join('\n')}`,
      );
      throw new Error(`the submission ended ${submission.status}`);
    }
    return {
      submission,
      uploadMs: t202 - t0,
      processingMs: tDone - t202,
      queueWaitMs: firstProcessing === null ? null : firstProcessing - t202,
      streamEndMs: streamEnd === null ? null : streamEnd - t202,
      workerCpuS: workerCpu0 !== null && workerCpu1 !== null ? workerCpu1 - workerCpu0 : null,
      postgresCpuS: cpuDelta(pgCpu0, pgCpu1),
      apiCpuUploadS: apiCpu0 !== null && apiCpu1 !== null ? apiCpu1 - apiCpu0 : null,
      workerRssBeforeMb: mb(workerRssBefore),
      workerPeakDuringMb: mb(worker.peak.rss),
      tops,
      statements: [...monitor.statements.values()],
    };
  } finally {
    worker.onLine = null;
    await monitor.close();
  }
}

function describeWaits(statement: Statement): string {
  const total = [...statement.waits.values()].reduce((a, b) => a + b, 0);
  return [...statement.waits.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([wait, n]) => `${wait} ${Math.round((100 * n) / total)}%`)
    .join(', ');
}

async function main(): Promise<number> {
  const targetRows = positiveInt('BENCH_ROWS', 500_000, 1);
  const preferredPort = positiveInt('BENCH_PORT', 3902, 1);
  const timeoutS = positiveInt('BENCH_TIMEOUT_S', 1800, 10);
  const dialect = (process.env.BENCH_DIALECT ?? 'en') as CsvDialect;
  if (dialect !== 'en' && dialect !== 'id') throw new Error(`BENCH_DIALECT must be en or id, got "${dialect}"`);
  const writeIdVariant = dialect === 'id' || process.env.BENCH_ID_VARIANT !== '0';
  const inProcess = process.env.BENCH_WORKER_IN_PROCESS === '1';
  const borrowers = Math.min(1_000_000, Math.ceil(targetRows / ROWS_PER_BORROWER_LOW) + 100);

  const cpus = os.cpus();
  console.log('CSV ingest benchmark');
  console.log(`date:        ${new Date().toISOString()}`);
  console.log(`node:        ${process.version}`);
  console.log(
    `cpus:        ${cpus.length} (${cpus[0]?.model ?? 'unknown'}); memory ${mb(os.totalmem())} MB; shared by Postgres, Redis, API, worker and this script`,
  );
  console.log(`load avg:    ${loadAverage()} (1/5/15 min, before the run)`);
  console.log(
    `worker:      ${inProcess ? 'INSIDE the API process (BENCH_WORKER_IN_PROCESS=1, WORKER_IN_PROCESS=true)' : 'separate process, node dist/src/worker.js (WORKER_IN_PROCESS=false)'}`,
  );
  console.log(
    `file:        ${targetRows} rows wanted, one coop, dialect ${dialect} uploaded; network coops=1 borrowers=${borrowers} months=${NETWORK.months} seed=${NETWORK.seed}`,
  );
  console.log('');

  for (const script of ['main.js', 'worker.js', 'cli.js']) {
    if (!existsSync(join(ROOT, 'dist', 'src', script)))
      throw new Error(`dist/src/${script} is missing: run \`npm run build\` first`);
  }

  let failed = false;
  const figures: Record<string, unknown> = { rowsWanted: targetRows, dialect, workerInProcess: inProcess };
  return runCleanUpAndReport('csv-ingest', figures, children, cleanUp, async () => {
    tempDir = await mkdtemp(join(os.tmpdir(), 'kcx-bench-ingest-'));
    const network = describeNetwork({ ...NETWORK, borrowers, dialects: ['en'] });
    step(`generating CSV into ${tempDir} (${network.borrowers.length} borrowers planned)`);
    const en = await writeCsv(tempDir, 'en', targetRows, borrowers);
    step(`  en: ${en.rows} rows, ${mb(en.bytes)} MB (${en.bytes} bytes) in ${secs(en.ms)} s`);
    let idFile: GeneratedFile | null = null;
    if (writeIdVariant) {
      idFile = await writeCsv(tempDir, 'id', targetRows, borrowers);
      step(
        `  id: ${idFile.rows} rows, ${mb(idFile.bytes)} MB (${idFile.bytes} bytes) in ${secs(idFile.ms)} s (same rows; ';', 5.000.000,00, DD/MM/YYYY, BOM, CRLF)`,
      );
    }
    const uploaded = dialect === 'id' ? idFile! : en;
    if (uploaded.rows < targetRows) step(`  note: the network only had ${uploaded.rows} rows (wanted ${targetRows})`);

    step(`creating scratch database ${BENCH.scratchDb}`);
    await recreateScratchDatabase(BENCH);
    step('running migrations (npm run migration:run)');
    await run('npm', ['run', 'migration:run'], childEnv());
    step('seeding the demo network (node dist/src/cli.js seed-demo, BCRYPT_COST=4)');
    await run(process.execPath, ['dist/src/cli.js', 'seed-demo'], childEnv());

    const port = await choosePort(preferredPort);
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = childEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      WORKER_IN_PROCESS: inProcess ? 'true' : 'false',
    });
    step(
      `starting ${inProcess ? 'the API with the worker inside it' : 'the worker and the API'} on port ${port} ` +
        `(REDIS_KEY_PREFIX=${BENCH.redisKeyPrefix}, LOG_LEVEL=warn, WORKER_IN_PROCESS=${inProcess})`,
    );
    let worker: NodeChild;
    if (!inProcess) {
      worker = new NodeChild('worker', 'dist/src/worker.js', env);
      children.push(worker);
    }
    const api = new NodeChild(inProcess ? 'API (with the worker in process)' : 'API', 'dist/src/main.js', env);
    children.push(api);
    if (inProcess) worker = api;
    worker = worker!;
    await waitUntilReady(baseUrl, () => {
      if (api.hasExited) throw new Error(`the API ${api.describeExit()} before it was ready`);
      if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} before the API was ready`);
    });
    const workerReady = await waitForQueueWorker(worker);
    step(
      `API ready (pid ${api.pid}); worker pid ${worker.pid} ${workerReady ? 'connected to the queue' : 'NOT seen on the queue (continuing; processing time may include its start-up)'}`,
    );

    const token = await login(baseUrl, SUBMITTER_EMAIL, PASSWORD);
    step(`logged in as ${SUBMITTER_EMAIL}`);
    const baseline = await withClient(BENCH.databaseUrl, async (client) => {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM loan_records r JOIN loans l ON l.id = r.loan_id
           JOIN users u ON u.cooperative_id = l.cooperative_id WHERE u.email = $1`,
        [SUBMITTER_EMAIL],
      );
      return Number(rows[0].n);
    });
    step(`loan_records of coop pekalongan before the upload: ${baseline} (what seed-demo put there)`);

    const result = await ingest(baseUrl, token, uploaded, api, worker, timeoutS);
    const { submission } = result;
    const workerHwm = procMemory(worker.pid)?.hwm ?? NaN;
    const apiHwm = procMemory(api.pid)?.hwm ?? NaN;

    // Did the data land?
    const landed = await withClient(BENCH.databaseUrl, async (client) => {
      const { rows } = await client.query<{ n: string; bySubmission: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE r.submission_id = s.id) AS "bySubmission"
           FROM submissions s
           JOIN loans l ON l.cooperative_id = s.cooperative_id
           JOIN loan_records r ON r.loan_id = l.id
          WHERE s.id = $1`,
        [submission.id],
      );
      return { total: Number(rows[0].n), bySubmission: Number(rows[0].bySubmission) };
    });
    const landedOk =
      landed.total - baseline === submission.accepted &&
      landed.bySubmission === submission.accepted &&
      submission.accepted === uploaded.rows &&
      submission.rejected === 0;
    step(
      `loan_records of coop pekalongan: ${landed.total} = ${baseline} before + ${landed.total - baseline} new ` +
        `(${landed.bySubmission} carry this submission's id); accepted ${submission.accepted}; rows in file ${uploaded.rows} -> ${landedOk ? 'OK' : 'MISMATCH'}`,
    );
    if (!landedOk) failed = true;

    step(`plain COPY of ${en.path} into a 17-column table (pg + pg-copy-streams, FORMAT csv, HEADER true)`);
    const copy = await plainCopy(en.path);
    step(`  COPY ${copy.rows} rows in ${secs(copy.ms)} s`);
    if (copy.rows !== en.rows) {
      failed = true;
      step(`  PROBLEM: COPY loaded ${copy.rows} rows, the file has ${en.rows}`);
    }

    // -------------------------------------------------------------------------------------------------- report
    const totalMs = result.uploadMs + result.processingMs;
    const apiRate = (uploaded.rows * 1000) / totalMs;
    const copyRate = (copy.rows * 1000) / copy.ms;
    const ratio = apiRate / copyRate;
    const workerPeakMb = Math.max(worker.peak.rss, Number.isNaN(workerHwm) ? 0 : workerHwm) / 1024 / 1024;

    Object.assign(figures, {
      rows: uploaded.rows,
      fileBytes: uploaded.bytes,
      uploadSeconds: result.uploadMs / 1000,
      processingSeconds: result.processingMs / 1000,
      totalSeconds: totalMs / 1000,
      apiRowsPerSecond: apiRate,
      copyRows: copy.rows,
      copySeconds: copy.ms / 1000,
      copyRowsPerSecond: copyRate,
      ratio,
      workerPeakRssMb: workerPeakMb,
      workerRssBeforeMb: Number(result.workerRssBeforeMb),
      apiPeakRssMb: inProcess ? null : api.peak.rss / 2 ** 20,
      landedOk,
    });
    console.log('');
    console.log(
      "Where the worker's time went (statements of the scratch database active for >= 0.5 s, from pg_stat_activity every 250 ms):",
    );
    const long = result.statements.filter((s) => s.seconds >= 0.5).sort((a, b) => a.start.localeCompare(b.start));
    for (const s of long)
      console.log(
        `  ${s.seconds.toFixed(1).padStart(7)} s  pid ${s.pid}  ${s.text}\n             waits seen: ${describeWaits(s)}`,
      );
    if (long.length === 0) console.log('  (none)');
    console.log(
      `phases after the 202: queue wait ~${result.queueWaitMs === null ? '?' : secs(result.queueWaitMs)} s; ` +
        `rows streamed (parse, validate, hash, COPY to staging) until ~${result.streamEndMs === null ? '?' : secs(result.streamEndMs)} s; ` +
        `conflict checks + merge + commit until ${secs(result.processingMs)} s`,
    );
    console.log(
      `CPU during processing: worker ${result.workerCpuS?.toFixed(1) ?? '?'} s, all postgres processes ${result.postgresCpuS.toFixed(1)} s ` +
        `(wall ${secs(result.processingMs)} s, ${cpus.length} cpus); API CPU during the upload ${result.apiCpuUploadS?.toFixed(1) ?? '?'} s (wall ${secs(result.uploadMs)} s)`,
    );
    for (const top of result.tops) console.log(top);

    console.log('');
    console.log('Summary');
    console.log(
      `machine:            node ${process.version}, ${cpus.length} cpus (${cpus[0]?.model ?? 'unknown'}), ${new Date().toISOString()}, load avg ${loadAverage()}`,
    );
    console.log(`rows:               ${uploaded.rows} (one coop, pekalongan)`);
    console.log(
      `file:               ${mb(uploaded.bytes)} MB, dialect ${uploaded.dialect} (uploaded)` +
        (idFile && dialect === 'en'
          ? `; the 'id' variant of the same rows is ${mb(idFile.bytes)} MB (not uploaded)`
          : ''),
    );
    console.log(`upload:             ${secs(result.uploadMs)} s (start of upload to 202)`);
    console.log(
      `processing:         ${secs(result.processingMs)} s (202 to COMPLETED; ${rate(uploaded.rows, result.processingMs)} rows/s)`,
    );
    console.log(`total:              ${secs(totalMs)} s`);
    console.log(`API path:           ${rate(uploaded.rows, totalMs)} rows/s end to end`);
    console.log(
      `plain COPY:         ${secs(copy.ms)} s, ${rate(copy.rows, copy.ms)} rows/s (${en.dialect} file, ${mb(en.bytes)} MB)`,
    );
    console.log(`ratio API/COPY:     ${ratio.toFixed(2)}`);
    console.log(
      `worker memory:      ${inProcess ? '(API process with the worker inside) ' : ''}peak RSS ${workerPeakMb.toFixed(1)} MB (polled every ${MEMORY_POLL_MS} ms: ${mb(worker.peak.rss)} MB; VmHWM: ${mb(workerHwm)} MB; ` +
        `RSS before the upload ${result.workerRssBeforeMb} MB)`,
    );
    if (!inProcess) console.log(`API memory:         peak RSS ${mb(api.peak.rss)} MB (VmHWM ${mb(apiHwm)} MB)`);
    const added = landed.total - baseline;
    console.log(
      `data landed:        loan_records for the coop ${landed.total} (${baseline} before the upload): ${added} new ` +
        `${added === submission.accepted ? '==' : '!='} accepted ${submission.accepted}; ${landed.bySubmission} rows carry this submission's id` +
        ` -> ${landedOk ? 'OK' : 'MISMATCH'}`,
    );
    console.log(
      `goal: API path >= ${GOAL_RATIO} of COPY's rate: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
    );
    console.log(
      `goal: worker peak memory < ${GOAL_WORKER_MB} MB: ${workerPeakMb < GOAL_WORKER_MB ? 'met' : 'NOT met'} (${workerPeakMb.toFixed(1)} MB` +
        `${inProcess ? ', measured on the API process with the worker inside: not the separate worker the goal is about' : ''})`,
    );
    return failed;
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.log(`[bench] FAILED: ${(error as Error).message}`);
    void cleanUp().finally(() => process.exit(1));
  },
);
