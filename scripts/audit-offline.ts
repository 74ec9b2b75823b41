/**
 * Offline dependency audit: the production tree of package-lock.json against a local copy of an advisory database.
 *
 *   npx ts-node --transpile-only scripts/audit-offline.ts <advisory-dir> [<advisory-dir> ...] [--lockfile <path>]
 *
 * For machines where `npm audit --omit=dev` cannot reach the registry's advisory endpoint (see
 * docs/dependency-audit.md). Every file under each <advisory-dir> is read; two layouts are understood:
 * - GitHub's reviewed advisories in OSV JSON (github/advisory-database, advisories/github-reviewed/);
 * - GitLab's advisory database in YAML (gitlab-org/security-products/gemnasium-db, npm/).
 * The production tree is every lockfile entry without `dev: true`, which is what `npm audit --omit=dev` checks
 * (platform-specific optional packages included, installed or not).
 *
 * Exit 0: no high or critical finding. Exit 1: a high or critical finding, a finding whose severity the database does
 * not give (it cannot be shown to be below high), or such an advisory whose range could not be read. Exit 2: bad
 * arguments or unreadable input.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { load as loadYaml } from 'js-yaml';

const REPO_ROOT = join(__dirname, '..');

/** The part of the `semver` package used here. It has no bundled types and @types/semver is not installed. */
interface Semver {
  satisfies(version: string, range: string, options: { includePrerelease: boolean }): boolean;
  validRange(range: string): string | null;
  valid(version: string): string | null;
  compare(a: string, b: string): number;
  gt(a: string, b: string): boolean;
}

function loadSemver(): Semver {
  try {
    // semver arrives transitively (jsonwebtoken, fastify, bullmq); resolve it from the repository, not from this file.
    return createRequire(join(REPO_ROOT, 'package.json'))('semver') as Semver;
  } catch {
    throw new UsageError('the semver package is not resolvable from the repository root: run `npm ci` first');
  }
}

class UsageError extends Error {}

const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'unknown'] as const;
type Severity = (typeof SEVERITIES)[number];

interface Advisory {
  /** GHSA id when the record has one, so the same advisory from two databases collapses into one finding. */
  key: string;
  ids: string[];
  pkg: string;
  title: string;
  severity: Severity;
  /** npm semver range of affected versions, or null when the record's range could not be turned into one. */
  range: string | null;
  rangeText: string;
  fixed: string[];
  file: string;
  /** Rank of the source when one advisory comes from both: GitHub's own grading wins. */
  sourceRank: number;
}

interface Installed {
  name: string;
  version: string;
  /** Lockfile location, e.g. node_modules/a/node_modules/b. */
  location: string;
}

interface Finding {
  installed: Installed;
  advisory: Advisory;
  fixedIn: string;
  via: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Lockfile

interface LockEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

const NODE_MODULES = 'node_modules/';

function readLockfile(path: string): Lockfile {
  const lock = JSON.parse(readFileSync(path, 'utf8')) as Lockfile;
  if (lock.lockfileVersion < 2 || !lock.packages) {
    throw new UsageError(`${path}: lockfileVersion ${lock.lockfileVersion} has no "packages" map (npm 7+ writes one)`);
  }
  return lock;
}

function productionTree(lock: Lockfile): Installed[] {
  return Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && !entry.dev && !entry.link && entry.version)
    .map(([location, entry]) => ({
      name: entry.name ?? location.slice(location.lastIndexOf(NODE_MODULES) + NODE_MODULES.length),
      version: entry.version!,
      location,
    }));
}

/** Node's lookup: the nearest node_modules/<dep> walking up from the requiring package's folder. */
function resolveLocation(lock: Lockfile, from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `${NODE_MODULES}${dep}` : `${base}/${NODE_MODULES}${dep}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const up = base.lastIndexOf(`/${NODE_MODULES}`);
    base = up === -1 ? '' : base.slice(0, up);
  }
}

/** Shortest chain from a direct dependency to each production package, for "who pulls this in". */
function dependencyChains(lock: Lockfile): Map<string, string[]> {
  const chains = new Map<string, string[]>([['', []]]);
  const queue = [''];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const entry = lock.packages[from];
    const deps = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
    for (const dep of Object.keys(deps)) {
      const to = resolveLocation(lock, from, dep);
      if (to === undefined || chains.has(to) || lock.packages[to].dev) continue;
      chains.set(to, [...chains.get(from)!, dep]);
      queue.push(to);
    }
  }
  return chains;
}

// ---------------------------------------------------------------------------------------------------------------
// CVSS base scores, for records that carry a vector but no severity (GitLab's). Formulas from the FIRST
// specifications (v3.1 section 7, v2 section 3.2.1).

type Metrics = Record<string, string>;

const parseVector = (vector: string): Metrics =>
  Object.fromEntries(vector.split('/').map((part) => part.split(':') as [string, string]));

/** 1 - (1 - C)(1 - I)(1 - A): how much of the impact the three metrics add up to. */
const combinedImpact = (weights: readonly number[]): number => 1 - weights.reduce((rest, w) => rest * (1 - w), 1);

function roundUp1(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

export function cvss3BaseScore(vector: string): number | undefined {
  const m = parseVector(vector);
  const changed = m.S === 'C';
  const av = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 }[m.AV];
  const ac = { L: 0.77, H: 0.44 }[m.AC];
  const pr = { N: 0.85, L: changed ? 0.68 : 0.62, H: changed ? 0.5 : 0.27 }[m.PR];
  const ui = { N: 0.85, R: 0.62 }[m.UI];
  const cia = [m.C, m.I, m.A].map((v) => ({ H: 0.56, L: 0.22, N: 0 })[v]);
  if ([av, ac, pr, ui, ...cia].some((v) => v === undefined) || !['U', 'C'].includes(m.S)) return undefined;
  const iss = combinedImpact(cia as number[]);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return roundUp1(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

export function cvss2BaseScore(vector: string): number | undefined {
  const m = parseVector(vector);
  const av = { L: 0.395, A: 0.646, N: 1 }[m.AV];
  const ac = { H: 0.35, M: 0.61, L: 0.71 }[m.AC];
  const au = { M: 0.45, S: 0.56, N: 0.704 }[m.Au];
  const cia = [m.C, m.I, m.A].map((v) => ({ N: 0, P: 0.275, C: 0.66 })[v]);
  if ([av, ac, au, ...cia].some((v) => v === undefined)) return undefined;
  const impact = 10.41 * combinedImpact(cia as number[]);
  const exploitability = 20 * av! * ac! * au!;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10;
}

/** The qualitative scale GitHub and npm audit use (v3 scale; v2 has no "critical" band). */
function severityOf(score: number | undefined, v2 = false): Severity {
  if (score === undefined) return 'unknown';
  if (!v2 && score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'moderate';
  return 'low';
}

function normalizeSeverity(text: unknown): Severity {
  const value = String(text ?? '').toLowerCase();
  if (value === 'medium') return 'moderate';
  return (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : 'unknown';
}

// ---------------------------------------------------------------------------------------------------------------
// Advisory records

interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

interface OsvRecord {
  id: string;
  aliases?: string[];
  summary?: string;
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  database_specific?: { severity?: string };
  affected?: {
    package?: { ecosystem?: string; name?: string };
    ranges?: { type: string; events: OsvEvent[] }[];
    versions?: string[];
    database_specific?: { last_known_affected_version_range?: string };
  }[];
}

/**
 * OSV events of one range as an npm range: sorted by version, each `introduced` opens a span that the next `fixed`
 * (exclusive) or `last_affected` (inclusive) closes; a span left open runs to the newest version.
 */
function osvEventsToRange(semver: Semver, events: OsvEvent[]): string | null {
  const points: { version: string; kind: 'introduced' | 'fixed' | 'last_affected' }[] = [];
  for (const event of events) {
    if (event.introduced !== undefined) points.push({ version: event.introduced, kind: 'introduced' });
    if (event.fixed !== undefined) points.push({ version: event.fixed, kind: 'fixed' });
    if (event.last_affected !== undefined) points.push({ version: event.last_affected, kind: 'last_affected' });
  }
  if (points.some((p) => !(p.kind === 'introduced' && p.version === '0') && semver.valid(p.version) === null)) {
    return null;
  }
  const order = (v: string): string => (v === '0' ? '0.0.0-0' : v);
  points.sort((a, b) => semver.compare(order(a.version), order(b.version)));
  const spans: string[] = [];
  let open: string | undefined;
  for (const point of points) {
    if (point.kind === 'introduced') {
      open ??= point.version === '0' ? '' : `>=${point.version}`;
    } else if (open !== undefined) {
      const end = point.kind === 'fixed' ? `<${point.version}` : `<=${point.version}`;
      spans.push(`${open} ${end}`.trim());
      open = undefined;
    }
  }
  if (open !== undefined) spans.push(open === '' ? '*' : open);
  return spans.length > 0 ? spans.join(' || ') : '<0.0.0-0';
}

function fromOsv(semver: Semver, record: OsvRecord, file: string, wanted: Set<string>): Advisory[] {
  if (record.withdrawn) return [];
  const ghsa = [record.id, ...(record.aliases ?? [])].find((id) => id.startsWith('GHSA-')) ?? record.id;
  let severity = normalizeSeverity(record.database_specific?.severity);
  if (severity === 'unknown') {
    const v3 = record.severity?.find((s) => s.type === 'CVSS_V3');
    if (v3) severity = severityOf(cvss3BaseScore(v3.score));
  }
  const advisories: Advisory[] = [];
  for (const affected of record.affected ?? []) {
    const name = affected.package?.name;
    if (affected.package?.ecosystem !== 'npm' || !name || !wanted.has(name)) continue;
    const spans: (string | null)[] = (affected.ranges ?? [])
      .filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM')
      .map((r) => osvEventsToRange(semver, r.events));
    spans.push(...(affected.versions ?? []).map((v) => (semver.valid(v) ? `=${v}` : null)));
    const readable = spans.every((s) => s !== null) && spans.length > 0;
    const range = readable ? spans.join(' || ') : null;
    const fixed = (affected.ranges ?? []).flatMap((r) => r.events.flatMap((e) => (e.fixed ? [e.fixed] : [])));
    advisories.push({
      key: ghsa,
      ids: [record.id, ...(record.aliases ?? [])],
      pkg: name,
      title: record.summary ?? '',
      severity,
      range,
      rangeText: range ?? affected.database_specific?.last_known_affected_version_range ?? '(unreadable)',
      fixed,
      file,
      sourceRank: 0,
    });
  }
  return advisories;
}

interface GitlabRecord {
  identifier: string;
  identifiers?: string[];
  package_slug: string;
  title?: string;
  affected_range: string;
  fixed_versions?: string[];
  cvss_v2?: string;
  cvss_v3?: string;
}

function fromGitlab(semver: Semver, record: GitlabRecord, file: string, wanted: Set<string>): Advisory[] {
  const name = record.package_slug.slice('npm/'.length);
  if (!wanted.has(name)) return [];
  const ids = record.identifiers ?? [record.identifier];
  let severity: Severity = 'unknown';
  if (record.cvss_v3) severity = severityOf(cvss3BaseScore(record.cvss_v3));
  else if (record.cvss_v2) severity = severityOf(cvss2BaseScore(record.cvss_v2), true);
  const range = semver.validRange(record.affected_range) === null ? null : record.affected_range;
  return [
    {
      key: ids.find((id) => id.startsWith('GHSA-')) ?? record.identifier,
      ids,
      pkg: name,
      title: record.title ?? '',
      severity,
      range,
      rangeText: record.affected_range,
      fixed: (record.fixed_versions ?? []).map(String),
      file,
      sourceRank: 1,
    },
  ];
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git') yield* filesUnder(path);
    } else if (/\.(json|ya?ml)$/.test(entry.name)) {
      yield path;
    }
  }
}

interface Database {
  files: number;
  npmRecords: number;
  advisories: Advisory[];
}

function readAdvisories(semver: Semver, dirs: string[], wanted: Set<string>): Database {
  const db: Database = { files: 0, npmRecords: 0, advisories: [] };
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      db.files += 1;
      const text = readFileSync(file, 'utf8');
      // Cheap text tests first: most records are other ecosystems, and parsing all of them dominates the run.
      if (file.endsWith('.json')) {
        if (!/"ecosystem":\s*"npm"/.test(text)) continue;
        db.npmRecords += 1;
        db.advisories.push(...fromOsv(semver, JSON.parse(text) as OsvRecord, file, wanted));
      } else {
        if (!/^package_slug: "?npm\//m.test(text)) continue;
        db.npmRecords += 1;
        db.advisories.push(...fromGitlab(semver, loadYaml(text) as GitlabRecord, file, wanted));
      }
    }
  }
  return db;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching and report

function lowestFixAbove(semver: Semver, version: string, fixed: string[]): string {
  const later = fixed.filter((f) => semver.valid(f) && semver.gt(f, version)).sort(semver.compare);
  return later[0] ?? 'none';
}

function audit(semver: Semver, tree: Installed[], advisories: Advisory[], chains: Map<string, string[]>) {
  const byName = new Map<string, Advisory[]>();
  for (const advisory of advisories) byName.set(advisory.pkg, [...(byName.get(advisory.pkg) ?? []), advisory]);
  // An advisory one database states in a range we cannot read is settled if the other database states it readably.
  const readable = new Set(advisories.filter((a) => a.range !== null).map((a) => `${a.pkg}|${a.key}`));
  const findings = new Map<string, Finding>();
  const unreadable = new Map<string, { installed: Installed; advisory: Advisory }>();
  for (const installed of tree) {
    for (const advisory of byName.get(installed.name) ?? []) {
      const id = `${installed.location}|${advisory.key}`;
      if (advisory.range === null) {
        if (!readable.has(`${advisory.pkg}|${advisory.key}`)) unreadable.set(id, { installed, advisory });
        continue;
      }
      if (!semver.satisfies(installed.version, advisory.range, { includePrerelease: true })) continue;
      const known = findings.get(id);
      if (known && known.advisory.sourceRank <= advisory.sourceRank) continue;
      const chain = chains.get(installed.location);
      findings.set(id, {
        installed,
        advisory,
        fixedIn: lowestFixAbove(semver, installed.version, advisory.fixed),
        via: chain ? chain.join(' > ') : '(not reachable from the root)',
      });
    }
  }
  return { findings: [...findings.values()], unreadable: [...unreadable.values()] };
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);
const blocking = (s: Severity): boolean => s === 'critical' || s === 'high' || s === 'unknown';
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { lockfile: { type: 'string', default: join(REPO_ROOT, 'package-lock.json') } },
  });
  if (positionals.length === 0) {
    throw new UsageError('usage: audit-offline.ts <advisory-dir> [<advisory-dir> ...] [--lockfile <path>]');
  }
  const missing = positionals.find((dir) => !existsSync(dir) || !statSync(dir).isDirectory());
  if (missing !== undefined) throw new UsageError(`${missing}: not a directory of advisories`);
  const started = performance.now();
  const semver = loadSemver();
  const lock = readLockfile(isAbsolute(values.lockfile!) ? values.lockfile! : join(process.cwd(), values.lockfile!));
  const tree = productionTree(lock);
  const wanted = new Set(tree.map((p) => p.name));
  const db = readAdvisories(semver, positionals, wanted);
  const { findings, unreadable } = audit(semver, tree, db.advisories, dependencyChains(lock));
  findings.sort(
    (a, b) =>
      rank(a.advisory.severity) - rank(b.advisory.severity) ||
      a.installed.name.localeCompare(b.installed.name) ||
      a.advisory.key.localeCompare(b.advisory.key),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(2);

  const versions = new Set(tree.map((p) => `${p.name}@${p.version}`));
  console.log(`Production tree: ${tree.length} lockfile entries, ${versions.size} distinct name@version`);
  console.log(
    `Advisory files read: ${db.files}, npm records: ${db.npmRecords}, about this tree: ${db.advisories.length}`,
  );
  console.log(`Scan time: ${seconds} s`);
  console.log('');
  if (findings.length === 0) {
    console.log('No advisory matches an installed production version.');
  } else {
    console.log('| severity | package | installed | advisory | affected | fixed in | via | title |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const f of findings) {
      const a = f.advisory;
      console.log(
        `| ${a.severity} | ${f.installed.name} | ${f.installed.version} | ${a.key} | ${cell(a.rangeText)} | ` +
          `${f.fixedIn} | ${cell(f.via)} | ${cell(a.title)} |`,
      );
    }
  }
  for (const { installed, advisory } of unreadable) {
    console.log(
      `Could not read the range of ${advisory.key} (${advisory.severity}) for ${installed.name}@${installed.version}: ` +
        `"${advisory.rangeText}" in ${relative(process.cwd(), advisory.file)}`,
    );
  }
  const counts = SEVERITIES.map((s) => `${s} ${findings.filter((f) => f.advisory.severity === s).length}`);
  console.log('');
  console.log(`Findings: ${findings.length} (${counts.join(', ')})`);

  const failing =
    findings.some((f) => blocking(f.advisory.severity)) || unreadable.some((u) => blocking(u.advisory.severity));
  return failing ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : error);
    process.exitCode = 2;
  }
}
