/**
 * What the benchmarks ran on: CPU, memory, kernel, Node, PostgreSQL (version and the settings that matter for these
 * figures), Redis, pgbench, the load average and how much CPU time the hypervisor stole, and the commit measured.
 */
import Redis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { machineCpu, machineShares, postgresDiskFree, ROOT, withClient } from './support';

export interface Machine {
  date: string;
  host: string;
  cpuModel: string;
  cores: number;
  cpuMhz: number | null;
  virtualization: string;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  postgresDiskFreeGiB: number | null;
  redis: string;
  pgbench: string;
  loadAverage: string;
  /** Over a short sample when described: share of CPU time busy and stolen by the hypervisor. */
  busyNow: string;
  stealNow: string;
  commit: string;
}

const PG_SETTINGS = [
  'shared_buffers',
  'max_connections',
  'work_mem',
  'maintenance_work_mem',
  'effective_cache_size',
  'synchronous_commit',
  'fsync',
  'max_wal_size',
  'jit',
];

function tryCommand(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function virtualization(): string {
  const detected = tryCommand('systemd-detect-virt', []);
  if (detected) return detected;
  try {
    return /^flags\s*:.*\bhypervisor\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'))
      ? 'a virtual machine (hypervisor flag set)'
      : 'none detected';
  } catch {
    return 'unknown';
  }
}

async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

export async function describeMachine(adminUrl: string, redisUrl: string): Promise<Machine> {
  const before = machineCpu();
  const cpus = os.cpus();
  const { postgres, settings } = await withClient(adminUrl, async (client) => {
    const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
    const { rows } = await client.query<{ name: string; value: string }>(
      `SELECT name, CASE WHEN unit = '8kB' THEN pg_size_pretty(setting::bigint * 8192)
                         WHEN unit = 'kB' THEN pg_size_pretty(setting::bigint * 1024)
                         WHEN unit = 'MB' THEN pg_size_pretty(setting::bigint * 1024 * 1024)
                         ELSE setting END AS value
         FROM pg_settings WHERE name = ANY ($1) ORDER BY array_position($1, name)`,
      [PG_SETTINGS],
    );
    return { postgres: version, settings: Object.fromEntries(rows.map((r) => [r.name, r.value])) };
  });
  const disk = await postgresDiskFree(adminUrl);
  const redis = await redisVersion(redisUrl);
  const dirty = tryCommand('git', ['status', '--porcelain'])?.split('\n').filter(Boolean).length ?? 0;
  const head = tryCommand('git', ['rev-parse', '--short', 'HEAD']);
  await sleep(1000);
  const shares = machineShares(before, machineCpu());
  return {
    date: new Date().toISOString(),
    host: os.hostname(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    cpuMhz: cpus[0]?.speed || null,
    virtualization: virtualization(),
    memoryGiB: os.totalmem() / 2 ** 30,
    os: osName(),
    kernel: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres,
    postgresSettings: settings,
    postgresDiskFreeGiB: disk ? disk.free / 2 ** 30 : null,
    redis,
    pgbench: tryCommand('pgbench', ['--version']) ?? 'not found',
    loadAverage: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
    busyNow: shares.busy,
    stealNow: shares.steal,
    commit: head ? `${head}${dirty ? ` with ${dirty} uncommitted change${dirty === 1 ? '' : 's'}` : ''}` : 'unknown',
  };
}
