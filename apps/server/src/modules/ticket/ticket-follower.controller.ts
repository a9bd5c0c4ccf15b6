import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { FollowerDto, FollowerListDto } from './dto/ticket-follower.dto.js';
import { RequesterDto } from './dto/ticket.dto.js';
import { TicketFollowerService } from './ticket-follower.service.js';
import { TicketError } from './ticket.error.js';

const TICKET_REFERENCE = {
  name: 'id',
  description: 'The ticket id (UUID) or its number (`10042` or `#10042`)',
};

@ApiTags('tickets')
@Controller('api/v1/tickets/:id/followers')
export class TicketFollowerController {
  constructor(private readonly followers: TicketFollowerService) {}

  @Get()
  @Requires('ticket:read')
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'Who is kept informed besides the requester (CCs)',
    description: 'Customers see the other customers on the conversation, not following agents.',
  })
  @ApiOkResponse({ type: FollowerListDto })
  list(@CurrentActor() actor: RequestActor, @Param('id') id: string): Promise<FollowerListDto> {
    return this.followers.list(actor, id);
  }

  @Post()
  @Requires('ticket:update')
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'Add a follower by email',
    description:
      'Found by address (an agent, or a customer created if unknown). 201 when they start ' +
      'following, 200 when they already were.',
  })
  @ApiCreatedResponse({ type: FollowerDto })
  @ApiOkResponse({ type: FollowerDto, description: 'Already following' })
  async add(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Body() body: RequesterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FollowerDto> {
    const { follower, added } = await this.followers.add(actor, id, body);
    void reply.status(added ? 201 : 200);
    return follower;
  }

  @Delete(':userId')
  @Requires('ticket:update')
  @HttpCode(204)
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({ summary: 'Stop a follower being informed' })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Param('userId', new ParseUUIDPipe({ exceptionFactory: () => TicketError.notAFollower() }))
    userId: string,
  ): Promise<void> {
    await this.followers.remove(actor, id, userId.toLowerCase());
  }
}
