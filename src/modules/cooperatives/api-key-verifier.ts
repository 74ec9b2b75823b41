import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { Principal } from '../../common/auth/principal';
import { keyedHash } from '../../common/crypto/keyed-hash';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';
import { ApiKeysRepository } from './api-keys.repository';
import { looksLikeApiKey } from './api-key-format';
import { InvalidatedCache } from './invalidated-cache';

// Short: should a revocation's broadcast be lost (the revoking process cut off from Redis while the others are not),
// another process trusts its cached answer for at most this long. One indexed read per key per 10 s costs nothing.
const CACHE_TTL_MS = 10_000;
const LAST_USED_EVERY_MS = 60_000;

/** The principal of an API key: its id is always there. */
type ApiKeyPrincipal = Principal & { kind: 'apiKey'; apiKeyId: string };

/**
 * Checks API keys with one HMAC and, on a cache miss, one indexed lookup. The cache is used only while this
 * process is subscribed to revocations: when the subscription drops, the cache is emptied and bypassed, so a
 * revoked key is refused at once on every process.
 */
@Injectable()
export class ApiKeyVerifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyVerifier.name);
  private readonly cache: InvalidatedCache<{ principal: ApiKeyPrincipal | null }>;
  private readonly lastTouched = new LRUCache<string, number>({ max: 10_000 });

  constructor(
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeysRepository,
    @Inject(REDIS) redis: Redis,
  ) {
    this.cache = new InvalidatedCache(
      redis,
      `${config.redis.keyPrefix}:api-key-revoked`,
      { max: 10_000, ttlMs: CACHE_TTL_MS },
      this.logger,
      (entry, keyId) => entry.principal?.apiKeyId === keyId,
    );
  }

  onModuleInit(): void {
    this.cache.start();
  }

  onModuleDestroy(): void {
    this.cache.stop();
  }

  async verify(rawKey: string): Promise<Principal | null> {
    if (!looksLikeApiKey(rawKey)) return null;
    const hash = keyedHash(this.config.auth.apiKeyHashSecret, rawKey);
    // Misses are not kept: random keys sprayed at the API must not push real ones out of the cache.
    const { principal } = await this.cache.get(
      hash,
      () => this.load(hash),
      (entry) => entry.principal !== null,
    );
    if (!principal) return null;
    this.touch(principal.apiKeyId);
    return principal;
  }

  /** Called after a revocation commits: forget here, then tell every other process. */
  announceRevocation(keyId: string): Promise<void> {
    return this.cache.announce(keyId);
  }

  private async load(hash: string): Promise<{ principal: ApiKeyPrincipal | null }> {
    const row = await this.keys.findActiveByHash(this.uow.manager, hash);
    if (!row) return { principal: null };
    return {
      principal: { kind: 'apiKey', userId: null, apiKeyId: row.id, cooperativeId: row.cooperativeId, role: row.role },
    };
  }

  /** last_used_at is kept to the minute; writing it on every request would put a write on the hot path. */
  private touch(keyId: string): void {
    const now = Date.now();
    const last = this.lastTouched.get(keyId);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    this.lastTouched.set(keyId, now);
    this.keys.touchLastUsed(this.uow.manager, keyId).catch((err: Error) => {
      this.logger.warn({ err, apiKeyId: keyId }, 'last-used update failed');
    });
  }
}
