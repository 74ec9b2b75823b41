import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * A per-process LRU whose entries other processes can drop at once through Redis pub/sub. The cache is used only
 * while this process is subscribed: when the subscription drops, it is emptied and bypassed until it returns, so a
 * broadcast missed while away cannot leave a stale answer behind. The TTL bounds what a change no one broadcast
 * (an operator's UPDATE in the database) can be missed for.
 */
export class InvalidatedCache<V extends object> {
  private readonly cache: LRUCache<string, V>;
  private subscriber: Redis | null = null;
  private subscribed = false;
  private closing = false;
  /** Bumped on every invalidation, so a load racing one does not cache a stale answer. */
  private epoch = 0;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    options: { max: number; ttlMs: number },
    private readonly logger: Logger,
    /** For caches keyed otherwise than by what is broadcast (API keys: by hash, revoked by id). */
    private readonly belongsTo?: (value: V, message: string) => boolean,
  ) {
    this.cache = new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs });
  }

  start(): void {
    const sub = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: true });
    this.subscriber = sub;
    sub.on('message', (_channel: string, key: string) => this.forget(key));
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          // A load that began while unsubscribed may predate a change we never heard of.
          this.epoch++;
          this.cache.clear();
          this.subscribed = true;
        },
        (err: Error) => this.logger.warn({ err, channel: this.channel }, 'invalidation subscribe failed'),
      );
    });
    sub.on('close', () => this.drop());
    sub.on('error', () => this.drop());
    sub.connect().catch((err: Error) => {
      if (!this.closing)
        this.logger.warn({ err, channel: this.channel }, 'invalidation channel unavailable; cache off');
    });
  }

  stop(): void {
    this.closing = true;
    this.subscribed = false;
    this.subscriber?.disconnect();
  }

  /** The cached value, or the loader's (cached when `keep` says so and no invalidation came in meanwhile). */
  async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const cached = this.subscribed ? this.cache.get(key) : undefined;
    if (cached) return cached;
    const epoch = this.epoch;
    const value = await load();
    if (this.subscribed && this.epoch === epoch && keep(value)) this.cache.set(key, value);
    return value;
  }

  /** Call after the change committed: forget here, then tell every other process. */
  async announce(key: string): Promise<void> {
    this.forget(key);
    await this.redis.publish(this.channel, key).catch((err: Error) => {
      // The other processes lost their subscription too, and bypass their caches until it returns.
      this.logger.warn({ err, channel: this.channel }, 'invalidation not broadcast');
    });
  }

  private forget(message: string): void {
    this.epoch++;
    this.cache.delete(message);
    if (!this.belongsTo) return;
    for (const [key, value] of this.cache.entries()) {
      if (this.belongsTo(value, message)) this.cache.delete(key);
    }
  }

  private drop(): void {
    this.subscribed = false;
    this.epoch++;
    this.cache.clear();
  }
}
