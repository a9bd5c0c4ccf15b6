import type { Actor } from '@tessera/domain';

/** The authenticated caller: the policy's Actor plus how they authenticated. */
export interface RequestActor extends Actor {
  email: string;
  name: string;
  /** Set when authenticated with a web-app access token (its refresh session). */
  sessionId: string | null;
  /** Set when authenticated with a personal API token. */
  apiTokenId: string | null;
}
