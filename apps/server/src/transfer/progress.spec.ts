import { describe, expect, it } from '@jest/globals';
import { createProgress, renderBar } from './progress.js';

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe('renderBar', () => {
  it.each([
    [0, 200, '[------------------------------]   0%  0/200 rows  users'],
    [100, 200, '[###############---------------]  50%  100/200 rows  users'],
    [200, 200, '[##############################] 100%  200/200 rows  users'],
    [0, 0, '[##############################] 100%  0/0 rows  users'],
    [1234, 2000, '[###################-----------]  61%  1,234/2,000 rows  users'],
  ])('draws %i of %i', (done, total, expected) => {
    expect(renderBar(done, total, 'users')).toBe(expected);
  });
});

describe('createProgress', () => {
  it('redraws one line in place on a terminal, at most every 100 ms', () => {
    const { writes, sink } = output(true);
    let now = 0;
    const progress = createProgress('export', 2000, sink, () => now);
    progress.table('tickets', 2000);
    progress.advance(500);
    now = 50;
    progress.advance(500);
    now = 150;
    progress.advance(1000);
    progress.tableDone();
    progress.finish('Exported 2000 rows.');
    expect(writes.every((w) => w.startsWith('\r\x1b[2K') || w.startsWith('\n'))).toBe(true);
    expect(writes.filter((w) => w.includes('1,000/2,000'))).toHaveLength(0);
    expect(writes.some((w) => w.includes('2,000/2,000 rows  tickets'))).toBe(true);
    expect(writes[writes.length - 1]).toBe('\nExported 2000 rows.\n');
  });

  it('writes one plain line per table otherwise', () => {
    const { writes, sink } = output(false);
    const progress = createProgress('import', 3, sink);
    progress.table('users', 2);
    progress.advance(2);
    progress.tableDone();
    progress.table('tickets', 1);
    progress.advance(1);
    progress.tableDone();
    progress.finish('Imported 3 rows.');
    expect(writes).toEqual([
      'import: users: 2 rows (2/3)\n',
      'import: tickets: 1 rows (3/3)\n',
      'Imported 3 rows.\n',
    ]);
  });
});
