import { describe, expect, it } from '@jest/globals';
import { replySubject, singleLine } from './subject.js';

describe('replySubject', () => {
  it.each([
    ['Printer broken', 'Re: Printer broken'],
    ['Re: Printer broken', 'Re: Printer broken'],
    ['RE:Printer broken', 'RE:Printer broken'],
    ['AW: Drucker kaputt', 'AW: Drucker kaputt'],
    ['  Two\r\nlines  ', 'Re: Two lines'],
    ['Regarding the invoice', 'Re: Regarding the invoice'],
  ])('%j -> %j', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });
});

describe('singleLine', () => {
  it('removes line breaks a header could be split at', () => {
    expect(singleLine('a\r\nBcc: victim@example.com')).toBe('a Bcc: victim@example.com');
  });
});
