import { Module } from '@nestjs/common';
import { TicketAccessLookup } from '../permission/resource-resolver.js';
import { UserModule } from '../user/user.module.js';
import { HtmlSanitizer } from './html-sanitizer.js';
import { TicketRepositoryAccessLookup } from './ticket-access.lookup.js';
import { TicketSearchController } from './ticket-search.controller.js';
import { TicketSearchRepository } from './ticket-search.repository.js';
import { TicketSearchService } from './ticket-search.service.js';
import { TicketController } from './ticket.controller.js';
import { TicketRepository } from './ticket.repository.js';
import { TicketService } from './ticket.service.js';

@Module({
  imports: [UserModule],
  controllers: [TicketController, TicketSearchController],
  providers: [
    TicketRepository,
    TicketService,
    TicketSearchRepository,
    TicketSearchService,
    HtmlSanitizer,
    { provide: TicketAccessLookup, useClass: TicketRepositoryAccessLookup },
  ],
})
export class TicketModule {}
