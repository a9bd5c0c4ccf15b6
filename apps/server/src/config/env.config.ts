// Every environment variable Tessera reads, validated once at boot into a typed object.
// Nothing else in the server reads process.env.
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsFQDN,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { isAbsolute, resolve } from 'node:path';
import { checkPassword } from '@tessera/domain';
import { PASSWORD_PROBLEM_MESSAGES } from '../common/validation/is-acceptable-password.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const INTEGER = /^\d+$/;
const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && INTEGER.test(value.trim()) ? Number(value.trim()) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
// Attachments live in PostgreSQL (bytea, sent hex-encoded): beyond this they belong elsewhere.
const ATTACHMENT_LIMIT = 'must be a number of bytes between 1 and 104857600 (100 MiB)';
// Raw mail is kept in PostgreSQL too (quarantine, re-processing), under the same bound.
const MAIL_SIZE_LIMIT = ATTACHMENT_LIMIT;
const toBoolean = ({ value }: { value: unknown }) => {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : value;
  return word === 'true' ? true : word === 'false' ? false : value;
};

/** How a mail connection is secured: TLS from the first byte, STARTTLS, or not at all. */
export const MAIL_TLS_MODES = ['tls', 'starttls', 'none'] as const;
export type MailTlsMode = (typeof MAIL_TLS_MODES)[number];
const MAIL_TIMEOUT = 'must be a number of seconds between 1 and 300';
const MAIL_LEASE = 'must be a number of seconds between 2 and 3600';
const MAIL_STOP_LIMIT = 'must be an integer between 1 and 1000';

export class EnvConfig {
  /** TCP port of the HTTP server. */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PORT: number = 8080;

  /**
   * Interface to listen on; `0.0.0.0` accepts connections from other machines (the container
   * image sets it).
   */
  @IsString()
  @MinLength(1)
  HOST: string = '127.0.0.1';

  /**
   * PostgreSQL connection URL, `postgres://user:password@host:5432/db` (the password may come
   * from `PGPASSWORD` instead). Unset: the embedded database.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** PostgreSQL connections per process (the embedded database always uses one). */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  DATABASE_POOL_SIZE: number = 10;

  /** Directory of the embedded database and of the generated signing key. */
  @IsString()
  @MinLength(1)
  TESSERA_DATA_DIR: string = './data';

  /**
   * Signing key (tokens, sealed mailbox passwords), at least 32 characters. Required with
   * `DATABASE_URL`; in embedded mode generated once into the data directory when unset.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  TESSERA_SECRET?: string;

  /** Email of the first admin, created when the database has no admin. Unset: `admin@localhost`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({ require_tld: false }, { message: 'must be an email address' })
  TESSERA_ADMIN_EMAIL?: string;

  /**
   * Password of the first admin (at least 12 characters; needs `TESSERA_ADMIN_EMAIL`). Unset: a
   * strong password is generated and printed once. Checked against the password policy.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TESSERA_ADMIN_PASSWORD?: string;

  /** The address users reach Tessera at, used in links and mail. Unset: `http://HOST:PORT`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  /** The least severe log level written. */
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Directory of the built web app; defaults to apps/web/dist next to the server. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TESSERA_WEB_DIR?: string;

  /** The largest attachment accepted, in bytes; 25 MiB by default. */
  @Transform(toInteger)
  @IsInt({ message: ATTACHMENT_LIMIT })
  @Min(1, { message: ATTACHMENT_LIMIT })
  @Max(104_857_600, { message: ATTACHMENT_LIMIT })
  ATTACHMENT_MAX_BYTES: number = 26_214_400;

  /** `off` stops fetching mail from mailboxes (this replica only); `on` by default. */
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  MAIL_INTAKE: 'on' | 'off' = 'on';

  /** The largest incoming mail imported, in bytes; larger ones are quarantined. 25 MiB by default. */
  @Transform(toInteger)
  @IsInt({ message: MAIL_SIZE_LIMIT })
  @Min(1, { message: MAIL_SIZE_LIMIT })
  @Max(104_857_600, { message: MAIL_SIZE_LIMIT })
  MAIL_MAX_BYTES: number = 26_214_400;

  /**
   * How long a replica's claim on a mailbox lasts unrenewed: after a crash, its mailboxes are
   * fetched again after at most this long.
   */
  @Transform(toInteger)
  @IsInt({ message: MAIL_LEASE })
  @Min(2, { message: MAIL_LEASE })
  @Max(3600, { message: MAIL_LEASE })
  MAIL_LEASE_SECONDS: number = 60;

  /**
   * How many times the server may stop (crash, be killed) while importing one mail before that
   * mail is quarantined instead of tried again: a mail that crashes the server cannot block its
   * mailbox for good.
   */
  @Transform(toInteger)
  @IsInt({ message: MAIL_STOP_LIMIT })
  @Min(1, { message: MAIL_STOP_LIMIT })
  @Max(1000, { message: MAIL_STOP_LIMIT })
  MAIL_IMPORT_STOP_LIMIT: number = 3;

  /** The SMTP server replies go through unless their mailbox names its own; unset: none. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^[^\s/:@]+$|^\[[0-9a-fA-F:.]+\]$/, { message: 'must be a host name or address' })
  SMTP_HOST?: string;

  /** Port of the SMTP server. Unset: 465 with `SMTP_TLS=tls`, 587 otherwise. */
  @Transform(({ value }: { value: unknown }) => toInteger({ value: emptyToUndefined({ value }) }))
  @IsOptional()
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  SMTP_PORT?: number;

  /** How the SMTP connection is secured: TLS from the first byte, STARTTLS, or not at all. */
  @IsIn(MAIL_TLS_MODES, { message: `must be one of ${MAIL_TLS_MODES.join(', ')}` })
  SMTP_TLS: MailTlsMode = 'starttls';

  /** SMTP user name. Unset: the server takes mail without authentication (a local relay). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  /** SMTP password (needs `SMTP_USER`). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** Check the SMTP server's TLS certificate; `false` only for a test server's self-signed one. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  SMTP_VERIFY_CERTIFICATE: boolean = true;

  /** The domain in the Message-IDs of sent mail; defaults to the domain of the mailbox address. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsFQDN({ require_tld: false }, { message: 'must be a domain name' })
  MAIL_MESSAGE_ID_DOMAIN?: string;

  /** How long a mail server may take to connect, greet and answer (tests and sending). */
  @Transform(toInteger)
  @IsInt({ message: MAIL_TIMEOUT })
  @Min(1, { message: MAIL_TIMEOUT })
  @Max(300, { message: MAIL_TIMEOUT })
  MAIL_TIMEOUT_SECONDS: number = 10;

  /** Retries of a mail an SMTP server refused for now (4xx, no connection). */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 0 and 50' })
  @Min(0, { message: 'must be an integer between 0 and 50' })
  @Max(50, { message: 'must be an integer between 0 and 50' })
  MAIL_RETRY_LIMIT: number = 8;

  /** The first retry's delay; each further retry waits about twice as long. */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 1 and 3600' })
  @Min(1, { message: 'must be an integer between 1 and 3600' })
  @Max(3600, { message: 'must be an integer between 1 and 3600' })
  MAIL_RETRY_DELAY_SECONDS: number = 60;

  /**
   * Mails sent side by side, each over its own SMTP connection, kept open between mails (the
   * same number a replica keeps open to each SMTP server).
   */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 1 and 20' })
  @Min(1, { message: 'must be an integer between 1 and 20' })
  @Max(20, { message: 'must be an integer between 1 and 20' })
  MAIL_SEND_CONCURRENCY: number = 4;
}

/** An SMTP server to send through, as the global settings or a mailbox name it. */
export interface SmtpServerConfig {
  host: string;
  port: number;
  tls: MailTlsMode;
  verifyCertificate: boolean;
  /** Undefined: the server takes mail without authentication (a local relay). */
  user: string | undefined;
  password: string | undefined;
}

export interface MailConfig {
  /** The global SMTP server; undefined when SMTP_HOST is unset. */
  smtp: SmtpServerConfig | undefined;
  messageIdDomain: string | undefined;
  timeoutSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** Mails sent side by side (send-mail workers, and SMTP connections per server). */
  sendConcurrency: number;
}

/** Fetching mail from the mailboxes (modules/mail/intake). */
export interface MailIntakeConfig {
  /** MAIL_INTAKE=on: this replica fetches mail (one replica per mailbox at a time). */
  enabled: boolean;
  /** Larger mail is quarantined instead of imported. */
  maxBytes: number;
  /** How long a mailbox lease lasts unless renewed: how soon another replica takes over. */
  leaseSeconds: number;
  /** Stops of the server while importing one mail, after which it is quarantined. */
  importStopLimit: number;
}

/** The validated configuration the server runs with. */
export interface AppConfig {
  port: number;
  host: string;
  /** Undefined in embedded mode. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  /** Undefined until resolved: embedded mode may generate it into the data directory. */
  secret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  publicUrl: string;
  logLevel: LogLevel;
  webDir: string | undefined;
  attachmentMaxBytes: number;
  mailIntake: MailIntakeConfig;
  mail: MailConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Every variable loadConfig reads; anything else in the environment is ignored. */
export const ENV_VARIABLES: readonly (keyof EnvConfig)[] = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'TESSERA_DATA_DIR',
  'TESSERA_SECRET',
  'TESSERA_ADMIN_EMAIL',
  'TESSERA_ADMIN_PASSWORD',
  'PUBLIC_URL',
  'LOG_LEVEL',
  'TESSERA_WEB_DIR',
  'ATTACHMENT_MAX_BYTES',
  'MAIL_INTAKE',
  'MAIL_MAX_BYTES',
  'MAIL_LEASE_SECONDS',
  'MAIL_IMPORT_STOP_LIMIT',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_TLS',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'SMTP_VERIFY_CERTIFICATE',
  'MAIL_MESSAGE_ID_DOMAIN',
  'MAIL_TIMEOUT_SECONDS',
  'MAIL_RETRY_LIMIT',
  'MAIL_RETRY_DELAY_SECONDS',
  'MAIL_SEND_CONCURRENCY',
];

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const raw = Object.fromEntries(
    ENV_VARIABLES.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]),
  );
  const parsed = plainToInstance(EnvConfig, raw);
  const errors = validateSync(parsed, { forbidUnknownValues: true });
  const problems = errors.map((e: ValidationError) => ({
    variable: e.property,
    message: Object.values(e.constraints ?? {})[0] ?? 'is invalid',
  }));
  const passwordProblem =
    parsed.TESSERA_ADMIN_PASSWORD === undefined
      ? undefined
      : checkPassword(parsed.TESSERA_ADMIN_PASSWORD);
  if (passwordProblem) {
    problems.push({
      variable: 'TESSERA_ADMIN_PASSWORD',
      message: PASSWORD_PROBLEM_MESSAGES[passwordProblem],
    });
  }
  if (parsed.TESSERA_ADMIN_PASSWORD && !parsed.TESSERA_ADMIN_EMAIL) {
    problems.push({
      variable: 'TESSERA_ADMIN_EMAIL',
      message: 'must be set when TESSERA_ADMIN_PASSWORD is set',
    });
  }
  // Replicas sharing a PostgreSQL database must share one signing key, so it cannot be generated.
  if (parsed.DATABASE_URL && !parsed.TESSERA_SECRET) {
    problems.push({
      variable: 'TESSERA_SECRET',
      message: 'must be set (at least 32 characters) when DATABASE_URL is set',
    });
  }
  if (parsed.SMTP_PASSWORD && !parsed.SMTP_USER) {
    problems.push({ variable: 'SMTP_USER', message: 'must be set when SMTP_PASSWORD is set' });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const host = parsed.HOST;
  const port = parsed.PORT;
  return {
    port,
    host,
    databaseUrl: parsed.DATABASE_URL,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    dataDir: absolute(parsed.TESSERA_DATA_DIR),
    secret: parsed.TESSERA_SECRET,
    adminEmail: parsed.TESSERA_ADMIN_EMAIL,
    adminPassword: parsed.TESSERA_ADMIN_PASSWORD,
    publicUrl: stripTrailingSlash(parsed.PUBLIC_URL ?? `http://${displayHost(host)}:${port}`),
    logLevel: parsed.LOG_LEVEL,
    webDir: parsed.TESSERA_WEB_DIR === undefined ? undefined : absolute(parsed.TESSERA_WEB_DIR),
    attachmentMaxBytes: parsed.ATTACHMENT_MAX_BYTES,
    mailIntake: {
      enabled: parsed.MAIL_INTAKE === 'on',
      maxBytes: parsed.MAIL_MAX_BYTES,
      leaseSeconds: parsed.MAIL_LEASE_SECONDS,
      importStopLimit: parsed.MAIL_IMPORT_STOP_LIMIT,
    },
    mail: mailConfig(parsed),
  };
}

function mailConfig(parsed: EnvConfig): MailConfig {
  return {
    smtp:
      parsed.SMTP_HOST === undefined
        ? undefined
        : {
            host: parsed.SMTP_HOST.replace(/^\[(.*)\]$/, '$1'),
            port: parsed.SMTP_PORT ?? (parsed.SMTP_TLS === 'tls' ? 465 : 587),
            tls: parsed.SMTP_TLS,
            verifyCertificate: parsed.SMTP_VERIFY_CERTIFICATE,
            user: parsed.SMTP_USER,
            password: parsed.SMTP_PASSWORD,
          },
    messageIdDomain: parsed.MAIL_MESSAGE_ID_DOMAIN?.toLowerCase(),
    timeoutSeconds: parsed.MAIL_TIMEOUT_SECONDS,
    retryLimit: parsed.MAIL_RETRY_LIMIT,
    retryDelaySeconds: parsed.MAIL_RETRY_DELAY_SECONDS,
    sendConcurrency: parsed.MAIL_SEND_CONCURRENCY,
  };
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(path);
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
