import Redis from 'ioredis';
import { dropDatabase } from './databases';
import { generatedTestNiks, literalTestNiks, scanRunLogs } from './nik-leaks';
import { deleteKeys } from './redis-keys';
import { ADMIN_DATABASE_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  // The last word on the run's logs: the leak test checks them while the suite runs, this once all is written.
  const logDir = process.env.KCX_TEST_LOG_DIR;
  const leaks = scanRunLogs(logDir, new Set([...literalTestNiks(), ...generatedTestNiks(logDir)]));
  if (leaks.length > 0) {
    process.exitCode = 1;
    process.stderr.write(`\nNIKs sent by the tests reached the logs: ${JSON.stringify(leaks)}\n`);
  }
  const name = process.env.KCX_TEST_DATABASE;
  if (name && process.env.KCX_KEEP_TEST_DATABASE !== 'true') {
    await dropDatabase(ADMIN_DATABASE_URL, name);
  }
  const prefix = process.env.KCX_TEST_REDIS_PREFIX;
  if (prefix) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0');
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
  }
}
