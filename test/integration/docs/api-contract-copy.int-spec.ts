import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(__dirname, '..', '..', '..');
const CONTRACT = join(ROOT, 'docs', 'api.md');

/** The local path a git remote points at (a path or a file:// URL), else undefined (ssh, https, no remote). */
function localRemote(root: string, remote: string): string | undefined {
  let url: string;
  try {
    url = execFileSync('git', ['-C', root, 'remote', 'get-url', remote], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
  if (url.startsWith('file://')) return fileURLToPath(url);
  if (/^[\w.-]+@[\w.-]+:|^[a-z][\w+.-]*:\/\//i.test(url)) return undefined;
  return isAbsolute(url) ? url : resolve(root, url);
}

/**
 * Where the shared copy of the contract lives: KCX_SHARED_DIR, else the folder beside the work tree (../shared),
 * else the one beside the repository this clone came from (CI clones the work tree elsewhere). Each place tried
 * is named, so a skip says where it looked.
 */
function findSharedDir(root = ROOT): { dir?: string; tried: string[] } {
  const origin = localRemote(root, 'origin');
  const candidates = [
    process.env.KCX_SHARED_DIR,
    join(root, '..', 'shared'),
    origin === undefined ? undefined : join(origin, '..', 'shared'),
  ].filter((dir): dir is string => dir !== undefined && dir.length > 0);
  const dir = candidates.find((c) => existsSync(join(c, 'API.md')) && statSync(join(c, 'API.md')).isFile());
  return { dir, tried: candidates };
}

/** Issue 18, point 7: the contract a client is written against is in the repository, and equal to the shared one. */
describe('docs/api.md, the API contract (integration)', () => {
  it('is in the repository', () => {
    expect(existsSync(CONTRACT)).toBe(true);
    expect(readFileSync(CONTRACT, 'utf8')).toMatch(/^# /);
  });

  it('is what the README and the OpenAPI description point to, never a path outside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toContain('shared/API.md');
    expect(readme).toContain('](docs/api.md)');
    // The shared copy is read-only: what the project adds to the contract lives beside it, linked from both.
    expect(readme).toContain('](docs/api-additions.md)');
    expect(readFileSync(join(ROOT, 'docs', 'api-additions.md'), 'utf8')).toContain('](api.md)');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const outside = sources(join(ROOT, 'src')).filter((f) => readFileSync(f, 'utf8').includes('shared/API.md'));
    expect(outside).toEqual([]);
    expect(readFileSync(join(ROOT, 'src', 'configure-app.ts'), 'utf8')).toMatch(/setDescription\([^)]*docs\/api\.md/);
  });

  const shared = findSharedDir();
  // Jest has no skip with a reason: the skipped block's name gives it.
  (shared.dir ? describe : describe.skip)(
    shared.dir
      ? `and the shared copy in ${shared.dir}`
      : `and the shared copy: SKIPPED, no shared API.md (looked in ${shared.tried.join(', ')}; set KCX_SHARED_DIR)`,
    () => {
      it('are byte for byte the same', () => {
        const ours = readFileSync(CONTRACT);
        const theirs = readFileSync(join(shared.dir as string, 'API.md'));
        // A hint first: the first line that differs.
        const a = ours.toString('utf8').split('\n');
        const b = theirs.toString('utf8').split('\n');
        const first = a.findIndex((line, i) => line !== b[i]);
        const differs = first !== -1 ? first + 1 : a.length === b.length ? null : Math.min(a.length, b.length) + 1;
        expect({ firstDifferentLine: differs }).toEqual({ firstDifferentLine: null });
        expect(ours.equals(theirs)).toBe(true);
      });
    },
  );
});
