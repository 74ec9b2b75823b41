import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;

type Version = [number, number, number];
const parse = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = text.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  return [major, minor, patch];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether a version satisfies an engines range as package authors write them: `||` alternatives of comparators
 * (>=, >, <=, <, =, ^, ~, x-ranges). Enough for engines.node; semver itself is not one of our dependencies.
 */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter((c) => c.length > 0 && c !== '*')
      .every((comparator) => {
        const [, op = '', rest] = /^(>=|<=|>|<|=|\^|~)?v?(.*)$/.exec(comparator) as RegExpExecArray;
        const parts = rest.split('.').filter((p) => /^\d+$/.test(p)).length;
        const base = parse(rest);
        const c = compare(v, base);
        const below = (upper: Version) => compare(v, upper) < 0;
        switch (op) {
          case '>=':
            return c >= 0;
          case '>':
            return c > 0;
          case '<=':
            return c <= 0;
          case '<':
            return c < 0;
          case '^':
            return c >= 0 && below(base[0] > 0 || parts < 2 ? [base[0] + 1, 0, 0] : [0, base[1] + 1, 0]);
          case '~':
            return c >= 0 && below(parts < 2 ? [base[0] + 1, 0, 0] : [base[0], base[1] + 1, 0]);
          default:
            // 20, 20.x, 20.1 and = 20.1.2: the versions that start so.
            return parts >= 3 ? c === 0 : v.slice(0, parts).every((n, i) => n === base[i]);
        }
      }),
  );
}

describe('satisfies', () => {
  it.each([
    ['20.19.0', '>=20', true],
    ['20.19.0', '>=22', false],
    ['20.19.0', '^18.19.1 || ^20.11.1 || >=22.0.0', true],
    ['20.9.0', '^18.19.1 || ^20.11.1 || >=22.0.0', false],
    ['20.19.0', '^20.19.0 || ^22.13.0 || >=24', true],
    ['20.18.3', '^20.19.0 || ^22.13.0 || >=24', false],
    ['20.19.0', '>= 20.11', true],
    ['20.19.0', '^20.12||^22||>=24', true],
    ['21.0.0', '^20.12||^22||>=24', false],
    ['20.19.0', '20.x', true],
    ['20.19.0', '~20.18.0', false],
    ['20.19.0', '>=14 <21', true],
    ['20.19.0', '*', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });
});

/**
 * Issue 18, point 7: `npm ci` warned that content-disposition 3 wants Node 22 while the README says 20. The oldest
 * Node the project claims (package.json engines, the README's quick start) must satisfy every installed package.
 */
describe('the Node version the project claims (integration)', () => {
  const engines = (json('package.json').engines as { node: string }).node;
  const oldest = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines)?.[1];

  it('is one lower bound, the one the README states', () => {
    expect(oldest).toEqual(expect.any(String));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`Needs Node.js ${oldest} or newer`);
  });

  it('satisfies the engines of every package in package-lock.json', () => {
    const packages = json('package-lock.json').packages as Record<string, { engines?: { node?: string } | string[] }>;
    const refusing = Object.entries(packages)
      .map(([path, p]) => [path, !Array.isArray(p.engines) ? p.engines?.node : undefined] as const)
      .filter(
        ([, range]) =>
          range !== undefined && !satisfies([...(oldest ?? '0').split('.'), '0', '0'].slice(0, 3).join('.'), range),
      )
      .map(([path, range]) => `${path.replace(/^.*node_modules\//, '')} wants node ${range}`);
    expect(refusing).toEqual([]);
  });
});
