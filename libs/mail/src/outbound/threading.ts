// The headers that let a mail client thread Tessera's mail under the conversation it belongs to
// (RFC 5322 3.6.4): In-Reply-To names the mail answered, References the chain before it.
import { normalizeMessageId } from './message-id.js';

/** References beyond this are trimmed: some servers refuse very long headers. */
export const MAX_REFERENCES = 20;

export interface ThreadHeaders {
  /** The latest mail of the conversation, or null when there is none. */
  inReplyTo: string | null;
  /** The conversation's Message-IDs, oldest first; empty when there are none. */
  references: string[];
}

/**
 * Threading headers for a new mail in a conversation whose Message-IDs are `chain`, oldest first.
 * Invalid ids are dropped and duplicates kept once. A chain longer than `max` keeps its first id
 * (the conversation's root, which clients thread on) and the latest `max - 1`.
 */
export function threadHeaders(chain: readonly string[], max = MAX_REFERENCES): ThreadHeaders {
  if (max < 2) throw new Error('References must keep at least the first and the last id');
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const raw of chain) {
    const id = normalizeMessageId(raw);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  const references = ids.length > max ? [ids[0] ?? '', ...ids.slice(ids.length - (max - 1))] : ids;
  return { inReplyTo: references[references.length - 1] ?? null, references };
}
