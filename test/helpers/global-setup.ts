import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';
import { createDatabase } from './databases';
import { ADMIN_DATABASE_URL, databaseUrlFor } from './test-env';

/** Creates and migrates a database for this run only, so tests never touch a developer's data. */
export default async function globalSetup(): Promise<void> {
  // TypeORM loads the .ts migrations with plain require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('ts-node').register({ transpileOnly: true });
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const name = `kcx_test_${runId}`;
  await createDatabase(ADMIN_DATABASE_URL, name);

  const dataSource = new DataSource(dataSourceOptions(databaseUrlFor(name), 2));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  // The console's e2e tests drive the bundle in dist/console; a build takes well under a second.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await require('../../scripts/build-console.js').buildConsole();

  // Every process of the run logs into this folder; the privacy checks read it (test/helpers/nik-leaks.ts).
  const logDir = join(__dirname, '..', '..', 'tmp', 'test-logs', runId);
  mkdirSync(logDir, { recursive: true });
  process.env.KCX_TEST_LOG_DIR = logDir;
  process.env.KCX_TEST_DATABASE = name;
  process.env.KCX_TEST_REDIS_PREFIX = `kcx-test-${runId}`;
}
