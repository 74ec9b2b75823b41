import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';
import { createDatabase, dropDatabase } from './databases';
import { freePort } from './ports';
import { ADMIN_DATABASE_URL, databaseUrlFor } from './test-env';

export { freePort };

/**
 * A redis-server of the test's own on its own port, never the machine's shared one, so a test may stop it. It
 * keeps nothing on disk: a restart comes back empty, as after a failover without persistence.
 */
export class ScratchRedis {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<ScratchRedis> {
    const redis = new ScratchRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const client = new Redis({
      port: this.port,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    for (let i = 0; i < 100; i++) {
      try {
        await client.connect();
        await client.ping();
        client.disconnect();
        return;
      } catch {
        client.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = once(this.process, 'exit');
    this.process.kill('SIGKILL');
    await exited;
    this.process = null;
  }
}

/** A database of the test's own, migrated like the run's: for tests whose workers sweep every marker they see. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kcx_scratch_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabase(ADMIN_DATABASE_URL, name);
  const url = databaseUrlFor(name);
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  return {
    url,
    drop: () => dropDatabase(ADMIN_DATABASE_URL, name),
  };
}
