import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';
import { createDatabase } from './databases';
import { freePort } from './ports';

const run = promisify(execFile);

/** Servers still running; stopped when the test process exits, so a crashed test file leaves none behind. */
const running = new Set<ScratchPostgres>();
process.on('exit', () => {
  for (const pg of running) {
    try {
      execFileSync(...pg.command('pg_ctl', ['stop', '-D', pg.dataDir, '-m', 'immediate', '-w']), { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

/** The newest installed PostgreSQL's bin directory (Debian layout), or PG_BIN, or whatever is on PATH. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return '';
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0], 'bin') : '';
}

/**
 * A PostgreSQL server of the test's own (initdb in a temp dir, its own port), so a test may stop and restart it
 * without touching the machine's shared server. initdb and postgres refuse to run as root: as root, they run as the
 * `postgres` user through runuser.
 */
export class ScratchPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<ScratchPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'kcx-pg-'));
    const pg = new ScratchPostgres(dir, await freePort());
    try {
      const owner = pg.asRoot() ? await pg.postgresUser() : null;
      if (owner) chownSync(dir, owner.uid, owner.gid);
      await pg.exec('initdb', [
        '-D',
        pg.dataDir,
        '--auth=trust',
        '--username=postgres',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      await pg.start();
    } catch (err) {
      await pg.destroy();
      throw err;
    }
    return pg;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c max_connections=100`;
    running.add(this);
    await this.exec('pg_ctl', ['start', '-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-o', options]);
  }

  /** `fast` ends sessions and checkpoints; `immediate` is a crash: the next start replays the WAL. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.exec('pg_ctl', ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', '60']);
  }

  /** Creates a database and runs every migration on it; returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await createDatabase(this.url(), name);
    const dataSource = new DataSource(dataSourceOptions(this.url(name), 2));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    return this.url(name);
  }

  /** The server's log, for failure messages. */
  log(chars = 4000): string {
    try {
      return `--- scratch postgres log ---\n${readFileSync(this.logFile, 'utf8').slice(-chars)}`;
    } catch {
      return '--- no scratch postgres log ---';
    }
  }

  /** Stops the server if it runs and removes its directory. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stop('immediate').catch(() => undefined);
    running.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get logFile(): string {
    return join(this.dir, 'postgres.log');
  }

  private asRoot(): boolean {
    return process.getuid?.() === 0;
  }

  private async postgresUser(): Promise<{ uid: number; gid: number }> {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  }

  /** The command line of a PostgreSQL tool, through runuser when we are root. */
  command(tool: string, args: string[]): [string, string[]] {
    const bin = binDir();
    const path = bin ? join(bin, tool) : tool;
    return this.asRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const [file, argv] = this.command(tool, args);
    try {
      await run(file, argv, { timeout: 90_000 });
    } catch (err) {
      const e = err as Error & { stdout?: string; stderr?: string };
      throw new Error(
        `${tool} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}\n${this.log()}`,
      );
    }
  }
}
