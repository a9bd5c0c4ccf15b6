// Reads the permission table in docs/permissions.md, the specification both the policy's tests
// and the API's permission tests check.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PERMISSION_COLUMNS = [
  'admin',
  'agent manage',
  'agent reply',
  'agent view',
  'agent none',
  'customer own',
  'customer shared org',
  'customer other org',
] as const;
export type PermissionColumn = (typeof PERMISSION_COLUMNS)[number];
export type Outcome = 'allow' | 403 | 404;

export interface PermissionRow {
  action: string;
  /** `self` or `other` for user:read, undefined elsewhere. */
  qualifier: string | undefined;
  write: boolean;
  outcomes: Record<PermissionColumn, Outcome>;
}

const TABLE_PATH = fileURLToPath(new URL('../../../docs/permissions.md', import.meta.url));

export function readPermissionTable(): PermissionRow[] {
  const lines = readFileSync(TABLE_PATH, 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('| action'));
  if (header < 0) throw new Error('docs/permissions.md has no permission table');
  const columns = cells(lines[header] ?? '').slice(2);
  if (columns.join('|') !== PERMISSION_COLUMNS.join('|')) {
    throw new Error(`Unexpected permission table columns: ${columns.join(', ')}`);
  }
  const rows: PermissionRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [actionCell = '', write = '', ...outcomes] = cells(line);
    const match = /^`([^`]+)`(?: \((\w+)\))?$/.exec(actionCell);
    if (!match?.[1]) throw new Error(`Unreadable action cell: ${actionCell}`);
    rows.push({
      action: match[1],
      qualifier: match[2],
      write: write === 'yes',
      outcomes: Object.fromEntries(
        PERMISSION_COLUMNS.map((column, i) => [column, outcome(outcomes[i] ?? '')]),
      ) as Record<PermissionColumn, Outcome>,
    });
  }
  return rows;
}

function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

function outcome(cell: string): Outcome {
  if (cell === 'allow') return 'allow';
  if (cell === '403') return 403;
  if (cell === '404') return 404;
  throw new Error(`Unknown outcome in the permission table: ${cell}`);
}
