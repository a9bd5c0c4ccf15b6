import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../permission/permission.decorators.js';
import { AuditService } from './audit.service.js';
import { AuditEventPageDto, AuditQueryDto } from './dto/audit-event.dto.js';

@ApiTags('audit')
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Requires('audit:read')
  @ApiOperation({ summary: 'List administrative changes, newest first' })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query() query: AuditQueryDto): Promise<AuditEventPageDto> {
    const { limit, cursor, ...filter } = query;
    return this.audit.list(filter, limit, cursor);
  }
}
