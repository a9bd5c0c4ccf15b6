// Teams and queues are listed by (lower(name), id). The cursor carries that key; anything that
// does not decode to a name and a UUID is the client's mistake (400), never a database error.
import { decodeCursor, type CursorKey } from './page.js';

/** Where the previous page ended: the lower-cased name (as PostgreSQL lower-cases it) and id. */
export interface NameKey {
  sortName: string;
  id: string;
}

export function decodeNameCursor(cursor: string | undefined): NameKey | undefined {
  const key = decodeCursor(cursor, ['text', 'uuid']);
  return key && { sortName: key[0] ?? '', id: key[1] ?? '' };
}

export function nameCursorKey(row: NameKey): CursorKey {
  return [row.sortName, row.id];
}
