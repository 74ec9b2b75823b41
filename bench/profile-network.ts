/**
 * Loads a synthetic network (src/cli/synthetic-network.ts) straight into the tables the submission merge writes, with
 * COPY: cooperatives, one submission per coop, borrowers, borrower_identities, loans, loan_records. Then a
 * LOAN_OFFICER and a DATA_SUBMITTER API key per coop, active NEW_APPLICATION consents for a sample of borrowers and
 * bench_targets, the table the pgbench script draws its borrower, consent, coop and key from. Setup for
 * bench/profile-query.ts and bench/soak.ts: fast, not measured, but every column, check and foreign key of the
 * migrations holds. The keys, unique constraints, indexes and foreign keys of the loaded tables are dropped before
 * the COPYs and built again after them (one sort per index instead of millions of random inserts, one validating
 * scan per foreign key instead of a lookup per row); the caller runs ANALYZE.
 */
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  describeNetwork,
  generateRecords,
  NetworkOptions,
  resolveNetworkOptions,
  SyntheticRecord,
} from '../src/cli/synthetic-network';
import { keyedHash } from '../src/common/crypto/keyed-hash';
import { borrowerKey, identityHash } from '../src/modules/borrowers/borrower-key';
import { apiKeyDisplayPrefix, generateApiKey } from '../src/modules/cooperatives/api-key-format';
import { collectibilityFor, CURRENT_COLLECTIBILITY_RULES } from '../src/modules/loans/apply/collectibility';

export interface Secrets {
  nikHashKey: string;
  nikHashKeyVersion: number;
  apiKeyHashSecret: string;
}

export interface LoadedCoop {
  key: string;
  id: string;
  /** LOAN_OFFICER key: profile queries. */
  apiKey: string;
  apiKeyId: string;
  /** DATA_SUBMITTER key: JSON submissions (the soak). */
  submitterKey: string;
  /** Some of the coop's members as the coop reports them, for submissions of new loans. */
  members: { nik: string; fullName: string; birthDate: string }[];
}

/** A borrower the benchmark may ask about: consented by `coop` for NEW_APPLICATION. */
export interface Target {
  nik: string;
  coop: LoadedCoop;
}

export interface LoadedNetwork {
  coops: LoadedCoop[];
  targets: Target[];
  /** The newest period of the generated records (YYYY-MM). */
  endPeriod: string;
  counts: {
    borrowers: number;
    multiCoopBorrowers: number;
    identities: number;
    loans: number;
    records: number;
    consents: number;
  };
}

const CONSENT_DAYS = 30;
const CHUNK_CHARS = 256 * 1024;
const MEMBERS_PER_COOP = 200;
/** The tables loaded by COPY: their keys, indexes and foreign keys are built after the load. */
const LOADED_TABLES = ['borrowers', 'borrower_identities', 'loans', 'loan_records', 'consents'];

/** COPY text format: tab separated, \N for null (the generated values hold no tabs, newlines or backslashes). */
const line = (cells: (string | number | null)[]): string =>
  cells.map((c) => (c === null ? '\\N' : String(c))).join('\t') + '\n';

/** Streams lines into `COPY table (columns) FROM STDIN` in chunks of CHUNK_CHARS. */
async function copyLines(client: Client, table: string, columns: string[], lines: Iterable<string>): Promise<void> {
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  async function* chunks(): AsyncGenerator<string> {
    let chunk = '';
    for (const text of lines) {
      chunk += text;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(chunks(), copy);
}

/**
 * Drops the primary keys, unique constraints, indexes and foreign keys of `tables` (and the foreign keys pointing at
 * them) and returns the statements that build them again, keys and indexes first, then the foreign keys.
 */
async function dropKeysAndIndexes(client: Client, tables: string[]): Promise<string[]> {
  const { rows: foreign } = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype = 'f' AND conparentid = 0 AND (conrelid::regclass::text = ANY ($1) OR confrelid::regclass::text = ANY ($1))
      ORDER BY 1, 2`,
    [tables],
  );
  const { rows: keys } = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype IN ('p', 'u') AND conparentid = 0 AND conrelid::regclass::text = ANY ($1) ORDER BY 1, 2`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index i
      WHERE indrelid::regclass::text = ANY ($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1`,
    [tables],
  );
  for (const f of foreign) await client.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT "${f.name}"`);
  for (const k of keys) await client.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  return [
    ...keys.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.name}" ${k.def}`),
    ...indexes.map((i) => i.def),
    ...foreign.map((f) => `ALTER TABLE ${f.tbl} ADD CONSTRAINT "${f.name}" ${f.def}`),
  ];
}

/** The records of one coop, loan by loan: generateRecords yields them ordered by loan, then period. */
function* loansOf(options: NetworkOptions, coopKey: string): Generator<SyntheticRecord[]> {
  let current: SyntheticRecord[] = [];
  for (const record of generateRecords(options, coopKey)) {
    if (current.length > 0 && current[0].loanRef !== record.loanRef) {
      yield current;
      current = [];
    }
    current.push(record);
  }
  if (current.length > 0) yield current;
}

/** A deterministic sample of `count` borrower indexes spread over the whole network, in a shuffled order. */
function sample(total: number, count: number): number[] {
  const step = total / count;
  const picked = Array.from({ length: count }, (_, i) => Math.floor(i * step));
  let state = 0x9e3779b9;
  for (let i = picked.length - 1; i > 0; i--) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    const j = state % (i + 1);
    [picked[i], picked[j]] = [picked[j], picked[i]];
  }
  return picked;
}

export async function loadNetwork(
  databaseUrl: string,
  options: NetworkOptions,
  consentCount: number,
  secrets: Secrets,
  progress: (text: string) => void,
): Promise<LoadedNetwork> {
  const network = describeNetwork(options);
  const { endPeriod } = resolveNetworkOptions(options);
  const keyOf = new Map<string, string>();
  for (const b of network.borrowers)
    keyOf.set(b.nik, borrowerKey(b.nik, secrets.nikHashKey, secrets.nikHashKeyVersion));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const coops: LoadedCoop[] = [];
    const submissionOf = new Map<string, string>();
    for (const [i, coop] of network.coops.entries()) {
      const [row] = (
        await client.query<{ id: string }>(
          `INSERT INTO cooperatives (name, registration_number, type, district) VALUES ($1, $2, 'KSP', $3) RETURNING id`,
          [coop.name, `BENCH-${i + 1}`, coop.district],
        )
      ).rows;
      const newKey = async (role: 'LOAN_OFFICER' | 'DATA_SUBMITTER') => {
        const plain = generateApiKey();
        const [key] = (
          await client.query<{ id: string }>(
            `INSERT INTO api_keys (cooperative_id, name, role, key_hash, key_prefix) VALUES ($1, 'benchmark', $2, $3, $4) RETURNING id`,
            [row.id, role, keyedHash(secrets.apiKeyHashSecret, plain), apiKeyDisplayPrefix(plain)],
          )
        ).rows;
        return { plain, id: key.id };
      };
      const officer = await newKey('LOAN_OFFICER');
      const submitter = await newKey('DATA_SUBMITTER');
      const [submission] = (
        await client.query<{ id: string }>(
          `INSERT INTO submissions (cooperative_id, source, mode, status, checksum, finished_at)
           VALUES ($1, 'JSON', 'STRICT', 'COMPLETED', $2, now()) RETURNING id`,
          [row.id, createHash('sha256').update(`profile-bench:${coop.key}`).digest('hex')],
        )
      ).rows;
      const members = network.borrowers
        .filter((b) => b.coopKeys.includes(coop.key))
        .slice(0, MEMBERS_PER_COOP)
        .map((b) => ({ nik: b.nik, fullName: b.reportedNames?.[coop.key] ?? b.fullName, birthDate: b.birthDate }));
      coops.push({
        key: coop.key,
        id: row.id,
        apiKey: officer.plain,
        apiKeyId: officer.id,
        submitterKey: submitter.plain,
        members,
      });
      submissionOf.set(coop.key, submission.id);
    }
    const coopByKey = new Map(coops.map((c) => [c.key, c]));
    const rebuild = await dropKeysAndIndexes(client, LOADED_TABLES);

    await copyLines(
      client,
      'borrowers',
      ['borrower_key', 'key_version'],
      [...keyOf.values()].map((key) => line([key, secrets.nikHashKeyVersion])),
    );
    progress(`borrowers: ${keyOf.size}`);

    // Pass 1: a loan row per loan (its descriptive fields from its newest record, as the merge keeps them) and an
    // identity row per borrower and coop. Held in memory (tens of MB) so loans are in before their records.
    const loanIds = new Map<string, string>();
    const identityLines: string[] = [];
    const loanLines: string[] = [];
    for (const coop of coops) {
      let lastNik = '';
      for (const records of loansOf(options, coop.key)) {
        const newest = records[records.length - 1];
        const key = keyOf.get(newest.nik)!;
        if (newest.nik !== lastNik) {
          lastNik = newest.nik;
          const name = identityHash('name', newest.fullName, secrets.nikHashKey);
          identityLines.push(
            line([key, coop.id, name, identityHash('birthDate', newest.birthDate, secrets.nikHashKey)]),
          );
        }
        const id = randomUUID();
        loanIds.set(`${coop.key}|${newest.loanRef}`, id);
        loanLines.push(
          line([
            id,
            coop.id,
            newest.loanRef,
            key,
            newest.facilityType,
            newest.principal,
            newest.creditLimit,
            newest.disbursedAt,
            newest.maturityDate,
            newest.period,
          ]),
        );
      }
    }
    await copyLines(
      client,
      'borrower_identities',
      ['borrower_key', 'cooperative_id', 'name_hash', 'birth_date_hash'],
      identityLines,
    );
    progress(`borrower_identities: ${identityLines.length}`);
    const loanColumns = [
      'id',
      'cooperative_id',
      'loan_ref',
      'borrower_key',
      'facility_type',
      'principal',
      'credit_limit',
      'disbursed_at',
      'maturity_date',
      'latest_period',
    ];
    await copyLines(client, 'loans', loanColumns, loanLines);
    progress(`loans: ${loanLines.length}`);

    // Pass 2: the monthly records, generated again (deterministic, ~2 s per million) and streamed.
    let records = 0;
    function* recordLines(): Generator<string> {
      for (const coop of coops) {
        const submissionId = submissionOf.get(coop.key)!;
        for (const r of generateRecords(options, coop.key)) {
          records++;
          yield line([
            loanIds.get(`${coop.key}|${r.loanRef}`)!,
            r.period,
            keyOf.get(r.nik)!,
            r.condition,
            r.outstanding,
            r.arrearsPrincipal,
            r.arrearsInterest,
            r.daysPastDue,
            collectibilityFor(r.daysPastDue),
            CURRENT_COLLECTIBILITY_RULES,
            r.paidAmount,
            r.restructureCount,
            submissionId,
          ]);
        }
      }
    }
    const recordColumns = [
      'loan_id',
      'period',
      'borrower_key',
      'condition',
      'outstanding',
      'arrears_principal',
      'arrears_interest',
      'days_past_due',
      'collectibility',
      'collectibility_rule_version',
      'paid_amount',
      'restructure_count',
      'submission_id',
    ];
    await copyLines(client, 'loan_records', recordColumns, recordLines());
    progress(`loan_records: ${records}`);

    // Consents: each sampled borrower is an applicant at one of the coops, round robin (a member or not: the query
    // reads every coop's loans either way). bench_targets numbers them 1..n for pgbench.
    const targets: Target[] = [];
    const now = new Date();
    const grantedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + CONSENT_DAYS * 86_400_000).toISOString();
    const consentLines: string[] = [];
    const targetLines: string[] = [];
    for (const [i, index] of sample(network.borrowers.length, consentCount).entries()) {
      const { nik } = network.borrowers[index];
      const coop = coops[i % coops.length];
      const consentId = randomUUID();
      const key = keyOf.get(nik)!;
      consentLines.push(
        line([
          consentId,
          coop.id,
          key,
          'NEW_APPLICATION',
          'SIGNED_FORM',
          `F-${i + 1}`,
          coop.apiKeyId,
          grantedAt,
          expiresAt,
        ]),
      );
      targetLines.push(line([i + 1, key, consentId, coop.id, coop.apiKeyId]));
      targets.push({ nik, coop: coopByKey.get(coop.key)! });
    }
    const consentColumns = [
      'id',
      'cooperative_id',
      'borrower_key',
      'purpose',
      'evidence_type',
      'evidence_reference',
      'granted_by_api_key_id',
      'granted_at',
      'expires_at',
    ];
    await copyLines(client, 'consents', consentColumns, consentLines);
    await client.query(
      `CREATE TABLE bench_targets (n integer PRIMARY KEY, borrower_key char(64) NOT NULL, consent_id uuid NOT NULL,
                                   cooperative_id uuid NOT NULL, api_key_id uuid NOT NULL)`,
    );
    await copyLines(
      client,
      'bench_targets',
      ['n', 'borrower_key', 'consent_id', 'cooperative_id', 'api_key_id'],
      targetLines,
    );
    progress(`consents and bench_targets: ${consentLines.length}`);

    const started = performance.now();
    await client.query(`SET maintenance_work_mem = '512MB'`);
    for (const statement of rebuild) await client.query(statement);
    progress(
      `keys, indexes and foreign keys built after the load: ${rebuild.length} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    return {
      coops,
      targets,
      endPeriod,
      counts: {
        borrowers: keyOf.size,
        multiCoopBorrowers: network.borrowers.filter((b) => b.coopKeys.length > 1).length,
        identities: identityLines.length,
        loans: loanLines.length,
        records,
        consents: consentLines.length,
      },
    };
  } finally {
    await client.end();
  }
}
