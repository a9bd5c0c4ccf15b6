// `tessera export`: every table of the application's schema, from one consistent snapshot, into a
// portable archive (see archive-format.ts).
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveWriter,
  type ArchiveHeader,
} from './archive-format.js';
import { ident, readCatalog, type Sql, type TableInfo } from './database-catalog.js';
import type { Progress } from './progress.js';
import { appliedMigrations, setTextSession } from './schema-version.js';
import { TransferError, TransferErrorCode } from './transfer.error.js';

export interface ExportOptions {
  /** Statements on one connection, which the export keeps in one transaction. */
  sql: Sql;
  /** A path, or a stream (standard output) to write the archive to. */
  file: string | Writable;
  source: ArchiveHeader['source'];
  secretFingerprint: string | null;
  /** Every migration this Tessera knows, in order: the source must be at the last one. */
  knownMigrations: string[];
  progress: (totalRows: number) => Progress;
}

export interface TransferSummary {
  tables: number;
  rows: number;
}

// Rows fetched per round trip; tables with binary columns (attachments, raw mail: up to 100 MiB
// a row) a few at a time, so memory stays bounded by the largest rows, not the table.
const FETCH_ROWS = 1000;
const FETCH_BINARY_ROWS = 8;

export async function exportArchive(options: ExportOptions): Promise<TransferSummary> {
  const { sql, file } = options;
  // A file is written beside its final name and renamed at the end: a failed export leaves no
  // archive that looks complete.
  const partial = typeof file === 'string' ? `${file}.partial` : undefined;
  const label = typeof file === 'string' ? file : 'standard output';
  if (partial) await rm(partial, { force: true });
  // One snapshot for every table: rows added meanwhile (PostgreSQL with replicas running) are
  // either wholly in the archive or not at all.
  await sql('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let writer: ArchiveWriter | undefined;
  try {
    await setTextSession(sql);
    const migrations = await appliedMigrations(sql);
    checkSourceSchema(migrations, options.knownMigrations);
    const catalog = await readCatalog(sql);
    const counts = [];
    for (const table of catalog.tables) {
      const [row] = await sql<{ rows: string }>(
        `SELECT count(*)::text AS rows FROM ${ident(table.name)}`,
      );
      counts.push({ name: table.name, rows: Number(row?.rows ?? 0) });
    }
    const total = counts.reduce((sum, t) => sum + t.rows, 0);
    const progress = options.progress(total);
    writer = new ArchiveWriter(partial ?? file);
    await writer.write({
      kind: 'header',
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      schemaVersion: migrations[migrations.length - 1] ?? '',
      migrations,
      exportedAt: new Date().toISOString(),
      source: options.source,
      secretFingerprint: options.secretFingerprint,
      tables: counts,
    });
    let rows = 0;
    for (const [index, table] of catalog.tables.entries()) {
      progress.table(table.name, counts[index]?.rows ?? 0);
      rows += await exportTable(sql, writer, table, progress);
      progress.tableDone();
    }
    for (const name of catalog.sequences) {
      const [state] = await sql<{ lastValue: string; isCalled: boolean }>(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${ident(name)}`,
      );
      if (state) await writer.write({ kind: 'sequence', name, ...state });
    }
    await writer.write({ kind: 'end', rows });
    await writer.close();
    await sql('COMMIT');
    if (partial) await rename(partial, file as string);
    progress.finish(`Exported ${rows} rows from ${catalog.tables.length} tables to ${label}.`);
    return { tables: catalog.tables.length, rows };
  } catch (error) {
    writer?.destroy();
    if (partial) await rm(partial, { force: true });
    await sql('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function checkSourceSchema(applied: string[], known: string[]): void {
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    throw new TransferError(
      TransferErrorCode.MigrationsPending,
      `The database lacks ${pending.length} migration(s) of this Tessera version ` +
        `(${pending.join(', ')}): run \`tessera migrate\` first, then export.`,
    );
  }
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new TransferError(
      TransferErrorCode.SchemaMismatch,
      `The database was migrated by a newer Tessera (${unknown.join(', ')}): ` +
        'export it with that version.',
    );
  }
}

async function exportTable(
  sql: Sql,
  writer: ArchiveWriter,
  table: TableInfo,
  progress: Progress,
): Promise<number> {
  await writer.write({
    kind: 'table',
    name: table.name,
    columns: table.columns.map(({ name, type, binary }) => ({ name, type, binary })),
  });
  // PostgreSQL's own text form of each value round-trips exactly (timestamps to the microsecond,
  // numerics, arrays, tsvector); bytea goes as base64 without line breaks.
  const select = table.columns
    .map((column, i) =>
      column.binary
        ? `translate(encode(${ident(column.name)}, 'base64'), E'\\n', '') AS c${i}`
        : `${ident(column.name)}::text AS c${i}`,
    )
    .join(', ');
  const order = table.primaryKey.length
    ? ` ORDER BY ${table.primaryKey.map(ident).join(', ')}`
    : '';
  await sql(
    `DECLARE tessera_export NO SCROLL CURSOR FOR SELECT ${select} FROM ${ident(table.name)}${order}`,
  );
  const batch = table.columns.some((c) => c.binary) ? FETCH_BINARY_ROWS : FETCH_ROWS;
  let rows = 0;
  for (;;) {
    const fetched = await sql<Record<string, string | null>>(
      `FETCH FORWARD ${batch} FROM tessera_export`,
    );
    for (const row of fetched) {
      await writer.write(table.columns.map((_, i) => row[`c${i}`] ?? null));
    }
    rows += fetched.length;
    progress.advance(fetched.length);
    if (fetched.length < batch) break;
  }
  await sql('CLOSE tessera_export');
  await writer.write({ kind: 'end-table', name: table.name, rows });
  return rows;
}
