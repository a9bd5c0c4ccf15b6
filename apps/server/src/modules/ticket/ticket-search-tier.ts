// The recent tier of the search index, `ticket_search_recent` (see the RecentSearchTier
// migration): the search documents of the tickets updated lately, filled by triggers on tickets
// and pruned by TicketSearchTierService. Plain constants, for the search, the job and the import.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far back the tier is searched, in days. It keeps a day more (RECENT_SEARCH_KEEP_DAYS), so
 * the later pages of a search stay complete. A search costs in proportion to the matches it
 * reads in the tier: with a million tickets over two years, a common pair of words matched 5,000
 * tickets of the last 90 days (16 ms) and 2,100 of the last 30 (6 ms), and even a word in one
 * ticket in a hundred still fills the 500 matches a search ranks from 30 days.
 */
export const RECENT_SEARCH_DAYS = 30;
export const RECENT_SEARCH_KEEP_DAYS = RECENT_SEARCH_DAYS + 1;

/** The recent tier: derived from the tickets, so an archive leaves it out (tessera export). */
export const RECENT_SEARCH_TABLE = 'ticket_search_recent';
/** The triggers on tickets that keep the tier in step (the RecentSearchTier migration). */
export const RECENT_SEARCH_TRIGGERS = [
  'tickets_search_recent_insert',
  'tickets_search_recent_update',
] as const;

/**
 * Fills the tier with the tickets updated since `$1`, after a load with its triggers off (an
 * import of a whole help desk writes each ticket once, then the tier once).
 */
export const REFILL_RECENT_SEARCH = `
  INSERT INTO ticket_search_recent (ticket_id, updated_at, search_vector)
  SELECT id, updated_at,
         ticket_search_recent_document(search_vector, queue_id, requester_id, organization_id)
    FROM tickets WHERE updated_at >= $1
      ON CONFLICT (ticket_id) DO NOTHING`;

/** Where the tier may end at `now`: every ticket updated since is in it. */
export function recentSearchHorizon(now: Date): Date {
  return new Date(now.getTime() - RECENT_SEARCH_KEEP_DAYS * DAY_MS);
}

/** Where a first page searches the tier from at `now`. */
export function recentSearchSince(now: Date): Date {
  return new Date(now.getTime() - RECENT_SEARCH_DAYS * DAY_MS);
}
