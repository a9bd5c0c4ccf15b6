// Every entity, listed explicitly: no globs, so the same list works compiled, under Jest and in
// the TypeORM CLI.
import { AttachmentBlob } from '../modules/attachment/attachment-blob.entity.js';
import { Attachment } from '../modules/attachment/attachment.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { ApiToken } from '../modules/auth/api-token.entity.js';
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { IdempotencyRecord } from '../modules/idempotency/idempotency-record.entity.js';
import { InboundMailAttempt } from '../modules/mail/intake/inbound-mail-attempt.entity.js';
import { InboundMail } from '../modules/mail/intake/inbound-mail.entity.js';
import { MailboxLease } from '../modules/mail/intake/mailbox-lease.entity.js';
import { Mailbox } from '../modules/mail/mailbox.entity.js';
import { OutgoingMail } from '../modules/mail/outgoing/outgoing-mail.entity.js';
import { MailTemplateOverride } from '../modules/mail/templates/mail-template.entity.js';
import { OrganizationDomain } from '../modules/organization/organization-domain.entity.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { QueueGrant } from '../modules/queue/queue-grant.entity.js';
import { Queue } from '../modules/queue/queue.entity.js';
import { Setting } from '../modules/settings/setting.entity.js';
import { Notification } from '../modules/sla/notification/notification.entity.js';
import { SlaCalendar } from '../modules/sla/sla-calendar.entity.js';
import { SlaPolicy } from '../modules/sla/sla-policy.entity.js';
import { TicketEvent } from '../modules/ticket/ticket-event.entity.js';
import { TicketLink } from '../modules/ticket/ticket-link.entity.js';
import { TicketFollower } from '../modules/ticket/ticket-follower.entity.js';
import { TicketMessage } from '../modules/ticket/ticket-message.entity.js';
import { Ticket } from '../modules/ticket/ticket.entity.js';
import { SavedView } from '../modules/ticket/view/saved-view.entity.js';
import { TeamMember } from '../modules/team/team-member.entity.js';
import { Team } from '../modules/team/team.entity.js';
import { User } from '../modules/user/user.entity.js';

export const ENTITIES = [
  User,
  Session,
  IdempotencyRecord,
  Organization,
  OrganizationDomain,
  Team,
  TeamMember,
  Queue,
  QueueGrant,
  ApiToken,
  LoginThrottle,
  AuditEvent,
  Ticket,
  TicketMessage,
  TicketEvent,
  SavedView,
  AttachmentBlob,
  Attachment,
  TicketLink,
  TicketFollower,
  Setting,
  Mailbox,
  OutgoingMail,
  InboundMail,
  InboundMailAttempt,
  MailboxLease,
  SlaCalendar,
  SlaPolicy,
  Notification,
  MailTemplateOverride,
];
