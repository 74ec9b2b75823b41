/**
 * Writes a synthetic cooperative network to disk: one CSV per coop and a manifest.
 *
 *   npx ts-node --transpile-only scripts/generate-network.ts --coops 3 --borrowers 1000 --months 24 --seed 42 \
 *     --out tmp/network [--end-period 2026-10] [--dialects id,en,id]
 *
 * <out>/<coopKey>.csv    the coop's monthly records in its dialect ('id': ';', 5.000.000,00, DD/MM/YYYY, BOM)
 * <out>/manifest.json    options, coops with their record counts, and every borrower (synthetic people only)
 * Rows are streamed to disk; memory stays flat however many rows are written.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  CSV_NEWLINE,
  CsvDialect,
  NetworkOptions,
  describeNetwork,
  generateCsv,
  resolveNetworkOptions,
} from '../src/cli/synthetic-network';

const USAGE =
  'usage: generate-network.ts --coops N --borrowers M [--months 24] [--seed 1] [--end-period YYYY-MM] ' +
  '[--dialects id,en] --out DIR';
// Lines are batched into chunks of about this size: one write() per line would dominate the run time.
const CHUNK_CHARS = 64 * 1024;

interface CliArgs {
  options: NetworkOptions;
  out: string;
}

function integerArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new RangeError(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

function dialectsArg(value: string | undefined): CsvDialect[] | undefined {
  if (value === undefined) return undefined;
  const dialects = value.split(',').map((part) => part.trim());
  const bad = dialects.find((dialect) => dialect !== 'id' && dialect !== 'en');
  if (bad !== undefined) throw new RangeError(`--dialects takes id and en, got "${bad}"`);
  return dialects as CsvDialect[];
}

function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      coops: { type: 'string' },
      borrowers: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      'end-period': { type: 'string' },
      dialects: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const coops = integerArg('coops', values.coops);
  const borrowers = integerArg('borrowers', values.borrowers);
  if (coops === undefined || borrowers === undefined || values.out === undefined) throw new RangeError(USAGE);
  const options: NetworkOptions = {
    coops,
    borrowers,
    months: integerArg('months', values.months),
    seed: integerArg('seed', values.seed),
    endPeriod: values['end-period'],
    dialects: dialectsArg(values.dialects),
  };
  return { options, out: values.out };
}

/** Streams lines to a file, waiting for 'drain' whenever the stream's buffer is full. Returns the line count. */
async function writeLines(file: string, lines: Iterable<string>, newline: string): Promise<number> {
  const stream = createWriteStream(file, { encoding: 'utf8' });
  let count = 0;
  let chunk = '';
  for (const line of lines) {
    chunk += line + newline;
    count += 1;
    if (chunk.length >= CHUNK_CHARS) {
      const accepted = stream.write(chunk);
      chunk = '';
      if (!accepted) await once(stream, 'drain');
    }
  }
  stream.end(chunk);
  await finished(stream);
  return count;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const { options: raw, out } = parseCliArgs(process.argv.slice(2));
  const options = resolveNetworkOptions(raw);
  const network = describeNetwork(options);
  await mkdir(out, { recursive: true });

  const coops = [];
  for (const coop of network.coops) {
    const file = join(out, `${coop.key}.csv`);
    const lines = await writeLines(file, generateCsv(options, coop.key), CSV_NEWLINE[coop.dialect]);
    const { size } = await stat(file);
    coops.push({ ...coop, file: `${coop.key}.csv`, records: lines - 1, bytes: size });
  }

  const multiCoop = network.borrowers.filter((borrower) => borrower.coopKeys.length > 1).length;
  const totalRows = coops.reduce((sum, coop) => sum + coop.records, 0);
  const manifest = {
    options,
    coops,
    totals: { borrowers: network.borrowers.length, multiCoop, records: totalRows },
    borrowers: network.borrowers,
  };
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `network: ${coops.length} coops, ${network.borrowers.length} borrowers, ${options.months} months to ${options.endPeriod}, seed ${options.seed}`,
  );
  console.log(`multi-coop borrowers: ${multiCoop} (${((100 * multiCoop) / network.borrowers.length).toFixed(1)}%)`);
  for (const coop of coops) {
    console.log(
      `  ${coop.key} ${coop.name} (${coop.district}, ${coop.dialect}): ${coop.records} records, ${megabytes(coop.bytes)}`,
    );
  }
  console.log(`total rows: ${totalRows}; written to ${out} in ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
