// Every environment variable Tessera reads, validated once at boot into a typed object.
// Nothing else in the server reads process.env.
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
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

export class EnvConfig {
  /** TCP port of the HTTP server. */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PORT: number = 8080;

  /** Interface to listen on; 127.0.0.1 unless the admin opts into wider exposure. */
  @IsString()
  @MinLength(1)
  HOST: string = '127.0.0.1';

  /** PostgreSQL connection string; unset means the embedded database. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Connections in the PostgreSQL pool (the embedded database always uses one). */
  @Transform(toInteger)
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  DATABASE_POOL_SIZE: number = 10;

  /** Where the embedded database and generated secrets live. */
  @IsString()
  @MinLength(1)
  TESSERA_DATA_DIR: string = './data';

  /** Signing key for tokens; generated into the data directory in embedded mode when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  TESSERA_SECRET?: string;

  /** First admin, created on an empty database. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({ require_tld: false }, { message: 'must be an email address' })
  TESSERA_ADMIN_EMAIL?: string;

  /** Checked against the password policy in loadConfig. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TESSERA_ADMIN_PASSWORD?: string;

  /** The address users reach Tessera at; used in links and mail. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Directory of the built web app; defaults to apps/web/dist next to the server. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TESSERA_WEB_DIR?: string;
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

const ENV_VARIABLES: readonly (keyof EnvConfig)[] = [
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
