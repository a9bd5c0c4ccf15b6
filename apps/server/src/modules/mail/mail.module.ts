import { Module } from '@nestjs/common';
import { AttachmentModule } from '../attachment/attachment.module.js';
import { TicketModule } from '../ticket/ticket.module.js';
import { UserModule } from '../user/user.module.js';
import { MailIntakeModule } from './intake/mail-intake.module.js';
import { MailConnectionTester } from './mailbox/mail-connection-tester.js';
import { MailSecrets } from './mailbox/mail-secrets.js';
import { MailboxController } from './mailbox/mailbox.controller.js';
import { MailboxRepository } from './mailbox/mailbox.repository.js';
import { MailboxService } from './mailbox/mailbox.service.js';
import { OutgoingMailRepository } from './outgoing/outgoing-mail.repository.js';
import { OutgoingMailSender } from './outgoing/outgoing-mail.sender.js';
import { OutgoingMailService } from './outgoing/outgoing-mail.service.js';
import { SmtpClient } from './outgoing/smtp-client.js';
import { MailTemplateController } from './templates/mail-template.controller.js';
import { MailTemplateRepository } from './templates/mail-template.repository.js';
import { MailTemplateService } from './templates/mail-template.service.js';

/**
 * The email channel: mailboxes (admin API, connection tests), intake (IMAP → tickets, exactly
 * once, quarantine), outgoing mail (public replies, acknowledgements and notifications to agents
 * by SMTP) and the templates of the mail Tessera writes itself.
 */
@Module({
  imports: [TicketModule, AttachmentModule, UserModule, MailIntakeModule],
  controllers: [MailboxController, MailTemplateController],
  providers: [
    MailSecrets,
    MailboxRepository,
    MailboxService,
    MailConnectionTester,
    SmtpClient,
    OutgoingMailRepository,
    OutgoingMailSender,
    OutgoingMailService,
    MailTemplateRepository,
    MailTemplateService,
  ],
})
export class MailModule {}
