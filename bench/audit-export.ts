/**
 * Audit export benchmark: does GET /api/v1/audit-events/export stream a million rows in constant memory, and how fast?
 *
 *   npm run bench:audit-export
 *   BENCH_ROWS=200000 npm run bench:audit-export
 *
 * Environment:
 *   BENCH_ROWS        audit rows inserted before the export (default 1000000)
 *   BENCH_PORT        preferred port for the API (default 3904; a free one is chosen when it is taken)
 *   BENCH_ADMIN_URL   Postgres URL used to create and drop the scratch database
 *   REDIS_URL         passed through (default redis://127.0.0.1:6379/0)
 *   BENCH_KEEP_DB, BENCH_RESULT_FILE: see bench/support.ts
 *
 * It builds dist/ when it is stale, creates and migrates the scratch database kcx_bench_audit_export_<random>, seeds the demo
 * network (for auditor@kcx.demo, a NETWORK_AUDITOR), inserts BENCH_ROWS audit rows with generate_series, starts
 * dist/src/main.js, downloads the whole export as the auditor while sampling the API's RSS every 100 ms, checks the
 * CSV holds every row of the log, prints rows/s and the API's memory before and at its peak, and always cleans up.
 */
import http from 'node:http';
import { DEMO_PASSWORD } from '../src/cli/demo-network';
import { insertAuditRows } from '../src/modules/audit/audit-writer';
import {
  NodeScript,
  benchContext,
  childEnv,
  choosePort,
  cleanUpOnce,
  login,
  positiveInt,
  procMemory,
  recreateScratchDatabase,
  run,
  runCleanUpAndReport,
  step,
  waitUntilReady,
  withClient,
} from './support';

const BENCH = benchContext('kcx_bench_audit_export');
const AUDITOR_EMAIL = 'auditor@kcx.demo';
const INSERT_BATCH = 200_000;
const MEMORY_POLL_MS = 100;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Reads the export as it arrives, counting lines and bytes without keeping them. */
function download(
  url: string,
  token: string,
): Promise<{ status: number; lines: number; bytes: number; header: string; firstRow: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let lines = 0;
      let bytes = 0;
      let head = '';
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (head.length < 2000) head += chunk.toString('utf8');
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => {
        const [header = '', firstRow = ''] = head.split('\n');
        resolve({ status: res.statusCode ?? 0, lines, bytes, header, firstRow });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function main(): Promise<number> {
  const rows = positiveInt('BENCH_ROWS', 1_000_000, 1);
  const preferredPort = positiveInt('BENCH_PORT', 3904, 1);
  const children: NodeScript[] = [];
  const cleanUp = cleanUpOnce(BENCH, children);
  const figures: Record<string, unknown> = { rowsInserted: rows };
  return runCleanUpAndReport('audit-export', figures, children, cleanUp, async () => {
    const env = childEnv(BENCH, { BCRYPT_COST: '4', REDIS_URL: BENCH.redisUrl });
    step('build dist/ if stale (scripts/ensure-built.js)');
    await run(process.execPath, ['scripts/ensure-built.js'], process.env);
    step(`create and migrate ${BENCH.scratchDb}`);
    await recreateScratchDatabase(BENCH);
    await run('npm', ['run', 'migration:run'], env);
    step('seed the demo network (for auditor@kcx.demo)');
    await run(process.execPath, ['dist/src/cli.js', 'seed-demo'], env);

    step(`insert ${rows.toLocaleString('en-US')} audit rows`);
    const started = performance.now();
    await withClient(BENCH.databaseUrl, async (client) => {
      const coops: { id: string }[] = (await client.query('SELECT id FROM cooperatives ORDER BY id')).rows;
      for (let done = 0; done < rows; done += INSERT_BATCH) {
        const n = Math.min(INSERT_BATCH, rows - done);
        await insertAuditRows(
          client,
          {
            occurred_at: 'now() - make_interval(secs => ($1::int - g) * 3)',
            action: "'PROFILE_QUERIED'",
            outcome: "'ALLOWED'",
            actor_user_id: 'gen_random_uuid()',
            actor_cooperative_id: '($3::uuid[])[1 + g % cardinality($3::uuid[])]',
            actor_role: "'LOAN_OFFICER'",
            subject_ref: 'gen_random_uuid()::text',
            purpose: "'NEW_APPLICATION'",
            request_id: "'bench-' || g",
            ip: "'10.0.0.' || (g % 250)",
            details: "'{}'",
          },
          'FROM generate_series($2::int, $2::int + $4::int - 1) g',
          [rows, done, coops.map((c) => c.id), n],
        );
      }
      await client.query('ANALYZE audit_events');
    });
    step(`  inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

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
      }),
    );
    children.push(api);
    step(`start the API on port ${port}`);
    await waitUntilReady(baseUrl, () => {
      if (api.hasExited) throw new Error(`the API ${api.describeExit()} before it was ready`);
    });
    const token = await login(baseUrl, AUDITOR_EMAIL, DEMO_PASSWORD);
    const before = procMemory(api.pid);
    if (!before) throw new Error('cannot read the API process memory (/proc)');

    step('download GET /api/v1/audit-events/export as the NETWORK_AUDITOR');
    const samples: number[] = [];
    const poll = setInterval(() => samples.push(procMemory(api.pid)?.rss ?? 0), MEMORY_POLL_MS);
    const t0 = performance.now();
    const result = await download(`${baseUrl}/api/v1/audit-events/export`, token).finally(() => clearInterval(poll));
    const seconds = (performance.now() - t0) / 1000;
    const after = procMemory(api.pid);
    const peak = Math.max(before.rss, ...samples);
    // RSS at each fifth of the download: flat when memory does not grow with the rows sent.
    const fifths = [1, 2, 3, 4, 5].map((k) =>
      mb(Math.max(0, ...samples.slice(0, Math.ceil((samples.length * k) / 5)))),
    );
    if (result.status !== 200) throw new Error(`the export answered ${result.status}`);
    const total = await withClient(BENCH.databaseUrl, async (c) =>
      Number((await c.query('SELECT count(*) FROM audit_events')).rows[0].count),
    );
    const exported = result.lines - 1;
    // The log now also holds the export's own AUDIT_LOG_READ (recorded before the first row, so exported too).
    if (exported !== total) throw new Error(`the export held ${exported} rows, the log ${total}`);

    Object.assign(figures, {
      rowsExported: exported,
      bytes: result.bytes,
      seconds,
      rowsPerSecond: exported / seconds,
      apiRssBeforeMb: before.rss / 2 ** 20,
      apiRssPeakMb: peak / 2 ** 20,
      apiRssPeakByFifthMb: fifths.map(Number),
    });
    console.log('');
    console.log(
      `rows:          ${exported.toLocaleString('en-US')} exported (${rows.toLocaleString('en-US')} inserted), ${mb(result.bytes)} MB of CSV`,
    );
    console.log(`header:        ${result.header}`);
    console.log(`first row:     ${result.firstRow}`);
    console.log(
      `time:          ${seconds.toFixed(2)} s, ${Math.round(exported / seconds).toLocaleString('en-US')} rows/s`,
    );
    console.log(
      `API RSS:       ${mb(before.rss)} MB before, peak ${mb(peak)} MB while streaming (polled every ${MEMORY_POLL_MS} ms), VmHWM ${mb(after?.hwm ?? NaN)} MB`,
    );
    console.log(`peak by fifth: ${fifths.join(' / ')} MB (highest RSS seen by the end of each fifth of the download)`);
    return false;
  });
}

void main().then((code) => process.exit(code));
