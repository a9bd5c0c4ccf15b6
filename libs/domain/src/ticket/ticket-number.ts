// Tickets are known to people by number: `#10042` in the app, `[Ticket#10042]` in mail subjects,
// where the tag lets a reply find its ticket even without mail headers.

export const DEFAULT_SUBJECT_HOOK = 'Ticket#';

export function formatTicketNumber(number: number): string {
  return `#${number}`;
}

export function subjectTag(number: number, hook = DEFAULT_SUBJECT_HOOK): string {
  return `[${hook}${number}]`;
}

/** Adds the tag to a subject unless it is already there. */
export function tagSubject(subject: string, number: number, hook = DEFAULT_SUBJECT_HOOK): string {
  const tag = subjectTag(number, hook);
  return subject.includes(tag) ? subject : `${subject} ${tag}`.trim();
}

/** The ticket number tagged in a subject, if any (the last tag wins, as replies prepend "Re:"). */
export function numberFromSubject(
  subject: string,
  hook = DEFAULT_SUBJECT_HOOK,
): number | undefined {
  const escaped = hook.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = [...subject.matchAll(new RegExp(`\\[${escaped}(\\d{1,15})\\]`, 'gi'))];
  const last = matches[matches.length - 1]?.[1];
  return last === undefined ? undefined : Number(last);
}

/** Ticket numbers are stored as 32-bit integers; anything larger names no ticket. */
export const MAX_TICKET_NUMBER = 2_147_483_647;

/** `#10042`, `10042` or a UUID: how an API caller may name a ticket. */
export function parseTicketReference(
  reference: string,
): { kind: 'number'; number: number } | { kind: 'id'; id: string } | undefined {
  const number = /^#?(\d{1,10})$/.exec(reference.trim());
  if (number?.[1] && Number(number[1]) <= MAX_TICKET_NUMBER) {
    return { kind: 'number', number: Number(number[1]) };
  }
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference)) {
    return { kind: 'id', id: reference.toLowerCase() };
  }
  return undefined;
}
