import { describe, expect, it } from '@jest/globals';
import { checkMerge } from './ticket-merge.js';
import { TICKET_STATES, type TicketState } from './ticket-state.js';

const over = (state: TicketState) => state === 'closed' || state === 'merged';

describe('checkMerge', () => {
  const pairs = TICKET_STATES.flatMap((source) =>
    TICKET_STATES.map((target) => [source, target] as const),
  );

  it.each(pairs)('%s into %s', (source, target) => {
    const result = checkMerge({ id: 'a', state: source }, { id: 'b', state: target });
    if (over(source)) {
      expect(result).toEqual({ allowed: false, reason: 'source_finished', state: source });
    } else if (over(target)) {
      expect(result).toEqual({ allowed: false, reason: 'target_finished', state: target });
    } else {
      expect(result).toEqual({ allowed: true });
    }
  });

  it('refuses a ticket merged into itself, whatever its state', () => {
    for (const state of TICKET_STATES) {
      expect(checkMerge({ id: 'a', state }, { id: 'a', state })).toEqual({
        allowed: false,
        reason: 'same_ticket',
      });
    }
  });
});
