import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { CurrentActor, Requires } from '../../permission/permission.decorators.js';
import type { RequestActor } from '../../permission/request-actor.js';
import { TicketPageDto } from '../dto/ticket.dto.js';
import {
  CreateSavedViewDto,
  InboxCountsDto,
  SavedViewDto,
  SavedViewListDto,
  UpdateSavedViewDto,
} from './dto/saved-view.dto.js';
import { SavedViewError } from './saved-view.error.js';
import { SavedViewService } from './saved-view.service.js';

// A malformed id names nothing that exists: 404, like an unknown one.
const VIEW_ID = new ParseUUIDPipe({ exceptionFactory: () => SavedViewError.notFound() });

@ApiTags('views')
@Controller('api/v1/views')
export class SavedViewController {
  constructor(private readonly views: SavedViewService) {}

  @Get()
  @Requires('view:read')
  @ApiOperation({
    summary: 'My views and those shared with my queues, with live counts',
    description:
      'Your own views first, then the views shared with the queues you can see, each by name. ' +
      '`count` is how many tickets the view shows you now, as its ticket list would.',
  })
  @ApiOkResponse({ type: SavedViewListDto })
  list(@CurrentActor() actor: RequestActor): Promise<SavedViewListDto> {
    return this.views.list(actor);
  }

  @Get('inbox-counts')
  @Requires('view:read')
  @ApiOperation({
    summary: "The inbox's built-in lists, with live counts",
    description:
      'How much open work (`new`, `open`, `pending`) is assigned to you, to nobody, in all you ' +
      'can see, and in each active queue you can see: what `GET /api/v1/tickets` lists with ' +
      'those filters. Counts stop at 10000 (`countCapped`).',
  })
  @ApiOkResponse({ type: InboxCountsDto })
  inboxCounts(@CurrentActor() actor: RequestActor): Promise<InboxCountsDto> {
    return this.views.inboxCounts(actor);
  }

  @Get(':id')
  @Requires('view:read')
  @ApiOperation({ summary: 'Get a view, with its live count' })
  @ApiOkResponse({ type: SavedViewDto })
  @ApiNotFoundResponse({ description: 'No such view, or not one you can see' })
  get(
    @CurrentActor() actor: RequestActor,
    @Param('id', VIEW_ID) id: string,
  ): Promise<SavedViewDto> {
    return this.views.get(actor, id);
  }

  @Get(':id/tickets')
  @Requires('view:read')
  @ApiOperation({
    summary: "The view's tickets",
    description: "Exactly `GET /api/v1/tickets` with the view's filter and sort, for you.",
  })
  @ApiOkResponse({ type: TicketPageDto })
  @ApiNotFoundResponse({ description: 'No such view, or not one you can see' })
  tickets(
    @CurrentActor() actor: RequestActor,
    @Param('id', VIEW_ID) id: string,
    @Query() page: PageQueryDto,
  ): Promise<TicketPageDto> {
    return this.views.ticketPage(actor, id, page);
  }

  @Post()
  @Requires('view:write')
  @ApiOperation({
    summary: 'Save a view',
    description:
      'Your own, or shared with a queue (`queueId`), which needs `view:share` on that queue. ' +
      'The filter takes the fields and rules of the ticket list.',
  })
  @ApiCreatedResponse({ type: SavedViewDto })
  @ApiConflictResponse({ description: 'Too many views (100 per user, 100 shared per queue)' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateSavedViewDto,
  ): Promise<SavedViewDto> {
    return this.views.create(actor, body);
  }

  @Patch(':id')
  @Requires('view:write')
  @ApiOperation({
    summary: 'Change a view',
    description:
      'A shared view needs `view:share` on its queue (and on the queue it moves to). ' +
      '`filter` replaces the whole filter.',
  })
  @ApiOkResponse({ type: SavedViewDto })
  @ApiNotFoundResponse({ description: 'No such view, or not one you can see' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', VIEW_ID) id: string,
    @Body() body: UpdateSavedViewDto,
  ): Promise<SavedViewDto> {
    return this.views.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('view:write')
  @ApiOperation({
    summary: 'Delete a view',
    description: 'A shared view needs `view:share` on its queue.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such view, or not one you can see' })
  delete(@CurrentActor() actor: RequestActor, @Param('id', VIEW_ID) id: string): Promise<void> {
    return this.views.delete(actor, id);
  }
}
