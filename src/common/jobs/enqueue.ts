import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOB_QUEUE, JobSchedule } from './queues';

/** How long a producer waits for Redis before leaving the work to a sweeper: a request never hangs on Redis. */
export const ENQUEUE_TIMEOUT_MS = 2000;

export function withTimeout<T>(work: Promise<T>, ms = ENQUEUE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`enqueue timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The one way a repeatable job is scheduled: BullMQ's job scheduler, upserted under the schedule's fixed id. */
export function upsertSchedule(queue: Queue, schedule: JobSchedule): Promise<unknown> {
  if (JOB_QUEUE[schedule.name] !== queue.name) {
    return Promise.reject(
      new Error(`job ${schedule.name} belongs on queue ${JOB_QUEUE[schedule.name]}, not ${queue.name}`),
    );
  }
  const { schedulerId, name, repeat, data, opts } = schedule;
  return queue.upsertJobScheduler(schedulerId, repeat, opts ? { name, data, opts } : { name, data });
}

/** keepScheduled for schedules that are only upserts: each in turn, every time Redis is (again) ready. */
export function keepJobsScheduled(queue: Queue, schedules: readonly JobSchedule[], logger: Logger): void {
  keepScheduled(
    queue,
    async () => {
      for (const schedule of schedules) await upsertSchedule(queue, schedule);
    },
    logger,
  );
}

/**
 * Registers a job scheduler once the queue's Redis connection is up, and again each time it becomes ready: a Redis
 * that comes back empty (no persistence, a failover) would otherwise lose the schedule until the next restart.
 */
export function keepScheduled(queue: Queue, register: () => Promise<unknown>, logger: Logger): void {
  const attempt = () =>
    register().catch((err: unknown) =>
      logger.warn({ err, queue: queue.name }, 'job schedule not registered; retried when Redis is back'),
    );
  queue.client.then(
    (client) => {
      client.on('ready', () => void attempt());
      return attempt();
    },
    (err: unknown) => logger.warn({ err, queue: queue.name }, 'queue connection failed; job schedule not registered'),
  );
}

/**
 * Runs `work` each time the queue's Redis connection becomes ready again after being lost (not at the first
 * connect): a Redis that comes back empty (no persistence, a failover) has lost what was enqueued before.
 */
export function onReconnect(queue: Queue, work: () => Promise<unknown>, onError: (err: unknown) => void): void {
  queue.client.then((client) => {
    // The client resolves once ready, so every later 'ready' is a reconnection.
    client.on('ready', () => void work().catch(onError));
  }, onError);
}
