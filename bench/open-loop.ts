/**
 * A load generator at a fixed arrival rate (open loop): request i is due at start + i / rate whatever happened to the
 * ones before it, and its latency is measured from that scheduled time, not from when it was sent. A closed-loop tool
 * (autocannon) waits for an answer before sending the next request on a connection, so when the server stalls it
 * simply sends less and the stall shows as one slow request instead of the queue of requests that real clients would
 * have piled up (coordinated omission). autocannon's overallRate also sends in bursts per connection.
 *
 * Requests go over keep-alive sockets (node:http Agent, at most `connections`); when all are busy the next request
 * waits in the agent's queue, and that wait counts in its latency, as it would for a client. A timer fires every
 * millisecond and sends every request that has come due; the largest lag of a send behind its schedule is reported,
 * so a generator starved of CPU shows itself.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OpenLoopRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  baseUrl: string;
  /** Requests per second, all sockets together. */
  rate: number;
  seconds: number;
  /** Keep-alive sockets at most. */
  connections: number;
  /** A request unanswered this long after its scheduled time counts as a timeout (waiting for a socket included). */
  timeoutMs: number;
  /** The next request to send. */
  next: () => OpenLoopRequest;
  /** Figures per bucket of this many ms as well (the soak: one a minute); default: none. */
  bucketMs?: number;
  /** Called as each bucket closes (its requests are those scheduled within it, once all of them are answered). */
  onBucket?: (bucket: BucketFigures) => void;
}

export interface LatencyFigures {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface BucketFigures {
  /** 0-based index; bucket i holds the requests scheduled in [i * bucketMs, (i + 1) * bucketMs). */
  index: number;
  scheduled: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: LatencyFigures;
}

export interface OpenLoopFigures {
  rate: number;
  seconds: number;
  connections: number;
  scheduled: number;
  /** Answers with a 2xx status. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx answers per second over the scheduled duration. */
  achievedRate: number;
  /** From the scheduled time to the end of the answer, 2xx answers only (ms). */
  latency: LatencyFigures;
  /** The largest delay between a request's scheduled time and the moment it was handed to the agent (ms). */
  maxSendLagMs: number;
  buckets: BucketFigures[];
  firstErrors: string[];
}

const ceilIndex = (sorted: Float64Array, p: number): number =>
  Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));

/** Percentiles of a list of latencies (ms); every figure NaN when it is empty. */
export function latencyFigures(values: number[]): LatencyFigures {
  if (values.length === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, p999: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: sorted[ceilIndex(sorted, 50)],
    p90: sorted[ceilIndex(sorted, 90)],
    p99: sorted[ceilIndex(sorted, 99)],
    p999: sorted[ceilIndex(sorted, 99.9)],
    max: sorted[sorted.length - 1],
  };
}

interface Bucket {
  scheduled: number;
  pending: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencies: number[];
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopFigures> {
  const { rate, seconds, connections, timeoutMs } = options;
  if (!(rate > 0)) throw new Error(`the open-loop rate must be > 0, got ${rate}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const target = new URL(options.baseUrl);
  const total = Math.floor(rate * seconds);
  const intervalMs = 1000 / rate;
  const bucketMs = options.bucketMs ?? Number.POSITIVE_INFINITY;
  const buckets: Bucket[] = [];
  const all: number[] = [];
  const statusCodes: Record<string, number> = {};
  const firstErrors: string[] = [];
  let [ok, non2xx, errors, timeouts, inFlight, maxSendLagMs] = [0, 0, 0, 0, 0, 0];

  const bucketOf = (offsetMs: number): Bucket => {
    const index = Number.isFinite(bucketMs) ? Math.floor(offsetMs / bucketMs) : 0;
    while (buckets.length <= index) {
      buckets.push({ scheduled: 0, pending: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, latencies: [] });
    }
    return buckets[index];
  };
  const figuresOf = (bucket: Bucket, index: number): BucketFigures => ({
    index,
    scheduled: bucket.scheduled,
    ok: bucket.ok,
    non2xx: bucket.non2xx,
    errors: bucket.errors,
    timeouts: bucket.timeouts,
    latency: latencyFigures(bucket.latencies),
  });
  // A bucket is reported once its time is over and every request scheduled in it has been answered (at the end: all).
  let reported = 0;
  const reportBuckets = (scheduling: boolean, nowOffset: number) => {
    while (reported < buckets.length) {
      const bucket = buckets[reported];
      const over = !scheduling || nowOffset >= (reported + 1) * bucketMs;
      if (!over || (scheduling && bucket.pending > 0)) break;
      options.onBucket?.(figuresOf(bucket, reported));
      reported++;
    }
  };

  const send = (scheduledAt: number, bucket: Bucket) => {
    const request = options.next();
    inFlight++;
    bucket.scheduled++;
    bucket.pending++;
    let settled = false;
    // From the scheduled time, like the latency: a request stuck in the agent's queue times out too.
    const timer = setTimeout(
      () => {
        finish('timeout', `no answer within ${timeoutMs} ms of its scheduled time`);
        req.destroy();
      },
      Math.max(0, scheduledAt + timeoutMs - performance.now()),
    );
    const finish = (kind: 'ok' | 'non2xx' | 'error' | 'timeout', detail?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      inFlight--;
      bucket.pending--;
      if (kind === 'ok') {
        const latency = performance.now() - scheduledAt;
        ok++;
        bucket.ok++;
        all.push(latency);
        bucket.latencies.push(latency);
      } else if (kind === 'non2xx') {
        non2xx++;
        bucket.non2xx++;
      } else {
        errors++;
        bucket.errors++;
        if (kind === 'timeout') {
          timeouts++;
          bucket.timeouts++;
        }
      }
      if (detail && firstErrors.length < 10) firstErrors.push(detail);
    };
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.path,
        headers:
          request.body === undefined
            ? request.headers
            : { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (status >= 300 && body.length < 300) body += chunk;
        });
        res.on('end', () =>
          finish(
            status >= 200 && status < 300 ? 'ok' : 'non2xx',
            status >= 300 ? `HTTP ${status}: ${body.slice(0, 300)}` : undefined,
          ),
        );
        res.on('error', (error) => finish('error', error.message));
      },
    );
    req.on('error', (error) => finish('error', error.message));
    req.end(request.body);
  };

  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / intervalMs) + 1);
      while (next < due) {
        const scheduledAt = start + next * intervalMs;
        maxSendLagMs = Math.max(maxSendLagMs, now - scheduledAt);
        send(scheduledAt, bucketOf(scheduledAt - start));
        next++;
      }
      reportBuckets(true, now - start);
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
  // Every request is answered or times out by its own timer.
  while (inFlight > 0) await sleep(10);
  reportBuckets(false, Number.POSITIVE_INFINITY);
  agent.destroy();

  return {
    rate,
    seconds,
    connections,
    scheduled: total,
    ok,
    non2xx,
    errors,
    timeouts,
    statusCodes,
    achievedRate: ok / seconds,
    latency: latencyFigures(all),
    maxSendLagMs,
    buckets: buckets.map(figuresOf),
    firstErrors,
  };
}
