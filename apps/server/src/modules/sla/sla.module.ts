import { Module } from '@nestjs/common';
import { TicketModule } from '../ticket/ticket.module.js';
import { NotificationController } from './notification/notification.controller.js';
import { NotificationRepository } from './notification/notification.repository.js';
import { NotificationService } from './notification/notification.service.js';
import { SlaAdminRepository } from './sla-admin.repository.js';
import { SlaAdminService } from './sla-admin.service.js';
import { SlaCalendarController } from './sla-calendar.controller.js';
import { SlaPolicyController } from './sla-policy.controller.js';
import { SlaRepository } from './sla.repository.js';
import { SlaService } from './sla.service.js';

/**
 * Service levels: business calendars and policies (admin API), the clocks on every ticket
 * (recomputed through the ticket module's hooks, in each change's transaction), the breach
 * sweep, and the notifications it leaves for people.
 */
@Module({
  imports: [TicketModule],
  controllers: [SlaCalendarController, SlaPolicyController, NotificationController],
  providers: [
    SlaRepository,
    SlaService,
    SlaAdminRepository,
    SlaAdminService,
    NotificationRepository,
    NotificationService,
  ],
  exports: [SlaService],
})
export class SlaModule {}
