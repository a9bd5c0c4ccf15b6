import { describe, expect, it } from '@jest/globals';
import { isValidEmailAddress, normalizeEmailAddress } from './email-address.js';

describe('normalizeEmailAddress', () => {
  it.each([
    ['Alice@Example.COM', 'alice@example.com'],
    ['  bob@example.org \n', 'bob@example.org'],
    ['carol@example.net', 'carol@example.net'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeEmailAddress(input)).toBe(expected);
  });
});

describe('isValidEmailAddress', () => {
  it.each([
    ['alice@example.com', true],
    ['Alice.Smith+support@mail.example.co.uk', true],
    ['admin@localhost', true],
    ['', false],
    ['alice', false],
    ['alice@', false],
    ['@example.com', false],
    ['alice@@example.com', false],
    ['alice smith@example.com', false],
    ['alice@example..com', false],
    ['alice@.example.com', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('%j is valid: %s', (input, expected) => {
    expect(isValidEmailAddress(input)).toBe(expected);
  });
});
