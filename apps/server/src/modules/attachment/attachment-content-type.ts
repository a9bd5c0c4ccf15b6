// Which Content-Type an attachment is stored with, and which one a download is served with.

export const OCTET_STREAM = 'application/octet-stream';

// RFC 9110 token characters, lower case (types are compared case-insensitively).
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
// Types a browser would run or render with scripts, styles or links into the page: html,
// anything xml (svg, xhtml, rss), scripts, style sheets, wasm, flash, multipart and mail.
const ACTIVE_SUBTYPE = /html|script|svg|^xml$|\+xml$|^wasm$|flash|futuresplash/;
const PASSIVE_TEXT = new Set(['plain', 'csv']);

/**
 * The declared type as `type/subtype` in lower case, keeping a charset parameter; the generic
 * application/octet-stream when it is missing, malformed or too long to store.
 */
export function normalizeContentType(declared: string | undefined): string {
  if (declared === undefined) return OCTET_STREAM;
  const [essence = '', ...parameters] = declared.split(';');
  const parts = essence.trim().toLowerCase().split('/');
  const [type, subtype] = parts;
  if (parts.length !== 2 || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype)) {
    return OCTET_STREAM;
  }
  const charset = parameters
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"(.*)"$/, '$1');
  const normalized =
    charset && TOKEN.test(charset)
      ? `${type}/${subtype}; charset=${charset}`
      : `${type}/${subtype}`;
  return normalized.length <= 255 ? normalized : OCTET_STREAM;
}

/** The stored type, unless a browser could treat it as active content: then octet-stream. */
export function servedContentType(stored: string): string {
  const [type = '', subtype = ''] = (stored.split(';')[0] ?? '').trim().toLowerCase().split('/');
  const active =
    ACTIVE_SUBTYPE.test(subtype) ||
    type === 'multipart' ||
    type === 'message' ||
    (type === 'text' && !PASSIVE_TEXT.has(subtype));
  return active ? OCTET_STREAM : stored;
}
