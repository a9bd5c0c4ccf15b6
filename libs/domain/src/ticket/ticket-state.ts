// The life of a ticket. Agents move it between states by hand within the allowed transitions;
// replies move it by rule (a customer answering a pending ticket reopens it, and so on).

export const TICKET_STATES = ['new', 'open', 'pending', 'resolved', 'closed', 'merged'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** States a person may choose; `merged` is reached only by merging. */
const MANUAL_TRANSITIONS: Record<TicketState, readonly TicketState[]> = {
  new: ['open', 'pending', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  // Closed and merged tickets are history: a customer reply to a closed one opens a follow-up.
  closed: [],
  merged: [],
};

export type TransitionCheck =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'same_state' | 'terminal' | 'not_allowed';
      allowedTargets: TicketState[];
    };

export function checkTransition(from: TicketState, to: TicketState): TransitionCheck {
  const allowedTargets = [...MANUAL_TRANSITIONS[from]];
  if (from === to) return { allowed: false, reason: 'same_state', allowedTargets };
  if (allowedTargets.length === 0) return { allowed: false, reason: 'terminal', allowedTargets };
  return allowedTargets.includes(to)
    ? { allowed: true }
    : { allowed: false, reason: 'not_allowed', allowedTargets };
}

/** Closed and merged tickets take no more changes. */
export function isTerminal(state: TicketState): boolean {
  return state === 'closed' || state === 'merged';
}

/** States that count as waiting on the agents: SLA clocks run, the ticket shows in work views. */
export function isActive(state: TicketState): boolean {
  return state === 'new' || state === 'open';
}

export type ReplyOutcome =
  | { kind: 'stay'; state: TicketState }
  | { kind: 'move'; state: TicketState; reopened: boolean }
  /** The ticket is over: the reply starts a new ticket linked to it. */
  | { kind: 'follow_up' }
  /** The ticket was merged: the reply goes to the ticket it was merged into. */
  | { kind: 'redirect' }
  | { kind: 'refused' };

/**
 * What a customer's reply does: it brings a ticket waiting on them back to the agents, reopens a
 * resolved one, starts a follow-up for a closed one and goes where a merged one went.
 */
export function afterCustomerReply(state: TicketState): ReplyOutcome {
  switch (state) {
    case 'new':
    case 'open':
      return { kind: 'stay', state };
    case 'pending':
      return { kind: 'move', state: 'open', reopened: false };
    case 'resolved':
      return { kind: 'move', state: 'open', reopened: true };
    case 'closed':
      return { kind: 'follow_up' };
    case 'merged':
      // Replies to a merged ticket belong to the ticket it was merged into; the caller redirects.
      return { kind: 'redirect' };
  }
}

/** What an agent's public reply does when they do not choose a state: a new ticket is now open. */
export function afterAgentReply(state: TicketState): ReplyOutcome {
  if (state === 'new') return { kind: 'move', state: 'open', reopened: false };
  if (isTerminal(state)) return { kind: 'refused' };
  return { kind: 'stay', state };
}
