// `tessera import`: loads an archive written by `tessera export` into an empty database that is
// migrated to the same schema version, in one transaction (a failure leaves it empty), then sets
// the sequences where the source left them so the next ticket gets the next number.
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  isRow,
  type ArchiveHeader,
  type ArchiveRecord,
  type ArchiveRow,
  type TableStart,
} from './archive-format.js';
import type { TransferSummary } from './archive-export.js';
import { ident, readCatalog, type Sql, type TableInfo } from './database-catalog.js';
import type { Progress } from './progress.js';
import {
  RECENT_SEARCH_TRIGGERS,
  recentSearchHorizon,
  REFILL_RECENT_SEARCH,
} from '../modules/ticket/ticket-search-tier.js';
import { appliedMigrations, setTextSession } from './schema-version.js';
import { TransferError, TransferErrorCode } from './transfer.error.js';

export interface ImportOptions {
  /** Statements on one connection, which the import keeps in one transaction. */
  sql: Sql;
  /** The archive's records after its header (see readArchiveHeader). */
  records: AsyncGenerator<ArchiveRecord | ArchiveRow>;
  header: ArchiveHeader;
  /** The file's name, for messages. */
  label: string;
  progress: (totalRows: number) => Progress;
}

// Rows per INSERT: few enough to stay far below PostgreSQL's 65,535 parameters, and flushed
// early once the values add up to this many characters (attachments are large).
const INSERT_PARAMETERS = 30_000;
const INSERT_ROWS = 500;
const INSERT_CHARACTERS = 16 * 1024 * 1024;

export async function importArchive(options: ImportOptions): Promise<TransferSummary> {
  const { sql, records, header } = options;
  const migrations = await appliedMigrations(sql);
  const target = migrations[migrations.length - 1] ?? '(none)';
  if (header.schemaVersion !== target) {
    throw new TransferError(
      TransferErrorCode.SchemaMismatch,
      `The archive is at schema version ${header.schemaVersion}; this Tessera's database is at ` +
        `${target}. Import with the Tessera version that wrote the archive, or upgrade the source ` +
        '(`tessera migrate` with this version) and export again.',
    );
  }
  await sql('BEGIN');
  try {
    await setTextSession(sql);
    const catalog = await readCatalog(sql);
    await prepareEmptyTarget(sql, catalog.tables);
    // The recent search tier is filled once at the end rather than by its triggers row by row.
    for (const trigger of RECENT_SEARCH_TRIGGERS) {
      await sql(`ALTER TABLE tickets DISABLE TRIGGER ${ident(trigger)}`);
    }
    const tables = new Map(catalog.tables.map((table) => [table.name, table]));
    const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
    const missing = catalog.tables.filter((t) => !expected.has(t.name)).map((t) => t.name);
    if (missing.length > 0) {
      throw schemaMismatch(`the archive has no section for ${missing.join(', ')}`);
    }
    const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
    const progress = options.progress(total);
    let loader: TableLoader | undefined;
    let rows = 0;
    let ended = false;
    for await (const record of records) {
      if (ended) throw badArchive('it goes on after its end');
      if (isRow(record)) {
        if (!loader) throw badArchive('a row stands outside any table');
        await loader.add(record);
        continue;
      }
      switch (record.kind) {
        case 'table': {
          if (loader) throw badArchive(`table ${loader.name} has no end`);
          const table = tables.get(record.name);
          if (!table) throw schemaMismatch(`this database has no table ${record.name}`);
          loader = await TableLoader.start(sql, table, record, progress);
          progress.table(table.name, expected.get(table.name) ?? 0);
          break;
        }
        case 'end-table': {
          if (!loader || loader.name !== record.name) {
            throw badArchive(`the end of ${record.name} comes before its start`);
          }
          const loaded = await loader.finish();
          if (loaded !== record.rows || loaded !== expected.get(record.name)) {
            throw badArchive(`table ${record.name} should have ${record.rows} rows, has ${loaded}`);
          }
          rows += loaded;
          tables.delete(record.name);
          loader = undefined;
          progress.tableDone();
          break;
        }
        case 'sequence':
          if (!catalog.sequences.includes(record.name)) {
            throw schemaMismatch(`this database has no sequence ${record.name}`);
          }
          await sql('SELECT setval($1::regclass, $2::bigint, $3)', [
            ident(record.name),
            record.lastValue,
            record.isCalled,
          ]);
          break;
        case 'end':
          if (loader) throw badArchive(`table ${loader.name} has no end`);
          if (record.rows !== rows) throw badArchive(`it should hold ${record.rows} rows`);
          ended = true;
          break;
        default:
          throw badArchive(`it has a record of an unknown kind`);
      }
    }
    if (!ended) throw badArchive('it is cut short');
    if (tables.size > 0) throw badArchive(`it lacks the rows of ${[...tables.keys()].join(', ')}`);
    for (const trigger of RECENT_SEARCH_TRIGGERS) {
      await sql(`ALTER TABLE tickets ENABLE TRIGGER ${ident(trigger)}`);
    }
    await sql(REFILL_RECENT_SEARCH, [recentSearchHorizon(new Date())]);
    await sql('COMMIT');
    progress.finish(
      `Imported ${rows} rows into ${catalog.tables.length} tables from ${options.label}.`,
    );
    return { tables: catalog.tables.length, rows };
  } catch (error) {
    await sql('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Reads and checks the first record, the header, before anything touches the target. */
export async function readArchiveHeader(
  records: AsyncGenerator<ArchiveRecord | ArchiveRow>,
  label: string,
): Promise<ArchiveHeader> {
  const first = await records.next();
  return checkHeader(first.done ? undefined : first.value, label);
}

function checkHeader(record: ArchiveRecord | ArchiveRow | undefined, file: string): ArchiveHeader {
  if (!record || isRow(record) || record.kind !== 'header' || record.format !== ARCHIVE_FORMAT) {
    throw new TransferError(
      TransferErrorCode.BadArchive,
      `${file} is not a Tessera archive (written by \`tessera export\`).`,
    );
  }
  if (record.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new TransferError(
      TransferErrorCode.BadArchive,
      `${file} is in a newer archive format (${record.formatVersion}); import it with the ` +
        'Tessera version that wrote it.',
    );
  }
  return record;
}

/** Refuses an archive whose source ran with another signing key, unless told to go ahead. */
export function checkSecret(
  header: ArchiveHeader,
  options: {
    /** Fingerprint of the target's signing key; null when it has none yet. */
    secretFingerprint: string | null;
    /** Import even though the target's signing key differs from the source's. */
    allowSecretChange: boolean;
  },
): void {
  if (!header.secretFingerprint || options.allowSecretChange) return;
  if (header.secretFingerprint === options.secretFingerprint) return;
  throw new TransferError(
    TransferErrorCode.SecretMismatch,
    (options.secretFingerprint
      ? 'This Tessera runs with another signing key (TESSERA_SECRET) than the one that wrote ' +
        'the archive. '
      : 'This Tessera has no signing key yet. ') +
      'Set TESSERA_SECRET to the source\u2019s key (an embedded installation keeps it in the file ' +
      '`secret` of its data directory) so mailbox passwords stay readable and sessions stay ' +
      'valid, or pass --allow-secret-change to import anyway and re-enter mailbox passwords.',
  );
}

/**
 * Every Tessera that served on a database created its first admin in it, while migrations seed
 * defaults (the business-hours calendar, ...) but never a user: a database without users holds
 * nothing but those defaults, which the archive's rows replace.
 */
const USERS_TABLE = 'users';

async function prepareEmptyTarget(sql: Sql, tables: TableInfo[]): Promise<void> {
  const occupied: string[] = [];
  for (const table of tables) {
    const [row] = await sql<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${ident(table.name)}) AS any`,
    );
    if (row?.any) occupied.push(table.name);
  }
  if (occupied.includes(USERS_TABLE) || !tables.some((t) => t.name === USERS_TABLE)) {
    throw new TransferError(
      TransferErrorCode.TargetNotEmpty,
      `The target database already holds data (${occupied.join(', ')}). Import into a new, ` +
        'empty database, before Tessera serves on it (its first start creates an admin).',
    );
  }
  for (const table of [...tables].reverse()) {
    if (occupied.includes(table.name)) await sql(`DELETE FROM ${ident(table.name)}`);
  }
}

function badArchive(problem: string): TransferError {
  return new TransferError(TransferErrorCode.BadArchive, `The archive is damaged: ${problem}.`);
}

function schemaMismatch(problem: string): TransferError {
  return new TransferError(
    TransferErrorCode.SchemaMismatch,
    `The archive does not fit this database: ${problem}.`,
  );
}

/** Inserts one table's rows in batches as they stream in. */
class TableLoader {
  private batch: ArchiveRow[] = [];
  private batchCharacters = 0;
  private loaded = 0;
  private readonly rowsPerInsert: number;
  /** Positions of self-referencing columns, loaded NULL first and set once every row exists. */
  private readonly deferred: number[];
  private readonly keyPositions: number[];

  private constructor(
    private readonly sql: Sql,
    private readonly table: TableInfo,
    private readonly columns: TableInfo['columns'],
    private readonly progress: Progress,
  ) {
    this.rowsPerInsert = Math.max(
      1,
      Math.min(INSERT_ROWS, Math.floor(INSERT_PARAMETERS / columns.length)),
    );
    const position = (name: string) => columns.findIndex((c) => c.name === name);
    this.deferred = table.selfReferences.map(position);
    this.keyPositions = table.primaryKey.map(position);
  }

  get name(): string {
    return this.table.name;
  }

  static async start(
    sql: Sql,
    table: TableInfo,
    start: TableStart,
    progress: Progress,
  ): Promise<TableLoader> {
    const archived = start.columns.map((c) => `${c.name} ${c.type}`).sort();
    const current = table.columns.map((c) => `${c.name} ${c.type}`).sort();
    if (archived.join(',') !== current.join(',')) {
      throw schemaMismatch(
        `the columns of ${table.name} differ (archive: ${archived.join(', ')}; ` +
          `database: ${current.join(', ')})`,
      );
    }
    // The archive's column order, with this database's column details.
    const columns = start.columns.map((archivedColumn) =>
      table.columns.find((c) => c.name === archivedColumn.name)!,
    );
    if (table.selfReferences.length > 0) {
      await sql(
        'CREATE TEMP TABLE IF NOT EXISTS tessera_import_deferred (key text[], refs text[]) ' +
          'ON COMMIT DROP',
      );
      await sql('TRUNCATE tessera_import_deferred');
    }
    return new TableLoader(sql, table, columns, progress);
  }

  async add(row: ArchiveRow): Promise<void> {
    if (row.length !== this.columns.length) {
      throw badArchive(`a row of ${this.table.name} has ${row.length} values`);
    }
    this.batch.push(row);
    for (const value of row) this.batchCharacters += value?.length ?? 0;
    if (this.batch.length >= this.rowsPerInsert || this.batchCharacters >= INSERT_CHARACTERS) {
      await this.flush();
    }
  }

  /** Inserts what is left, applies the deferred references; returns the rows loaded. */
  async finish(): Promise<number> {
    await this.flush();
    if (this.deferred.length > 0) {
      const set = this.deferred
        .map((p, i) => `${ident(this.columns[p].name)} = d.refs[${i + 1}]::${this.columns[p].type}`)
        .join(', ');
      const match = this.keyPositions
        .map(
          (p, i) => `t.${ident(this.columns[p].name)} = d.key[${i + 1}]::${this.columns[p].type}`,
        )
        .join(' AND ');
      await this.sql(
        `UPDATE ${ident(this.table.name)} t SET ${set} FROM tessera_import_deferred d WHERE ${match}`,
      );
    }
    return this.loaded;
  }

  private async flush(): Promise<void> {
    const rows = this.batch;
    if (rows.length === 0) return;
    this.batch = [];
    this.batchCharacters = 0;
    const values: (string | null)[] = [];
    const tuples: string[] = [];
    const later: { key: (string | null)[]; refs: (string | null)[] }[] = [];
    for (const row of rows) {
      if (this.deferred.some((p) => row[p] !== null)) {
        later.push({
          key: this.keyPositions.map((p) => row[p] ?? null),
          refs: this.deferred.map((p) => row[p] ?? null),
        });
      }
      const placeholders = row.map((value, p) => {
        if (this.deferred.includes(p)) return 'NULL';
        values.push(value);
        const column = this.columns[p];
        return column.binary
          ? `decode($${values.length}, 'base64')`
          : `$${values.length}::${column.type}`;
      });
      tuples.push(`(${placeholders.join(', ')})`);
    }
    const identity = this.columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
    await this.sql(
      `INSERT INTO ${ident(this.table.name)} (${this.columns.map((c) => ident(c.name)).join(', ')})` +
        `${identity} VALUES ${tuples.join(', ')}`,
      values,
    );
    if (later.length > 0) {
      await this.sql(
        `INSERT INTO tessera_import_deferred (key, refs) VALUES ${later
          .map((_, i) => `($${2 * i + 1}::text[], $${2 * i + 2}::text[])`)
          .join(', ')}`,
        later.flatMap((entry) => [entry.key, entry.refs]),
      );
    }
    this.loaded += rows.length;
    this.progress.advance(rows.length);
  }
}
