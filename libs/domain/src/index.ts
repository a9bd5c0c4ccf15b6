export { isValidEmailAddress, normalizeEmailAddress } from './email-address.js';
export {
  checkPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordProblem,
} from './password-policy.js';
export {
  includesLevel,
  QUEUE_ACCESS_LEVELS,
  strongestLevel,
  type QueueAccessLevel,
} from './permission/access-level.js';
export {
  ACTIONS,
  decide,
  ROLES,
  type Action,
  type Actor,
  type Decision,
  type DenyReason,
  type Resource,
  type Role,
} from './permission/policy.js';
export {
  afterAgentReply,
  afterCustomerReply,
  checkTransition,
  isActive,
  isTerminal,
  TICKET_STATES,
  type ReplyOutcome,
  type TicketState,
  type TransitionCheck,
} from './ticket/ticket-state.js';
export {
  DEFAULT_SUBJECT_HOOK,
  formatTicketNumber,
  numberFromSubject,
  parseTicketReference,
  subjectTag,
  tagSubject,
} from './ticket/ticket-number.js';
export {
  isEmptySearch,
  parseSearchQuery,
  SEARCH_PRIORITIES,
  type SearchAssignee,
  type SearchFilters,
  type SearchPriority,
  type SearchProblem,
  type SearchQuery,
  type SearchTerm,
} from './ticket/search-query.js';
