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

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(email), this.perAddress.get(ip)]);
    for (const [res, limiter] of [[account, this.perAccount], [address, this.perAddress]] as const) {
      if (res && res.consumedPoints >= limiter.points) {
        throw new DomainError('AUTH.THROTTLED', 'Too many failed logins; try again later', [], secondsUntil(res));
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    // consume() rejects once the limit is passed; the count is what matters here, not the rejection.
    await Promise.all([this.perAccount.consume(email).catch(() => null), this.perAddress.consume(ip).catch(() => null)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email).catch(() => null);
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
