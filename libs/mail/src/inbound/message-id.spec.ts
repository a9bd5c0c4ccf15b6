import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { inboundFixture } from '../../test/fixtures.js';
import {
  messageIdForms,
  messageIdsIn,
  messageKeyOf,
  referencedMessageIds,
  SYNTHESIZED_ID_DOMAIN,
} from './message-id.js';
import { readHeaders } from './raw-headers.js';

describe('message ids', () => {
  it.each([
    ['<a@x>', ['<a@x>']],
    ['<a@x> <b@y>\t<c@z>', ['<a@x>', '<b@y>', '<c@z>']],
    ['  <a@x>  (comment)', ['<a@x>']],
    ['a@x', ['<a@x>']],
    ['<a@\r\n x>', ['<a@x>']],
    ['', []],
    ['not an id', []],
    [`<${'a'.repeat(950)}@x>`, []],
  ])('reads %j as %j', (value, ids) => {
    expect(messageIdsIn(value)).toEqual(ids);
  });

  it('keys a mail by its Message-ID', () => {
    const raw = inboundFixture('customer-html-inline.eml');
    expect(messageKeyOf(raw, readHeaders(raw))).toEqual({
      key: '<CAH+w=7ZfirstMail0001@mail.example.com>',
      synthesized: false,
    });
  });

  it('keys a mail without one by the SHA-256 of its bytes: the same bytes, the same key', () => {
    const raw = inboundFixture('no-message-id.eml');
    const hash = createHash('sha256').update(raw).digest('hex');
    const first = messageKeyOf(raw, readHeaders(raw));
    expect(first).toEqual({ key: `<${hash}@${SYNTHESIZED_ID_DOMAIN}>`, synthesized: true });
    expect(messageKeyOf(Buffer.from(raw), readHeaders(raw))).toEqual(first);
    expect(messageKeyOf(Buffer.concat([raw, Buffer.from('x')]), readHeaders(raw)).key).not.toBe(
      first.key,
    );
  });

  it('lists the ids a reply names: In-Reply-To first, then References newest first', () => {
    const headers = readHeaders(
      Buffer.from('From: a@b.c\nIn-Reply-To: <c@x>\nReferences: <a@x>\n <b@x> <c@x>\n\nbody'),
    );
    expect(referencedMessageIds(headers!)).toEqual(['<c@x>', '<b@x>', '<a@x>']);
  });

  it('matches ids stored with or without brackets', () => {
    expect(messageIdForms('<a@x>')).toEqual(['<a@x>', 'a@x']);
    expect(messageIdForms('a@x')).toEqual(['<a@x>', 'a@x']);
  });
});
