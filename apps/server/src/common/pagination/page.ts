// Keyset pagination for every list: `?limit=&cursor=` in, `{ items, nextCursor }` out. The cursor
// is the sort key of the last item returned, so a page costs one index range scan however deep.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from '../errors/app-error.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** The sort key of an item: e.g. `[name, id]`. */
export type CursorKey = string[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor must be, so a forged cursor is a 400, never a database error. */
export type CursorPart = 'text' | 'uuid' | 'timestamp';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function partIsValid(value: unknown, part: CursorPart): boolean {
  if (typeof value !== 'string') return false;
  switch (part) {
    case 'text':
      return true;
    case 'uuid':
      return isUUID(value);
    case 'timestamp':
      return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
  }
}

/** Decodes a cursor made by encodeCursor with the given parts; anything else is a 400 on `cursor`. */
export function decodeCursor(
  cursor: string | undefined,
  parts: CursorPart[],
): string[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      parts.every((part, i) => partIsValid(key[i], part))
    ) {
      return key as string[];
    }
  } catch {
    // reported below
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that there is more.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => CursorKey,
  map: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
