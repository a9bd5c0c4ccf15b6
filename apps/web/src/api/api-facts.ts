// Generated from docs/openapi.json by apps/web/scripts/generate-api.mjs: do not edit.
/** The orders GET /api/v1/tickets offers (its `sort` parameter). */
export const TICKET_SORTS = ['updated', 'created', 'priority', 'due'] as const;
