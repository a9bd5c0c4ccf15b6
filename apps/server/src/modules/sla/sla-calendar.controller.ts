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
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  CreateSlaCalendarDto,
  SlaCalendarDto,
  SlaCalendarListDto,
  UpdateSlaCalendarDto,
} from './dto/sla-calendar.dto.js';
import { SlaAdminService } from './sla-admin.service.js';
import { SlaError } from './sla.error.js';

// A malformed id names nothing that exists: 404.
const CALENDAR_ID = new ParseUUIDPipe({ exceptionFactory: () => SlaError.calendarNotFound() });

@ApiTags('sla')
@Controller('api/v1/sla/calendars')
export class SlaCalendarController {
  constructor(private readonly admin: SlaAdminService) {}

  @Get()
  @Requires('sla:read')
  @ApiOperation({ summary: 'List business calendars: the built-in 24/7 one first, then by name' })
  @ApiOkResponse({ type: SlaCalendarListDto })
  list(): Promise<SlaCalendarListDto> {
    return this.admin.listCalendars();
  }

  @Get(':id')
  @Requires('sla:read')
  @ApiOperation({ summary: 'Get a business calendar' })
  @ApiOkResponse({ type: SlaCalendarDto })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  get(@Param('id', CALENDAR_ID) id: string): Promise<SlaCalendarDto> {
    return this.admin.getCalendar(id);
  }

  @Post()
  @Requires('sla:write')
  @ApiOperation({ summary: 'Create a business calendar' })
  @ApiCreatedResponse({ type: SlaCalendarDto })
  @ApiBadRequestResponse({ description: 'validation_failed: e.g. `week.monday.0.end`' })
  @ApiConflictResponse({ description: 'Another calendar has this name (in any case)' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateSlaCalendarDto,
    @Req() request: FastifyRequest,
  ): Promise<SlaCalendarDto> {
    return this.admin.createCalendar(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('sla:write')
  @ApiOperation({
    summary: 'Change a business calendar',
    description: 'Due times of open tickets under policies using it are recomputed.',
  })
  @ApiOkResponse({ type: SlaCalendarDto })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  @ApiConflictResponse({ description: 'The built-in calendar, or the name is taken' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', CALENDAR_ID) id: string,
    @Body() body: UpdateSlaCalendarDto,
    @Req() request: FastifyRequest,
  ): Promise<SlaCalendarDto> {
    return this.admin.updateCalendar(actor, id, body, request.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('sla:write')
  @ApiOperation({ summary: 'Delete a business calendar no policy uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  @ApiConflictResponse({ description: 'The built-in calendar, or policies use it' })
  delete(
    @CurrentActor() actor: RequestActor,
    @Param('id', CALENDAR_ID) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.admin.deleteCalendar(actor, id, request.id);
  }
}
