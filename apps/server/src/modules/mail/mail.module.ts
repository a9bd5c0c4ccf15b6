import { Module } from '@nestjs/common';
import { AttachmentModule } from '../attachment/attachment.module.js';
import { TicketModule } from '../ticket/ticket.module.js';
import { UserModule } from '../user/user.module.js';

/**
 * The email channel: mailboxes (admin API, connection tests), intake (IMAP → tickets, exactly
 * once, quarantine) and outgoing mail (public replies and acknowledgements by SMTP).
 */
@Module({
  imports: [TicketModule, AttachmentModule, UserModule],
  controllers: [],
  providers: [],
})
export class MailModule {}
