// A received mail as intake needs it: who wrote it, to whom, what it answers, its bodies and its
// files, decoded from the raw bytes by mailparser (charsets, transfer encodings, encoded words).
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { messageKeyOf, referencedMessageIds } from './message-id.js';
import { readHeaders, type HeaderMap } from './raw-headers.js';

export interface InboundAddress {
  /** Lower case. */
  address: string;
  /** The display name, decoded; empty when there is none. */
  name: string;
}

export interface InboundAttachment {
  /** As the mail names it; undefined when it names none (common for inline images). */
  filename: string | undefined;
  /** Lower case, without parameters. */
  contentType: string;
  content: Buffer;
  /** Content-ID without brackets: what `cid:` URLs in the HTML body point at. */
  contentId: string | undefined;
  /** Shown inside the HTML body (an image it references) rather than listed as a file. */
  inline: boolean;
}

export interface InboundMail {
  /** The Message-ID, or the id made from the bytes' SHA-256 when there is none (see `synthesized`). */
  messageKey: string;
  synthesizedKey: boolean;
  /** In-Reply-To then References, newest first (see referencedMessageIds). */
  references: string[];
  subject: string;
  from: InboundAddress;
  replyTo: InboundAddress[];
  to: InboundAddress[];
  cc: InboundAddress[];
  date: Date | undefined;
  /** The plain-text body, if the mail has one. */
  text: string | undefined;
  /** The HTML body as sent, not yet sanitised. */
  html: string | undefined;
  attachments: InboundAttachment[];
  headers: HeaderMap;
}

/** The mail cannot be read as a mail: it is quarantined with this reason. */
export class UnparseableMailError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnparseableMailError';
  }
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;

/** Parses a raw mail; throws UnparseableMailError when it has no headers or no sender. */
export async function parseInboundMail(raw: Buffer): Promise<InboundMail> {
  const headers = readHeaders(raw);
  if (!headers) throw new UnparseableMailError('no header section: this is not a mail');
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      // Inline images stay attachments that the HTML points at with cid: URLs.
      keepCidLinks: true,
      // Delivery reports keep their machine-readable part (bounce detection reads it).
      keepDeliveryStatus: true,
      // Tessera derives the text of an HTML-only mail itself, from the sanitised HTML.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw new UnparseableMailError(`the MIME structure cannot be read: ${messageOf(error)}`);
  }
  const [from] = addresses(parsed.from);
  if (!from) throw new UnparseableMailError('no sender address (From)');
  const { key, synthesized } = messageKeyOf(raw, headers);
  return {
    messageKey: key,
    synthesizedKey: synthesized,
    references: referencedMessageIds(headers),
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    from,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: parsed.date,
    text: parsed.text === undefined || parsed.text === '' ? undefined : parsed.text,
    html: typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : undefined,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: (attachment.contentType ?? 'application/octet-stream').toLowerCase(),
      content: attachment.content,
      contentId: attachment.cid,
      inline: attachment.related === true,
    })),
    headers,
  };
}

/** The individual addresses of an address header (groups flattened), lower case, valid only. */
function addresses(value: AddressObject | AddressObject[] | undefined): InboundAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: InboundAddress[] = [];
  const visit = (entries: { address?: string; name: string; group?: unknown[] }[]) => {
    for (const entry of entries) {
      if (Array.isArray(entry.group)) visit(entry.group as typeof entries);
      const address = entry.address?.trim().toLowerCase();
      if (address && ADDRESS.test(address) && !result.some((a) => a.address === address)) {
        result.push({ address, name: (entry.name ?? '').trim() });
      }
    }
  };
  for (const object of objects) visit(object.value);
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
