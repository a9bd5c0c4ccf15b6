// What an uploaded file may be called, and how a download names it (RFC 6266 / RFC 8187).

export const MAX_FILENAME_LENGTH = 255;

// C0 and C1 controls, DEL, and the bidirectional formatting characters that can make
// "invoice\u202Efdp.exe" look like "invoiceexe.pdf".
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The file's own name, fit to store and show: the last segment of a path (either separator), in
 * NFC, without control or bidi characters, trimmed. A problem when nothing usable is left (blank,
 * only dots) or when it is longer than 255 characters.
 */
export function sanitizeFilename(raw: string): { filename: string } | { problem: string } {
  const name = (raw.normalize('NFC').split(/[/\\]/).pop() ?? '').replace(INVISIBLE, '').trim();
  if (name === '' || /^\.+$/.test(name)) return { problem: 'must name a file' };
  if ([...name].length > MAX_FILENAME_LENGTH) {
    return { problem: `must be at most ${MAX_FILENAME_LENGTH} characters` };
  }
  return { filename: name };
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: the quoted name is an ASCII fallback for old
 * clients (anything else, quotes and backslashes become `_`); `filename*` carries the exact name.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/gu, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}

/** RFC 8187 value-chars: percent-encoded UTF-8 except attr-char (encodeURIComponent keeps '()*!). */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
