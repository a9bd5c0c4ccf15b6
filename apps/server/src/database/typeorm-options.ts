import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import '../common/database/prepared-statements.js';

export interface DatabaseTarget {
  url: string;
  /** 1 for the embedded database, which serves one connection correctly. */
  poolSize: number;
}

export function typeOrmOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // Each migration in its own transaction: a failure leaves the earlier ones applied.
    migrationsTransactionMode: 'each',
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension is installed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: target.poolSize,
      application_name: 'tessera',
      connectionTimeoutMillis: 10_000,
    },
  };
}
