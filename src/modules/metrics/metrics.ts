import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached profile answer to a large JSON submission. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: from one borrower's recalculation to a 500,000-row file. */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

/** Seconds: from an alert raised to its webhook answered 2xx (retries over a day included). */
const DELIVERY_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 3600, 21600, 86400];

/** The route label of a request no route matched: the raw URL never becomes a label. */
export const UNMATCHED_ROUTE = '(unmatched)';
export const PROFILE_ALLOWED = 'ALLOWED';

export type SubmissionSourceLabel = 'JSON' | 'CSV';

interface HttpSeries {
  requests: Counter.Internal;
  duration: Histogram.Internal<string>;
}

/**
 * The process's Prometheus registry and the application's metrics (prefixed kcx_), beside prom-client's default
 * process metrics. One registry per application instance, not prom-client's global one, so that tests can run
 * several apps in one process.
 *
 * Children are looked up once per label combination and kept: prom-client's labels() builds a new child on every
 * call, and the profile query path runs this a few thousand times a second.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'kcx_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'kcx_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly profileQueries = new Counter({
    name: 'kcx_profile_queries_total',
    help: 'Profile queries decided, by outcome: ALLOWED or the refusal code',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly submissions = new Counter({
    name: 'kcx_submissions_total',
    help: 'Submissions that reached a final status, by source (JSON, CSV) and status (COMPLETED, REJECTED, FAILED)',
    labelNames: ['source', 'status'],
    registers: [this.registry],
  });

  private readonly rowsApplied = new Counter({
    name: 'kcx_submission_rows_applied_total',
    help: 'Submission rows applied to the network (committed), by source',
    labelNames: ['source'],
    registers: [this.registry],
  });

  private readonly rowsRejected = new Counter({
    name: 'kcx_submission_rows_rejected_total',
    help: 'Submission rows refused as invalid or conflicting, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });

  private readonly jobsCompleted = new Counter({
    name: 'kcx_jobs_completed_total',
    help: 'Queue jobs completed by this process, by queue and job name',
    labelNames: ['queue', 'name'],
    registers: [this.registry],
  });

  private readonly jobsFailed = new Counter({
    name: 'kcx_jobs_failed_total',
    help: 'Queue job attempts that failed in this process, by queue and job name; final="true" when no retry is left',
    labelNames: ['queue', 'name', 'final'],
    registers: [this.registry],
  });

  private readonly jobDuration = new Histogram({
    name: 'kcx_job_duration_seconds',
    help: 'Time a job attempt ran in this process, by queue and job name',
    labelNames: ['queue', 'name'],
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  private readonly usageQuotaRefusals = new Counter({
    name: 'kcx_usage_quota_refusals_total',
    help: 'Profile queries and consents refused because the coop reached its hourly ceiling, by measure (PROFILE_QUERIES, CONSENTS)',
    labelNames: ['measure'],
    registers: [this.registry],
  });

  // By kind only: a coop id label would grow without bound; the coop is in the auditors' list.
  private readonly usageAnomalies = new Counter({
    name: 'kcx_usage_anomalies_total',
    help: 'Usage anomalies raised for auditors (one per coop and window), by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  // Early warning (monitoring/). By type and outcome only: never a coop or borrower label.
  private readonly alertsRaised = new Counter({
    name: 'kcx_monitoring_alerts_raised_total',
    help: 'Early-warning alerts raised (committed), by type',
    labelNames: ['type'],
    registers: [this.registry],
  });

  private readonly webhookAttempts = new Counter({
    name: 'kcx_monitoring_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome: DELIVERED, RETRY (non-2xx, timeout or network error), FAILED (no retry left)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly webhookLatency = new Histogram({
    name: 'kcx_monitoring_webhook_delivery_seconds',
    help: 'Time from an alert raised to its webhook delivery answered 2xx',
    buckets: DELIVERY_BUCKETS,
    registers: [this.registry],
  });

  // route -> method -> status: three lookups and no allocation once a combination has been seen.
  private readonly httpSeries = new Map<string, Map<string, Map<number, HttpSeries>>>();
  private readonly profileOutcomes = new Map<string, Counter.Internal>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
    const series = this.httpSeriesFor(method, route ?? UNMATCHED_ROUTE, status);
    series.requests.inc();
    series.duration.observe(seconds);
  }

  /** `refusal` is the refusal code, or null when the profile was answered. */
  profileQueried(refusal: string | null): void {
    const outcome = refusal ?? PROFILE_ALLOWED;
    let child = this.profileOutcomes.get(outcome);
    if (!child) {
      child = this.profileQueries.labels(outcome);
      this.profileOutcomes.set(outcome, child);
    }
    child.inc();
  }

  submissionFinished(
    source: SubmissionSourceLabel,
    status: string,
    rows: { accepted: number; rejected: number } = { accepted: 0, rejected: 0 },
  ): void {
    this.submissions.labels(source, status).inc();
    if (rows.accepted > 0) this.rowsApplied.labels(source).inc(rows.accepted);
    if (rows.rejected > 0) this.rowsRejected.labels(source).inc(rows.rejected);
  }

  usageQuotaRefused(measure: string): void {
    this.usageQuotaRefusals.labels(measure).inc();
  }

  usageAnomalyRaised(kind: string): void {
    this.usageAnomalies.labels(kind).inc();
  }

  /** Call after the alerts' transaction committed (afterCommit). */
  alertsRaisedCount(type: string, count: number): void {
    if (count > 0) this.alertsRaised.labels(type).inc(count);
  }

  webhookAttempted(outcome: 'DELIVERED' | 'RETRY' | 'FAILED', secondsSinceRaised?: number): void {
    this.webhookAttempts.labels(outcome).inc();
    if (outcome === 'DELIVERED' && secondsSinceRaised !== undefined) this.webhookLatency.observe(secondsSinceRaised);
  }

  jobCompleted(queue: string, name: string): void {
    this.jobsCompleted.labels(queue, name).inc();
  }

  jobFailed(queue: string, name: string, final: boolean): void {
    this.jobsFailed.labels(queue, name, String(final)).inc();
  }

  jobRan(queue: string, name: string, seconds: number): void {
    this.jobDuration.labels(queue, name).observe(seconds);
  }

  /** The Prometheus text exposition (content type registry.contentType), for either endpoint. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private httpSeriesFor(method: string, route: string, status: number): HttpSeries {
    let byMethod = this.httpSeries.get(route);
    if (!byMethod) this.httpSeries.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (!series) {
      const labels = [method, route, String(status)];
      series = { requests: this.httpRequests.labels(...labels), duration: this.httpDuration.labels(...labels) };
      byStatus.set(status, series);
    }
    return series;
  }
}
