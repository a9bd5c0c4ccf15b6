import { Module } from '@nestjs/common';
import { AttachmentModule } from '../../attachment/attachment.module.js';
import { TicketModule } from '../../ticket/ticket.module.js';
import { UserModule } from '../../user/user.module.js';
import { MailSecrets } from '../mailbox/mail-secrets.js';
import { ImapConnector } from './imap-connector.js';
import { IntakeBacklog } from './intake-backlog.js';
import { MailImportService } from './mail-import.service.js';
import { MailIntakeRepository } from './mail-intake.repository.js';
import { MailIntakeService } from './mail-intake.service.js';
import { MailboxLeaseRepository } from './mailbox-lease.repository.js';
import { QuarantineController } from './quarantine.controller.js';
import { QuarantineService } from './quarantine.service.js';

/** Mail intake: IMAP → tickets, exactly once, one replica per mailbox; and the quarantine. */
@Module({
  imports: [TicketModule, AttachmentModule, UserModule],
  controllers: [QuarantineController],
  providers: [
    MailSecrets,
    MailIntakeRepository,
    MailboxLeaseRepository,
    ImapConnector,
    MailImportService,
    MailIntakeService,
    QuarantineService,
    IntakeBacklog,
  ],
  exports: [MailIntakeService, MailImportService, IntakeBacklog],
})
export class MailIntakeModule {}
