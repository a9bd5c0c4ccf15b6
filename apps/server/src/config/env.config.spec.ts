import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './env.config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable).sort();
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 8080, embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: resolve('data'),
      secret: undefined,
      adminEmail: undefined,
      adminPassword: undefined,
      publicUrl: 'http://127.0.0.1:8080',
      logLevel: 'info',
      attachmentMaxBytes: 26_214_400,
      mailIntake: { enabled: true, maxBytes: 26_214_400, leaseSeconds: 60, importStopLimit: 3 },
      mail: {
        smtp: undefined,
        messageIdDomain: undefined,
        timeoutSeconds: 10,
        retryLimit: 8,
        retryDelaySeconds: 60,
        sendConcurrency: 4,
      },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://tessera@db:5432/tessera',
      DATABASE_POOL_SIZE: '20',
      TESSERA_DATA_DIR: '/var/lib/tessera',
      TESSERA_SECRET: 's'.repeat(40),
      TESSERA_ADMIN_EMAIL: 'root@example.com',
      TESSERA_ADMIN_PASSWORD: 'a long enough password',
      PUBLIC_URL: 'https://help.example.com/',
      LOG_LEVEL: 'debug',
      TESSERA_WEB_DIR: '/srv/web',
      ATTACHMENT_MAX_BYTES: '1048576',
      MAIL_INTAKE: 'off',
      MAIL_MAX_BYTES: '2097152',
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '2525',
      SMTP_TLS: 'tls',
      SMTP_USER: 'tessera',
      SMTP_PASSWORD: 'smtp secret',
      SMTP_VERIFY_CERTIFICATE: 'false',
      MAIL_MESSAGE_ID_DOMAIN: 'Help.Example.com',
      MAIL_LEASE_SECONDS: '20',
      MAIL_IMPORT_STOP_LIMIT: '5',
      MAIL_TIMEOUT_SECONDS: '5',
      MAIL_RETRY_LIMIT: '3',
      MAIL_RETRY_DELAY_SECONDS: '30',
      MAIL_SEND_CONCURRENCY: '8',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://tessera@db:5432/tessera',
      databasePoolSize: 20,
      dataDir: '/var/lib/tessera',
      secret: 's'.repeat(40),
      adminEmail: 'root@example.com',
      adminPassword: 'a long enough password',
      publicUrl: 'https://help.example.com',
      logLevel: 'debug',
      webDir: '/srv/web',
      attachmentMaxBytes: 1_048_576,
      mailIntake: { enabled: false, maxBytes: 2_097_152, leaseSeconds: 20, importStopLimit: 5 },
      mail: {
        smtp: {
          host: 'smtp.example.com',
          port: 2525,
          tls: 'tls',
          verifyCertificate: false,
          user: 'tessera',
          password: 'smtp secret',
        },
        messageIdDomain: 'help.example.com',
        timeoutSeconds: 5,
        retryLimit: 3,
        retryDelaySeconds: 30,
        sendConcurrency: 8,
      },
    });
  });

  it('names PORT when it is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT: must be an integer/);
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT']);
    expect(problemsOf({ PORT: '80.5' })).toEqual(['PORT']);
  });

  it('lists every bad variable at once', () => {
    expect(
      problemsOf({
        PORT: '-1',
        DATABASE_URL: 'mysql://db/tessera',
        DATABASE_POOL_SIZE: '0',
        TESSERA_SECRET: 'short',
        TESSERA_ADMIN_EMAIL: 'not an email',
        TESSERA_ADMIN_PASSWORD: 'short',
        PUBLIC_URL: 'ftp://example.com',
        LOG_LEVEL: 'loud',
        ATTACHMENT_MAX_BYTES: '0',
      }),
    ).toEqual([
      'ATTACHMENT_MAX_BYTES',
      'DATABASE_POOL_SIZE',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'PUBLIC_URL',
      'TESSERA_ADMIN_EMAIL',
      'TESSERA_ADMIN_PASSWORD',
      'TESSERA_SECRET',
    ]);
  });

  it('bounds ATTACHMENT_MAX_BYTES to what PostgreSQL storage handles', () => {
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '104857600' })).toEqual([]);
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '104857601' })).toEqual(['ATTACHMENT_MAX_BYTES']);
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '25MB' })).toEqual(['ATTACHMENT_MAX_BYTES']);
  });

  it('takes MAIL_INTAKE as on or off, and bounds MAIL_MAX_BYTES like attachments', () => {
    expect(loadConfig({ MAIL_INTAKE: 'on' }).mailIntake.enabled).toBe(true);
    expect(problemsOf({ MAIL_INTAKE: 'yes' })).toEqual(['MAIL_INTAKE']);
    expect(problemsOf({ MAIL_MAX_BYTES: '104857600' })).toEqual([]);
    expect(problemsOf({ MAIL_MAX_BYTES: '104857601' })).toEqual(['MAIL_MAX_BYTES']);
    expect(problemsOf({ MAIL_MAX_BYTES: '0' })).toEqual(['MAIL_MAX_BYTES']);
    expect(problemsOf({ MAIL_MAX_BYTES: '25MB' })).toEqual(['MAIL_MAX_BYTES']);
  });

  it('bounds MAIL_IMPORT_STOP_LIMIT to 1 .. 1000', () => {
    expect(loadConfig({ MAIL_IMPORT_STOP_LIMIT: '1' }).mailIntake.importStopLimit).toBe(1);
    expect(problemsOf({ MAIL_IMPORT_STOP_LIMIT: '0' })).toEqual(['MAIL_IMPORT_STOP_LIMIT']);
    expect(problemsOf({ MAIL_IMPORT_STOP_LIMIT: '1001' })).toEqual(['MAIL_IMPORT_STOP_LIMIT']);
  });

  it('bounds MAIL_LEASE_SECONDS to 2 s .. 1 h', () => {
    expect(loadConfig({ MAIL_LEASE_SECONDS: '2' }).mailIntake.leaseSeconds).toBe(2);
    expect(problemsOf({ MAIL_LEASE_SECONDS: '1' })).toEqual(['MAIL_LEASE_SECONDS']);
    expect(problemsOf({ MAIL_LEASE_SECONDS: '3601' })).toEqual(['MAIL_LEASE_SECONDS']);
    expect(problemsOf({ MAIL_LEASE_SECONDS: '1m' })).toEqual(['MAIL_LEASE_SECONDS']);
  });

  it('reads the global SMTP server, with the port its TLS mode implies by default', () => {
    expect(loadConfig({ SMTP_HOST: 'mail.example.com' }).mail.smtp).toEqual({
      host: 'mail.example.com',
      port: 587,
      tls: 'starttls',
      verifyCertificate: true,
      user: undefined,
      password: undefined,
    });
    expect(loadConfig({ SMTP_HOST: '10.0.0.5', SMTP_TLS: 'tls' }).mail.smtp?.port).toBe(465);
    expect(loadConfig({ SMTP_HOST: '[::1]', SMTP_TLS: 'none' }).mail.smtp).toMatchObject({
      host: '::1',
      port: 587,
      tls: 'none',
    });
    expect(loadConfig({ SMTP_PORT: '25', SMTP_USER: 'x' }).mail.smtp).toBeUndefined();
  });

  it('names every bad mail variable', () => {
    expect(
      problemsOf({
        SMTP_HOST: 'smtp://mail.example.com',
        SMTP_PORT: '0',
        SMTP_TLS: 'ssl',
        SMTP_VERIFY_CERTIFICATE: 'yes',
        MAIL_MESSAGE_ID_DOMAIN: 'not a domain',
        MAIL_TIMEOUT_SECONDS: '0',
        MAIL_RETRY_LIMIT: '51',
        MAIL_RETRY_DELAY_SECONDS: '0',
        MAIL_SEND_CONCURRENCY: '0',
      }),
    ).toEqual([
      'MAIL_MESSAGE_ID_DOMAIN',
      'MAIL_RETRY_DELAY_SECONDS',
      'MAIL_RETRY_LIMIT',
      'MAIL_SEND_CONCURRENCY',
      'MAIL_TIMEOUT_SECONDS',
      'SMTP_HOST',
      'SMTP_PORT',
      'SMTP_TLS',
      'SMTP_VERIFY_CERTIFICATE',
    ]);
    expect(problemsOf({ SMTP_HOST: 'mail.example.com', SMTP_PASSWORD: 'x' })).toEqual([
      'SMTP_USER',
    ]);
  });

  it('requires a shared secret with PostgreSQL, where replicas must agree on it', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/tessera' })).toEqual(['TESSERA_SECRET']);
    expect(
      problemsOf({ DATABASE_URL: 'postgres://db/tessera', TESSERA_SECRET: 'x'.repeat(32) }),
    ).toEqual([]);
  });

  it('refuses an admin password without the admin email it belongs to', () => {
    expect(problemsOf({ TESSERA_ADMIN_PASSWORD: 'a long enough password' })).toEqual([
      'TESSERA_ADMIN_EMAIL',
    ]);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', TESSERA_SECRET: '', PUBLIC_URL: ' ' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.secret).toBeUndefined();
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', TESSERA_UNKNOWN: 'x' })).not.toThrow();
  });
});
