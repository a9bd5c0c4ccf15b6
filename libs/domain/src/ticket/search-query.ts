// The ticket search language: free words, "quoted phrases", -exclusions and field filters such as
// `state:open queue:billing #10042`. Parsing is lenient: anything that is not a known filter is
// text to search for, so a pasted "Re: printer" never fails; only invalid filter values do.
import { isValidEmailAddress, normalizeEmailAddress } from '../email-address.js';
import { MAX_TICKET_NUMBER } from './ticket-number.js';
import { TICKET_STATES, type TicketState } from './ticket-state.js';

export const SEARCH_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type SearchPriority = (typeof SEARCH_PRIORITIES)[number];

export type SearchAssignee = { kind: 'me' } | { kind: 'none' } | { kind: 'email'; email: string };

/** Every filter present must hold; a list (states, priorities) means any one of its values. */
export interface SearchFilters {
  states?: TicketState[];
  priorities?: SearchPriority[];
  /** A queue slug. */
  queue?: string;
  /** Each tag must be on the ticket. */
  tags?: string[];
  assignee?: SearchAssignee;
  /** A requester's email address, lower case. */
  requester?: string;
  number?: number;
}

/**
 * Text to look for, lower case. A word matches as a prefix (`print` finds "printer"); a phrase
 * matches its words next to each other, in order. `exclude` keeps the tickets that do not match.
 */
export type SearchTerm =
  | { kind: 'word'; word: string; exclude: boolean }
  | { kind: 'phrase'; words: string[]; exclude: boolean };

export interface SearchQuery {
  filters: SearchFilters;
  terms: SearchTerm[];
}

/** An invalid part of the query: the token as written, and what is wrong with it. */
export interface SearchProblem {
  token: string;
  message: string;
}

const FIELDS = ['state', 'priority', 'queue', 'tag', 'assignee', 'requester', 'number'] as const;
type Field = (typeof FIELDS)[number];

const FIELD_TOKEN = /^([a-z]+):(.*)$/i;
const NUMBER_TOKEN = /^#(\d+)$/;
/** A word is searchable when it holds a letter or a digit; "&", "--" or "..." say nothing. */
const SEARCHABLE = /[\p{L}\p{N}]/u;
// Control characters cannot be stored or compared as text; they separate words like spaces do.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

const isField = (name: string): name is Field => (FIELDS as readonly string[]).includes(name);

export function parseSearchQuery(input: string): { query: SearchQuery; problems: SearchProblem[] } {
  const filters: SearchFilters = {};
  const terms: SearchTerm[] = [];
  const problems: SearchProblem[] = [];
  const problem = (token: string, message: string) => problems.push({ token, message });

  for (const token of tokenize(input.replace(CONTROL, ' '))) {
    if (token.quoted) {
      const words = token.text.toLowerCase().split(/\s+/).filter(isSearchable);
      if (words.length > 0) terms.push({ kind: 'phrase', words, exclude: token.exclude });
      continue;
    }
    const field = FIELD_TOKEN.exec(token.text);
    const name = field?.[1]?.toLowerCase();
    const number = NUMBER_TOKEN.exec(token.text);
    const filter =
      name !== undefined && isField(name)
        ? { name, value: field?.[2] ?? '' }
        : number
          ? { name: 'number' as const, value: number[1] ?? '' }
          : undefined;
    if (filter) {
      if (token.exclude) problem(token.raw, 'filters cannot be negated');
      else if (filter.value === '') problem(token.raw, 'needs a value after the colon');
      else {
        const message = applyFilter(filters, filter.name, filter.value);
        if (message) problem(token.raw, message);
      }
      continue;
    }
    const word = token.text.toLowerCase();
    if (isSearchable(word)) terms.push({ kind: 'word', word, exclude: token.exclude });
  }
  return { query: { filters, terms }, problems };
}

/** True when the query names nothing at all to search for or filter by. */
export function isEmptySearch(query: SearchQuery): boolean {
  return query.terms.length === 0 && Object.keys(query.filters).length === 0;
}

interface Token {
  /** As written, for problems. */
  raw: string;
  /** Without the leading `-` and quotes. */
  text: string;
  quoted: boolean;
  exclude: boolean;
}

/** Splits on whitespace; `"..."` (to the closing quote, or the end) is one token; `-` excludes. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input.charAt(i))) i++;
    if (i >= input.length) break;
    const start = i;
    const exclude =
      input.charAt(i) === '-' && i + 1 < input.length && !/\s/.test(input.charAt(i + 1));
    if (exclude) i++;
    if (input.charAt(i) === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      tokens.push({
        raw: input.slice(start, Math.min(end + 1, input.length)),
        text: input.slice(i + 1, end),
        quoted: true,
        exclude,
      });
      i = end + 1;
      continue;
    }
    while (i < input.length && !/\s/.test(input.charAt(i))) i++;
    tokens.push({
      raw: input.slice(start, i),
      text: input.slice(exclude ? start + 1 : start, i),
      quoted: false,
      exclude,
    });
  }
  return tokens;
}

function isSearchable(word: string): boolean {
  return SEARCHABLE.test(word);
}

/** Adds one filter; returns what is wrong with its value, if anything. */
function applyFilter(filters: SearchFilters, name: Field, value: string): string | undefined {
  switch (name) {
    case 'state': {
      const states = oneOf(value, TICKET_STATES);
      if (!Array.isArray(states)) return `"${states}" is not a state (${TICKET_STATES.join(', ')})`;
      filters.states = union(filters.states, states);
      return undefined;
    }
    case 'priority': {
      const priorities = oneOf(value, SEARCH_PRIORITIES);
      if (!Array.isArray(priorities)) {
        return `"${priorities}" is not a priority (${SEARCH_PRIORITIES.join(', ')})`;
      }
      filters.priorities = union(filters.priorities, priorities);
      return undefined;
    }
    case 'tag':
      filters.tags = union(filters.tags, [value.toLowerCase()]);
      return undefined;
    case 'queue':
      return setOnce(filters, 'queue', value.toLowerCase());
    case 'requester':
      if (!isValidEmailAddress(value)) return `"${value}" is not an email address`;
      return setOnce(filters, 'requester', normalizeEmailAddress(value));
    case 'assignee': {
      const lower = value.toLowerCase();
      if (lower === 'me' || lower === 'none') return setOnce(filters, 'assignee', { kind: lower });
      if (!isValidEmailAddress(value)) return `"${value}" is not me, none or an email address`;
      return setOnce(filters, 'assignee', { kind: 'email', email: normalizeEmailAddress(value) });
    }
    case 'number': {
      const number = /^#?(\d{1,10})$/.exec(value)?.[1];
      if (number === undefined || Number(number) > MAX_TICKET_NUMBER) {
        return `"${value}" is not a ticket number`;
      }
      return setOnce(filters, 'number', Number(number));
    }
  }
}

/** The comma-separated values, each one of `allowed` (any case); or the first one that is not. */
function oneOf<T extends string>(value: string, allowed: readonly T[]): T[] | string {
  const values: T[] = [];
  for (const part of value.split(',')) {
    const lower = part.trim().toLowerCase();
    const match = allowed.find((candidate) => candidate === lower);
    if (match === undefined) return part;
    values.push(match);
  }
  return values;
}

function union<T>(current: T[] | undefined, more: T[]): T[] {
  return [...new Set([...(current ?? []), ...more])];
}

/** Filters with one value: repeating one with a different value can match nothing. */
function setOnce<K extends 'queue' | 'requester' | 'assignee' | 'number'>(
  filters: SearchFilters,
  name: K,
  value: NonNullable<SearchFilters[K]>,
): string | undefined {
  const current = filters[name];
  if (current !== undefined && JSON.stringify(current) !== JSON.stringify(value)) {
    return `${name} is given twice with different values`;
  }
  filters[name] = value;
  return undefined;
}
