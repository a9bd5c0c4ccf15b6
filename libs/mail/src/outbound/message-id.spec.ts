import { describe, expect, it } from '@jest/globals';
import { addressDomain, createMessageId, normalizeMessageId } from './message-id.js';

describe('createMessageId', () => {
  it('is <id@domain>, lower-cased', () => {
    expect(createMessageId('Example.COM', 'abc-123')).toBe('<abc-123@example.com>');
  });

  it('is unique by default', () => {
    const a = createMessageId('example.com');
    const b = createMessageId('example.com');
    expect(a).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
    expect(a).not.toBe(b);
  });

  it('refuses something that is not a domain', () => {
    expect(() => createMessageId('')).toThrow();
    expect(() => createMessageId('exa mple.com')).toThrow();
    expect(() => createMessageId('a>b')).toThrow();
  });
});

describe('addressDomain', () => {
  it.each([
    ['support@Example.com', 'example.com'],
    ['"a@b"@help.example.org', 'help.example.org'],
    ['example.net', 'example.net'],
  ])('%s -> %s', (address, domain) => {
    expect(addressDomain(address)).toBe(domain);
  });
});

describe('normalizeMessageId', () => {
  it.each([
    ['<a@b>', '<a@b>'],
    ['a@b', '<a@b>'],
    ['  <a@b> ', '<a@b>'],
    ['', undefined],
    ['<>', undefined],
    ['<a b@c>', undefined],
    ['<a<b@c>', undefined],
  ])('%j -> %j', (value, expected) => {
    expect(normalizeMessageId(value)).toBe(expected);
  });
});
