// HTML parts of outgoing mail: the stored (already sanitised) HTML of a message, or its text
// made safe to show as HTML.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Plain text as HTML: escaped, paragraphs at blank lines, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim().length > 0)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

/** Whether `html` is a whole document (a doctype or an `<html>` element first), not a fragment. */
export function isHtmlDocument(html: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(html);
}

/** A complete document around a body fragment, declaring its encoding. */
export function htmlDocument(body: string): string {
  return (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body>\n' +
    body +
    '\n</body></html>\n'
  );
}
