// Small pieces of PostgreSQL know-how shared by the repositories.
import { QueryFailedError } from 'typeorm';

/**
 * True when `error` is a unique violation of the index or constraint named `constraint`, so a
 * repository can answer "taken" instead of failing with a 500.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown };
  return driverError.code === '23505' && driverError.constraint === constraint;
}

/**
 * A LIKE pattern matching values that start with `text`: the caller's `%` and `_` are taken
 * literally (backslash is PostgreSQL's default LIKE escape).
 */
export function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/** Runs `statement`, turning a unique violation of `constraint` into the error `taken` makes. */
export async function onUniqueViolation<T>(
  constraint: string,
  taken: () => Error,
  statement: () => Promise<T>,
): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw taken();
    throw error;
  }
}

/** The one row an INSERT/UPDATE ... RETURNING must give back. */
export function singleRow<T>(rows: T[]): T {
  const [row] = rows;
  if (!row) throw new Error('the statement returned no row');
  return row;
}
