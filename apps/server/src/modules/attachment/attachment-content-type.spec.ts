import { describe, expect, it } from '@jest/globals';
import {
  normalizeContentType,
  OCTET_STREAM,
  servedContentType,
} from './attachment-content-type.js';

describe('normalizeContentType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Image/PNG', 'image/png'],
    ['text/plain; charset=UTF-8', 'text/plain; charset=utf-8'],
    ['text/csv; header=present; charset="iso-8859-1"', 'text/csv; charset=iso-8859-1'],
    ['application/json; foo=bar', 'application/json'],
    [' application/vnd.ms-excel ', 'application/vnd.ms-excel'],
  ])('keeps %j as %j', (declared, expected) => {
    expect(normalizeContentType(declared)).toBe(expected);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without a subtype', 'text'],
    ['with two slashes', 'text/plain/x'],
    ['with spaces inside', 'text /plain'],
    ['with a header injection', 'text/plain\r\nSet-Cookie: a=b'],
    ['too long', `application/${'x'.repeat(250)}`],
  ])('falls back to octet-stream when %s', (_case, declared) => {
    expect(normalizeContentType(declared)).toBe(OCTET_STREAM);
  });

  it('drops a malformed charset', () => {
    expect(normalizeContentType('text/plain; charset=<script>')).toBe('text/plain');
  });
});

describe('servedContentType', () => {
  it.each([
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'application/pdf',
    'application/zip',
    'application/json',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'audio/mpeg',
    'video/mp4',
    'text/plain; charset=utf-8',
    'text/csv',
    OCTET_STREAM,
  ])('serves %s as it is', (type) => {
    expect(servedContentType(type)).toBe(type);
  });

  it.each([
    'text/html',
    'text/html; charset=utf-8',
    'application/xhtml+xml',
    'image/svg+xml',
    'text/xml',
    'application/xml',
    'application/rss+xml',
    'text/javascript',
    'application/javascript',
    'application/x-javascript',
    'application/ecmascript',
    'text/css',
    'text/xsl',
    'text/vtt',
    'application/wasm',
    'application/x-shockwave-flash',
    'multipart/x-mixed-replace',
    'message/rfc822',
  ])('serves %s as application/octet-stream', (type) => {
    expect(servedContentType(type)).toBe(OCTET_STREAM);
  });
});
