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
      }),
    ).toEqual([
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
