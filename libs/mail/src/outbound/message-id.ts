// Message-IDs of the mail Tessera sends: `<uuid@domain>`, unique worldwide, so a customer's reply
// naming one in In-Reply-To or References leads back to its ticket.
import { randomUUID } from 'node:crypto';

/** The domain of an address (after the last `@`), lower case. */
export function addressDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(at + 1)).trim().toLowerCase();
}

/** `<id@domain>`; `id` defaults to a random UUID. */
export function createMessageId(domain: string, id: string = randomUUID()): string {
  const host = domain.trim().toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(host) || host.length === 0) {
    throw new Error(`not a domain for a Message-ID: ${domain}`);
  }
  return `<${id}@${host}>`;
}

/**
 * A Message-ID as headers carry it, in angle brackets; undefined for something that is not one
 * (empty, or containing spaces or brackets inside), so a broken header never poisons a thread.
 */
export function normalizeMessageId(value: string): string | undefined {
  const bare = value.trim().replace(/^<|>$/g, '');
  if (bare.length === 0 || /[\s<>]/.test(bare)) return undefined;
  return `<${bare}>`;
}
