import 'reflect-metadata';
import { databaseUrlFor } from './test-env';

// Runs in every test file before it loads: point the app at the run's database and key prefix.
if (process.env.KCX_TEST_DATABASE) process.env.DATABASE_URL = databaseUrlFor(process.env.KCX_TEST_DATABASE);
if (process.env.KCX_TEST_REDIS_PREFIX) process.env.REDIS_KEY_PREFIX = process.env.KCX_TEST_REDIS_PREFIX;
process.env.NODE_ENV = 'test';
process.env.BCRYPT_COST = '4';
// The whole suite's log lines are kept, one file per Jest worker, so that a test can prove no NIK reached them.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'info';
if (process.env.KCX_TEST_LOG_DIR)
  process.env.LOG_FILE = `${process.env.KCX_TEST_LOG_DIR}/jest-worker-${process.env.JEST_WORKER_ID ?? 0}.log`;
process.env.DATABASE_POOL_SIZE = '5';
// Every test request comes from 127.0.0.1; the per-address login throttle gets its own test.
process.env.LOGIN_MAX_FAILURES_PER_ADDRESS = '100000';
