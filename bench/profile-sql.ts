/**
 * The SQL one allowed profile query runs with a current stored profile: a single statement
 * (ProfilesRepository.answerQuery, ANSWER_PROFILE_QUERY) that decides, audits and records the inquiry, as a pgbench
 * script, and the reading of pgbench's output. The service's parameters become pgbench :variables; the ids and
 * timestamps it makes in Node (report id, now) come from gen_random_uuid() and now(). The borrower, consent, coop and
 * key are read from bench_targets by one primary-key SELECT first, a small handicap for pgbench.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWER_PROFILE_QUERY } from '../src/modules/profiles/profiles.repository';

/** Values the service sends as parameters that do not depend on the borrower (pgbench -D); versions come from the run. */
export const CONSTANTS: Record<string, string> = {
  purpose: 'NEW_APPLICATION',
  role: 'LOAN_OFFICER',
  ip: '127.0.0.1',
  reqid: '6f1c2a9e-1b7d-4c38-9f0e-2d5a8b7c4e10',
};

export const PICK_TARGET = `SELECT borrower_key AS bk, consent_id AS cid, cooperative_id AS coop, api_key_id AS kid FROM bench_targets WHERE n = :n`;

// $1..$17 of ANSWER_PROFILE_QUERY, in order.
const PARAMETERS = [
  ':coop',
  ':bk',
  ':purpose',
  'gen_random_uuid()',
  'now()',
  'NULL',
  ':kid',
  ':role',
  ':reqid',
  ':ip',
  ':model',
  ':ruleset',
  ':asof',
  "(now() - interval '90 days')",
  'false',
  '45',
  '60',
];

export const TRANSACTION: { label: string; sql: string }[] = [
  {
    label: 'the profile query (one statement)',
    // Comments go before the statement is put on one line: a `--` would swallow the rest of it.
    sql: ANSWER_PROFILE_QUERY.replace(/--[^\n]*/g, '')
      .replace(/\$(\d+)/g, (_, n: string) => PARAMETERS[Number(n) - 1])
      .replace(/\s+/g, ' ')
      .trim(),
  },
];

export function pgbenchScript(targets: number): string {
  return [`\\set n random(1, ${targets})`, `${PICK_TARGET} \\gset`, ...TRANSACTION.map((s) => `${s.sql};`), ''].join(
    '\n',
  );
}

/** pgbench's :variables as $1.. with their values, for running a statement through pg (EXPLAIN). */
export function bind(sql: string, values: Record<string, string>): { text: string; params: string[] } {
  const params: string[] = [];
  // (?<!:) skips casts such as ::text, as pgbench does.
  const text = sql.replace(/(?<!:):([a-z_]+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    params.push(values[name]);
    return `$${params.length}`;
  });
  return { text, params };
}

export interface PgbenchResult {
  tps: number;
  latencyAvgMs: number;
  p50Ms: number;
  p99Ms: number;
  transactions: number;
  failed: number;
  statements: { ms: number; text: string }[];
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Reads pgbench's summary (-r statement latencies included) and its per-transaction logs (-l) under logDir. */
export function readPgbench(output: string, logDir: string): PgbenchResult {
  const number = (pattern: RegExp): number => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`pgbench output lacks ${pattern}:\n${output}`);
    return Number(match[1]);
  };
  const statements: { ms: number; text: string }[] = [];
  const table = output.slice(output.indexOf('statement latencies'));
  for (const row of table.split('\n').slice(1)) {
    const match = /^\s+([\d.]+)\s+(?:\d+\s+)?(.+)$/.exec(row);
    if (match) statements.push({ ms: Number(match[1]), text: match[2].trim() });
  }
  const latencies: number[] = [];
  for (const file of readdirSync(logDir).filter((f) => f.startsWith('pgbench_log'))) {
    for (const row of readFileSync(join(logDir, file), 'utf8').split('\n')) {
      const fields = row.split(' ');
      if (fields.length >= 6) latencies.push(Number(fields[2]) / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
    latencyAvgMs: number(/latency average = ([\d.]+) ms/),
    p50Ms: latencies.length ? percentile(latencies, 50) : NaN,
    p99Ms: latencies.length ? percentile(latencies, 99) : NaN,
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: /number of failed transactions: (\d+)/.test(output) ? number(/number of failed transactions: (\d+)/) : 0,
    statements,
  };
}
