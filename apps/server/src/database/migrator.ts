// Applies pending migrations exactly once, even when several replicas start together.
import { MigrationExecutor, type DataSource } from 'typeorm';

// A fixed advisory-lock key ("tessera" in ASCII), recognisable in pg_locks.
const MIGRATION_LOCK = '32762766143759713';

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  // Everything runs on one connection: a session-level advisory lock serialises replicas, and with
  // a pool of one (embedded mode) a second connection could never be had.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Read-only check (it never creates the migrations table): are all known migrations applied? */
export async function allMigrationsApplied(dataSource: DataSource): Promise<boolean> {
  const names = dataSource.migrations.map((m) => m.name).filter((n): n is string => !!n);
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    `SELECT to_regclass('typeorm_migrations') IS NOT NULL AS exists`,
  );
  if (!exists) return names.length === 0;
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    'SELECT count(*)::int AS count FROM typeorm_migrations WHERE name = ANY($1)',
    [names],
  );
  return count === names.length;
}
