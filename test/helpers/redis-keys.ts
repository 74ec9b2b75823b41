import type Redis from 'ioredis';

/** Deletes every key matching the SCAN pattern (a run's prefix and `*`); returns how many were deleted. */
export async function deleteKeys(redis: Redis, pattern: string, count = 1000): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', count);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
