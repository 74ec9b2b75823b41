/**
 * Audit chain benchmark: how fast does the sealer extend the hash chain over a million audit events, and how fast does
 * verification walk it (AuditService.verify, and `npm run cli -- verify-audit` as an operator runs it)?
 *
 *   npm run bench:audit-verify
 *   BENCH_EVENTS=100000 npm run bench:audit-verify
 *
 * Environment:
 *   BENCH_EVENTS      audit events inserted, sealed and verified (default 1000000)
 *   BENCH_ADMIN_URL, BENCH_KEEP_DB, BENCH_RESULT_FILE, REDIS_URL: see bench/support.ts
 *
 * It builds dist/ when it is stale, creates and migrates a scratch database kcx_bench_audit_verify_<random>, inserts
 * BENCH_EVENTS PROFILE_QUERIED events with INSERT ... SELECT generate_series (spread from the start of this UTC month
 * to now, so they land in the month's partition; the audit_events_digest trigger computes each event's digest on
 * the way in, so the insert rate includes it), then in a Nest context built from dist/: seals them all with
 * AuditSealer.seal (the worker's sealer, 5,000 events per transaction, chaining the stored digests, no sweep) and
 * verifies them with AuditService.verify; then times `node dist/src/cli.js verify-audit` (what
 * `npm run cli -- verify-audit` runs, start-up included). Fails unless every verification says valid with every event checked and none pending. Always cleans up.
 */
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { insertAuditRows } from '../src/modules/audit/audit-writer';
import {
  benchContext,
  capture,
  childEnv,
  cleanUpOnce,
  Cost,
  fixed,
  measure,
  positiveInt,
  recreateScratchDatabase,
  requireDiskSpace,
  ROOT,
  run,
  runAndCleanUp,
  step,
  withClient,
  writeResult,
} from './support';

const BENCH = benchContext('kcx_bench_audit_verify');
const INSERT_BATCH = 200_000;
/** An event takes ~250 B in its partition with indexes, its link ~150 B; with room for WAL. */
const DISK_BYTES_PER_EVENT = 1_500;

interface Verification {
  valid: boolean;
  checked: number;
  firstBrokenId: string | null;
  pending: number;
  problems: string[];
}

export interface AuditVerifyResult {
  bench: 'audit-verify';
  ok: boolean;
  error: string | null;
  startedAt: string;
  events: number;
  insert: { seconds: number; perSecond: number } | null;
  seal: { seconds: number; perSecond: number; sealed: number; cpu: string } | null;
  verify: { seconds: number; perSecond: number; checked: number; valid: boolean; cpu: string } | null;
  cli: {
    command: string;
    seconds: number;
    perSecond: number;
    checked: number;
    valid: boolean;
    exitCode: number;
  } | null;
  auditBytes: number | null;
  problems: string[];
}

let closeContext: (() => Promise<void>) | null = null;

/** Seals and verifies in a Nest context built from dist/ (CoreModule provides AuditSealer and AuditService). */
async function sealAndVerify(phase: <T>(name: string, work: () => Promise<T>) => Promise<{ value: T; cost: Cost }>) {
  const dist = (path: string) => import(join(ROOT, 'dist', 'src', path));
  const { loadConfig } = await dist('config/load-config.js');
  const { CoreModule } = await dist('core.module.js');
  const { AuditSealer } = await dist('modules/audit/chain/audit-sealer.js');
  const { AuditService } = await dist('modules/audit/audit.service.js');
  const config = loadConfig(childEnv(BENCH, { LOG_LEVEL: 'warn', REDIS_URL: BENCH.redisUrl }));
  const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger: ['error', 'warn'] });
  closeContext = () => app.close();
  try {
    const sealer = app.get(AuditSealer) as { seal(o: { maxBatches: number }): Promise<number> };
    const service = app.get(AuditService) as { verify(): Promise<Verification> };
    const seal = await phase('seal every event (AuditSealer.seal, as the worker does)', () =>
      sealer.seal({ maxBatches: Number.MAX_SAFE_INTEGER }),
    );
    const verify = await phase('verify the chain (AuditService.verify)', () => service.verify());
    return { seal, verify };
  } finally {
    closeContext = null;
    await app.close();
  }
}

const cleanUp = cleanUpOnce(BENCH, [], async () => {
  await closeContext?.().catch(() => undefined);
});

async function main(): Promise<number> {
  const events = positiveInt('BENCH_EVENTS', 1_000_000, 1);
  const result: AuditVerifyResult = {
    bench: 'audit-verify',
    ok: false,
    error: null,
    startedAt: new Date().toISOString(),
    events,
    insert: null,
    seal: null,
    verify: null,
    cli: null,
    auditBytes: null,
    problems: [],
  };
  const problem = (text: string) => {
    result.problems.push(text);
    step(`  PROBLEM: ${text}`);
  };
  console.log('Audit chain benchmark');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(
    `events:   ${events.toLocaleString('en-US')} sealed by AuditSealer, verified by AuditService.verify and by the CLI\n`,
  );

  const code = await runAndCleanUp([], cleanUp, () =>
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
    const phase = async <T>(name: string, work: () => Promise<T>): Promise<{ value: T; cost: Cost }> => {
      step(name);
      const measured = await measure(work);
      step(`  ${(measured.cost.ms / 1000).toFixed(1)} s; ${measured.cost.note}`);
      return measured;
    };
    await requireDiskSpace(
      BENCH,
      2 ** 30 + events * DISK_BYTES_PER_EVENT,
      `${events.toLocaleString('en-US')} audit events`,
    );
    await phase('build dist/ if stale (scripts/ensure-built.js)', () =>
      run(process.execPath, ['scripts/ensure-built.js'], process.env),
    );
    const env = childEnv(BENCH, { REDIS_URL: BENCH.redisUrl, LOG_LEVEL: 'warn' });
    await phase(`create and migrate ${BENCH.scratchDb}`, async () => {
      await recreateScratchDatabase(BENCH);
      await run('npm', ['run', 'migration:run'], env);
    });

    const inserted = await phase(
      `insert ${events.toLocaleString('en-US')} audit events (INSERT ... SELECT generate_series)`,
      () =>
        withClient(BENCH.databaseUrl, async (client) => {
          for (let done = 0; done < events; done += INSERT_BATCH) {
            const n = Math.min(INSERT_BATCH, events - done);
            // Evenly spread from the start of this UTC month to now: all in the month's partition, in id order.
            await insertAuditRows(
              client,
              {
                occurred_at: 'b.m + (now() - b.m) * (g::float8 / $1::float8)',
                action: "'PROFILE_QUERIED'",
                outcome: "'ALLOWED'",
                actor_api_key_id: 'gen_random_uuid()',
                actor_cooperative_id: 'gen_random_uuid()',
                actor_role: "'LOAN_OFFICER'",
                subject_ref: 'gen_random_uuid()::text',
                purpose: "'NEW_APPLICATION'",
                consent_id: 'gen_random_uuid()',
                request_id: "'bench-' || g",
                ip: "'10.0.0.' || (g % 250)",
                details: "jsonb_build_object('reportId', gen_random_uuid(), 'recomputed', g % 10 = 0)",
              },
              `FROM generate_series($2::int + 1, $2::int + $3::int) g,
                  (SELECT date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m) b`,
              [events, done, n],
            );
          }
          await client.query('VACUUM ANALYZE audit_events');
        }),
    );
    result.insert = { seconds: inserted.cost.ms / 1000, perSecond: (events * 1000) / inserted.cost.ms };
    const total = await withClient(BENCH.databaseUrl, async (c) =>
      Number((await c.query('SELECT count(*) AS n FROM audit_events')).rows[0].n),
    );
    if (total !== events)
      step(`  ${total} events in the log: ${events} inserted, ${total - events} written by the migrations`);

    const { seal, verify } = await sealAndVerify(phase);
    result.seal = {
      seconds: seal.cost.ms / 1000,
      perSecond: (seal.value * 1000) / seal.cost.ms,
      sealed: seal.value,
      cpu: seal.cost.note,
    };
    if (seal.value !== total) problem(`sealed ${seal.value} events, the log holds ${total}`);
    const v = verify.value;
    result.verify = {
      seconds: verify.cost.ms / 1000,
      perSecond: (v.checked * 1000) / verify.cost.ms,
      checked: v.checked,
      valid: v.valid,
      cpu: verify.cost.note,
    };
    if (!v.valid || v.checked !== total || v.pending !== 0) problem(`AuditService.verify: ${JSON.stringify(v)}`);
    step(
      `  sealed ${seal.value} at ${fixed(result.seal.perSecond, 0)} events/s; verified ${v.checked} at ${fixed(result.verify.perSecond, 0)} events/s: valid ${v.valid}, pending ${v.pending}`,
    );

    const command = 'npm run cli -- verify-audit';
    step(`time \`${command}\` (node dist/src/cli.js verify-audit: start-up, verification, exit)`);
    const t0 = performance.now();
    let output = '';
    let exitCode = 0;
    try {
      output = await capture(process.execPath, ['dist/src/cli.js', 'verify-audit'], env);
    } catch {
      exitCode = 1;
    }
    const cliMs = performance.now() - t0;
    const answer = (() => {
      try {
        return JSON.parse(output.trim().split('\n').pop() ?? '') as Verification;
      } catch {
        return null;
      }
    })();
    result.cli = {
      command,
      seconds: cliMs / 1000,
      perSecond: ((answer?.checked ?? 0) * 1000) / cliMs,
      checked: answer?.checked ?? 0,
      valid: answer?.valid ?? false,
      exitCode,
    };
    if (exitCode !== 0 || !answer?.valid || answer.checked !== total)
      problem(`${command}: exit ${exitCode}, answer ${output.slice(0, 300)}`);
    step(`  ${fixed(cliMs / 1000)} s, exit ${exitCode}: ${output.trim().slice(0, 200)}`);

    result.auditBytes = await withClient(BENCH.databaseUrl, async (c) =>
      Number(
        (
          await c.query(
            `SELECT (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'audit_events'::regclass) + pg_total_relation_size('audit_chain') AS n`,
          )
        ).rows[0].n,
      ),
    );
    console.log('');
    console.log(
      `events:          ${total.toLocaleString('en-US')} (audit_events partitions and audit_chain: ${fixed((result.auditBytes ?? NaN) / 2 ** 20, 0)} MiB)`,
    );
    console.log(`insert:          ${fixed(result.insert.seconds)} s (${fixed(result.insert.perSecond, 0)} events/s)`);
    console.log(
      `seal:            ${fixed(result.seal.seconds)} s (${fixed(result.seal.perSecond, 0)} events/s, AuditSealer.seal, 5,000 per transaction)`,
    );
    console.log(
      `verify:          ${fixed(result.verify.seconds)} s (${fixed(result.verify.perSecond, 0)} events/s, AuditService.verify)`,
    );
    console.log(
      `${command}: ${fixed(result.cli.seconds)} s (${fixed(result.cli.perSecond, 0)} events/s with start-up), exit ${exitCode}`,
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
