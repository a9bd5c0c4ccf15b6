// Short names for the generated API types the screens use. Every shape comes from schema.d.ts.
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type Me = Schemas['MeDto'];
export type Ticket = Schemas['TicketDto'];
export type TicketState = Ticket['state'];
export type TicketPriority = Ticket['priority'];
export type TimelineEntry = Schemas['TimelineEntryDto'];
export type AttachmentSummary = Schemas['AttachmentSummaryDto'];
export type SearchHit = Schemas['TicketSearchHitDto'];
export type SavedView = Schemas['SavedViewDto'];
export type Queue = Schemas['QueueDto'];
export type QueueGrant = Schemas['QueueGrantDto'];
export type AccessLevel = QueueGrant['level'];
export type Agent = Schemas['AgentDto'];
export type User = Schemas['UserDto'];
export type Role = User['role'];
export type Team = Schemas['TeamDto'];
export type TeamDetail = Schemas['TeamDetailDto'];
export type Organization = Schemas['OrganizationDto'];
export type NewOrganization = Schemas['CreateOrganizationDto'];
export type ApiToken = Schemas['ApiTokenDto'];
export type Settings = Schemas['SettingsDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type BulkChanges = Schemas['BulkTicketChangesDto'];
export type BulkResult = Schemas['BulkUpdateResultDto'];
export type Mailbox = Schemas['MailboxDto'];
export type NewMailbox = Schemas['CreateMailboxDto'];
export type MailboxChanges = Schemas['UpdateMailboxDto'];
export type MailboxTestResult = Schemas['MailboxConnectionTestDto'];
export type InboundMail = Schemas['InboundMailDto'];
export type SlaPolicy = Schemas['SlaPolicyDto'];
export type NewSlaPolicy = Schemas['CreateSlaPolicyDto'];
export type SlaCalendar = Schemas['SlaCalendarDto'];
export type NewSlaCalendar = Schemas['CreateSlaCalendarDto'];
export type Week = Schemas['WeekDto'];
export type Holiday = Schemas['HolidayDto'];
export type Notification = Schemas['NotificationDto'];
export type MailTemplate = Schemas['MailTemplateDto'];
export type MailTemplateDraft = Schemas['UpdateMailTemplateDto'];
export type MailPreview = Schemas['MailPreviewDto'];
export type TicketListQuery = NonNullable<operations['Ticket_list']['parameters']['query']>;
export type TicketSort = NonNullable<TicketListQuery['sort']>;

export const TICKET_PRIORITIES: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];
export const ACCESS_LEVELS: readonly AccessLevel[] = ['view', 'reply', 'manage'];
