// `tessera migrate --check [--wait N]`: tells, without changing anything, whether the database is
// at this version's schema; with --wait, keeps asking until another process (a Kubernetes
// migration Job) has applied the migrations. An init container runs it so new pods wait for
// the Job instead of racing it.
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env.config.js';
import { openDatabase } from './open-database.js';
import { typeOrmOptions } from './typeorm-options.js';

export type MigrationStatus =
  | { state: 'current' }
  | { state: 'pending'; pending: string[] }
  | { state: 'unreachable'; error: string };

/** Migrations this version knows that the database lacks (read-only). */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = dataSource.migrations.map((m) => m.name).filter((n): n is string => !!n);
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    `SELECT to_regclass('typeorm_migrations') IS NOT NULL AS exists`,
  );
  if (!exists) return known;
  const rows = await dataSource.query<{ name: string }[]>(
    'SELECT name FROM typeorm_migrations WHERE name = ANY($1)',
    [known],
  );
  const applied = new Set(rows.map((row) => row.name));
  return known.filter((name) => !applied.has(name));
}

export async function migrationStatus(config: AppConfig): Promise<MigrationStatus> {
  let database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    return { state: 'unreachable', error: (error as Error).message };
  }
  const dataSource = new DataSource(typeOrmOptions({ ...database.target, poolSize: 1 }));
  try {
    await dataSource.initialize();
    const pending = await pendingMigrations(dataSource);
    return pending.length === 0 ? { state: 'current' } : { state: 'pending', pending };
  } catch (error) {
    return { state: 'unreachable', error: (error as Error).message };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await database.close();
  }
}

/**
 * Asks every `intervalMs` until the schema is current or `timeoutSeconds` pass; an unreachable
 * database counts as "not yet" (it may be starting too). Returns the last status.
 */
export async function waitForMigrations(
  config: AppConfig,
  timeoutSeconds: number,
  onWaiting: (status: Exclude<MigrationStatus, { state: 'current' }>) => void,
  intervalMs = 2_000,
): Promise<MigrationStatus> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let reported = '';
  for (;;) {
    const status = await migrationStatus(config);
    if (status.state === 'current' || Date.now() >= deadline) return status;
    // Each distinct situation is reported once, not every poll.
    const summary = status.state === 'pending' ? status.pending.join(',') : status.error;
    if (summary !== reported) {
      reported = summary;
      onWaiting(status);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
