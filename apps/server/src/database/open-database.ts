import type { AppConfig } from '../config/env.config.js';
import { EmbeddedDatabase } from './embedded-database.js';
import type { DatabaseTarget } from './typeorm-options.js';

export interface OpenDatabase {
  target: DatabaseTarget;
  embedded: boolean;
  /** Closes the embedded database; a no-op for PostgreSQL (the pool closes with the app). */
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in the data directory. */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return {
      target: { url: config.databaseUrl, poolSize: config.databasePoolSize },
      embedded: false,
      close: () => Promise.resolve(),
    };
  }
  const embedded = await EmbeddedDatabase.open(config.dataDir);
  return {
    target: { url: embedded.url, poolSize: 1 },
    embedded: true,
    close: () => embedded.close(),
  };
}
