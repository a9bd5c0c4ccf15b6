import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page.js';
import { Requires } from '../permission/permission.decorators.js';
import { AgentPageDto } from './dto/agent.dto.js';
import { UserService } from './user.service.js';

@ApiTags('users')
@Controller('api/v1/agents')
export class AgentController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Requires('agent:list')
  @ApiOperation({
    summary: 'List the people a ticket can be assigned to',
    description: 'Active agents and admins, by email, with just their id, name and email.',
  })
  @ApiOkResponse({ type: AgentPageDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  list(@Query() query: PageQueryDto): Promise<AgentPageDto> {
    return this.users.listAssignable(query.limit, query.cursor);
  }
}
