// What an incoming mail may do to the ticket it names: who may write into a ticket by mail, and
// how their mail moves it. Pure rules, so each case has a test of its own.
import {
  afterAgentReply,
  afterCustomerReply,
  type ReplyOutcome,
  type Role,
  type TicketState,
} from '@tessera/domain';

export interface MailSender {
  id: string;
  role: Role;
  active: boolean;
}

/** Who wrote a mail, as far as a ticket is concerned. */
export type MailWriter = 'staff' | 'participant' | 'stranger';

/**
 * Staff (active agents and admins) may write into any ticket by mail; customers only into tickets
 * they asked or follow. Anyone else quoting a ticket's number or Message-ID is a stranger: their
 * mail must not land in someone else's conversation.
 */
export function writerOf(
  sender: MailSender | undefined,
  ticket: { requesterId: string },
  isFollower: boolean,
): MailWriter {
  if (!sender) return 'stranger';
  if (sender.active && (sender.role === 'agent' || sender.role === 'admin')) return 'staff';
  return sender.id === ticket.requesterId || isFollower ? 'participant' : 'stranger';
}

/** What a mail does: as a reply would, or nothing at all (an automatic reply to a closed ticket). */
export type MailOutcome = ReplyOutcome | { kind: 'ignore'; reason: string };

/**
 * A participant's mail is a customer's reply (it reopens, or follows up a closed ticket); a
 * staff member's mail is a public agent reply (it opens a new ticket; to a closed one it opens a
 * follow-up, as staff cannot write into closed tickets). A machine's mail (an auto-reply) changes
 * no state: it is stored where it belongs, or ignored when that is a closed ticket.
 */
export function mailOutcome(
  state: TicketState,
  writer: Exclude<MailWriter, 'stranger'>,
  automatic: boolean,
): MailOutcome {
  if (state === 'merged') return { kind: 'redirect' };
  if (automatic) {
    return state === 'closed'
      ? { kind: 'ignore', reason: 'an automatic reply to a closed ticket' }
      : { kind: 'stay', state };
  }
  if (writer === 'participant') return afterCustomerReply(state);
  return state === 'closed' ? { kind: 'follow_up' } : afterAgentReply(state);
}
