import { describe, expect, it } from '@jest/globals';
import { includesLevel, strongestLevel } from './access-level.js';

describe('queue access levels', () => {
  it.each([
    ['view', 'view', true],
    ['reply', 'view', true],
    ['manage', 'view', true],
    ['manage', 'reply', true],
    ['view', 'reply', false],
    ['reply', 'manage', false],
    [undefined, 'view', false],
  ] as const)('%s includes %s: %s', (held, needed, expected) => {
    expect(includesLevel(held, needed)).toBe(expected);
  });

  it('picks the strongest grant', () => {
    expect(strongestLevel(['view', 'manage', 'reply'])).toBe('manage');
    expect(strongestLevel(['view'])).toBe('view');
    expect(strongestLevel([])).toBeUndefined();
  });
});
