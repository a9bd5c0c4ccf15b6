// Every migration, in order. A new migration is generated with the TypeORM CLI (see
// docs/development.md) and added at the end of this list; landed migrations are never edited.
import type { MigrationInterface } from 'typeorm';
import { Initial1795705511776 } from './1795705511776-Initial.js';
import { Identity1795707955183 } from './1795707955183-Identity.js';
import { Tickets1795709955811 } from './1795709955811-Tickets.js';
import { TicketSearch1795710775571 } from './1795710775571-TicketSearch.js';
import { SettingsAndFollowers1795714115335 } from './1795714115335-SettingsAndFollowers.js';
import { Attachments1795720000000 } from './1795720000000-Attachments.js';
import { TicketLinks1795720100000 } from './1795720100000-TicketLinks.js';
import { TicketViews1795720200000 } from './1795720200000-TicketViews.js';
import { Mailboxes1795720300000 } from './1795720300000-Mailboxes.js';
import { MailIntake1795720400000 } from './1795720400000-MailIntake.js';
import { MailOutgoing1795720500000 } from './1795720500000-MailOutgoing.js';
import { Sla1795720600000 } from './1795720600000-Sla.js';
import { Reports1795720700000 } from './1795720700000-Reports.js';
import { MailTemplates1795720800000 } from './1795720800000-MailTemplates.js';
import { InboundMailAttempts1795720900000 } from './1795720900000-InboundMailAttempts.js';
import { Lz4Compression1795721000000 } from './1795721000000-Lz4Compression.js';
import { AttachmentContentId1795721100000 } from './1795721100000-AttachmentContentId.js';
import { RecentSearchTier1795721200000 } from './1795721200000-RecentSearchTier.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795705511776,
  Identity1795707955183,
  Tickets1795709955811,
  TicketSearch1795710775571,
  SettingsAndFollowers1795714115335,
  Attachments1795720000000,
  TicketLinks1795720100000,
  TicketViews1795720200000,
  Mailboxes1795720300000,
  MailIntake1795720400000,
  MailOutgoing1795720500000,
  Sla1795720600000,
  Reports1795720700000,
  MailTemplates1795720800000,
  InboundMailAttempts1795720900000,
  Lz4Compression1795721000000,
  AttachmentContentId1795721100000,
  RecentSearchTier1795721200000,
];
