// Splits a batch of mails into groups that can be imported side by side, in transactions of their
// own, without one waiting for the other or seeing the other's work too late.
//
// Two mails go in the same group when they may touch the same things: the same person (sender or
// CC: the customer found or created, the rate of acknowledgements), the same conversation (one's
// Message-ID among the other's references, or the same Message-ID twice), the same ticket number
// behind the subject's ticket hook, or the same attached file (stored once by its hash). Within a
// group the mails keep their order, so a reply imported after the mail it answers still finds its
// ticket.
// Anything else two groups share (an existing ticket named two different ways, say) is a row lock
// one waits for; should two groups ever wait for each other, PostgreSQL ends one of them, and its
// mails are imported again one by one.
import { messageIdForms, type InboundMail } from '@tessera/mail';

/**
 * At most `count` groups of the mails' indexes, in batch order within each: every set of
 * connected mails whole in one group, the sets spread so that the groups are of similar size.
 */
export function independentGroups(
  mails: readonly InboundMail[],
  count: number,
  ticketNumberOf: (subject: string) => number | undefined,
): number[][] {
  if (count <= 1 || mails.length <= 1) return [mails.map((_mail, index) => index)];
  const parent = mails.map((_mail, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) {
      const up = parent[at] ?? at;
      parent[at] = parent[up] ?? up;
      at = up;
    }
    return at;
  };
  const owner = new Map<string, number>();
  for (const [index, mail] of mails.entries()) {
    for (const key of keysOf(mail, ticketNumberOf)) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, index);
      else parent[root(index)] = root(other);
    }
  }
  const sets = new Map<number, number[]>();
  for (const index of parent.keys()) {
    const set = sets.get(root(index)) ?? [];
    set.push(index);
    sets.set(root(index), set);
  }
  // Largest sets first, each into the smallest group so far.
  const groups: number[][] = Array.from({ length: count }, () => []);
  for (const set of [...sets.values()].sort((a, b) => b.length - a.length)) {
    const smallest = groups.reduce((min, group) => (group.length < min.length ? group : min));
    smallest.push(...set);
  }
  return groups.filter((group) => group.length > 0).map((group) => group.sort((a, b) => a - b));
}

/** What a mail may touch that another mail could touch too. */
function keysOf(
  mail: InboundMail,
  ticketNumberOf: (subject: string) => number | undefined,
): string[] {
  const keys = [mail.from, ...mail.cc].map((person) => `person:${person.address.toLowerCase()}`);
  for (const id of [mail.messageKey, ...mail.references]) {
    keys.push(...messageIdForms(id).map((form) => `message:${form}`));
  }
  const number = ticketNumberOf(mail.subject);
  if (number !== undefined) keys.push(`ticket:${number}`);
  for (const file of mail.attachments) keys.push(`file:${fileKey(file.content)}`);
  return keys;
}

/**
 * The same for the same bytes, without hashing them (storing the file does that once): its size
 * and its first and last bytes. Two different files that agree on those only share a group.
 */
function fileKey(content: Buffer): string {
  const ends = Buffer.concat([content.subarray(0, 32), content.subarray(-32)]);
  return `${content.length}:${ends.toString('base64')}`;
}
