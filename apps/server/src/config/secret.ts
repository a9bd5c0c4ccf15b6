// The signing key. With PostgreSQL it must come from TESSERA_SECRET (replicas share it); in
// embedded mode it is generated once and kept in the data directory, readable by its owner only.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from './env.config.js';

export async function resolveSecret(config: AppConfig): Promise<string> {
  if (config.secret) return config.secret;
  if (config.databaseUrl) throw new Error('TESSERA_SECRET must be set when DATABASE_URL is set.');
  const path = join(config.dataDir, 'secret');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  await writeFile(path, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
