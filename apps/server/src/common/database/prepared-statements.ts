// Statements PostgreSQL parses and plans once per connection instead of at every call.
//
// The `pg` driver sends a parameterised query as an unnamed statement, which the server parses,
// analyses and plans again each time. For the short statements of the busy paths (opening a
// ticket, importing a mail, adding a message) that work costs as much as running them. A SQL
// text passed through prepared() is sent as a named statement instead: parsed once per
// connection, and after a few runs executed with a cached plan when PostgreSQL finds it no worse
// (plan_cache_mode = auto).
//
// Only fixed statements keyed by ids belong here. Lists and searches built from filters keep
// their per-call plans: a cached generic plan could be far worse for a skewed filter.
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Statement name by SQL text, for every text marked with prepared(). */
const names = new Map<string, string>();

/**
 * Marks a SQL text to be run as a named prepared statement on every connection that runs it, and
 * returns it unchanged: `manager.query(prepared(SQL), params)` as with any other text.
 */
export function prepared(text: string): string {
  if (!names.has(text)) {
    names.set(text, `tessera_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`);
  }
  return text;
}

/** The statement name a prepared() text is sent under (for tests and diagnostics). */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

// TypeORM hands query texts to pg.Client#query unchanged; a marked text is sent with its name.
// Installed once, on the driver's prototype, so pooled connections opened at any time use it.
const INSTALLED = Symbol.for('tessera.preparedStatements');
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
const prototype = pg.Client.prototype as unknown as Record<symbol, boolean> & { query: Query };
if (!prototype[INSTALLED]) {
  const query = prototype.query;
  prototype.query = function (
    this: pg.Client,
    config: unknown,
    values?: unknown,
    callback?: unknown,
  ) {
    const name = typeof config === 'string' ? names.get(config) : undefined;
    if (name !== undefined) return query.call(this, { name, text: config }, values, callback);
    return query.call(this, config, values, callback);
  };
  prototype[INSTALLED] = true;
}

/**
 * The condition `column` is one of `ids` (bound as parameter `$param`) and the value to bind:
 * `column = $n` for a single id, `column = ANY($n::uuid[])` for several. A cached plan for a list
 * of unknown length is costed for many rows, so PostgreSQL would plan the ANY form afresh at
 * every call, even for the single id most calls pass; the `=` form runs on its cached plan.
 */
export function uuidIn(
  column: string,
  ids: readonly string[],
  param = 1,
): { condition: string; value: string | readonly string[] } {
  const [only] = ids;
  return ids.length === 1 && only !== undefined
    ? { condition: `${column} = $${param}::uuid`, value: only }
    : { condition: `${column} = ANY($${param}::uuid[])`, value: ids };
}
