/**
 * The generated network the profile query and the soak run on: a scratch database created and migrated, the network
 * loaded by COPY (bench/profile-network.ts), VACUUM ANALYZE, then full-network rescoring with the compiled
 * RiskRecalculationService (dist/) so every borrower has a current stored profile, and VACUUM ANALYZE again.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_SECRETS } from '../src/config/env.schema';
import { loadNetwork, LoadedNetwork, Secrets } from './profile-network';
import {
  BenchContext,
  childEnv,
  Cost,
  NodeScript,
  recreateScratchDatabase,
  ROOT,
  run,
  step,
  withClient,
} from './support';

export const SECRETS: Secrets = {
  nikHashKey: process.env.NIK_HASH_KEY ?? DEV_SECRETS.NIK_HASH_KEY,
  nikHashKeyVersion: Number(process.env.NIK_HASH_KEY_VERSION ?? 1),
  apiKeyHashSecret: process.env.API_KEY_HASH_SECRET ?? DEV_SECRETS.API_KEY_HASH_SECRET,
};

/** Runs `work` as a named, measured phase of the caller's benchmark. */
export type Phase = <T>(name: string, work: () => Promise<T>, apiPid?: number) => Promise<{ value: T; cost: Cost }>;

export interface NetworkSize {
  borrowers: number;
  coops: number;
  /** Borrowers with an active consent: the ones queried. */
  consents: number;
  /** Full-network rescoring runs: the first stores every profile, a second rewrites them (default 2). */
  rescoreRuns: number;
}

export interface RescoreRun {
  count: number;
  ms: number;
  perSecond: number;
  note: string;
}

export interface PreparedNetwork {
  network: LoadedNetwork;
  /** From the first COPY to the last foreign key built. */
  loadMs: number;
  rescoring: RescoreRun[];
  /** pg_database_size after loading and rescoring. */
  databaseBytes: number;
  /** loan_records with its indexes. */
  loanRecordsBytes: number;
}

const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

let closeOpenContext: (() => Promise<void>) | null = null;

/** Closes the rescoring's Nest context if one is open (cleanup after an interrupted run). */
export async function closeRescoringContext(): Promise<void> {
  await closeOpenContext?.().catch((error: Error) => step(`could not close the rescoring context: ${error.message}`));
}

/** Full-network rescoring with the compiled service, `runs` times, each measured as a phase. */
async function rescore(context: BenchContext, borrowers: number, runs: number, phase: Phase): Promise<RescoreRun[]> {
  const dist = (path: string) => import(join(ROOT, 'dist', 'src', path));
  const { loadConfig } = await dist('config/load-config.js');
  const { CoreModule } = await dist('core.module.js');
  const { RiskModule } = await dist('modules/risk/risk.module.js');
  const { RiskRecalculationService } = await dist('modules/risk/risk-recalculation.service.js');
  @Module({})
  class BenchRescoreModule {}
  const config = loadConfig(childEnv(context, { LOG_LEVEL: 'warn', REDIS_URL: context.redisUrl }));
  const app = await NestFactory.createApplicationContext(
    { module: BenchRescoreModule, imports: [CoreModule.forRoot(config), RiskModule] },
    { logger: ['error', 'warn'] },
  );
  closeOpenContext = () => app.close();
  try {
    const service = app.get(RiskRecalculationService) as { refreshProfiles(o: object): Promise<number> };
    const results: RescoreRun[] = [];
    for (let i = 1; i <= runs; i++) {
      const label = i === 1 ? 'rescoring run 1 (stores every profile)' : `rescoring run ${i} (rewrites every profile)`;
      let next = Math.max(20_000, Math.round(borrowers / 10));
      const every = next;
      const onBatch = async ({ borrowers: done }: { borrowers: number }) => {
        if (done < next) return;
        step(`  ${label}: ${thousands(done)} of ${thousands(borrowers)}`);
        next += every;
      };
      const { value: count, cost } = await phase(label, () => service.refreshProfiles({ all: true, onBatch }));
      const perSecond = (count * 1000) / cost.ms;
      step(
        `  ${label}: ${thousands(count)} borrowers in ${(cost.ms / 1000).toFixed(1)} s (${thousands(perSecond)}/s); ${cost.note}`,
      );
      results.push({ count, ms: cost.ms, perSecond, note: cost.note });
    }
    return results;
  } finally {
    closeOpenContext = null;
    await app.close();
  }
}

export async function prepareNetwork(context: BenchContext, size: NetworkSize, phase: Phase): Promise<PreparedNetwork> {
  const env = childEnv(context, { REDIS_URL: context.redisUrl });
  await phase(`create and migrate ${context.scratchDb}`, async () => {
    await recreateScratchDatabase(context);
    await run('npm', ['run', 'migration:run'], env);
  });
  const { value: network, cost: load } = await phase('load the network with COPY, then build keys and indexes', () =>
    loadNetwork(
      context.databaseUrl,
      { coops: size.coops, borrowers: size.borrowers, months: 24, seed: 42 },
      size.consents,
      SECRETS,
      (t) => step(`  ${t}`),
    ),
  );
  const c = network.counts;
  step(
    `  ${c.borrowers} borrowers (${c.multiCoopBorrowers} at 2+ coops), ${c.identities} identities, ${c.loans} loans, ${c.records} records, ${c.consents} consents`,
  );
  await phase('VACUUM ANALYZE', () => withClient(context.databaseUrl, (client) => client.query('VACUUM ANALYZE')));
  const rescoring = await rescore(context, c.borrowers, size.rescoreRuns, phase);
  await phase('VACUUM ANALYZE after rescoring', () =>
    withClient(context.databaseUrl, (client) => client.query('VACUUM ANALYZE')),
  );
  const sizes = await withClient(context.databaseUrl, async (client) => {
    const {
      rows: [row],
    } = await client.query(
      `SELECT pg_database_size(current_database())::text AS db, pg_total_relation_size('loan_records')::text AS records`,
    );
    return { db: Number(row.db), records: Number(row.records) };
  });
  step(
    `  database ${(sizes.db / 2 ** 20).toFixed(0)} MiB, of which loan_records with its indexes ${(sizes.records / 2 ** 20).toFixed(0)} MiB`,
  );
  return { network, loadMs: load.ms, rescoring, databaseBytes: sizes.db, loanRecordsBytes: sizes.records };
}

/** The profile query's requests, round robin over the consented borrowers, each with the key of the coop holding the consent. */
export function profileRequests(
  network: LoadedNetwork,
): () => { method: string; path: string; headers: Record<string, string>; body: string } {
  let next = 0;
  return () => {
    const target = network.targets[next++ % network.targets.length];
    return {
      method: 'POST',
      path: '/api/v1/profiles/query',
      headers: { 'content-type': 'application/json', 'x-api-key': target.coop.apiKey },
      body: JSON.stringify({ nik: target.nik, purpose: 'NEW_APPLICATION' }),
    };
  };
}

/** Polls until the worker's sealer has sealed something (call it after a request that wrote an audit event). */
export async function waitForFirstSeal(context: BenchContext, worker: NodeScript): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (worker.hasExited) throw new Error(`the worker ${worker.describeExit()} before it sealed: ${worker.output()}`);
    const sealed = await withClient(
      context.databaseUrl,
      async (client) => (await client.query('SELECT 1 FROM audit_chain LIMIT 1')).rowCount,
    );
    if (sealed) return;
    await sleep(250);
  }
  throw new Error(`the worker sealed nothing within 60 s: ${worker.output()}`);
}
