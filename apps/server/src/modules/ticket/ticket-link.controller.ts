import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  CreateTicketLinkDto,
  MergeResultDto,
  MergeTicketDto,
  TicketLinkDto,
  TicketLinkListDto,
} from './dto/ticket-link.dto.js';
import { TicketLinkService } from './ticket-link.service.js';
import { TicketMergeService } from './ticket-merge.service.js';

const TICKET_REFERENCE = {
  name: 'id',
  description: 'The ticket id (UUID) or its number (`10042` or `#10042`)',
};

@ApiTags('tickets')
@Controller('api/v1/tickets/:id')
export class TicketLinkController {
  constructor(
    private readonly links: TicketLinkService,
    private readonly merges: TicketMergeService,
  ) {}

  @Get('links')
  @Requires('ticket:read')
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'Tickets linked to this one, oldest link first',
    description:
      'Related tickets and follow-ups, each with the other ticket and which end of the link ' +
      'this one is. Links to tickets the caller may not see are left out.',
  })
  @ApiOkResponse({ type: TicketLinkListDto })
  list(@CurrentActor() actor: RequestActor, @Param('id') id: string): Promise<TicketLinkListDto> {
    return this.links.list(actor, id);
  }

  @Post('links')
  @Requires('ticket:update')
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'Link another ticket to this one',
    description:
      'Needs `ticket:update` on both tickets. 201 with the new link, 200 with the link there ' +
      'already is when the two are linked (either way round). A ticket the caller cannot see ' +
      'answers 400 naming `ticketId`, as one that does not exist.',
  })
  @ApiCreatedResponse({ type: TicketLinkDto })
  @ApiOkResponse({ type: TicketLinkDto, description: 'Already linked' })
  @ApiBadRequestResponse({ description: '`ticketId` names no ticket you can see, or this one' })
  async link(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Body() body: CreateTicketLinkDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketLinkDto> {
    const { link, created } = await this.links.link(actor, id, body);
    void reply.status(created ? 201 : 200);
    return link;
  }

  @Delete('links/:otherId')
  @Requires('ticket:update')
  @HttpCode(204)
  @ApiParam(TICKET_REFERENCE)
  @ApiParam({ name: 'otherId', description: 'The linked ticket: its id or number' })
  @ApiOperation({
    summary: 'Remove the link between this ticket and another one',
    description: 'Needs `ticket:update` on both tickets; a follow-up link may be removed too.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'The tickets are not linked' })
  async unlink(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Param('otherId') otherId: string,
  ): Promise<void> {
    await this.links.unlink(actor, id, otherId);
  }

  @Post('merge')
  @Requires('ticket:merge')
  @HttpCode(200)
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'Merge this ticket into another one',
    description:
      'Needs `ticket:merge` on both tickets. Every message moves to the target, tags are joined, ' +
      'and this ticket becomes `merged` with `mergedIntoId`; customer replies to it go to the ' +
      'target from then on. A target the caller cannot see answers 400 naming `targetId`, as ' +
      'one that does not exist.',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiBadRequestResponse({ description: '`targetId` names no ticket you can see, or this one' })
  @ApiConflictResponse({ description: 'One of the tickets is closed or merged already' })
  merge(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Body() body: MergeTicketDto,
  ): Promise<MergeResultDto> {
    return this.merges.merge(actor, id, body);
  }
}
