// Session settings and migration bookkeeping shared by export and import.
import { ident, MIGRATIONS_TABLE, type Sql } from './database-catalog.js';

/** Migrations applied to the database, in the order they ran; empty before the first. */
export async function appliedMigrations(sql: Sql): Promise<string[]> {
  const [{ exists } = { exists: false }] = await sql<{ exists: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [MIGRATIONS_TABLE],
  );
  if (!exists) return [];
  const rows = await sql<{ name: string }>(
    `SELECT name FROM ${ident(MIGRATIONS_TABLE)} ORDER BY id`,
  );
  return rows.map((row) => row.name);
}

/**
 * Fixes how values are written as text for the rest of the transaction, so the archive does not
 * depend on the server's settings: UTC, ISO dates, and floats with every digit.
 */
export async function setTextSession(sql: Sql): Promise<void> {
  await sql(`SET LOCAL TimeZone = 'UTC'`);
  await sql(`SET LOCAL DateStyle = 'ISO, YMD'`);
  await sql(`SET LOCAL IntervalStyle = 'postgres'`);
  await sql('SET LOCAL extra_float_digits = 3');
  await sql(`SET LOCAL bytea_output = 'hex'`);
}
