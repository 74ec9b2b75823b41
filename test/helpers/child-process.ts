import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports';

const ROOT = join(__dirname, '..', '..');
const OUTPUT_KEEP_CHARS = 64 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every child still running; killed when the test process exits, so a crashed test file leaves none behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Polls until `probe` returns something other than undefined/false, or fails naming what it waited for (and the
 * last value or error seen, plus any context, so a failure explains itself).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  {
    timeoutMs = 30_000,
    intervalMs = 100,
    context,
  }: { timeoutMs?: number; intervalMs?: number; context?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${seen})${context ? `\n${context()}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * A Node process of the service (src/main.ts or src/worker.ts) run through ts-node, so what runs is the source of
 * this checkout, never a stale dist/. Output is kept (the tail) for failure messages.
 */
export class ServiceProcess {
  private out = '';
  private readonly exit: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    // A copy of everything the service prints joins the run's logs, which the privacy checks read.
    const logDir = process.env.KCX_TEST_LOG_DIR;
    const copy = logDir ? join(logDir, `child-${name}-${child.pid}.log`) : null;
    const keep = (chunk: Buffer) => {
      if (copy) appendFileSync(copy, chunk);
      this.out += chunk.toString('utf8');
      if (this.out.length > 2 * OUTPUT_KEEP_CHARS) this.out = this.out.slice(-OUTPUT_KEEP_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    running.add(child);
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        this.out += `\n[${name} exited: code ${code}, signal ${signal}]\n`;
        resolve(code);
      });
    });
  }

  static spawn(name: string, script: 'src/main.ts' | 'src/worker.ts', env: Record<string, string>): ServiceProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script], {
      cwd: ROOT,
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The tail of the process's stdout and stderr. */
  output(chars = 8000): string {
    return `--- ${this.name} (pid ${this.child.pid}) output, last ${chars} chars ---\n${this.out.slice(-chars)}`;
  }

  /** Every log line so far that contains the text. */
  linesWith(text: string): string[] {
    return this.out.split('\n').filter((line) => line.includes(text));
  }

  waitForOutput(text: string, timeoutMs: number): Promise<true> {
    return waitFor(
      `"${text}" in the output of ${this.name}`,
      () => {
        if (!this.alive) throw new Error(`${this.name} exited`);
        return this.out.includes(text);
      },
      { timeoutMs, context: () => this.output() },
    );
  }

  /** Sends the signal and waits for the process to end. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    await this.exit;
  }

  /** A graceful stop, then SIGKILL if it takes too long. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

/** The environment of a service process: this process's PATH and friends, never its database or Redis. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // LOG_FILE too: the tests read a service's log lines from its stdout (they are copied to the run's log folder).
    if (value !== undefined && !/^(DATABASE_|REDIS_|KCX_|PORT$|HOST$|WORKER_IN_PROCESS$|LOG_FILE$)/.test(key))
      env[key] = value;
  }
  return {
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    BCRYPT_COST: '4',
    // The run's other tests share the machine's Postgres (100 connections): a small pool per process.
    DATABASE_POOL_SIZE: '5',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    TS_NODE_TRANSPILE_ONLY: 'true',
  };
}

export interface ServiceEnv extends Record<string, string> {
  DATABASE_URL: string;
  REDIS_URL: string;
}

/** Starts the API on a free port and waits until it answers /health/live. */
export async function startApi(env: ServiceEnv, name = 'api'): Promise<{ process: ServiceProcess; url: string }> {
  const port = await freePort();
  const api = ServiceProcess.spawn(name, 'src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `${name} to answer on ${url}`,
      async () => {
        if (!api.alive) throw new Error(`${name} exited`);
        const res = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2000) });
        return res.status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 200, context: () => api.output() },
    );
  } catch (err) {
    await api.kill();
    throw err;
  }
  return { process: api, url };
}

/** Starts a worker process and waits until it has booted (its queue consumers run from then on). */
export async function startWorker(env: ServiceEnv, name = 'worker'): Promise<ServiceProcess> {
  const worker = ServiceProcess.spawn(name, 'src/worker.ts', env);
  try {
    await worker.waitForOutput('worker started', 90_000);
  } catch (err) {
    await worker.kill();
    throw err;
  }
  return worker;
}
