// What an archive carries, read from PostgreSQL's own catalog rather than from the entities: every
// table of the application's schema (migrations bookkeeping, derived tables and the job queue's
// schema aside), its columns and keys, the order foreign keys impose, and the sequences (ticket
// numbers).
import { RECENT_SEARCH_TABLE } from '../modules/ticket/ticket-search-tier.js';
import { TransferError, TransferErrorCode } from './transfer.error.js';

/** Runs one statement on the transfer's single connection. */
export type Sql = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/** Recorded by the migrator; the archive names the migrations instead of copying this table. */
export const MIGRATIONS_TABLE = 'typeorm_migrations';
/** Computed from other tables: the import rebuilds them (archive-import.ts) instead. */
export const DERIVED_TABLES = [RECENT_SEARCH_TABLE];

export interface ColumnInfo {
  name: string;
  /** As format_type() spells it, e.g. `character varying(255)`: used to cast the text back. */
  type: string;
  /** bytea travels as base64 rather than PostgreSQL's hex text. */
  binary: boolean;
  nullable: boolean;
  /** GENERATED ALWAYS AS IDENTITY: inserted with OVERRIDING SYSTEM VALUE. */
  identity: boolean;
}

export interface TableInfo {
  name: string;
  /** Stored columns, in table order; generated columns are left out (they are recomputed). */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Columns of foreign keys pointing at this same table (e.g. tickets.merged_into_id). */
  selfReferences: string[];
}

export interface Catalog {
  /** Parents before children, so rows can be inserted in this order with every constraint on. */
  tables: TableInfo[];
  /** Sequences of the schema, by name. */
  sequences: string[];
}

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  binary: boolean;
  nullable: boolean;
  identity: boolean;
  generated: boolean;
}

interface KeyRow {
  table: string;
  references: string;
  columns: string[];
}

export async function readCatalog(sql: Sql): Promise<Catalog> {
  const columnRows = await sql<ColumnRow>(
    `SELECT c.relname::text AS "table", a.attname::text AS "column",
            format_type(a.atttypid, a.atttypmod) AS "type",
            a.atttypid = 'bytea'::regtype AS "binary",
            NOT a.attnotnull AS "nullable",
            a.attidentity = 'a' AS "identity",
            a.attgenerated <> '' AS "generated"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> ALL($1::text[])
      ORDER BY c.relname, a.attnum`,
    [[MIGRATIONS_TABLE, ...DERIVED_TABLES]],
  );
  const keyRows = await sql<KeyRow & { kind: 'p' | 'f' }>(
    `SELECT con.contype::text AS kind, c.relname::text AS "table",
            coalesce(r.relname::text, '') AS "references",
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class r ON r.oid = con.confrelid
      CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')
      GROUP BY con.oid, con.contype, c.relname, r.relname`,
  );
  const sequenceRows = await sql<{ name: string }>(
    `SELECT s.relname::text AS name
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                            AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class owner ON owner.oid = d.refobjid
      WHERE n.nspname = current_schema() AND s.relkind = 'S'
        AND coalesce(owner.relname::text, '') <> $1
      ORDER BY s.relname`,
    [MIGRATIONS_TABLE],
  );

  const tables = new Map<string, TableInfo>();
  for (const row of columnRows) {
    let table = tables.get(row.table);
    if (!table) {
      table = { name: row.table, columns: [], primaryKey: [], selfReferences: [] };
      tables.set(row.table, table);
    }
    if (row.generated) continue;
    table.columns.push({
      name: row.column,
      type: row.type,
      binary: row.binary,
      nullable: row.nullable,
      identity: row.identity,
    });
  }
  const dependencies = new Map<string, Set<string>>();
  for (const key of keyRows) {
    const table = tables.get(key.table);
    if (!table) continue;
    if (key.kind === 'p') {
      table.primaryKey = key.columns;
    } else if (key.references === key.table) {
      table.selfReferences.push(...key.columns.filter((c) => !table.selfReferences.includes(c)));
    } else if (tables.has(key.references)) {
      const parents = dependencies.get(key.table) ?? new Set<string>();
      parents.add(key.references);
      dependencies.set(key.table, parents);
    }
  }
  for (const table of tables.values()) {
    const notNull = table.selfReferences.filter(
      (name) => !table.columns.find((c) => c.name === name)?.nullable,
    );
    if (notNull.length > 0 || (table.selfReferences.length > 0 && !table.primaryKey.length)) {
      throw new TransferError(
        TransferErrorCode.UnsupportedSchema,
        `Table ${table.name} refers to itself through ${table.selfReferences.join(', ')}, ` +
          'which the archive can only restore for nullable columns of a table with a primary key.',
      );
    }
  }
  const order = dependencyOrder([...tables.keys()], dependencies);
  return {
    tables: order.map((name) => tables.get(name) as TableInfo),
    sequences: sequenceRows.map((row) => row.name),
  };
}

/**
 * Orders tables so that every table comes after the tables it refers to (Kahn's algorithm, ties
 * broken by name so the order is stable). A cycle between tables cannot be loaded with the
 * constraints on, so it is refused.
 */
export function dependencyOrder(
  tables: readonly string[],
  parentsOf: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const remaining = new Map(
    tables.map((table) => [
      table,
      new Set([...(parentsOf.get(table) ?? [])].filter((p) => p !== table && tables.includes(p))),
    ]),
  );
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter(([, parents]) => parents.size === 0).map(([t]) => t);
    if (ready.length === 0) {
      throw new TransferError(
        TransferErrorCode.UnsupportedSchema,
        `These tables refer to each other in a cycle: ${[...remaining.keys()].sort().join(', ')}.`,
      );
    }
    const next = ready.sort()[0];
    order.push(next);
    remaining.delete(next);
    for (const parents of remaining.values()) parents.delete(next);
  }
  return order;
}

/** A PostgreSQL identifier, quoted. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
