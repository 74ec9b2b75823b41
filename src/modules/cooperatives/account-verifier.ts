import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';
import { AccountState, TokenClaims, tokenMismatch } from './account-check';
import { InvalidatedCache } from './invalidated-cache';
import { UsersRepository } from './users.repository';

/**
 * How long a process trusts what it read about an account. A change made through the service is broadcast and
 * seen at once everywhere; a change made straight in the database (or a lost broadcast) within this long.
 */
export const ACCOUNT_CACHE_TTL_MS = 5_000;
const ACCOUNT_CACHE_MAX = 20_000;

/**
 * Checks every access token against its account: the user exists, has the token's role and coop, and changed no
 * credential since the token was issued. One indexed read per user per ACCOUNT_CACHE_TTL_MS, none on most requests,
 * and no bcrypt.
 */
@Injectable()
export class AccountVerifier implements OnModuleInit, OnModuleDestroy {
  private readonly cache: InvalidatedCache<{ account: AccountState | null }>;

  constructor(
    config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    @Inject(REDIS) redis: Redis,
  ) {
    this.cache = new InvalidatedCache(
      redis,
      `${config.redis.keyPrefix}:account-changed`,
      { max: ACCOUNT_CACHE_MAX, ttlMs: ACCOUNT_CACHE_TTL_MS },
      new Logger(AccountVerifier.name),
    );
  }

  onModuleInit(): void {
    this.cache.start();
  }

  onModuleDestroy(): void {
    this.cache.stop();
  }

  /** Why the token's claims no longer hold for the account, or null when they do. */
  async mismatch(claims: TokenClaims): Promise<string | null> {
    const { account } = await this.cache.get(claims.userId, async () => ({
      account: await this.users.findAccountState(this.uow.manager, claims.userId),
    }));
    return tokenMismatch(claims, account);
  }

  /**
   * Call after a change to a user's password, role, coop or status commits (or the user is deleted): every process
   * forgets the account, so its old tokens answer 401 on the next request.
   */
  announceChange(userId: string): Promise<void> {
    return this.cache.announce(userId);
  }
}
