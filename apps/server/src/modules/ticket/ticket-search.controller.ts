import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { TicketSearchPageDto, TicketSearchQueryDto } from './dto/ticket-search.dto.js';
import { TicketSearchService } from './ticket-search.service.js';

@ApiTags('tickets')
@Controller('api/v1/search')
export class TicketSearchController {
  constructor(private readonly search: TicketSearchService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Search tickets, best match first',
    description:
      'Full-text search over the subject, the requester and public messages, with filters. ' +
      'Only tickets the caller may see, as in the ticket list; internal notes are never searched.',
  })
  @ApiOkResponse({ type: TicketSearchPageDto })
  @ApiBadRequestResponse({
    description: 'validation_failed: `q` names each invalid filter, e.g. `state:bogus`',
  })
  find(
    @CurrentActor() actor: RequestActor,
    @Query() query: TicketSearchQueryDto,
  ): Promise<TicketSearchPageDto> {
    return this.search.search(actor, query);
  }
}
