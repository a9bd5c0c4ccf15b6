// The ticket list's filters as the API takes them (a query string, or a saved view's stored
// filter), turned into what the repository filters on, for one caller: `me` is whoever asks.
import type { RequestActor } from '../permission/request-actor.js';
import type { TicketListQueryDto } from './dto/ticket.dto.js';
import type { TicketFilter } from './ticket.repository.js';

/** The filter fields of the list query, without paging and sort. */
export type TicketFilterFields = Omit<TicketListQueryDto, 'limit' | 'cursor' | 'sort'>;

export function ticketFilterOf(actor: RequestActor, input: TicketFilterFields): TicketFilter {
  return {
    states: input.state,
    priorities: input.priority,
    queueId: input.queueId?.toLowerCase(),
    assigneeId:
      input.assignee === 'me'
        ? actor.userId
        : input.assignee === 'none'
          ? null
          : input.assignee?.toLowerCase(),
    requesterId: input.requesterId?.toLowerCase(),
    organizationId: input.organizationId?.toLowerCase(),
    tag: input.tag,
    createdFrom: input.createdFrom,
    createdTo: input.createdTo,
    updatedFrom: input.updatedFrom,
    updatedTo: input.updatedTo,
    dueBefore: input.dueBefore,
  };
}
