import { describe, expect, it } from '@jest/globals';
import {
  afterAgentReply,
  afterCustomerReply,
  checkTransition,
  isTerminal,
  TICKET_STATES,
  type TicketState,
} from './ticket-state.js';

// Every pair of states, with the answer a person choosing the target gets.
const EXPECTED: Record<TicketState, Partial<Record<TicketState, true>>> = {
  new: { open: true, pending: true, resolved: true },
  open: { pending: true, resolved: true },
  pending: { open: true, resolved: true },
  resolved: { open: true, closed: true },
  closed: {},
  merged: {},
};

describe('checkTransition', () => {
  const pairs = TICKET_STATES.flatMap((from) => TICKET_STATES.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s', (from, to) => {
    const result = checkTransition(from, to);
    expect(result.allowed).toBe(EXPECTED[from][to] === true);
    if (!result.allowed) {
      const reason = from === to ? 'same_state' : isTerminal(from) ? 'terminal' : 'not_allowed';
      expect(result.reason).toBe(reason);
      expect(result.allowedTargets.sort()).toEqual(Object.keys(EXPECTED[from]).sort());
    }
  });

  it('never lets a person choose merged', () => {
    for (const from of TICKET_STATES) expect(checkTransition(from, 'merged').allowed).toBe(false);
  });
});

describe('afterCustomerReply', () => {
  it.each([
    ['new', { kind: 'stay', state: 'new' }],
    ['open', { kind: 'stay', state: 'open' }],
    ['pending', { kind: 'move', state: 'open', reopened: false }],
    ['resolved', { kind: 'move', state: 'open', reopened: true }],
    ['closed', { kind: 'follow_up' }],
    ['merged', { kind: 'redirect' }],
  ] as const)('%s', (state, outcome) => {
    expect(afterCustomerReply(state)).toEqual(outcome);
  });
});

describe('afterAgentReply', () => {
  it.each([
    ['new', { kind: 'move', state: 'open', reopened: false }],
    ['open', { kind: 'stay', state: 'open' }],
    ['pending', { kind: 'stay', state: 'pending' }],
    ['resolved', { kind: 'stay', state: 'resolved' }],
    ['closed', { kind: 'refused' }],
    ['merged', { kind: 'refused' }],
  ] as const)('%s', (state, outcome) => {
    expect(afterAgentReply(state)).toEqual(outcome);
  });
});
