import { join } from 'node:path';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

// Compiled code loads .js migrations from dist/, ts-node and Jest load the .ts sources.
const ext = __filename.endsWith('.ts') ? 'ts' : 'js';
const root = join(__dirname, '..', '..', '..');

export const MIGRATIONS_GLOB = join(root, 'migrations', `*.${ext}`);
export const ENTITIES_GLOB = join(root, 'src', '**', `*.entity.${ext}`);

/** One set of options for the app, the TypeORM CLI and the test setup. synchronize is never on. */
export function dataSourceOptions(url: string, poolSize = 10): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    migrationsTableName: 'typeorm_migrations',
    migrations: [MIGRATIONS_GLOB],
    entities: [ENTITIES_GLOB],
    extra: { max: poolSize, application_name: 'kcx' },
  };
}
