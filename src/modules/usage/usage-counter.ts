import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Counting only, no ceiling: a limiter whose points cannot run out. */
export const UNLIMITED = Number.MAX_SAFE_INTEGER;

export interface Count {
  /** Events in the window, this one included (refused ones too: a flood keeps counting). */
  consumed: number;
  /** Over the ceiling: refuse. */
  exceeded: boolean;
  msBeforeNext: number;
}

/**
 * A counter shared by every API process through Redis (rate-limiter-flexible, as the auth throttles use it), with a
 * per-process insurance counter while Redis is away. Null when neither answers: callers then serve rather than fail
 * closed on a counter fault.
 */
export class SharedCounter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    readonly points: number,
    durationSeconds: number,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points,
      duration: durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    });
  }

  async count(key: string): Promise<Count | null> {
    try {
      const res = await this.limiter.consume(key);
      return { consumed: res.consumedPoints, exceeded: false, msBeforeNext: res.msBeforeNext };
    } catch (res) {
      if (res instanceof RateLimiterRes)
        return { consumed: res.consumedPoints, exceeded: true, msBeforeNext: res.msBeforeNext };
      return null;
    }
  }
}
