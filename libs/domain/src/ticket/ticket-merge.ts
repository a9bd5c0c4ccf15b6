// Merging folds a duplicate ticket into another one: its conversation moves over and it stays
// behind, `merged`, pointing at where it went. Only tickets still in play take part.
import type { TicketState } from './ticket-state.js';

/**
 * How many `merged into` steps a reply to a merged ticket follows to find where it belongs. Merging
 * into a merged ticket is refused, so a chain only grows when its end is merged later on.
 */
export const MAX_MERGE_HOPS = 5;

export type MergeCheck =
  | { allowed: true }
  | {
      allowed: false;
      /** `same_ticket`: into itself; otherwise which side is over, and in what state. */
      reason: 'same_ticket' | 'source_finished' | 'target_finished';
      state?: TicketState;
    };

/** Whether `source` may be merged into `target`: two different tickets, neither closed nor merged. */
export function checkMerge(
  source: { id: string; state: TicketState },
  target: { id: string; state: TicketState },
): MergeCheck {
  if (source.id === target.id) return { allowed: false, reason: 'same_ticket' };
  if (isOver(source.state))
    return { allowed: false, reason: 'source_finished', state: source.state };
  if (isOver(target.state))
    return { allowed: false, reason: 'target_finished', state: target.state };
  return { allowed: true };
}

function isOver(state: TicketState): boolean {
  return state === 'closed' || state === 'merged';
}
