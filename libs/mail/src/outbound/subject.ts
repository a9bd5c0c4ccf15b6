// Subjects of outgoing mail. The ticket tag (`[Ticket#10042]`) is added by the caller with the
// help desk's own hook (tagSubject in @tessera/domain).

const REPLY_PREFIX = /^\s*(re|aw|sv|antw)\s*:/i;

/** One line: a header must not carry line breaks, and runs of white space collapse. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `Re: <subject>`, without stacking prefixes when the subject already answers something. */
export function replySubject(subject: string): string {
  const line = singleLine(subject);
  return REPLY_PREFIX.test(line) ? line : `Re: ${line}`.trim();
}
