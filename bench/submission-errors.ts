/**
 * What a bad submission costs (issue 16, finding 4): the worst cases of the outside attack, measured against the
 * built API with the queue worker inside it (WORKER_IN_PROCESS=true, so one process holds everything).
 *
 *   npm run build && npx ts-node --transpile-only bench/submission-errors.ts
 *
 * Cases:
 *   json-partial   a ~9.8 MB PARTIAL JSON body: 900 records x 1,000 unknown keys (no known field at all)
 *   json-strict    the same body in STRICT mode (answered 400 VALIDATION)
 *   csv-100k       a ~3.4 MB CSV of 100,000 rows whose 17 cells are all "x", in PARTIAL mode
 *   concurrent     5 json-partial requests at once, from 5 coops (no coop lock serialises them)
 * For each: time, answer size, error rows stored, and for the CSV the errors download's size and time; the API's
 * resident memory (VmRSS, sampled every 100 ms) before and at its peak during each case.
 *
 * Environment:
 *   BENCH_DIST        the build to run (default <root>/dist): <dist>/src/main.js, cli.js, common/database/cli-data-source.js
 *   BENCH_PORT        preferred API port (default 3906)
 *   BENCH_ADMIN_URL, REDIS_URL, BENCH_KEEP_DB, BENCH_RESULT_FILE: see bench/support.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  NodeScript,
  ROOT,
  benchContext,
  childEnv,
  choosePort,
  cleanUpOnce,
  login,
  postJson,
  recreateScratchDatabase,
  run,
  runAndCleanUp,
  step,
  waitUntilReady,
} from './support';

const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const PASSWORD = 'Bench-Errors-Pass-2026!';
const ADMIN_EMAIL = 'bench-admin@kcx.bench';

interface CaseResult {
  name: string;
  status: number;
  seconds: number;
  answerBytes: number;
  storedErrors: number;
  errorsTruncated?: boolean;
  errorCounts?: Record<string, number>;
  downloadBytes?: number;
  downloadSeconds?: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function rssBytes(pid: number | undefined): number {
  if (!pid) return 0;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples the process's RSS every 100 ms while `work` runs. */
async function withRss<T>(
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; before: number; peak: number }> {
  const before = rssBytes(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 100);
  try {
    const result = await work();
    peak = Math.max(peak, rssBytes(pid));
    return { result, before, peak };
  } finally {
    clearInterval(timer);
  }
}

/** 900 records of 1,000 unknown keys each: the body of the attack, just under the 10 MB body limit. */
function attackJson(mode: 'PARTIAL' | 'STRICT'): string {
  const record = `{${Array.from({ length: 1000 }, (_, i) => `"k${String(i).padStart(5, '0')}":1`).join(',')}}`;
  return `{"mode":"${mode}","records":[${Array.from({ length: 900 }, () => record).join(',')}]}`;
}

/** 100,000 rows of 17 "x" cells under the English header. */
function attackCsv(): string {
  const header =
    'nik,full_name,birth_date,loan_ref,facility_type,principal,credit_limit,disbursed_at,maturity_date,condition,period,outstanding,arrears_principal,arrears_interest,days_past_due,paid_amount,restructure_count';
  const row = Array.from({ length: 17 }, () => 'x').join(',');
  return `${header}\n${Array.from({ length: 100_000 }, () => row).join('\n')}\n`;
}

async function main(): Promise<number> {
  const context = benchContext('kcx_bench_errors');
  const children: NodeScript[] = [];
  const cleanUp = cleanUpOnce(context, children);
  return runAndCleanUp(children, cleanUp, async () => {
    const port = await choosePort(Number(process.env.BENCH_PORT ?? 3906));
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = childEnv(context, {
      PORT: String(port),
      WORKER_IN_PROCESS: 'true',
      RATE_LIMIT_PER_MINUTE: '0',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'warn',
      METRICS_PORT: String(port + 1),
    });
    step(`scratch database ${context.scratchDb}`);
    await recreateScratchDatabase(context);
    step('migrating');
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typeorm', 'cli.js'),
        'migration:run',
        '-d',
        join(DIST, 'src', 'common', 'database', 'cli-data-source.js'),
      ],
      env,
    );
    await run(
      process.execPath,
      [join(DIST, 'src', 'cli.js'), 'create-admin', '--email', ADMIN_EMAIL, '--password', PASSWORD],
      env,
    );
    const api = new NodeScript('API', join(DIST, 'src', 'main.js'), env);
    children.push(api);
    await waitUntilReady(baseUrl, () => {
      if (api.hasExited) throw new Error(`the API ${api.describeExit()}`);
    });

    const admin = await login(baseUrl, ADMIN_EMAIL, PASSWORD);
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      const coop = await postJson<{ id: string }>(
        `${baseUrl}/api/v1/cooperatives`,
        {
          name: `Bench Errors ${i}`,
          registrationNumber: `BENCH-ERR-${context.scratchDb}-${i}`,
          type: 'KSP',
          district: 'Kota Bench',
        },
        admin,
      );
      const email = `submitter${i}@kcx.bench`;
      await postJson(
        `${baseUrl}/api/v1/users`,
        { email, name: `Submitter ${i}`, password: PASSWORD, role: 'DATA_SUBMITTER', cooperativeId: coop.id },
        admin,
      );
      tokens.push(await login(baseUrl, email, PASSWORD));
    }

    const db = new Client({ connectionString: context.databaseUrl });
    await db.connect();
    const stored = async (id: string): Promise<number> =>
      (await db.query('SELECT count(*)::int AS n FROM submission_errors WHERE submission_id = $1', [id])).rows[0].n;
    const post = async (path: string, body: string, type: string, token: string) => {
      const started = Date.now();
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${token}` },
        body,
      });
      const text = await response.text();
      return { status: response.status, text, seconds: (Date.now() - started) / 1000 };
    };
    const results: CaseResult[] = [];

    try {
      for (const mode of ['PARTIAL', 'STRICT'] as const) {
        const body = attackJson(mode);
        step(`json-${mode.toLowerCase()}: ${mb(body.length)} MB body`);
        const { result, before, peak } = await withRss(api.pid, () =>
          post('/api/v1/submissions', body, 'application/json', tokens[0]),
        );
        const answer = JSON.parse(result.text);
        const id: string = answer.id ?? /submission ([0-9a-f-]{36})/.exec(answer.error?.message ?? '')?.[1];
        results.push({
          name: `json-${mode.toLowerCase()}`,
          status: result.status,
          seconds: result.seconds,
          answerBytes: result.text.length,
          storedErrors: id ? await stored(id) : -1,
          errorsTruncated: answer.errorsTruncated,
          errorCounts: answer.errorCounts,
          rssBeforeMb: mb(before),
          rssPeakMb: mb(peak),
        });
      }

      const csv = attackCsv();
      step(`csv-100k: ${mb(csv.length)} MB file`);
      const csvCase = await withRss(api.pid, async () => {
        const accepted = await post('/api/v1/submissions/csv?mode=PARTIAL', csv, 'text/csv', tokens[1]);
        const { id } = JSON.parse(accepted.text) as { id: string };
        const started = Date.now();
        type Status = { status: string; errorsTruncated?: boolean; errorCounts?: Record<string, number> };
        let submission: Status = { status: 'QUEUED' };
        while (['QUEUED', 'PROCESSING'].includes(submission.status)) {
          await sleep(200);
          submission = (await (
            await fetch(`${baseUrl}/api/v1/submissions/${id}`, { headers: { authorization: `Bearer ${tokens[1]}` } })
          ).json()) as Status;
        }
        const seconds = accepted.seconds + (Date.now() - started) / 1000;
        const downloadStarted = Date.now();
        const download = await (
          await fetch(`${baseUrl}/api/v1/submissions/${id}/errors`, {
            headers: { authorization: `Bearer ${tokens[1]}` },
          })
        ).text();
        return {
          id,
          submission,
          seconds,
          answerBytes: accepted.text.length,
          download,
          downloadSeconds: (Date.now() - downloadStarted) / 1000,
        };
      });
      results.push({
        name: 'csv-100k',
        status: 202,
        seconds: csvCase.result.seconds,
        answerBytes: csvCase.result.answerBytes,
        storedErrors: await stored(csvCase.result.id),
        errorsTruncated: csvCase.result.submission.errorsTruncated,
        errorCounts: csvCase.result.submission.errorCounts,
        downloadBytes: csvCase.result.download.length,
        downloadSeconds: csvCase.result.downloadSeconds,
        rssBeforeMb: mb(csvCase.before),
        rssPeakMb: mb(csvCase.peak),
      });

      step('concurrent: 5 json-partial bodies at once, one per coop');
      const body = attackJson('PARTIAL');
      const concurrent = await withRss(api.pid, async () => {
        const started = Date.now();
        const answers = await Promise.all(
          tokens.map((token) => post('/api/v1/submissions', body, 'application/json', token)),
        );
        return { answers, seconds: (Date.now() - started) / 1000 };
      });
      const ids = concurrent.result.answers.map((a) => JSON.parse(a.text).id as string);
      results.push({
        name: 'concurrent-5x-json-partial',
        status: Math.max(...concurrent.result.answers.map((a) => a.status)),
        seconds: concurrent.result.seconds,
        answerBytes: Math.max(...concurrent.result.answers.map((a) => a.text.length)),
        storedErrors: Math.max(...(await Promise.all(ids.map(stored)))),
        rssBeforeMb: mb(concurrent.before),
        rssPeakMb: mb(concurrent.peak),
      });
    } finally {
      await db.end();
    }

    console.log(
      '\ncase                        status  seconds  answer B  stored  download B  download s  RSS before -> peak MB',
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(28)}${String(r.status).padEnd(8)}${r.seconds.toFixed(2).padStart(7)}  ${String(r.answerBytes).padStart(8)}  ${String(r.storedErrors).padStart(6)}  ${String(r.downloadBytes ?? '').padStart(10)}  ${(r.downloadSeconds?.toFixed(2) ?? '').padStart(10)}  ${r.rssBeforeMb} -> ${r.rssPeakMb}`,
      );
    }
    for (const r of results)
      if (r.errorCounts)
        console.log(`${r.name}: errorsTruncated=${r.errorsTruncated} errorCounts=${JSON.stringify(r.errorCounts)}`);
    if (process.env.BENCH_RESULT_FILE)
      writeFileSync(
        process.env.BENCH_RESULT_FILE,
        JSON.stringify({ benchmark: 'submission-errors', results }, null, 2),
      );
    return false;
  });
}

void main().then((code) => process.exit(code));
