import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Principal } from '../../common/auth/principal';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { DomainError } from '../../common/errors/domain-error';
import { redactNikLike } from '../../common/privacy/nik-guard';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';
import { Metrics } from '../metrics/metrics';
import { SharedCounter, UNLIMITED } from './usage-counter';
import { UsageRepository } from './usage.repository';
import {
  AnomalyKind,
  BASELINE_DAYS,
  BURST_MIN_CONSENTS,
  BURST_WINDOW_MINUTES,
  hourWindow,
  isSpike,
  referenceStem,
  secondsToNextHour,
  SPIKE_KIND,
  UsageMeasure,
} from './usage-rules';

const DAY_MS = 86_400_000;
/** Once a window is flagged, its row's count is brought up to date every this many events, not on each one. */
const RAISE_EVERY = 10;
/** Baselines kept per process before the cache is dropped (one per coop and measure, for the current hour). */
const BASELINE_CACHE_MAX = 10_000;

const WORDS: Record<UsageMeasure, string> = {
  [UsageMeasure.PROFILE_QUERIES]: 'profile queries',
  [UsageMeasure.CONSENTS]: 'consents recorded',
};

/** A refused use: audit it, then throw `error` (429 COOPERATIVE.QUOTA_EXCEEDED with Retry-After). */
export interface QuotaRefusal {
  error: DomainError;
  limit: number;
}

/**
 * The query-volume guard: per-coop ceilings per clock hour on profile queries and consents (across all the coop's
 * users and API keys, shared by every API process through Redis), and anomaly signals for auditors that never block.
 */
@Injectable()
export class UsageService {
  private readonly logger = new Logger(UsageService.name);
  private readonly hourly: Record<UsageMeasure, SharedCounter | null>;
  private readonly limits: Record<UsageMeasure, number>;
  private readonly bursts: SharedCounter;
  private readonly baselines = new Map<string, Promise<number>>();
  private readonly flagged = new Set<string>();
  private cacheHour = 0;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly uow: UnitOfWork,
    private readonly repository: UsageRepository,
    private readonly metrics: Metrics,
  ) {
    const { profileQueriesPerCoopPerHour, consentsPerCoopPerHour } = config.usage;
    this.limits = {
      [UsageMeasure.PROFILE_QUERIES]: profileQueriesPerCoopPerHour,
      [UsageMeasure.CONSENTS]: consentsPerCoopPerHour,
    };
    const prefix = `${config.redis.keyPrefix}:usage`;
    const counter = (measure: UsageMeasure) => {
      const limit = this.limits[measure];
      // Counted even with the ceiling off (0), as long as spikes are watched.
      if (limit <= 0 && !this.spikesWatched) return null;
      // The key carries the clock hour, so the count starts again at every hour; it lives a little past it.
      return new SharedCounter(redis, `${prefix}:${measure}`, limit > 0 ? limit : UNLIMITED, 3_700);
    };
    this.hourly = {
      [UsageMeasure.PROFILE_QUERIES]: counter(UsageMeasure.PROFILE_QUERIES),
      [UsageMeasure.CONSENTS]: counter(UsageMeasure.CONSENTS),
    };
    this.bursts = new SharedCounter(redis, `${prefix}:burst`, UNLIMITED, BURST_WINDOW_MINUTES * 60);
  }

  private get spikesWatched(): boolean {
    return this.config.usage.spikeFactor > 0 && this.config.usage.spikeMinPerHour > 0;
  }

  /**
   * Counts one use by the coop in this clock hour. Over the ceiling it answers the refusal for the caller to audit
   * and throw; a spike against the coop's baseline is recorded on the way (refused uses count too).
   */
  async admit(measure: UsageMeasure, cooperativeId: string, now = new Date()): Promise<QuotaRefusal | null> {
    const counter = this.hourly[measure];
    if (!counter) return null;
    const window = hourWindow(now);
    const count = await counter.count(`${cooperativeId}:${window.start.getTime()}`);
    if (!count) return null;
    await this.watchSpike(measure, cooperativeId, count.consumed, window, now);
    if (!count.exceeded) return null;
    this.metrics.usageQuotaRefused(measure);
    const limit = this.limits[measure];
    return {
      limit,
      error: new DomainError(
        'COOPERATIVE.QUOTA_EXCEEDED',
        `This cooperative has reached its limit of ${limit} ${WORDS[measure]} an hour; try again later`,
        [],
        secondsToNextHour(now),
      ),
    };
  }

  /**
   * After a consent is stored: many by one credential within minutes whose references differ only by a trailing
   * number (FAKE-0...99) raise a burst signal. Legitimate form numbers share stems too, so the signal is the burst.
   */
  async noteConsent(principal: Principal, reference: string, now = new Date()): Promise<void> {
    const stem = referenceStem(reference);
    // Bursts are counted per coop; a caller with no coop has nothing to count against.
    const cooperativeId = principal.cooperativeId;
    if (stem === null || !cooperativeId) return;
    const credential = principal.apiKeyId ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
    // The stem is typed text: Redis keys and the dedupe key hold only its hash.
    const stemHash = createHash('sha256').update(stem).digest('hex').slice(0, 16);
    const subject = `${credential}:${stemHash}`;
    const count = await this.bursts.count(`${cooperativeId}:${subject}`);
    if (!count || count.consumed < BURST_MIN_CONSENTS) return;
    await this.signal(async () => {
      if (count.consumed === BURST_MIN_CONSENTS) {
        // Exactly one event sees the threshold reached: the window runs from this burst's first consent.
        const windowEnd = new Date(now.getTime() + count.msBeforeNext);
        const created = await this.repository.upsertAnomaly(this.uow.manager, {
          cooperativeId,
          kind: AnomalyKind.CONSENT_REFERENCE_BURST,
          subject,
          windowStart: new Date(windowEnd.getTime() - BURST_WINDOW_MINUTES * 60_000),
          windowEnd,
          observed: count.consumed,
          baseline: null,
          threshold: BURST_MIN_CONSENTS,
          actorUserId: principal.apiKeyId ? null : principal.userId,
          actorApiKeyId: principal.apiKeyId,
          referencePattern: redactNikLike(`${stem}#`).slice(0, 110),
          at: now,
        });
        if (created) this.raised(AnomalyKind.CONSENT_REFERENCE_BURST, cooperativeId, count.consumed);
      } else {
        await this.repository.raiseOpenWindow(
          this.uow.manager,
          cooperativeId,
          AnomalyKind.CONSENT_REFERENCE_BURST,
          subject,
          count.consumed,
          now,
        );
      }
    });
  }

  private async watchSpike(
    measure: UsageMeasure,
    cooperativeId: string,
    observed: number,
    window: { start: Date; end: Date },
    now: Date,
  ): Promise<void> {
    const { spikeFactor, spikeMinPerHour } = this.config.usage;
    if (!this.spikesWatched || observed < spikeMinPerHour) return;
    const kind = SPIKE_KIND[measure];
    const key = `${kind}:${cooperativeId}:${window.start.getTime()}`;
    const known = this.flagged.has(key);
    if (known && observed % RAISE_EVERY !== 0) return;
    await this.signal(async () => {
      const baseline = await this.baseline(measure, cooperativeId, window.start);
      if (!isSpike(observed, baseline, spikeFactor, spikeMinPerHour)) return;
      this.flagged.add(key);
      const created = await this.repository.upsertAnomaly(this.uow.manager, {
        cooperativeId,
        kind,
        subject: '',
        windowStart: window.start,
        windowEnd: window.end,
        observed,
        baseline: Math.round(baseline * 100) / 100,
        threshold: Math.max(spikeMinPerHour, Math.floor(spikeFactor * baseline) + 1),
        actorUserId: null,
        actorApiKeyId: null,
        referencePattern: null,
        at: now,
      });
      if (created) this.raised(kind, cooperativeId, observed);
    });
  }

  /** The coop's mean per active hour over the 28 days before this hour; read once an hour per process. */
  private baseline(measure: UsageMeasure, cooperativeId: string, hourStart: Date): Promise<number> {
    if (hourStart.getTime() !== this.cacheHour || this.baselines.size >= BASELINE_CACHE_MAX) {
      this.baselines.clear();
      this.flagged.clear();
      this.cacheHour = hourStart.getTime();
    }
    const key = `${measure}:${cooperativeId}`;
    let mean = this.baselines.get(key);
    if (!mean) {
      const since = new Date(hourStart.getTime() - BASELINE_DAYS * DAY_MS);
      mean = this.repository.hourlyBaseline(this.uow.manager, measure, cooperativeId, since, hourStart);
      mean.catch(() => this.baselines.delete(key));
      this.baselines.set(key, mean);
    }
    return mean;
  }

  private raised(kind: AnomalyKind, cooperativeId: string, observed: number): void {
    this.metrics.usageAnomalyRaised(kind);
    this.logger.warn({ cooperativeId, kind, observed }, 'usage anomaly raised for auditors');
  }

  /** A signal never blocks or fails the request that raised it. */
  private async signal(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.logger.error({ err }, 'usage anomaly could not be recorded');
    }
  }
}
