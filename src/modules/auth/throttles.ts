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

/** The account-wide delay after LOGIN_MAX_FAILURES_PER_ACCOUNT failures: 1 s, doubling per failure, at most this. */
export const LOGIN_DELAY_BASE_SECONDS = 1;
export const LOGIN_DELAY_MAX_SECONDS = 30;
/** How long an attempt waits for attempts of the same pair still being checked before it counts as throttled. */
const PENDING_WAIT_MS = 5_000;
const PENDING_POLL_MS = 50;

/** Seconds an account with `failures` recent failures must leave between attempts from an address that failed. */
export function accountDelaySeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(LOGIN_DELAY_BASE_SECONDS * 2 ** (failures - freeFailures), LOGIN_DELAY_MAX_SECONDS);
}

const throttled = (seconds: number) =>
  new DomainError('AUTH.THROTTLED', 'Too many failed logins; try again later', [], Math.max(1, seconds));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const consumed = (res: RateLimiterRes | null) => res?.consumedPoints ?? 0;

/**
 * Failed logins, so that guessing is slow but nobody can shut an owner out:
 * - per (account, address): LOGIN_MAX_FAILURES_PER_ACCOUNT failures and that address may not try that account again
 *   in the window (strict: counted before the password is checked, so parallel guesses cannot slip past);
 * - per address: LOGIN_MAX_FAILURES_PER_ADDRESS failures over all accounts, the same way;
 * - per account: never a lock. Past LOGIN_MAX_FAILURES_PER_ACCOUNT failures from anywhere, an address that has failed
 *   in the window must leave a growing gap (1 s doubling, at most LOGIN_DELAY_MAX_SECONDS) between attempts on the
 *   account; an address with no failure in the window (the owner's, usually) is not delayed.
 * A success clears the pair and the account.
 */
@Injectable()
export class LoginThrottle {
  /** Attempts being checked plus failures: what the strict limits reserve against. */
  private readonly pairReserved: RateLimiterRedis;
  private readonly addressReserved: RateLimiterRedis;
  /** Failures only: tells a full reservation made by attempts still running from one made by failures. */
  private readonly pairFailed: RateLimiterRedis;
  private readonly addressFailed: RateLimiterRedis;
  private readonly accountFailed: RateLimiterRedis;
  /** One key per account while its gap runs; created with the gap as its lifetime. */
  private readonly accountGap: RateLimiterRedis;
  private readonly perPair: number;
  private readonly perAddress: number;

  constructor(config: AppConfig, @Inject(REDIS) redis: Redis) {
    const { loginMaxFailuresPerAccount, loginMaxFailuresPerAddress, loginFailureWindowSeconds: window } = config.auth;
    const prefix = `${config.redis.keyPrefix}:login`;
    this.perPair = loginMaxFailuresPerAccount;
    this.perAddress = loginMaxFailuresPerAddress;
    this.pairReserved = sharedLimiter(redis, `${prefix}:pair`, this.perPair, window);
    this.addressReserved = sharedLimiter(redis, `${prefix}:ip`, this.perAddress, window);
    this.pairFailed = sharedLimiter(redis, `${prefix}:pair-fail`, this.perPair, window);
    this.addressFailed = sharedLimiter(redis, `${prefix}:ip-fail`, this.perAddress, window);
    this.accountFailed = sharedLimiter(redis, `${prefix}:acct-fail`, Number.MAX_SAFE_INTEGER, window);
    this.accountGap = sharedLimiter(redis, `${prefix}:acct-gap`, 1, LOGIN_DELAY_MAX_SECONDS);
  }

  /** Before the password is checked; throws AUTH.THROTTLED. Follow with recordFailure, recordSuccess or release. */
  async admit(email: string, ip: string): Promise<void> {
    const pair = pairKey(email, ip);
    // Neither Redis nor the insurance limiter answering is a limiter fault: serve, as RequestRateLimiter does.
    const addressFailures = consumed(await this.addressFailed.get(ip).catch(() => null));
    if (addressFailures > 0) {
      const gap = accountDelaySeconds(consumed(await this.accountFailed.get(email).catch(() => null)), this.perPair);
      if (gap > 0) {
        try {
          await this.accountGap.consume(email, 1, { customDuration: gap });
        } catch (res) {
          if (res instanceof RateLimiterRes) throw throttled(Math.ceil(res.msBeforeNext / 1000));
        }
      }
    }
    const deadline = Date.now() + PENDING_WAIT_MS;
    for (;;) {
      const refusal = await this.reserve(pair, ip);
      if (!refusal) return;
      if (refusal.failures >= refusal.limit || Date.now() > deadline) throw throttled(refusal.retryAfterSeconds);
      // Only attempts still being checked hold the points: wait for their answer (a success gives its point back).
      await sleep(PENDING_POLL_MS);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    // The reserved points stay: they are the failure now.
    await Promise.all([
      this.pairFailed.penalty(pairKey(email, ip)).catch(() => null),
      this.addressFailed.penalty(ip).catch(() => null),
      this.accountFailed.penalty(email).catch(() => null),
    ]);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    const pair = pairKey(email, ip);
    await Promise.all([
      this.pairReserved.delete(pair).catch(() => null),
      this.pairFailed.delete(pair).catch(() => null),
      this.accountFailed.delete(email).catch(() => null),
      this.accountGap.delete(email).catch(() => null),
      this.addressReserved.reward(ip, 1).catch(() => null),
    ]);
  }

  /** The check itself failed (not the password): give the reservation back. */
  async release(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.pairReserved.reward(pairKey(email, ip), 1).catch(() => null),
      this.addressReserved.reward(ip, 1).catch(() => null),
    ]);
  }

  /** Reserves a point of both strict limits, or says which refused (with nothing left reserved). */
  private async reserve(
    pair: string,
    ip: string,
  ): Promise<{ failures: number; limit: number; retryAfterSeconds: number } | null> {
    const [pairRes, addressRes] = await Promise.allSettled([
      this.pairReserved.consume(pair),
      this.addressReserved.consume(ip),
    ]);
    const refusal = (res: PromiseSettledResult<unknown>): RateLimiterRes | null =>
      res.status === 'rejected' && res.reason instanceof RateLimiterRes ? res.reason : null;
    const pairRefusal = refusal(pairRes);
    const refused = pairRefusal ?? refusal(addressRes);
    // A limiter fault (not a refusal) lets the attempt through, as before.
    if (!refused) return null;
    // A refused consume counts too: give back every point this attempt took.
    await Promise.all([
      this.pairReserved.reward(pair, 1).catch(() => null),
      this.addressReserved.reward(ip, 1).catch(() => null),
    ]);
    const retryAfterSeconds = Math.ceil(refused.msBeforeNext / 1000);
    if (pairRefusal) {
      return {
        failures: consumed(await this.pairFailed.get(pair).catch(() => null)),
        limit: this.perPair,
        retryAfterSeconds,
      };
    }
    return {
      failures: consumed(await this.addressFailed.get(ip).catch(() => null)),
      limit: this.perAddress,
      retryAfterSeconds,
    };
  }
}

// An email cannot contain a space; the address goes first so a crafted email cannot collide with another pair.
const pairKey = (email: string, ip: string) => `${ip} ${email}`;

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
