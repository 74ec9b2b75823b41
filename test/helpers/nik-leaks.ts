import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the suite's privacy checks look for: the NIKs the tests themselves send. Every 16-digit literal in the test
 * sources and unit specs, plus the NIKs the factory generated during the run (recorded in the run's log folder).
 * Looking for known NIKs rather than any 16 digits keeps the check exact: hex digests and timestamps never match.
 */
const ROOT = join(__dirname, '..', '..');
const LITERAL = /(?<!\d)\d{16}(?!\d)/g;
export const GENERATED_NIKS_FILE = 'generated-niks.txt';

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && (dir.includes(`${join(ROOT, 'test')}`) || /\.spec\.ts$/.test(name)))
      out.push(path);
  }
  return out;
}

export function literalTestNiks(): Set<string> {
  const niks = new Set<string>();
  for (const file of [...sourceFiles(join(ROOT, 'test')), ...sourceFiles(join(ROOT, 'src'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(LITERAL)) niks.add(match[0]);
  }
  return niks;
}

export function generatedTestNiks(logDir: string | undefined): Set<string> {
  const file = logDir ? join(logDir, GENERATED_NIKS_FILE) : '';
  if (!file || !existsSync(file)) return new Set();
  return new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean));
}

/** The known NIKs that occur in the text, as digits or as the hex of their ASCII bytes (bytea in a dump). */
export function leakedNiks(text: string, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(LITERAL)) if (known.has(match[0])) found.add(match[0]);
  const lower = text.toLowerCase();
  for (const nik of known) if (lower.includes(Buffer.from(nik).toString('hex'))) found.add(nik);
  return [...found];
}

/** The log files of the run so far (the suite writes every process's log lines there). */
export function runLogFiles(logDir: string | undefined): string[] {
  if (!logDir || !existsSync(logDir)) return [];
  return readdirSync(logDir)
    .filter((name) => name.endsWith('.log'))
    .map((name) => join(logDir, name));
}

/** Leaks per log file; empty when the run's logs hold none of the NIKs. */
export function scanRunLogs(
  logDir: string | undefined,
  known: ReadonlySet<string>,
): { file: string; niks: string[] }[] {
  const hits: { file: string; niks: string[] }[] = [];
  for (const file of runLogFiles(logDir)) {
    const niks = leakedNiks(readFileSync(file, 'utf8'), known);
    if (niks.length > 0) hits.push({ file, niks: niks.map((n) => `${n.slice(0, 4)}…`) });
  }
  return hits;
}
