// Which SLA policy a ticket falls under: the first policy (by position) whose conditions all hold.
// Policies are plain data; matching is a pure function of the ticket's current attributes, so a
// change of priority, queue or tags simply matches again.

/**
 * What a policy applies to. Each condition lists the values it accepts; the ticket matches when
 * every condition given holds: its queue, priority, organisation tier and channel are one of
 * those listed, and it carries at least one of the tags. An empty or missing list accepts anything.
 */
export interface SlaConditions {
  readonly queueIds?: readonly string[];
  readonly priorities?: readonly string[];
  /** Organisation tiers, compared ignoring case; a ticket without an organisation has no tier. */
  readonly tiers?: readonly string[];
  readonly channels?: readonly string[];
  /** Compared ignoring case. */
  readonly tags?: readonly string[];
}

/** The attributes of a ticket that policies look at. */
export interface SlaSubject {
  readonly queueId: string;
  readonly priority: string;
  /** The tier of the ticket's organisation, if it has one. */
  readonly tier: string | null;
  readonly channel: string;
  readonly tags: readonly string[];
}

export interface SlaPolicyCandidate {
  /** Lower comes first; equal positions keep the order they were given in. */
  readonly position: number;
  readonly conditions: SlaConditions;
}

const given = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

const fold = (value: string) => value.trim().toLowerCase();

/** Whether every condition given holds for the ticket. */
export function matchesConditions(conditions: SlaConditions, subject: SlaSubject): boolean {
  const { queueIds, priorities, tiers, channels, tags } = conditions;
  if (given(queueIds) && !queueIds.some((id) => fold(id) === fold(subject.queueId))) return false;
  if (given(priorities) && !priorities.includes(subject.priority)) return false;
  if (given(tiers)) {
    const tier = subject.tier === null ? undefined : fold(subject.tier);
    if (tier === undefined || !tiers.some((candidate) => fold(candidate) === tier)) return false;
  }
  if (given(channels) && !channels.includes(subject.channel)) return false;
  if (given(tags)) {
    const carried = new Set(subject.tags.map(fold));
    if (!tags.some((tag) => carried.has(fold(tag)))) return false;
  }
  return true;
}

/** The policy that applies: the first by position whose conditions hold; undefined for none. */
export function selectPolicy<P extends SlaPolicyCandidate>(
  policies: readonly P[],
  subject: SlaSubject,
): P | undefined {
  let chosen: P | undefined;
  for (const policy of policies) {
    if (chosen !== undefined && policy.position >= chosen.position) continue;
    if (matchesConditions(policy.conditions, subject)) chosen = policy;
  }
  return chosen;
}

const PRIORITY_LADDER = ['low', 'normal', 'high', 'urgent'] as const;

/** One step more urgent (`low` → `normal` → `high` → `urgent`); `urgent` stays. */
export function raisedPriority<P extends string>(priority: P): P {
  const index = (PRIORITY_LADDER as readonly string[]).indexOf(priority);
  if (index < 0) return priority;
  return PRIORITY_LADDER[Math.min(index + 1, PRIORITY_LADDER.length - 1)] as P;
}
