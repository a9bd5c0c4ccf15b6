import { Injectable } from '@nestjs/common';
import { decide, type TicketState } from '@tessera/domain';
import type { Page, PageQueryDto } from '../../../common/pagination/page.js';
import { Clock } from '../../../common/time/clock.js';
import type { RequestActor } from '../../permission/request-actor.js';
import type { TicketDto } from '../dto/ticket.dto.js';
import { ticketFilterOf, type TicketFilterFields } from '../ticket-filter.js';
import { DEFAULT_TICKET_SORT } from '../ticket-sort.js';
import { scopeOf, TicketService } from '../ticket.service.js';
import type {
  CreateSavedViewDto,
  InboxCountsDto,
  ListCountDto,
  SavedViewDto,
  SavedViewFilterDto,
  SavedViewListDto,
  UpdateSavedViewDto,
} from './dto/saved-view.dto.js';
import { SavedViewError } from './saved-view.error.js';
import { SavedViewRepository, type SavedViewRecord } from './saved-view.repository.js';

/** Counts stop here: past it a number is no longer read, and counting on would cost. */
export const MAX_VIEW_COUNT = 10_000;
/** What the inbox's built-in lists count: tickets waiting on the agents or on the customer. */
export const OPEN_WORK: TicketState[] = ['new', 'open', 'pending'];
/** Views per user, and shared views per queue: GET /views counts them all in one statement. */
export const MAX_VIEWS = 100;

/**
 * Saved views: a user's own, and those shared with a queue, which everyone who can see the queue
 * sees and only those who may share there (manage, admins) change. What a view shows, and counts,
 * is the ticket list with its filter for whoever looks: their scope, `me` is them.
 */
@Injectable()
export class SavedViewService {
  constructor(
    private readonly views: SavedViewRepository,
    private readonly tickets: TicketService,
    private readonly clock: Clock,
  ) {}

  async list(actor: RequestActor): Promise<SavedViewListDto> {
    const views = await this.views.findVisible(
      actor.userId,
      actor.role === 'admin' ? 'all' : [...actor.queueAccess.keys()],
    );
    return { items: await this.withCounts(actor, views) };
  }

  /**
   * The inbox's built-in lists with their open work: mine, unassigned, everything, and each
   * active queue the actor sees, all counted in one statement on the list's own conditions.
   */
  async inboxCounts(actor: RequestActor): Promise<InboxCountsDto> {
    const scope = scopeOf(actor);
    const queueIds = await this.views.activeQueueIds(scope);
    const counts = await this.views.countTickets(
      scope,
      [
        { states: OPEN_WORK, assigneeId: actor.userId },
        { states: OPEN_WORK, assigneeId: null },
        { states: OPEN_WORK },
        ...queueIds.map((queueId) => ({ states: OPEN_WORK, queueId })),
      ],
      MAX_VIEW_COUNT,
    );
    const [mine, unassigned, all, ...queues] = counts.map(capped);
    return {
      mine: mine ?? capped(0),
      unassigned: unassigned ?? capped(0),
      all: all ?? capped(0),
      queues: queueIds.map((queueId, i) => ({ queueId, ...(queues[i] ?? capped(0)) })),
    };
  }

  async get(actor: RequestActor, id: string): Promise<SavedViewDto> {
    const [view] = await this.withCounts(actor, [await this.visible(actor, id)]);
    if (!view) throw SavedViewError.notFound();
    return view;
  }

  /** The view's page of tickets: exactly GET /tickets with the view's filter and sort. */
  async ticketPage(actor: RequestActor, id: string, page: PageQueryDto): Promise<Page<TicketDto>> {
    const view = await this.visible(actor, id);
    return this.tickets.list(actor, {
      ...(view.filter as TicketFilterFields),
      sort: view.sort,
      limit: page.limit,
      cursor: page.cursor,
    });
  }

  async create(actor: RequestActor, input: CreateSavedViewDto): Promise<SavedViewDto> {
    const queueId = input.queueId ?? null;
    if (queueId) await this.authorizeShare(actor, queueId);
    await this.checkRoom(actor, queueId);
    const id = await this.views.insert(
      {
        name: input.name,
        ownerId: queueId ? null : actor.userId,
        queueId,
        filter: plain(input.filter),
        sort: input.sort ?? DEFAULT_TICKET_SORT,
      },
      this.clock.now(),
    );
    return this.get(actor, id);
  }

  async update(actor: RequestActor, id: string, input: UpdateSavedViewDto): Promise<SavedViewDto> {
    const view = await this.visible(actor, id);
    if (view.queueId) await this.authorizeShare(actor, view.queueId);
    const queueId = input.queueId === undefined ? view.queueId : input.queueId;
    if (queueId !== view.queueId) {
      if (queueId) await this.authorizeShare(actor, queueId);
      await this.checkRoom(actor, queueId);
    }
    await this.views.update(
      view.id,
      {
        name: input.name ?? view.name,
        // A shared view made personal becomes the view of whoever did it.
        ownerId: queueId ? null : actor.userId,
        queueId,
        filter: input.filter ? plain(input.filter) : view.filter,
        sort: input.sort ?? view.sort,
      },
      this.clock.now(),
    );
    return this.get(actor, view.id);
  }

  async delete(actor: RequestActor, id: string): Promise<void> {
    const view = await this.visible(actor, id);
    if (view.queueId) await this.authorizeShare(actor, view.queueId);
    await this.views.delete(view.id);
  }

  /** The view, if the actor may see it: their own, or shared with a queue they can see. */
  private async visible(actor: RequestActor, id: string): Promise<SavedViewRecord> {
    const view = await this.views.findById(id);
    const visible =
      view !== undefined &&
      (view.ownerId === actor.userId ||
        (view.queueId !== null &&
          decide(actor, 'queue:read', { kind: 'queue', queueId: view.queueId }).allowed));
    if (!visible) throw SavedViewError.notFound();
    return view;
  }

  /** Sharing with a queue, or changing what is shared there, takes `view:share` on it. */
  private async authorizeShare(actor: RequestActor, queueId: string): Promise<void> {
    const decision = decide(actor, 'view:share', { kind: 'queue', queueId });
    if (!decision.allowed) {
      throw decision.conceal
        ? SavedViewError.queueNotFound()
        : SavedViewError.forbidden('view:share');
    }
    // Admins pass the policy for any id: it must still name a queue.
    if (!(await this.views.queueExists(queueId))) throw SavedViewError.noSuchQueue();
  }

  private async checkRoom(actor: RequestActor, queueId: string | null): Promise<void> {
    const count = await this.views.countOf(queueId ? { queueId } : { ownerId: actor.userId });
    if (count >= MAX_VIEWS) throw SavedViewError.tooMany(MAX_VIEWS, queueId !== null);
  }

  /** The views with their counts for this actor, all counted in one database round trip. */
  private async withCounts(actor: RequestActor, views: SavedViewRecord[]): Promise<SavedViewDto[]> {
    const counts = await this.views.countTickets(
      scopeOf(actor),
      views.map((view) => ticketFilterOf(actor, view.filter as TicketFilterFields)),
      MAX_VIEW_COUNT,
    );
    return views.map((view, i) => {
      const count = counts[i] ?? 0;
      return {
        id: view.id,
        name: view.name,
        queueId: view.queueId,
        filter: view.filter,
        sort: view.sort,
        ...capped(count),
        createdAt: view.createdAt.toISOString(),
        updatedAt: view.updatedAt.toISOString(),
      };
    });
  }
}

function capped(count: number): ListCountDto {
  return { count: Math.min(count, MAX_VIEW_COUNT), countCapped: count > MAX_VIEW_COUNT };
}

/** The validated filter as stored: only the fields that were given. */
function plain(filter: SavedViewFilterDto | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filter ?? {})) as Record<string, unknown>;
}
