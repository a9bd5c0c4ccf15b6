import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
  PickType,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination/page.js';
import { OptionalNotNull } from '../../../../common/validation/optional-not-null.js';
import { IsEmailAddress } from '../../../user/email-address.validator.js';
import {
  AFTER_IMPORT_ACTIONS,
  SENDER_NAME_MODES,
  TLS_MODES,
  type AfterImportAction,
  type SenderNameMode,
  type TlsMode,
} from '../../mailbox.entity.js';
import { CONNECTION_FAILURE_KINDS, type ConnectionFailureKind } from '../connection-failure.js';

/** A host name or an IP address: no scheme, port, path or spaces. */
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|[0-9A-Fa-f:.]+)$/;
const HOST_MESSAGE = 'must be a host name or an IP address, without scheme or port';
/** Folder names: anything printable (IMAP quotes it), no control characters. */
const FOLDER = /^[^\p{Cc}]+$/u;
const FOLDER_MESSAGE = 'must be a folder name without control characters';
export const MIN_POLL_SECONDS = 10;
export const MAX_POLL_SECONDS = 3600;

export class MailboxDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'support@example.com', description: 'Lower case; unique' })
  address: string;
  @ApiProperty({ example: 'Acme Support' }) displayName: string;
  @ApiProperty({ format: 'uuid', description: 'Where tickets opened by its mail go' })
  queueId: string;
  @ApiProperty({ description: 'False: neither fetches mail nor sends replies' }) enabled: boolean;
  @ApiProperty({ example: 'imap.example.com' }) imapHost: string;
  @ApiProperty({ example: 993 }) imapPort: number;
  @ApiProperty({ enum: TLS_MODES }) imapTls: TlsMode;
  @ApiProperty() imapVerifyCertificate: boolean;
  @ApiProperty({ example: 'support@example.com' }) imapUser: string;
  @ApiProperty({ description: 'Always true: a mailbox has a password, which is never returned' })
  imapPasswordSet: boolean;
  @ApiProperty({ example: 'INBOX' }) imapFolder: string;
  @ApiProperty({ enum: AFTER_IMPORT_ACTIONS }) afterImport: AfterImportAction;
  @ApiProperty({ nullable: true, type: String, description: 'Where `move` puts imported mail' })
  afterImportFolder: string | null;
  @ApiProperty({ minimum: MIN_POLL_SECONDS, maximum: MAX_POLL_SECONDS })
  pollIntervalSeconds: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Null: replies go through the global SMTP server (SMTP_HOST)',
  })
  smtpHost: string | null;
  @ApiProperty({ nullable: true, type: Number }) smtpPort: number | null;
  @ApiProperty({ nullable: true, enum: TLS_MODES }) smtpTls: TlsMode | null;
  @ApiProperty() smtpVerifyCertificate: boolean;
  @ApiProperty({ nullable: true, type: String }) smtpUser: string | null;
  @ApiProperty({ description: 'Whether an SMTP password is stored (it is never returned)' })
  smtpPasswordSet: boolean;
  @ApiProperty({
    enum: SENDER_NAME_MODES,
    description: '`agent`: "Ada Lovelace via Acme Support"; `mailbox`: "Acme Support"',
  })
  senderName: SenderNameMode;
  @ApiProperty({
    description:
      'Customers whose mail opens a ticket here get an automatic "we received your request" ' +
      '(template `acknowledgement`)',
  })
  acknowledgeNewTickets: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastFetchedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What went wrong last, if anything' })
  lastError: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastErrorAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MailboxPageDto {
  @ApiProperty({ type: [MailboxDto] }) items: MailboxDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Null on the last page' })
  nextCursor: string | null;
}

export class MailboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the mailboxes of this queue' })
  @IsOptional()
  @IsUUID()
  queueId?: string;

  @ApiPropertyOptional({ description: 'Only enabled (true) or only disabled (false) mailboxes' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  enabled?: boolean;
}

export class CreateMailboxDto {
  @ApiProperty({ example: 'support@example.com', maxLength: 254 })
  @IsEmailAddress()
  address: string;

  @ApiProperty({ example: 'Acme Support', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'must not be blank' })
  displayName: string;

  @ApiProperty({ format: 'uuid', description: 'An active queue' })
  @IsUUID()
  queueId: string;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ example: 'imap.example.com', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  @Matches(HOST, { message: HOST_MESSAGE })
  imapHost: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 65535, description: '993 for `tls`, else 143' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(65535)
  imapPort?: number;

  @ApiPropertyOptional({ enum: TLS_MODES, default: 'tls' })
  @OptionalNotNull()
  @IsIn(TLS_MODES)
  imapTls?: TlsMode;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  imapVerifyCertificate?: boolean;

  @ApiProperty({ maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  imapUser: string;

  @ApiProperty({ maxLength: 1024, description: 'Stored sealed; never returned' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  imapPassword: string;

  @ApiPropertyOptional({ default: 'INBOX', maxLength: 255 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(255)
  @Matches(FOLDER, { message: FOLDER_MESSAGE })
  imapFolder?: string;

  @ApiPropertyOptional({ enum: AFTER_IMPORT_ACTIONS, default: 'flag' })
  @OptionalNotNull()
  @IsIn(AFTER_IMPORT_ACTIONS)
  afterImport?: AfterImportAction;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 255,
    description: 'Required with `afterImport: move`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(FOLDER, { message: FOLDER_MESSAGE })
  afterImportFolder?: string | null;

  @ApiPropertyOptional({ minimum: MIN_POLL_SECONDS, maximum: MAX_POLL_SECONDS, default: 30 })
  @OptionalNotNull()
  @IsInt()
  @Min(MIN_POLL_SECONDS)
  @Max(MAX_POLL_SECONDS)
  pollIntervalSeconds?: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 255,
    description: 'This mailbox’s own SMTP server; left out or null: the global one',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(HOST, { message: HOST_MESSAGE })
  smtpHost?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 65535, description: '465 for `tls`, else 587' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(65535)
  smtpPort?: number;

  @ApiPropertyOptional({ enum: TLS_MODES, default: 'starttls' })
  @OptionalNotNull()
  @IsIn(TLS_MODES)
  smtpTls?: TlsMode;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  smtpVerifyCertificate?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 255,
    description: 'Null: the server takes mail without signing in',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  smtpUser?: string | null;

  @ApiPropertyOptional({ maxLength: 1024, description: 'Required with smtpUser; never returned' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  smtpPassword?: string;

  @ApiPropertyOptional({ enum: SENDER_NAME_MODES, default: 'agent' })
  @OptionalNotNull()
  @IsIn(SENDER_NAME_MODES)
  senderName?: SenderNameMode;

  @ApiPropertyOptional({
    default: true,
    description: 'false: tickets opened by mail to this mailbox get no acknowledgement',
  })
  @OptionalNotNull()
  @IsBoolean()
  acknowledgeNewTickets?: boolean;
}

/**
 * Every field optional. A password left out keeps the stored one, except that a new imapHost
 * (or smtpHost, with an SMTP user) needs the password again: a stored password is only ever
 * sent to the server it was given for.
 */
// Null is refused like any invalid value, except where the field is nullable (@IsOptional).
export class UpdateMailboxDto extends PartialType(CreateMailboxDto, {
  skipNullProperties: false,
}) {}

/** The fields a connection test uses. */
const CONNECTION_FIELDS = [
  'imapHost',
  'imapPort',
  'imapTls',
  'imapVerifyCertificate',
  'imapUser',
  'imapPassword',
  'imapFolder',
  'smtpHost',
  'smtpPort',
  'smtpTls',
  'smtpVerifyCertificate',
  'smtpUser',
  'smtpPassword',
] as const;

/**
 * Unsaved settings to test: the connection fields as a create takes them (imapPassword
 * required); the mailbox's other fields may come along (a whole form) and are ignored.
 */
export class TestMailboxSettingsDto extends IntersectionType(
  PickType(CreateMailboxDto, CONNECTION_FIELDS),
  PartialType(OmitType(CreateMailboxDto, CONNECTION_FIELDS)),
) {}

export class ConnectionErrorDto {
  @ApiProperty({ enum: CONNECTION_FAILURE_KINDS }) kind: ConnectionFailureKind;
  @ApiProperty({
    example: 'The IMAP server imap.example.com:993 refused the user name or password.',
  })
  message: string;
}

export class ConnectionCheckDto {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ type: ConnectionErrorDto, description: 'Present when `ok` is false' })
  error?: ConnectionErrorDto;
}

export class SmtpConnectionCheckDto extends ConnectionCheckDto {
  @ApiProperty({
    enum: ['mailbox', 'global'],
    description: "The server tested: the mailbox's own, or the global SMTP_HOST",
  })
  server: 'mailbox' | 'global';
}

export class MailboxConnectionTestDto {
  @ApiProperty({ type: ConnectionCheckDto, description: 'Signed in and opened the folder' })
  imap: ConnectionCheckDto;
  @ApiProperty({
    type: SmtpConnectionCheckDto,
    nullable: true,
    description: 'Connected and signed in; null when no SMTP server is configured at all',
  })
  smtp: SmtpConnectionCheckDto | null;
}
