// Message-IDs identify a mail across systems: intake keys every stored mail by one (so fetching a
// mail again never stores it twice), and replies name the ids of the mails they answer.
import { createHash } from 'node:crypto';
import { firstHeader, type HeaderMap } from './raw-headers.js';

/** Longer ids are not kept: they fit no index and no legitimate mailer writes them. */
export const MAX_MESSAGE_ID_LENGTH = 900;

/** Domain of the ids Tessera makes up for mail that came without one (RFC 2606: never real). */
export const SYNTHESIZED_ID_DOMAIN = 'sha256.tessera.invalid';

/**
 * Every Message-ID in a header value such as References (`<a@x> <b@y>`), in order, each in
 * `<…>` form. A value holding one bare id without brackets (some mailers write that) counts too.
 */
export function messageIdsIn(value: string | undefined): string[] {
  if (value === undefined) return [];
  const ids = [...value.matchAll(/<([^<>]*)>/g)]
    .map((match) => (match[1] ?? '').replace(/\s+/g, ''))
    .filter((id) => id !== '' && id.length + 2 <= MAX_MESSAGE_ID_LENGTH)
    .map((id) => `<${id}>`);
  if (ids.length > 0) return ids;
  const bare = value.trim();
  return /^[^\s<>]+@[^\s<>]+$/.test(bare) && bare.length + 2 <= MAX_MESSAGE_ID_LENGTH
    ? [`<${bare}>`]
    : [];
}

/** The id a mail's own Message-ID header gives it, if it has a usable one. */
export function ownMessageId(headers: HeaderMap): string | undefined {
  return messageIdsIn(firstHeader(headers, 'message-id'))[0];
}

/**
 * The key a mail is stored under: its Message-ID, or, when it has none, an id made from the
 * SHA-256 of its bytes, so the same bytes fetched again get the same key.
 */
export function messageKeyOf(
  raw: Buffer,
  headers: HeaderMap | undefined,
): { key: string; synthesized: boolean } {
  const id = headers && ownMessageId(headers);
  if (id) return { key: id, synthesized: false };
  const hash = createHash('sha256').update(raw).digest('hex');
  return { key: `<${hash}@${SYNTHESIZED_ID_DOMAIN}>`, synthesized: true };
}

/**
 * The ids a reply names, most telling first: In-Reply-To, then References from the newest (the
 * mail answered) back to the oldest (the start of the thread), without repeats.
 */
export function referencedMessageIds(headers: HeaderMap): string[] {
  const inReplyTo = messageIdsIn(firstHeader(headers, 'in-reply-to'));
  const references = (headers.get('references') ?? []).flatMap(messageIdsIn).reverse();
  return [...new Set([...inReplyTo, ...references])];
}

/**
 * How an id may have been stored: as written in headers (`<a@x>`) and without the brackets, which
 * some senders record. Lookups match either.
 */
export function messageIdForms(id: string): string[] {
  const bare = id.replace(/^<|>$/g, '');
  return [`<${bare}>`, bare];
}
