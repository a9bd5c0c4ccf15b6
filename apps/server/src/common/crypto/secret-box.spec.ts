import { describe, expect, it } from '@jest/globals';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox('instance secret one that is long enough');

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = box.seal('imap password ✓');
    const b = box.seal('imap password ✓');
    expect(a).not.toBe(b);
    expect(a).not.toContain('imap password');
    expect(box.open(a)).toBe('imap password ✓');
    expect(box.open(b)).toBe('imap password ✓');
  });

  it('refuses values sealed under another secret or altered', () => {
    const sealed = box.seal('secret');
    expect(() => new SecretBox('another instance secret, also long').open(sealed)).toThrow();
    const parts = sealed.split(':');
    const data = Buffer.from(parts[3] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[3] = data.toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => box.open('plain text')).toThrow('not a sealed secret');
  });
});
