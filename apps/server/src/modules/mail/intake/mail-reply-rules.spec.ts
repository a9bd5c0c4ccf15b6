import { describe, expect, it } from '@jest/globals';
import { TICKET_STATES, type TicketState } from '@tessera/domain';
import { mailOutcome, writerOf, type MailSender } from './mail-reply-rules.js';

const ticket = { requesterId: 'requester' };
const person = (id: string, role: MailSender['role'], active = true): MailSender => ({
  id,
  role,
  active,
});

describe('writerOf', () => {
  it.each([
    ['an active agent', person('a', 'agent'), false, 'staff'],
    ['an active admin', person('a', 'admin'), false, 'staff'],
    ['the requester', person('requester', 'customer'), false, 'participant'],
    ['a follower', person('f', 'customer'), true, 'participant'],
    ['an agent who follows, deactivated', person('a', 'agent', false), true, 'participant'],
    ['another customer', person('c', 'customer'), false, 'stranger'],
    ['a deactivated agent', person('a', 'agent', false), false, 'stranger'],
    ['an unknown address', undefined, false, 'stranger'],
  ] as const)('takes %s for %s', (_name, sender, follower, writer) => {
    expect(writerOf(sender, ticket, follower)).toBe(writer);
  });
});

describe('mailOutcome', () => {
  const table: [TicketState, string, string, string][] = [
    // state, participant, staff, automatic (either)
    ['new', 'stay new', 'move open', 'stay new'],
    ['open', 'stay open', 'stay open', 'stay open'],
    ['pending', 'move open', 'stay pending', 'stay pending'],
    ['resolved', 'move open (reopened)', 'stay resolved', 'stay resolved'],
    ['closed', 'follow_up', 'follow_up', 'ignore'],
    ['merged', 'redirect', 'redirect', 'redirect'],
  ];
  const describeOutcome = (outcome: ReturnType<typeof mailOutcome>) => {
    switch (outcome.kind) {
      case 'stay':
        return `stay ${outcome.state}`;
      case 'move':
        return `move ${outcome.state}${outcome.reopened ? ' (reopened)' : ''}`;
      default:
        return outcome.kind;
    }
  };

  it('covers every state', () => {
    expect(table.map(([state]) => state).sort()).toEqual([...TICKET_STATES].sort());
  });

  it.each(table)('a mail to a %s ticket', (state, participant, staff, automatic) => {
    expect(describeOutcome(mailOutcome(state, 'participant', false))).toBe(participant);
    expect(describeOutcome(mailOutcome(state, 'staff', false))).toBe(staff);
    expect(describeOutcome(mailOutcome(state, 'participant', true))).toBe(automatic);
    expect(describeOutcome(mailOutcome(state, 'staff', true))).toBe(automatic);
  });
});
