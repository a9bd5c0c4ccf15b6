import { describe, expect, it } from '@jest/globals';
import type { InboundMail } from '@tessera/mail';
import { independentGroups } from './independent-mails.js';

function mail(fields: {
  key: string;
  from: string;
  cc?: string[];
  references?: string[];
  subject?: string;
  files?: string[];
}): InboundMail {
  return {
    messageKey: `<${fields.key}>`,
    synthesizedKey: false,
    references: (fields.references ?? []).map((ref) => `<${ref}>`),
    subject: fields.subject ?? 'Hello',
    from: { address: fields.from, name: '' },
    replyTo: [],
    to: [{ address: 'support@tessera.test', name: '' }],
    cc: (fields.cc ?? []).map((address) => ({ address, name: '' })),
    date: undefined,
    text: 'text',
    html: undefined,
    attachments: (fields.files ?? []).map((content) => ({
      filename: 'a.txt',
      contentType: 'text/plain',
      content: Buffer.from(content),
    })) as InboundMail['attachments'],
    headers: new Map(),
  };
}

/** The hook numbers of "[Ticket#N]" subjects. */
const hookNumber = (subject: string) => {
  const match = /\[Ticket#(\d+)\]/.exec(subject);
  return match ? Number(match[1]) : undefined;
};

describe('independentGroups', () => {
  it('keeps a batch whole for one group, or for a single mail', () => {
    const mails = [mail({ key: 'a', from: 'a@x' }), mail({ key: 'b', from: 'b@x' })];
    expect(independentGroups(mails, 1, hookNumber)).toEqual([[0, 1]]);
    expect(independentGroups(mails.slice(0, 1), 2, hookNumber)).toEqual([[0]]);
  });

  it('spreads unrelated mails over the groups, in batch order within each', () => {
    const mails = ['a', 'b', 'c', 'd', 'e'].map((k) => mail({ key: k, from: `${k}@x` }));
    const groups = independentGroups(mails, 2, hookNumber);
    expect(groups).toHaveLength(2);
    expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4]);
    for (const group of groups) expect(group).toEqual([...group].sort((a, b) => a - b));
    expect(Math.abs((groups[0]?.length ?? 0) - (groups[1]?.length ?? 0))).toBeLessThanOrEqual(1);
  });

  it.each([
    [
      'the same sender, in any case',
      [mail({ key: 'a', from: 'ann@x' }), mail({ key: 'b', from: 'ANN@x' })],
    ],
    [
      'a sender copied on the other mail',
      [mail({ key: 'a', from: 'ann@x', cc: ['bob@x'] }), mail({ key: 'b', from: 'bob@x' })],
    ],
    [
      'a reply by its references, with or without angle brackets',
      [mail({ key: 'a', from: 'ann@x' }), mail({ key: 'b', from: 'bob@x', references: ['a'] })],
    ],
    [
      'the same Message-ID twice',
      [mail({ key: 'a', from: 'ann@x' }), mail({ key: 'a', from: 'bob@x' })],
    ],
    [
      'the same ticket number behind the hook',
      [
        mail({ key: 'a', from: 'ann@x', subject: 'Re: [Ticket#10042] Printer' }),
        mail({ key: 'b', from: 'bob@x', subject: '[Ticket#10042]' }),
      ],
    ],
    [
      'the same attached file',
      [
        mail({ key: 'a', from: 'ann@x', files: ['logo'] }),
        mail({ key: 'b', from: 'bob@x', files: ['logo'] }),
      ],
    ],
  ])('keeps mails together that share %s', (_what, related) => {
    const mails = [...related, mail({ key: 'z', from: 'zoe@x' })];
    expect(independentGroups(mails, 2, hookNumber)).toEqual([[0, 1], [2]]);
  });

  it('does not join mails by numbers outside the ticket hook, or by other files', () => {
    const mails = [
      mail({ key: 'a', from: 'ann@x', subject: 'Invoice 2026', files: ['one'] }),
      mail({ key: 'b', from: 'bob@x', subject: 'Order 2026', files: ['two'] }),
    ];
    expect(independentGroups(mails, 2, hookNumber)).toEqual([[0], [1]]);
  });

  it('joins chains: a reply to a reply of a mail', () => {
    const mails = [
      mail({ key: 'a', from: 'ann@x' }),
      mail({ key: 'x', from: 'xavier@x' }),
      mail({ key: 'c', from: 'carl@x', references: ['b'] }),
      mail({ key: 'b', from: 'bob@x', references: ['a'] }),
    ];
    expect(independentGroups(mails, 2, hookNumber)).toEqual([[0, 2, 3], [1]]);
  });
});
