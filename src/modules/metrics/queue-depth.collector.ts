import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Counter, Gauge } from 'prom-client';
import { withTimeout } from '../../common/jobs/enqueue';
import { QueueName } from '../../common/jobs/queues';
import { Metrics } from './metrics';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
/** A scrape never waits longer than this on Redis: a dead Redis costs the queue series, not the whole scrape. */
export const QUEUE_DEPTH_TIMEOUT_MS = 1000;

/** Queue depths read from BullMQ when Prometheus scrapes, so they are never staler than the scrape. */
@Injectable()
export class QueueDepthCollector {
  private readonly queues: Queue[];
  private readonly depth: Gauge;
  private readonly errors: Counter;
  private reading: Promise<void> | null = null;

  constructor(
    metrics: Metrics,
    @InjectQueue(QueueName.SUBMISSIONS) submissions: Queue,
    @InjectQueue(QueueName.RISK) risk: Queue,
    @InjectQueue(QueueName.AUDIT) audit: Queue,
    @InjectQueue(QueueName.RETENTION) retention: Queue,
    @InjectQueue(QueueName.MONITORING) monitoring: Queue,
    @InjectQueue(QueueName.WEBHOOKS) webhooks: Queue,
  ) {
    this.queues = [submissions, risk, audit, retention, monitoring, webhooks];
    // prom-client collects all metrics of a scrape at once: both wait for the same read, so the error count a
    // scrape shows is the one its own read left.
    const read = () => this.read();
    this.depth = new Gauge({
      name: 'kcx_queue_depth',
      help: 'Jobs in each queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      collect: read,
    });
    this.errors = new Counter({
      name: 'kcx_queue_depth_errors_total',
      help: "Scrapes that could not read a queue's depths from Redis in time, by queue",
      labelNames: ['queue'],
      registers: [metrics.registry],
      collect: read,
    });
    for (const queue of this.queues) this.errors.labels(queue.name).inc(0);
  }

  private read(): Promise<void> {
    this.reading ??= this.readAll().finally(() => (this.reading = null));
    return this.reading;
  }

  private async readAll(): Promise<void> {
    const results = await Promise.allSettled(this.queues.map((queue) => readCounts(queue)));
    // Series of an unreachable queue are dropped rather than repeated from an earlier scrape.
    this.depth.reset();
    results.forEach((result, i) => {
      const queue = this.queues[i].name;
      if (result.status === 'rejected') return this.errors.labels(queue).inc();
      for (const state of QUEUE_STATES) this.depth.labels(queue, state).set(result.value[state] ?? 0);
    });
  }
}

async function readCounts(queue: Queue): Promise<Record<string, number>> {
  // BullMQ's connection queues commands while Redis is away (maxRetriesPerRequest: null): ask only when it is up.
  const client = await withTimeout(queue.client, QUEUE_DEPTH_TIMEOUT_MS);
  if (client.status !== 'ready') throw new Error(`redis ${client.status}`);
  const counts = await withTimeout(
    queue.getJobCounts(...QUEUE_STATES, 'paused', 'prioritized'),
    QUEUE_DEPTH_TIMEOUT_MS,
  );
  // Waiting to run, whether the queue is paused or the job has a priority.
  return { ...counts, waiting: (counts.waiting ?? 0) + (counts.paused ?? 0) + (counts.prioritized ?? 0) };
}
