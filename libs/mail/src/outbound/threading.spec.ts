import { describe, expect, it } from '@jest/globals';
import { MAX_REFERENCES, threadHeaders } from './threading.js';

describe('threadHeaders', () => {
  it('has nothing to name for a conversation without mail', () => {
    expect(threadHeaders([])).toEqual({ inReplyTo: null, references: [] });
  });

  it('answers the latest mail and references the chain, oldest first', () => {
    expect(threadHeaders(['<a@x>', '<b@x>', '<c@x>'])).toEqual({
      inReplyTo: '<c@x>',
      references: ['<a@x>', '<b@x>', '<c@x>'],
    });
  });

  it('adds missing brackets, drops invalid ids and keeps duplicates once', () => {
    expect(threadHeaders(['a@x', '<a@x>', 'not an id', '', '<b@x>'])).toEqual({
      inReplyTo: '<b@x>',
      references: ['<a@x>', '<b@x>'],
    });
  });

  it('caps a long chain, keeping the first id and the latest ones', () => {
    const chain = Array.from({ length: 50 }, (_, i) => `<m${i}@x>`);
    const { inReplyTo, references } = threadHeaders(chain);
    expect(references).toHaveLength(MAX_REFERENCES);
    expect(references[0]).toBe('<m0@x>');
    expect(references[1]).toBe(`<m${50 - (MAX_REFERENCES - 1)}@x>`);
    expect(references[references.length - 1]).toBe('<m49@x>');
    expect(inReplyTo).toBe('<m49@x>');
  });

  it('keeps a chain exactly at the cap whole', () => {
    const chain = Array.from({ length: 3 }, (_, i) => `<m${i}@x>`);
    expect(threadHeaders(chain, 3).references).toEqual(chain);
    expect(threadHeaders([...chain, '<m3@x>'], 3).references).toEqual([
      '<m0@x>',
      '<m2@x>',
      '<m3@x>',
    ]);
  });
});
