import { describe, expect, it } from '@jest/globals';
import { uidSet } from './uid-set.js';

describe('uidSet', () => {
  it.each([
    [[7], '7'],
    [[1, 2, 3], '1:3'],
    [[9, 3, 4, 5, 7], '3:5,7,9'],
    [[4, 4, 5], '4:5'],
    [[10, 12, 13, 20, 21, 22, 30], '10,12:13,20:22,30'],
  ])('writes %j as %s', (uids, expected) => {
    expect(uidSet(uids)).toBe(expected);
  });
});
