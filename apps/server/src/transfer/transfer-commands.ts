// `tessera export` and `tessera import`: open the configured database (embedded or PostgreSQL),
// hold one connection for the whole transfer, report progress on stderr.
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { DataSource, type QueryRunner } from 'typeorm';
import type { AppConfig } from '../config/env.config.js';
import { runMigrations } from '../database/migrator.js';
import { openDatabase } from '../database/open-database.js';
import { typeOrmOptions } from '../database/typeorm-options.js';
import { exportArchive, type TransferSummary } from './archive-export.js';
import { readArchive } from './archive-format.js';
import { checkSecret, importArchive, readArchiveHeader } from './archive-import.js';
import type { Sql } from './database-catalog.js';
import { createProgress, type ProgressOutput } from './progress.js';
import { configuredSecret, secretFingerprint } from './secret-fingerprint.js';
import { TransferError, TransferErrorCode } from './transfer.error.js';

export interface TransferIo {
  /** Progress and notes (stderr): a bar on a terminal, lines otherwise. */
  progress: ProgressOutput;
  /** Where `export -` writes and `import -` reads. */
  stdout: Writable;
  stdin: Readable;
}

/** The file name that means standard input or output. */
export const STANDARD_STREAM = '-';

export async function exportCommand(
  config: AppConfig,
  file: string,
  options: { force: boolean },
  io: TransferIo,
): Promise<TransferSummary> {
  if (file !== STANDARD_STREAM && existsSync(file) && !options.force) {
    throw new TransferError(
      TransferErrorCode.FileExists,
      `${file} exists; choose another name or pass --force to replace it.`,
    );
  }
  const secret = await configuredSecret(config);
  return withConnection(config, async (sql, dataSource, embedded) =>
    exportArchive({
      sql,
      file: file === STANDARD_STREAM ? io.stdout : file,
      source: embedded ? 'embedded' : 'postgres',
      secretFingerprint: secret ? secretFingerprint(secret) : null,
      knownMigrations: migrationNames(dataSource),
      progress: (total) => createProgress('export', total, io.progress),
    }),
  );
}

export async function importCommand(
  config: AppConfig,
  file: string,
  options: { allowSecretChange: boolean },
  io: TransferIo,
): Promise<TransferSummary> {
  const label = file === STANDARD_STREAM ? 'standard input' : file;
  // Read once, front to back: standard input cannot be read twice.
  const records = readArchive(file === STANDARD_STREAM ? io.stdin : file);
  try {
    const header = await readArchiveHeader(records, label);
    const secret = await configuredSecret(config);
    // Checked before the target is migrated: a refusal leaves it untouched.
    checkSecret(header, {
      secretFingerprint: secret ? secretFingerprint(secret) : null,
      allowSecretChange: options.allowSecretChange,
    });
    return await withConnection(
      config,
      (sql) =>
        importArchive({
          sql,
          records,
          header,
          label,
          progress: (total) => createProgress('import', total, io.progress),
        }),
      async (dataSource) => {
        // The target is brought to this version's schema first; the archive must match it.
        const applied = await runMigrations(dataSource);
        if (applied.length > 0) {
          io.progress.write(`Applied ${applied.length} migration(s) to the target database.\n`);
        }
      },
    );
  } finally {
    // Closes the file when the import stopped before its end.
    await records.return(undefined);
  }
}

function migrationNames(dataSource: DataSource): string[] {
  return dataSource.migrations.map((m) => m.name).filter((n): n is string => !!n);
}

async function withConnection<T>(
  config: AppConfig,
  work: (sql: Sql, dataSource: DataSource, embedded: boolean) => Promise<T>,
  prepare?: (dataSource: DataSource) => Promise<void>,
): Promise<T> {
  const database = await openDatabase(config);
  // One connection is all the embedded database serves, and all a transfer needs.
  const dataSource = new DataSource(typeOrmOptions({ ...database.target, poolSize: 1 }));
  let runner: QueryRunner | undefined;
  try {
    await dataSource.initialize();
    await prepare?.(dataSource);
    runner = dataSource.createQueryRunner();
    await runner.connect();
    const connection = runner;
    const sql: Sql = async <R>(text: string, params?: unknown[]) =>
      (await connection.query(text, params)) as R[];
    return await work(sql, dataSource, database.embedded);
  } finally {
    await runner?.release();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}
