// The name a mail's file is stored under: its own when it has a usable one, otherwise one made
// from its kind and type (inline images often come without a name).
import type { InboundAttachment } from '@tessera/mail';
import { MAX_FILENAME_LENGTH, sanitizeFilename } from '../../attachment/attachment-filename.js';

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/calendar': '.ics',
  'message/rfc822': '.eml',
  'application/ms-tnef': '.dat',
};

export function attachmentName(
  file: Pick<InboundAttachment, 'filename' | 'contentType' | 'inline'>,
  index: number,
): string {
  const own = file.filename === undefined ? undefined : sanitizeFilename(file.filename);
  if (own && 'filename' in own) return own.filename;
  const extension = EXTENSIONS[file.contentType] ?? '.bin';
  if (own && file.filename !== undefined && [...file.filename].length > MAX_FILENAME_LENGTH) {
    // Too long: keep its start, and the extension it had.
    const shortened = sanitizeFilename(
      [...file.filename].slice(0, MAX_FILENAME_LENGTH - 10).join('') +
        (/\.[a-z0-9]{1,8}$/i.exec(file.filename)?.[0] ?? extension),
    );
    if ('filename' in shortened) return shortened.filename;
  }
  return `${file.inline ? 'inline' : 'attachment'}-${index + 1}${extension}`;
}
