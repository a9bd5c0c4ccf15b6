import { Module } from '@nestjs/common';
import { AttachmentModule } from '../attachment/attachment.module.js';
import { TicketAccessLookup } from '../permission/resource-resolver.js';
import { UserModule } from '../user/user.module.js';
import { HtmlSanitizer } from './html-sanitizer.js';
import { TicketAutoCloseService } from './ticket-auto-close.service.js';
import { TicketSearchTierService } from './ticket-search-tier.service.js';
import { TicketFollowerController } from './ticket-follower.controller.js';
import { TicketFollowerRepository } from './ticket-follower.repository.js';
import { TicketFollowerService } from './ticket-follower.service.js';
import { TicketFollowUpService } from './ticket-follow-up.service.js';
import { TicketLinkController } from './ticket-link.controller.js';
import { TicketLinkRepository } from './ticket-link.repository.js';
import { TicketLinkService } from './ticket-link.service.js';
import { TicketMergeRepository } from './ticket-merge.repository.js';
import { TicketMergeService } from './ticket-merge.service.js';
import { TicketChangeHooks } from './ticket-change-hooks.js';
import { TicketMessageHooks } from './ticket-message-hooks.js';
import { TicketRepositoryAccessLookup } from './ticket-access.lookup.js';
import { TicketSearchController } from './ticket-search.controller.js';
import { TicketSearchRepository } from './ticket-search.repository.js';
import { TicketSearchService } from './ticket-search.service.js';
import { TicketController } from './ticket.controller.js';
import { TicketRepository } from './ticket.repository.js';
import { TicketService } from './ticket.service.js';
import { TicketBulkRepository } from './ticket-bulk.repository.js';
import { TicketBulkService } from './ticket-bulk.service.js';
import { SavedViewController } from './view/saved-view.controller.js';
import { SavedViewRepository } from './view/saved-view.repository.js';
import { SavedViewService } from './view/saved-view.service.js';

@Module({
  imports: [UserModule, AttachmentModule],
  controllers: [
    TicketController,
    TicketLinkController,
    TicketSearchController,
    TicketFollowerController,
    SavedViewController,
  ],
  providers: [
    TicketRepository,
    TicketService,
    TicketMessageHooks,
    TicketChangeHooks,
    TicketFollowUpService,
    TicketLinkRepository,
    TicketLinkService,
    TicketMergeRepository,
    TicketMergeService,
    TicketAutoCloseService,
    TicketSearchTierService,
    TicketFollowerRepository,
    TicketFollowerService,
    TicketSearchRepository,
    TicketSearchService,
    TicketBulkRepository,
    TicketBulkService,
    SavedViewRepository,
    SavedViewService,
    HtmlSanitizer,
    { provide: TicketAccessLookup, useClass: TicketRepositoryAccessLookup },
  ],
  // The mail channel opens tickets, adds messages and followers, and hears of new replies.
  exports: [
    TicketRepository,
    TicketService,
    TicketMessageHooks,
    TicketChangeHooks,
    TicketFollowUpService,
    TicketFollowerService,
    TicketLinkService,
    HtmlSanitizer,
  ],
})
export class TicketModule {}
