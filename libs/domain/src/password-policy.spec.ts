import { describe, expect, it } from '@jest/globals';
import { checkPassword } from './password-policy.js';

describe('checkPassword', () => {
  it.each([
    ['correct horse battery', undefined],
    ['exactly12chr', undefined],
    ['short', 'too_short'],
    ['elevenchars', 'too_short'],
    ['            ', 'blank'],
    ['x'.repeat(257), 'too_long'],
    // Length counts characters, not UTF-16 units: 12 emoji are 12 characters.
    ['🔑'.repeat(12), undefined],
    ['🔑'.repeat(11), 'too_short'],
  ])('%j -> %s', (input, expected) => {
    expect(checkPassword(input)).toBe(expected);
  });
});
