import { describe, expect, it } from '@jest/globals';
import { textExcerpt } from './excerpt.js';

describe('textExcerpt', () => {
  it('keeps a short text whole, tidied', () => {
    expect(textExcerpt('  Hello,\r\n\r\n\r\n\r\nit broke again.  \r\n')).toBe(
      'Hello,\n\nit broke again.',
    );
  });

  it('cuts a long text at a word, marking the cut', () => {
    const excerpt = textExcerpt(`${'word '.repeat(200)}end`, 500);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(501);
    expect(excerpt.length).toBeGreaterThan(450);
  });

  it('cuts inside a word that is too long to back off from', () => {
    expect(textExcerpt('x'.repeat(600), 500)).toBe(`${'x'.repeat(500)}…`);
  });

  it('never splits a character made of two code units', () => {
    expect(textExcerpt('😀'.repeat(10), 4)).toBe('😀😀😀😀…');
  });
});
