import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../../common/errors/domain-error';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';

const secondsUntil = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** A Redis limiter shared by all API processes; falls back to a per-process one while Redis is away. */
function sharedLimiter(redis: Redis, keyPrefix: string, points: number, duration: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration,
    insuranceLimiter: new RateLimiterMemory({ points, duration }),
  });
}

/** Failed logins, counted per account and per address; a success clears the account's count. */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(config: AppConfig, @Inject(REDIS) redis: Redis) {
    const { loginMaxFailuresPerAccount, loginMaxFailuresPerAddress, loginFailureWindowSeconds } = config.auth;
    const prefix = config.redis.keyPrefix;
    this.perAccount = sharedLimiter(redis, `${prefix}:login-fail:acct`, loginMaxFailuresPerAccount, loginFailureWindowSeconds);
    this.perAddress = sharedLimiter(redis, `${prefix}:login-fail:ip`, loginMaxFailuresPerAddress, loginFailureWindowSeconds);
  }

  /**
   * Counts the attempt before the password is checked (bcrypt takes ~0.25 s), so parallel guesses cannot all slip
   * in under the limit; a successful login gives the points back.
   */
  async countAttempt(email: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([this.perAccount.consume(email), this.perAddress.consume(ip)]);
    for (const result of results) {
      if (result.status === 'rejected' && result.reason instanceof RateLimiterRes) {
        throw new DomainError('AUTH.THROTTLED', 'Too many failed logins; try again later', [], secondsUntil(result.reason));
      }
    }
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.delete(email).catch(() => null), this.perAddress.reward(ip, 1).catch(() => null)]);
  }
}

/** RATE_LIMIT_PER_MINUTE requests per credential (user or key); 0 turns it off. */
@Injectable()
export class RequestRateLimiter {
  private readonly limiter: RateLimiterRedis | null;

  constructor(config: AppConfig, @Inject(REDIS) redis: Redis) {
    const perMinute = config.auth.rateLimitPerMinute;
    this.limiter = perMinute > 0 ? sharedLimiter(redis, `${config.redis.keyPrefix}:rate`, perMinute, 60) : null;
  }

  async consume(credentialId: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(credentialId);
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        throw new DomainError('RATE_LIMITED', 'Too many requests for this credential', [], secondsUntil(res));
      }
      // Neither Redis nor the insurance limiter answered: serve rather than fail closed on a limiter fault.
    }
  }
}
