// Whether two instances share a signing key, told without revealing it: sealed mailbox passwords
// only open under the key that sealed them, so an import under another key would lose them.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/env.config.js';

export function secretFingerprint(secret: string): string {
  return createHmac('sha256', secret)
    .update('tessera archive: signing key fingerprint')
    .digest('hex')
    .slice(0, 32);
}

/**
 * The key this configuration runs with, without generating one: TESSERA_SECRET, or in embedded
 * mode the key kept in the data directory; undefined when there is none yet.
 */
export async function configuredSecret(config: AppConfig): Promise<string | undefined> {
  if (config.secret) return config.secret;
  if (config.databaseUrl) return undefined;
  try {
    return (await readFile(join(config.dataDir, 'secret'), 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
