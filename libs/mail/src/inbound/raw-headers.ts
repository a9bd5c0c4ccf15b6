// The header section of a raw mail, read without a MIME parser: enough to key a message, classify
// it (auto-replies, lists, loops) and thread it, even when the rest of it cannot be parsed.

/** Header names in lower case, each with its values (unfolded, trimmed) in the order they came. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** Headers longer than this are not a mail any client writes; the rest is left unread. */
const MAX_HEADER_BYTES = 256 * 1024;
// RFC 5322 field name: printable US-ASCII except the colon.
const FIELD = /^([!-9;-~]+)[ \t]*:[ \t]*(.*)$/;

/**
 * The mail's headers, or undefined when the bytes do not start with a header section (not a mail
 * at all). An mbox `From ` separator line before the headers is skipped.
 */
export function readHeaders(raw: Buffer): HeaderMap | undefined {
  const text = raw.subarray(0, MAX_HEADER_BYTES).toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end < 0 ? text : text.slice(0, end)).split(/\r?\n/);
  if (lines[0]?.startsWith('From ') && !FIELD.test(lines[0])) lines.shift();
  const headers = new Map<string, string[]>();
  let current: { name: string; value: string } | undefined;
  const flush = () => {
    if (!current) return;
    const values = headers.get(current.name) ?? [];
    values.push(current.value.replace(/\s+/g, ' ').trim());
    headers.set(current.name, values);
    current = undefined;
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    const field = FIELD.exec(line);
    if (!field?.[1]) {
      // A first line that is no header field: these bytes are not a mail.
      if (headers.size === 0 && !current) return undefined;
      continue;
    }
    flush();
    current = { name: field[1].toLowerCase(), value: field[2] ?? '' };
  }
  flush();
  return headers.size > 0 ? headers : undefined;
}

/** The first value of a header, if present. */
export function firstHeader(headers: HeaderMap, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0];
}
