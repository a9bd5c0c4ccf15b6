// The `tessera` command: `tessera serve` runs the server, `tessera migrate` applies (or checks)
// migrations, `tessera export` / `tessera import` move all data through a portable archive.
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { DataSource } from 'typeorm';
import { createLogger } from './common/logging/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/env.config.js';
import { migrationStatus, waitForMigrations } from './database/migration-check.js';
import { runMigrations } from './database/migrator.js';
import { openDatabase } from './database/open-database.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { exportCommand, importCommand } from './transfer/transfer-commands.js';
import { TransferError } from './transfer/transfer.error.js';

/** Exit status for bad configuration (EX_CONFIG from sysexits.h). */
const EXIT_CONFIG = 78;

function configOrExit(): AppConfig {
  try {
    // The one place the process environment is read.
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tessera: ${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

async function serve(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  // Loaded here: the application (Nest and every module) takes a while to load, and the other
  // commands (an init container's `migrate --check`, export, import) do not need it.
  const { startServer } = await import('./main.js');
  const server = await startServer({ config, logger });
  process.stdout.write(
    `\n  Tessera is running at ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)\n` +
      `  Database: ${server.runtime.embedded ? `embedded, in ${config.dataDir}` : 'PostgreSQL'}\n\n`,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** `migrate --check` when migrations are still pending (EX_TEMPFAIL: try again later). */
const EXIT_PENDING = 75;

async function migrate(options: { check?: boolean; wait?: number }): Promise<void> {
  const config = configOrExit();
  if (options.check || options.wait !== undefined) return checkMigrations(config, options.wait);
  const database = await openDatabase(config);
  const dataSource = new DataSource(typeOrmOptions(database.target));
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    process.stdout.write(
      applied.length === 0
        ? 'The database is up to date.\n'
        : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}\n`).join('')}`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

async function checkMigrations(config: AppConfig, waitSeconds: number | undefined): Promise<void> {
  const status =
    waitSeconds === undefined
      ? await migrationStatus(config)
      : await waitForMigrations(config, waitSeconds, (waiting) =>
          process.stdout.write(
            waiting.state === 'pending'
              ? `Waiting for ${waiting.pending.length} migration(s) to be applied: ${waiting.pending.join(', ')}\n`
              : `Waiting for the database: ${waiting.error}\n`,
          ),
        );
  if (status.state === 'current') {
    process.stdout.write('The database is up to date.\n');
    return;
  }
  if (status.state === 'pending') {
    process.stdout.write(
      `${status.pending.length} migration(s) pending:\n${status.pending.map((n) => `  ${n}\n`).join('')}`,
    );
    process.exit(EXIT_PENDING);
  }
  process.stderr.write(`tessera: cannot reach the database: ${status.error}\n`);
  process.exit(1);
}

async function exportData(file: string, options: { force?: boolean }): Promise<void> {
  const config = configOrExit();
  await exitOnTransferError(() =>
    exportCommand(config, file, { force: options.force === true }, standardStreams()),
  );
}

async function importData(file: string, options: { allowSecretChange?: boolean }): Promise<void> {
  const config = configOrExit();
  await exitOnTransferError(() =>
    importCommand(
      config,
      file,
      { allowSecretChange: options.allowSecretChange === true },
      standardStreams(),
    ),
  );
}

function standardStreams() {
  return { progress: process.stderr, stdout: process.stdout, stdin: process.stdin };
}

async function exitOnTransferError(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof TransferError)) throw error;
    process.stderr.write(`\ntessera: ${error.message}\n`);
    process.exit(1);
  }
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 86_400) {
    throw new InvalidArgumentError('must be a number of seconds between 0 and 86400');
  }
  return parsed;
}

const program = new Command('tessera')
  .description('Tessera, the self-hostable help desk')
  .showHelpAfterError();
program
  .command('serve')
  .description('run the server (HTTP API, web app, background jobs)')
  .action(serve);
program
  .command('migrate')
  .description('apply pending database migrations, then exit')
  .option(
    '--check',
    'apply nothing; exit 0 when the schema is current, 75 when migrations are pending',
  )
  .option(
    '--wait <seconds>',
    'implies --check: wait up to this long for another process to apply the migrations',
    seconds,
  )
  .action(migrate);
program
  .command('export')
  .description('write every table of the database to a portable archive (gzip, NDJSON)')
  .argument('<file>', 'the archive to write, e.g. tessera-2026-01-31.tessera.gz; - for stdout')
  .option('--force', 'replace the file if it exists')
  .action(exportData);
program
  .command('import')
  .description('load an archive into an empty database (migrated first to this version)')
  .argument('<file>', 'an archive written by `tessera export`; - for stdin')
  .option(
    '--allow-secret-change',
    'import although this instance has another TESSERA_SECRET than the source',
  )
  .action(importData);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`tessera: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
