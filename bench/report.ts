/**
 * Writes docs/benchmarks.md from the figures of one suite run (bench/suite.ts): the machine, the commands, a summary
 * and a section per benchmark. Run alone, it rewrites the document from a saved results.json:
 *
 *   npx ts-node --transpile-only bench/report.ts /tmp/kcx-bench-suite-.../results.json [docs/benchmarks.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditVerifyResult } from './audit-verify';
import type { Machine } from './machine';
import type { HttpFigures, ProfileResult } from './profile-query';
import type { Flatness, SoakResult } from './soak';
import { markdown, ROOT } from './support';

export interface StepRecord {
  name: string;
  group: string;
  what: string;
  command: string;
  seconds: number;
  exitCode: number;
  /** What the step wrote to BENCH_RESULT_FILE, or null when it wrote nothing. */
  result: Record<string, unknown> | null;
  log: string;
}

export interface SuiteResults {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: Machine;
  after: { loadAverage: string; busy: string; steal: string };
  settings: Record<string, string>;
  steps: StepRecord[];
}

type Maybe = number | null | undefined;
const ok = (n: Maybe): n is number => typeof n === 'number' && Number.isFinite(n);
const DASH = '–';
const int = (n: Maybe): string => (ok(n) ? Math.round(n).toLocaleString('en-US') : DASH);
const num = (n: Maybe, digits = 1): string =>
  ok(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : DASH;
const mib = (bytes: Maybe): string => (ok(bytes) ? `${int(bytes / 2 ** 20)} MiB` : DASH);
const size = (bytes: Maybe): string =>
  ok(bytes) ? (bytes >= 2 ** 30 ? `${num(bytes / 2 ** 30, 2)} GiB` : mib(bytes)) : DASH;
const minutes = (seconds: number): string => (seconds >= 90 ? `${num(seconds / 60)} min` : `${num(seconds, 0)} s`);

function stepOf<T>(results: SuiteResults, name: string): { record: StepRecord; result: T | null } | null {
  const record = results.steps.find((s) => s.name === name);
  return record ? { record, result: record.result as T | null } : null;
}

/** A line saying a step failed, and why, or nothing. */
function failure(record: StepRecord): string {
  if (record.exitCode === 0) return '';
  const result = record.result as { error?: string | null; problems?: string[] } | null;
  const why = result?.error ?? result?.problems?.join('; ') ?? `exit code ${record.exitCode}, no figures written`;
  return `\n**This step failed** (exit ${record.exitCode}): ${why}. Its log: \`${record.log}\`. Figures below, if any, are not trustworthy.\n`;
}

function machineSection(r: SuiteResults): string {
  const m = r.machine;
  const pg = Object.entries(m.postgresSettings)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    '## Machine',
    '',
    markdown(
      ['what', 'value'],
      [
        ['date', `${m.date} to ${r.finishedAt} (${minutes(r.seconds)})`],
        [
          'CPU',
          `${m.cpuModel}, ${m.cores} cores${m.cpuMhz ? ` at ${m.cpuMhz} MHz` : ''}; virtualisation: ${m.virtualization}`,
        ],
        ['memory', `${num(m.memoryGiB)} GiB`],
        ['system', `${m.os}; ${m.kernel}`],
        ['Node', m.node],
        ['PostgreSQL', `${m.postgres} (${pg})`],
        ['Redis', m.redis],
        ['pgbench', m.pgbench],
        [
          'disk free for Postgres',
          m.postgresDiskFreeGiB === null ? 'unknown' : `${num(m.postgresDiskFreeGiB)} GiB before the run`,
        ],
        ['load average (1/5/15 min)', `${m.loadAverage} before, ${r.after.loadAverage} after`],
        ['CPU over the whole run', `busy ${r.after.busy}, stolen by the hypervisor ${r.after.steal}`],
        ['code', `commit ${m.commit}`],
      ],
      2,
    ),
    '',
    'PostgreSQL, Redis, the API, the worker and the load generators (autocannon, the open-loop generator, pgbench) all',
    'run on this one machine and share its cores: the figures are for that arrangement, not for a dedicated database.',
  ].join('\n');
}

function commandsSection(r: SuiteResults): string {
  const settings = Object.entries(r.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    '## Commands',
    '',
    'The whole document comes from one command (it overwrites this file; about 30-45 minutes on this machine):',
    '',
    '```',
    'npm run bench',
    '```',
    '',
    `with the settings \`${settings}\`. It ran these steps in order; each is also runnable alone with the same command`,
    'line, and prints more detail (phases, CPU by process, EXPLAIN of the query) than this page keeps:',
    '',
    markdown(
      ['step', 'command', 'took', 'exit'],
      r.steps.map((s) => [s.name, `\`${s.command}\``, minutes(s.seconds), String(s.exitCode)]),
      2,
    ),
  ].join('\n');
}

function httpRow(label: string, h: HttpFigures | null | undefined, notes = ''): string[] {
  return [
    label,
    h ? `${num(h.requestsPerSecond)} req/s` : DASH,
    num(h?.latency.p50),
    num(h?.latency.p90),
    num(h?.latency.p99),
    notes || (h ? `${int(h.requests)} requests, ${h.non2xx} non-2xx, ${h.errors} errors` : ''),
  ];
}

function summarySection(r: SuiteResults): string {
  const rows: string[][] = [];
  const profile = stepOf<ProfileResult>(r, 'profile')?.result;
  if (profile?.profile) {
    const p = profile.profile;
    rows.push([
      `profile query, ${int(profile.network?.borrowers)} borrowers, 50 connections`,
      `${num(p.requestsPerSecond)} req/s; p50 ${num(p.latency.p50)} ms, p99 ${num(p.latency.p99)} ms`,
    ]);
  }
  if (profile?.fixedRate) {
    const f = profile.fixedRate;
    const half = profile.profile && Math.abs(f.rate - profile.profile.requestsPerSecond / 2) <= 1;
    rows.push([
      `profile query at a fixed ${int(f.rate)} req/s${half ? ' (half of that)' : ''}`,
      `p50 ${num(f.latency.p50)} ms, p90 ${num(f.latency.p90)} ms, p99 ${num(f.latency.p99)} ms`,
    ]);
  }
  if (profile?.profileOneConnection) {
    const o = profile.profileOneConnection;
    rows.push([
      'profile query, 1 connection',
      `p50 ${num(o.latency.p50)} ms, p99 ${num(o.latency.p99)} ms (${num(o.requestsPerSecond)} req/s)`,
    ]);
  }
  const prepared = profile?.pgbench.find((p) => p.mode === 'prepared');
  if (prepared && profile?.profile) {
    rows.push([
      'its SQL in pgbench -M prepared, 50 connections',
      `${num(prepared.tps)} tps (the API reaches ${num(profile.profile.requestsPerSecond / prepared.tps, 2)} of it)`,
    ]);
  }
  if (profile?.health)
    rows.push(['GET /health/live (fixed JSON), 50 connections', `${num(profile.health.requestsPerSecond)} req/s`]);
  if (profile?.rescoring.length)
    rows.push([
      'full-network rescoring',
      profile.rescoring.map((x) => `${int(x.perSecond)} borrowers/s`).join(', then '),
    ]);
  const scale = r.steps
    .filter((s) => s.group === 'scale' || s.name === 'profile')
    .map((s) => s.result as ProfileResult | null)
    .filter((x): x is ProfileResult => !!x?.profile && !!x.network);
  if (scale.length > 1) {
    scale.sort((a, b) => a.network!.borrowers - b.network!.borrowers);
    rows.push([
      'profile query p99 at 50 connections as the network grows',
      scale.map((s) => `${int(s.network!.borrowers)}: ${num(s.profile!.latency.p99)} ms`).join('; '),
    ]);
  }
  const ingest = stepOf<Record<string, number>>(r, 'ingest')?.result;
  if (ingest?.apiRowsPerSecond) {
    rows.push([
      `CSV ingest, ${int(ingest.rows)} rows`,
      `${int(ingest.apiRowsPerSecond)} rows/s end to end beside COPY ${int(ingest.copyRowsPerSecond)} rows/s (${num(ingest.ratio, 3)}); worker peak RSS ${int(ingest.workerPeakRssMb)} MB`,
    ]);
  }
  const audit = stepOf<AuditVerifyResult>(r, 'audit-verify')?.result;
  if (audit?.verify) {
    rows.push([
      `audit chain, ${int(audit.events)} events`,
      `sealed at ${int(audit.seal?.perSecond)} events/s; verified at ${int(audit.verify.perSecond)} events/s; \`verify-audit\` ${num(audit.cli?.seconds)} s`,
    ]);
  }
  const soak = stepOf<SoakResult>(r, 'soak');
  if (soak?.result?.queries) {
    const s = soak.result;
    const q = soak.result.queries;
    const worst = Math.max(...s.minutes.map((m) => m.latency.p99).filter(ok));
    rows.push([
      `soak, ${minutes(s.seconds)} at ${int(s.rate)} req/s`,
      `${soak.record.exitCode === 0 ? 'passed' : 'FAILED'}: ${int(q.non2xx + q.errors + s.submissions.failed)} errors; p99 ${num(q.latency.p99)} ms (worst minute ${num(worst)} ms); ` +
        `RSS floor growth API ${num(s.memory.api?.floorGrowthMbPerMin, 2)}, worker ${num(s.memory.worker?.floorGrowthMbPerMin, 2)} MB/min`,
    ]);
  }
  const failed = r.steps.filter((s) => s.exitCode !== 0);
  return [
    '## Summary',
    '',
    failed.length === 0
      ? 'Every step passed (no errors, no non-2xx answers, checks held).'
      : `**Failed steps: ${failed.map((s) => s.name).join(', ')}** (see their sections).`,
    '',
    rows.length ? markdown(['measure', 'figure'], rows, 2) : '(no figures)',
  ].join('\n');
}

function profileSection(r: SuiteResults): string | null {
  const step = stepOf<ProfileResult>(r, 'profile');
  if (!step) return null;
  const p = step.result;
  const lines = [`## Profile query (${int(p?.network?.borrowers)} borrowers)`, failure(step.record)];
  if (!p?.network) return lines.join('\n');
  const n = p.network;
  lines.push(
    `A generated network of ${int(n.borrowers)} borrowers at ${n.coops} coops (${int(n.loans)} loans, ${int(n.records)} monthly records, 24 months),`,
    `loaded by COPY in ${num(p.loadSeconds)} s with keys and indexes built after it; ${size(p.databaseBytes)} on disk after rescoring`,
    `(${size(p.loanRecordsBytes)} of it loan_records). ${int(n.consents)} borrowers carry an active consent and are queried round robin, each with`,
    `its coop's LOAN_OFFICER API key. Every query decides, audits and records the inquiry in one statement; the worker's`,
    `audit sealer ${p.sealer?.on ? `ran throughout (${int(p.sealer.sealed)} of ${int(p.sealer.events)} events sealed at the end)` : 'did not run'}. ` +
      `Runs of ${p.settings.seconds} s after a ${p.settings.warmupSeconds} s warm-up; the API's pool ${p.settings.pool} connections.`,
    '',
  );
  const rows: string[][] = [];
  if (p.health) rows.push(httpRow('GET /health/live (fixed JSON), 50 connections', p.health));
  rows.push(httpRow('profile query, 50 connections', p.profile));
  rows.push(httpRow('profile query, 1 connection', p.profileOneConnection));
  if (p.fixedRate) {
    const f = p.fixedRate;
    rows.push([
      `profile query, fixed rate ${int(f.rate)} req/s`,
      `${num(f.achievedRate)} req/s`,
      num(f.latency.p50),
      num(f.latency.p90),
      num(f.latency.p99),
      `open loop, from the scheduled time; ${int(f.scheduled)} scheduled, ${f.non2xx} non-2xx, ${f.errors} errors; max ${num(f.latency.max)} ms`,
    ]);
  }
  for (const g of p.pgbench) {
    rows.push([
      `pgbench -M ${g.mode}, its SQL, 50 connections`,
      `${num(g.tps)} tps`,
      num(g.p50),
      DASH,
      num(g.p99),
      `${int(g.transactions)} transactions, ${g.failed} failed`,
    ]);
  }
  for (const [i, x] of p.rescoring.entries()) {
    rows.push([
      `full-network rescoring, run ${i + 1}${i === 0 ? ' (stores every profile)' : ' (rewrites every profile)'}`,
      `${int(x.perSecond)} borrowers/s`,
      DASH,
      DASH,
      DASH,
      `${int(x.count)} borrowers in ${num(x.seconds)} s`,
    ]);
  }
  lines.push(markdown(['measure', 'rate', 'p50 ms', 'p90 ms', 'p99 ms', 'notes'], rows, [0, 5]));
  const cpu = [p.health, p.profile, p.profileOneConnection].filter((h): h is HttpFigures => !!h);
  if (cpu.length) {
    lines.push(
      '',
      'Where the CPU went during each HTTP run (seconds of CPU; "rest" is the kernel\'s network work and anything else running):',
      '',
    );
    for (const h of cpu) lines.push(`- ${h.label}: ${h.cpu}`);
  }
  if (p.fixedRate) {
    lines.push(
      '',
      `The fixed-rate run sends request i at start + i / rate whatever the answers before it did and measures each latency from`,
      `that scheduled time, so queueing in the service shows (autocannon, a closed loop, waits for an answer before sending`,
      `again and hides it). The largest lag of a send behind its schedule was ${num(p.fixedRate.maxSendLagMs)} ms.`,
    );
  }
  return lines.join('\n');
}

function growthSection(r: SuiteResults): string | null {
  const runs = r.steps.filter((s) => s.group === 'scale' || s.name === 'profile');
  if (!runs.some((s) => s.group === 'scale')) return null;
  const ok = runs
    .map((s) => ({ record: s, p: s.result as ProfileResult | null }))
    .sort((a, b) => (a.p?.network?.borrowers ?? 0) - (b.p?.network?.borrowers ?? 0));
  const latency = ok.map(({ record, p }) => [
    p?.network ? int(p.network.borrowers) : `${record.name} (failed)`,
    int(p?.network?.records),
    size(p?.databaseBytes),
    num(p?.profile?.requestsPerSecond),
    num(p?.profile?.latency.p50),
    num(p?.profile?.latency.p90),
    num(p?.profile?.latency.p99),
    num(p?.profileOneConnection?.requestsPerSecond),
    num(p?.profileOneConnection?.latency.p50),
    num(p?.profileOneConnection?.latency.p90),
    num(p?.profileOneConnection?.latency.p99),
    p?.fixedRate ? `${int(p.fixedRate.rate)}: ${num(p.fixedRate.latency.p50)} / ${num(p.fixedRate.latency.p99)}` : DASH,
  ]);
  const building = ok.map(({ record, p }) => [
    p?.network ? int(p.network.borrowers) : record.name,
    int(p?.network?.loans),
    num(p?.loadSeconds),
    p?.rescoring.length ? `${int(p.rescoring[0].perSecond)} (${num(p.rescoring[0].seconds)} s)` : DASH,
    size(p?.databaseBytesAfter),
  ]);
  return [
    '## How latency grows with the network',
    '',
    'The same profile query on networks of different sizes; a fifth of the borrowers hold a consent and are queried, so',
    `the working set grows with the network. The ${int(stepOf<ProfileResult>(r, 'profile')?.result?.network?.borrowers)}-borrower row is the run above (with its baselines); the others`,
    'ran without baselines and with one rescoring. Latencies in ms; req/s of 2xx answers.',
    ...runs.map((s) => failure(s)).filter(Boolean),
    '',
    markdown(
      [
        'borrowers',
        'loan records',
        'database',
        '50 conn. req/s',
        'p50',
        'p90',
        'p99',
        '1 conn. req/s',
        'p50',
        'p90',
        'p99',
        'fixed rate req/s: p50 / p99',
      ],
      latency,
    ),
    '',
    markdown(
      ['borrowers', 'loans', 'load by COPY, s', 'rescoring, borrowers/s', 'database after the HTTP runs'],
      building,
    ),
  ].join('\n');
}

function ingestSection(r: SuiteResults): string | null {
  const step = stepOf<Record<string, number | boolean | string>>(r, 'ingest');
  if (!step) return null;
  const x = step.result as Record<string, number> | null;
  const lines = ['## CSV ingest beside COPY', failure(step.record)];
  if (!x?.rows) return lines.join('\n');
  lines.push(
    `One coop's file of ${int(x.rows)} rows (${mib(x.fileBytes)}, dialect ${String((step.result as Record<string, unknown>).dialect)}) uploaded as text/csv by a DATA_SUBMITTER, then parsed,`,
    'validated, hashed, staged by COPY and merged by the worker (a separate process); beside it, a plain COPY of the same file',
    'into a bare 17-column table: the floor of what Postgres alone needs.',
    '',
    markdown(
      ['measure', 'figure'],
      [
        ['upload (start to 202)', `${num(x.uploadSeconds, 2)} s`],
        ['processing (202 to COMPLETED)', `${num(x.processingSeconds, 2)} s`],
        ['end to end', `${num(x.totalSeconds, 2)} s, ${int(x.apiRowsPerSecond)} rows/s`],
        ['plain COPY of the same rows', `${num(x.copySeconds, 2)} s, ${int(x.copyRowsPerSecond)} rows/s`],
        ['API path ÷ COPY', num(x.ratio, 3)],
        ['worker RSS', `${int(x.workerRssBeforeMb)} MB before, peak ${int(x.workerPeakRssMb)} MB`],
        ['API peak RSS', x.apiPeakRssMb ? `${int(x.apiPeakRssMb)} MB` : DASH],
        ['rows landed as accepted', (step.result as Record<string, unknown>).landedOk ? 'yes, every row once' : 'NO'],
      ],
      2,
    ),
  );
  return lines.join('\n');
}

function monitoringSection(r: SuiteResults): string | null {
  const step = stepOf<Record<string, unknown>>(r, 'monitoring');
  if (!step) return null;
  const x = (step.result ?? {}) as Record<string, number>;
  const y = (step.result ?? {}) as Record<string, unknown>;
  const lines = ['## Monitoring alerts after a month-end submission', failure(step.record)];
  if (!ok(x.expectedAlerts)) return lines.join('\n');
  const lat = (y.alertLatencyMs ?? {}) as Record<string, number>;
  const del = (y.deliveryLatencyMs ?? {}) as Record<string, number>;
  const before = (y.profileBefore ?? {}) as Record<string, number>;
  const during = (y.profileDuring ?? {}) as Record<string, number>;
  const s = (ms: Maybe) => (ok(ms) ? `${num(ms / 1000, 2)} s` : DASH);
  lines.push(
    `${int(x.enrolledBorrowers)} borrowers enrolled at ${int(x.coops)} coops (${int(x.enrollments)} enrollments), webhooks at`,
    `${int(x.webhooks)} coops answered by a loopback receiver; one more coop uploads a month-end CSV of ${int(x.rows)} rows, of which`,
    `${int(x.eventRows)} are new loans of enrolled borrowers (${int(x.delinquentRows)} of them past due). Times are from the`,
    "submission's commit (submissions.finished_at) to each alert's raised_at and each delivery's delivered_at. The profile",
    'query runs closed-loop (autocannon) without the submission, then from the upload on.',
    '',
    markdown(
      ['measure', 'figure', 'goal'],
      [
        [
          'commit to every alert readable (polled)',
          y.alertsVisibleSeconds
            ? `${s(1000 * Math.max(0, (y.alertsVisibleSeconds as { from: number }).from))} to ${s(1000 * (y.alertsVisibleSeconds as { by: number }).by)}`
            : DASH,
          'under 60 s',
        ],
        ['commit to last alert stored (max raised_at)', s(x.lastAlertSeconds * 1000), 'under 60 s'],
        ['commit to last webhook delivered', s(x.lastDeliverySeconds * 1000), 'under 60 s'],
        ['per alert p50 / p99', `${s(lat.p50)} / ${s(lat.p99)}`, 'p99 under 30 s'],
        ['per delivery p50 / p99', `${s(del.p50)} / ${s(del.p99)}`, 'p99 under 30 s'],
        ['alerts expected / stored', `${int(x.expectedAlerts)} / ${int(x.alertsStored)}`, 'equal'],
        ['deliveries expected / delivered', `${int(x.expectedDeliveries)} / ${int(x.deliveriesDelivered)}`, 'equal'],
        [
          'duplicate alerts / deliveries received twice',
          `${int(x.duplicateAlerts)} / ${int(x.receiverDuplicates)}`,
          '0',
        ],
        [
          'profile query without / during',
          `${num(before.requestsPerSecond)} / ${num(during.requestsPerSecond)} req/s (${num(100 * x.throughputDrop)}% lower)`,
          'at most 20% lower',
        ],
      ],
      [0, 2],
    ),
  );
  return lines.join('\n');
}

function auditSection(r: SuiteResults): string | null {
  const step = stepOf<AuditVerifyResult>(r, 'audit-verify');
  if (!step) return null;
  const a = step.result;
  const lines = ['## Audit chain: sealing and verification', failure(step.record)];
  if (!a?.insert) return lines.join('\n');
  lines.push(
    `${int(a.events)} PROFILE_QUERIED events inserted into this month's partition, then sealed by the worker's sealer`,
    '(AuditSealer.seal: 5,000 events a transaction, the digest computed by Postgres, the chain hashed in Node) and the whole',
    'chain verified in one snapshot, both in-process and as an operator runs it (start-up included).',
    '',
    markdown(
      ['measure', 'time', 'events/s'],
      [
        ['insert (INSERT ... SELECT generate_series)', `${num(a.insert.seconds)} s`, int(a.insert.perSecond)],
        ['seal (AuditSealer.seal)', `${num(a.seal?.seconds)} s`, int(a.seal?.perSecond)],
        [
          `verify (AuditService.verify): ${a.verify?.valid ? 'valid' : 'NOT valid'}, ${int(a.verify?.checked)} checked`,
          `${num(a.verify?.seconds)} s`,
          int(a.verify?.perSecond),
        ],
        [
          `\`${a.cli?.command ?? 'npm run cli -- verify-audit'}\`: exit ${a.cli?.exitCode ?? DASH}`,
          `${num(a.cli?.seconds)} s`,
          int(a.cli?.perSecond),
        ],
      ],
    ),
    '',
    `The audit partitions and the chain take ${mib(a.auditBytes)}.`,
  );
  return lines.join('\n');
}

function exportSection(r: SuiteResults): string | null {
  const step = stepOf<Record<string, number>>(r, 'audit-export');
  if (!step) return null;
  const x = step.result;
  const lines = ['## Audit export', failure(step.record)];
  if (!x?.rowsExported) return lines.join('\n');
  lines.push(
    `GET /api/v1/audit-events/export as the NETWORK_AUDITOR: ${int(x.rowsExported)} events (${mib(x.bytes)} of CSV) in ${num(x.seconds, 1)} s,`,
    `${int(x.rowsPerSecond)} rows/s; the API's RSS ${int(x.apiRssBeforeMb)} MB before, at most ${int(x.apiRssPeakMb)} MB while streaming`,
    `(highest by each fifth of the download: ${((x as unknown as { apiRssPeakByFifthMb: number[] }).apiRssPeakByFifthMb ?? []).map((v) => int(v)).join(' / ')} MB).`,
  );
  return lines.join('\n');
}

function authSection(r: SuiteResults): string | null {
  const step = stepOf<{
    routes?: {
      label: string;
      requestsPerSecond: number;
      p50: number;
      p90: number;
      p99: number;
      non2xx: number;
      errors: number;
    }[];
  }>(r, 'auth');
  if (!step) return null;
  const routes = step.result?.routes;
  const lines = ['## Authentication overhead', failure(step.record)];
  if (!routes) return lines.join('\n');
  lines.push(
    'GET routes at 50 connections: a public route beside the same work behind the API-key and the bearer-token guard.',
    '',
    markdown(
      ['route', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'errors'],
      routes.map((x) => [
        x.label,
        num(x.requestsPerSecond),
        num(x.p50),
        num(x.p90),
        num(x.p99),
        String(x.non2xx),
        String(x.errors),
      ]),
    ),
  );
  return lines.join('\n');
}

function flatRow(name: string, f: Flatness | null): string[] {
  return [
    name,
    num(f?.startMb),
    num(f?.middleMb),
    num(f?.endMb),
    num(f?.floorSecondThirdMb),
    num(f?.floorLastThirdMb),
    num(f?.floorGrowthMbPerMin, 2),
    num(f?.heapFloorGrowthMbPerMin, 2),
    num(f?.rssSlopeMbPerMin, 2),
    f ? (f.flat ? 'yes' : 'NO') : DASH,
  ];
}

function soakSection(r: SuiteResults): string | null {
  const step = stepOf<SoakResult>(r, 'soak');
  if (!step) return null;
  const s = step.result;
  const lines = ['## Soak', failure(step.record)];
  if (!s?.queries) return lines.join('\n');
  const q = s.queries;
  const rateFrom =
    s.rateSource === 'SOAK_RATE'
      ? s.capacity
        ? 'given'
        : 'half the capacity the profile step measured'
      : `half the ${num(s.capacity)} req/s it measured first`;
  lines.push(
    `The API and the worker on ${int(s.network?.borrowers)} borrowers for ${minutes(s.seconds)}: profile queries at a fixed ${int(s.rate)} req/s (${rateFrom}),`,
    `latency from each request's scheduled time, and a JSON submission of ${s.submissions.recordsEach} new loans every ${s.submissions.everySeconds} s, which`,
    `the worker rescores. Memory sampled every ${s.memory.sampleSeconds} s (RSS from /proc, heap from process.memoryUsage()).`,
    '',
    markdown(
      ['measure', 'figure'],
      [
        [
          'verdict',
          step.record.exitCode === 0 ? 'passed: 0 errors, memory flat' : `FAILED: ${s.problems.join('; ') || s.error}`,
        ],
        [
          'profile queries',
          `${int(q.ok)} of ${int(q.scheduled)} answered 2xx (${num(q.achievedRate)} req/s); ${q.non2xx} non-2xx, ${q.errors} errors, ${q.timeouts} timeouts`,
        ],
        [
          'their latency',
          `p50 ${num(q.latency.p50)} ms, p90 ${num(q.latency.p90)} ms, p99 ${num(q.latency.p99)} ms, p99.9 ${num(q.latency.p999)} ms, max ${num(q.latency.max)} ms`,
        ],
        [
          'JSON submissions',
          `${int(s.submissions.ok)} of ${int(s.submissions.sent)} created (${int(s.submissions.records)} records); p50 ${num(s.submissions.latency.p50)} ms, p99 ${num(s.submissions.latency.p99)} ms`,
        ],
        [
          'afterwards',
          s.afterwards
            ? `${int(s.afterwards.recalcPendingAtEnd)} borrowers awaiting rescoring at the end, drained in ${num(s.afterwards.recalcDrainedSeconds)} s; ${int(s.afterwards.auditSealed)} of ${int(s.afterwards.auditEvents)} audit events sealed; database ${mib(s.afterwards.databaseBytesBefore)} → ${mib(s.afterwards.databaseBytesAfter)}`
            : DASH,
        ],
      ],
      2,
    ),
    '',
    s.bucketSeconds === 60
      ? 'Per minute (profile queries scheduled in that minute; RSS at its end):'
      : `Per ${s.bucketSeconds} s interval (SOAK_BUCKET_S; profile queries scheduled in it; RSS at its end):`,
    '',
    markdown(
      [
        s.bucketSeconds === 60 ? 'minute' : 'interval',
        'scheduled',
        'ok',
        'failed',
        'req/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'submissions ok',
        'API RSS MB',
        'worker RSS MB',
      ],
      s.minutes.map((m) => [
        String(m.index + 1),
        int(m.scheduled),
        int(m.ok),
        int(m.failed),
        num(m.requestsPerSecond),
        num(m.latency.p50),
        num(m.latency.p99),
        num(m.latency.max),
        `${m.submissions - m.submissionsFailed}/${m.submissions}`,
        num(m.apiRssMb),
        num(m.workerRssMb),
      ]),
    ),
    '',
    'Memory (MB). It climbs between garbage collections and drops at each major one, so the verdict compares floors: the',
    'lowest RSS of the second third of the soak against the lowest of the last third (the first third is warm-up), as MB',
    `per minute; flat when at most ${num(s.memory.maxSlopeMbPerMin)} MB/min. The least-squares RSS slope over the last two thirds is shown for comparison.`,
    '',
    markdown(
      [
        'process',
        'RSS at start',
        'middle',
        'end',
        'lowest, 2nd third',
        'lowest, last third',
        'floor growth MB/min',
        'heap floor growth MB/min',
        'RSS slope MB/min',
        'flat',
      ],
      [flatRow('API', s.memory.api), flatRow('worker', s.memory.worker)],
    ),
  );
  return lines.join('\n');
}

function methodSection(): string {
  return [
    '## How to read these figures',
    '',
    '- p50, p90, p99: the latency under which that share of the successful requests finished, in milliseconds.',
    '  autocannon (the 50- and 1-connection runs) is a closed loop: each connection waits for its answer before',
    '  sending again, so its req/s is the capacity and its latencies include queueing at full load. The fixed-rate runs',
    '  and the soak are an open loop (`bench/open-loop.ts`): requests go out on a timer schedule whatever the answers do,',
    '  over at most 50 keep-alive sockets, and each latency is measured from the time the request was due, so a stall',
    '  shows as the queue real clients would have built, not as one slow request.',
    '- Each benchmark works in its own scratch database (`kcx_bench_<name>_<random>`) and Redis key prefix, dropped at',
    '  the end (`BENCH_KEEP_DB=1` keeps the database); networks are loaded by COPY with keys, indexes and foreign keys',
    '  built after the load, then VACUUM ANALYZE.',
    '- The load generators run on the same cores as the service; on this machine they take a share of the CPU the',
    '  service would otherwise have, so the req/s are lower bounds for a separate client.',
  ].join('\n');
}

/** The suite's settings when nothing is set (bench/suite.ts). */
const DEFAULTS: Record<string, string> = {
  BENCH_SUITE: 'profile,scale,ingest,audit-verify,audit-export,auth,soak',
  BENCH_PROFILE_BORROWERS: '100000',
  BENCH_SCALE_SIZES: '10000,1000000',
  BENCH_INGEST_ROWS: '500000',
  BENCH_AUDIT_EVENTS: '1000000',
  BENCH_EXPORT_ROWS: '1000000',
  SOAK_SECONDS: '600',
};

function intro(r: SuiteResults): string {
  const changed = Object.entries(r.settings).filter(([k, v]) => (k in DEFAULTS ? DEFAULTS[k] !== v : true));
  return [
    '# Benchmarks',
    '',
    `Figures from one run of \`npm run bench\` started ${r.startedAt}, ${minutes(r.seconds)} in all. Regenerate with the`,
    'same command on a quiet machine; it overwrites this file. Machine load skews the figures (±30% between runs is usual',
    'on a shared virtual machine), so compare runs made on the same machine.',
    ...(changed.length
      ? [
          '',
          `**Not the full suite**: this run changed ${changed.map(([k, v]) => `\`${k}=${v}\``).join(', ')} from the defaults, so its sizes and durations are not the ones the text around them describes.`,
        ]
      : []),
  ].join('\n');
}

export function renderReport(r: SuiteResults): string {
  const sections = [
    intro(r),
    summarySection(r),
    machineSection(r),
    commandsSection(r),
    profileSection(r),
    growthSection(r),
    ingestSection(r),
    monitoringSection(r),
    auditSection(r),
    exportSection(r),
    authSection(r),
    soakSection(r),
    methodSection(),
  ].filter((s): s is string => s !== null);
  return sections.join('\n\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

if (require.main === module) {
  const [input, output = 'docs/benchmarks.md'] = process.argv.slice(2);
  if (!input) {
    console.error('usage: ts-node --transpile-only bench/report.ts <results.json> [docs/benchmarks.md]');
    process.exit(64);
  }
  const target = resolve(ROOT, output);
  writeFileSync(target, renderReport(JSON.parse(readFileSync(input, 'utf8')) as SuiteResults));
  console.log(`wrote ${target}`);
}
