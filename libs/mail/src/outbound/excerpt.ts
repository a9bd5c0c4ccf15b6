// The start of a message as plain text, for mail that tells someone about it without quoting it
// whole (the agent's "the customer replied" notification).

/** About `max` characters of `text`: line ends normalised, cut at a word, `…` when cut. */
export function textExcerpt(text: string, max = 500): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if ([...clean].length <= max) return clean;
  const head = [...clean].slice(0, max).join('');
  // Back to the last white space, unless that throws away a fifth of the excerpt.
  const space = head.search(/\s\S*$/);
  const cut = space > max * 0.8 ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}
