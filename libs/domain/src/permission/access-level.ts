// Per-queue access for agents. The levels are monotone: each includes the ones before it.

export const QUEUE_ACCESS_LEVELS = ['view', 'reply', 'manage'] as const;
export type QueueAccessLevel = (typeof QUEUE_ACCESS_LEVELS)[number];

const RANK: Record<QueueAccessLevel, number> = { view: 1, reply: 2, manage: 3 };

/** True when `held` includes everything `needed` allows. */
export function includesLevel(
  held: QueueAccessLevel | undefined,
  needed: QueueAccessLevel,
): boolean {
  return held !== undefined && RANK[held] >= RANK[needed];
}

/** The strongest of several grants (a user's own and those through teams). */
export function strongestLevel(levels: Iterable<QueueAccessLevel>): QueueAccessLevel | undefined {
  let best: QueueAccessLevel | undefined;
  for (const level of levels) if (!best || RANK[level] > RANK[best]) best = level;
  return best;
}
