import { describe, expect, it } from '@jest/globals';
import { inboundFixture } from '../../test/fixtures.js';
import { firstHeader, readHeaders } from './raw-headers.js';

describe('readHeaders', () => {
  it('reads names in lower case and unfolds continued values, with CRLF or LF line ends', () => {
    for (const keepLineEnds of [true, false]) {
      const headers = readHeaders(inboundFixture('postfix-dsn.eml', { keepLineEnds }));
      expect(firstHeader(headers!, 'Content-Type')).toBe(
        'multipart/report; report-type=delivery-status; boundary="4F2B71C0123.1777885201/mx.tessera.test"',
      );
      expect(firstHeader(headers!, 'message-id')).toBe(
        '<20260504090001.4F2B71C0123@mx.tessera.test>',
      );
      expect(firstHeader(headers!, 'return-path')).toBe('<>');
    }
  });

  it('keeps every value of a repeated header, in order', () => {
    const headers = readHeaders(
      Buffer.from('Received: one\r\nReceived: two\r\nFrom: a@b.c\r\n\r\nbody'),
    );
    expect(headers?.get('received')).toEqual(['one', 'two']);
  });

  it('stops at the empty line: the body is not read as headers', () => {
    const headers = readHeaders(Buffer.from('From: a@b.c\n\nX-Not-A-Header: body text\n'));
    expect(headers?.has('x-not-a-header')).toBe(false);
  });

  it('skips an mbox separator line before the headers', () => {
    const headers = readHeaders(
      Buffer.from('From a@b.c Mon May  4 09:00:00 2026\nFrom: a@b.c\nSubject: hi\n\nbody'),
    );
    expect(firstHeader(headers!, 'subject')).toBe('hi');
  });

  it('answers undefined for bytes that do not start with a header', () => {
    expect(readHeaders(inboundFixture('not-a-mail.bin'))).toBeUndefined();
    expect(readHeaders(Buffer.from('just some text\r\nwithout headers'))).toBeUndefined();
    expect(readHeaders(Buffer.alloc(0))).toBeUndefined();
  });
});
