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

// Short: should a revocation's broadcast be lost (the revoking process cut off from Redis while the others are not),
// another process trusts its cached answer for at most this long. One indexed read per key per 10 s costs nothing.
const CACHE_TTL_MS = 10_000;
const LAST_USED_EVERY_MS = 60_000;

/**
 * Checks API keys with one HMAC and, on a cache miss, one indexed lookup. The cache is used only while this
 * process is subscribed to revocations: when the subscription drops, the cache is emptied and bypassed, so a
 * revoked key is refused at once on every process.
 */
@Injectable()
export class ApiKeyVerifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyVerifier.name);
  private readonly cache = new LRUCache<string, Principal>({ max: 10_000, ttl: CACHE_TTL_MS });
  private readonly lastTouched = new LRUCache<string, number>({ max: 10_000 });
  private subscriber: Redis | null = null;
  private subscribed = false;
  private closing = false;
  /** Bumped on every revocation seen, so a lookup racing a revocation does not cache a stale answer. */
  private epoch = 0;
  private readonly channel: string;

  constructor(
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeysRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.channel = `${config.redis.keyPrefix}:api-key-revoked`;
  }

  onModuleInit(): void {
    const sub = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: true });
    this.subscriber = sub;
    sub.on('message', (_channel: string, keyId: string) => this.forget(keyId));
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          // A lookup that began while unsubscribed may predate a revocation we never heard of.
          this.epoch++;
          this.cache.clear();
          this.subscribed = true;
        },
        (err: Error) => this.logger.warn({ err }, 'api key revocation subscribe failed'),
      );
    });
    sub.on('close', () => this.dropCache());
    sub.on('error', () => this.dropCache());
    sub.connect().catch((err: Error) => {
      if (!this.closing) this.logger.warn({ err }, 'revocation channel unavailable; cache off');
    });
  }

  onModuleDestroy(): void {
    this.closing = true;
    this.subscribed = false;
    this.subscriber?.disconnect();
  }

  async verify(rawKey: string): Promise<Principal | null> {
    if (!looksLikeApiKey(rawKey)) return null;
    const hash = keyedHash(this.config.auth.apiKeyHashSecret, rawKey);
    const cached = this.subscribed ? this.cache.get(hash) : undefined;
    if (cached) {
      this.touch(cached.apiKeyId!);
      return cached;
    }
    const epoch = this.epoch;
    const row = await this.keys.findActiveByHash(this.uow.manager, hash);
    if (!row) return null;
    const principal: Principal = {
      kind: 'apiKey',
      userId: null,
      apiKeyId: row.id,
      cooperativeId: row.cooperativeId,
      role: row.role,
    };
    if (this.subscribed && this.epoch === epoch) this.cache.set(hash, principal);
    this.touch(row.id);
    return principal;
  }

  /** Called after a revocation commits: forget here, then tell every other process. */
  async announceRevocation(keyId: string): Promise<void> {
    this.forget(keyId);
    await this.redis.publish(this.channel, keyId).catch((err: Error) => {
      // Other processes lost their subscription too, and bypass their caches until it returns.
      this.logger.warn({ err, apiKeyId: keyId }, 'revocation not broadcast');
    });
  }

  private forget(keyId: string): void {
    this.epoch++;
    for (const [hash, principal] of this.cache.entries()) {
      if (principal.apiKeyId === keyId) this.cache.delete(hash);
    }
  }

  private dropCache(): void {
    this.subscribed = false;
    this.epoch++;
    this.cache.clear();
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
