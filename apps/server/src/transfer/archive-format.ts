// The portable archive `tessera export` writes and `tessera import` reads: one gzip stream of
// newline-delimited JSON, read and written a line at a time so no table is ever held in memory.
//
//   {"kind":"header", ...}                      format, schema version, tables with row counts
//   {"kind":"table","name":"users","columns":[...]}
//   ["<id>","ada@example.com",null,...]          one line per row: each value as PostgreSQL's text
//   ...                                          form (bytea as base64), null for NULL
//   {"kind":"end-table","name":"users","rows":2}
//   ...                                          every table, parents before children
//   {"kind":"sequence","name":"tickets_number_seq","lastValue":"10042","isCalled":true}
//   {"kind":"end","rows":1234}                   absent if the file was cut short
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import type { ColumnInfo } from './database-catalog.js';
import { TransferError, TransferErrorCode } from './transfer.error.js';

export const ARCHIVE_FORMAT = 'tessera-archive';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface ArchiveHeader {
  kind: 'header';
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The last migration applied to the source: the target must be at the same one. */
  schemaVersion: string;
  /** Every migration applied to the source, in order. */
  migrations: string[];
  exportedAt: string;
  source: 'embedded' | 'postgres';
  /**
   * An HMAC of a fixed text under the source's signing key (never the key): tells whether the
   * target runs with the same key, without which sealed mailbox passwords cannot be opened.
   */
  secretFingerprint: string | null;
  tables: { name: string; rows: number }[];
}

export interface TableStart {
  kind: 'table';
  name: string;
  columns: Pick<ColumnInfo, 'name' | 'type' | 'binary'>[];
}

export interface TableEnd {
  kind: 'end-table';
  name: string;
  rows: number;
}

export interface SequenceState {
  kind: 'sequence';
  name: string;
  /** bigint, as text. */
  lastValue: string;
  isCalled: boolean;
}

export interface ArchiveEnd {
  kind: 'end';
  rows: number;
}

export type ArchiveRecord = ArchiveHeader | TableStart | TableEnd | SequenceState | ArchiveEnd;
export type ArchiveRow = (string | null)[];

/** Writes lines to a gzip'd file (or stream), waiting whenever the compressor asks to. */
export class ArchiveWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;

  /** A path is created (never overwritten), readable by its owner only. */
  constructor(destination: string | Writable) {
    this.done = pipeline(
      this.gzip,
      typeof destination === 'string'
        ? createWriteStream(destination, { flags: 'wx', mode: 0o600 })
        : destination,
      // A stream given (stdout) stays open for whoever else writes to it.
      { end: typeof destination === 'string' },
    );
    // Surfaced by close(); without a listener here an early failure would be unhandled.
    this.done.catch(() => undefined);
  }

  async write(value: ArchiveRecord | ArchiveRow): Promise<void> {
    if (!this.gzip.write(JSON.stringify(value) + '\n')) {
      await Promise.race([once(this.gzip, 'drain'), this.done]);
    }
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.done;
  }

  /** Abandons the file after a failure. */
  destroy(): void {
    this.gzip.destroy();
  }
}

/** The archive's lines, parsed, one at a time, from a file or a stream (stdin). */
export async function* readArchive(
  source: string | Readable,
): AsyncGenerator<ArchiveRecord | ArchiveRow> {
  const path = typeof source === 'string' ? source : 'The input';
  const gunzip = createGunzip();
  const piped = pipeline(typeof source === 'string' ? createReadStream(source) : source, gunzip);
  piped.catch((error: unknown) => gunzip.destroy(error as Error));
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  let lineNumber = 0;
  const parse = (line: string) => {
    lineNumber++;
    try {
      return JSON.parse(line) as ArchiveRecord | ArchiveRow;
    } catch {
      throw new TransferError(
        TransferErrorCode.BadArchive,
        `Line ${lineNumber} of the archive is not valid JSON: the file is damaged.`,
      );
    }
  };
  try {
    for await (const chunk of gunzip) {
      let text = decoder.write(chunk as Buffer);
      let newline = text.indexOf('\n');
      while (newline >= 0) {
        pending.push(text.slice(0, newline));
        yield parse(pending.join(''));
        pending = [];
        text = text.slice(newline + 1);
        newline = text.indexOf('\n');
      }
      if (text) pending.push(text);
    }
  } catch (error) {
    if (error instanceof TransferError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new TransferError(
      TransferErrorCode.BadArchive,
      code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR'
        ? `Cannot read ${path} (${code}).`
        : `${path} is not a readable Tessera archive (${(error as Error).message}).`,
    );
  }
  const rest = pending.join('') + decoder.end();
  if (rest.trim()) yield parse(rest);
}

export function isRow(value: ArchiveRecord | ArchiveRow): value is ArchiveRow {
  return Array.isArray(value);
}
