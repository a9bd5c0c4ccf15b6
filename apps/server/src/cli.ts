// The `tessera` command: `tessera serve` runs the server, `tessera migrate` applies migrations.
import 'reflect-metadata';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { createLogger } from './common/logging/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/env.config.js';
import { runMigrations } from './database/migrator.js';
import { openDatabase } from './database/open-database.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { startServer } from './main.js';

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

async function migrate(): Promise<void> {
  const config = configOrExit();
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
  .action(migrate);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`tessera: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
