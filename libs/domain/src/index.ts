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
export { checkMerge, MAX_MERGE_HOPS, type MergeCheck } from './ticket/ticket-merge.js';
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
export {
  ALWAYS_OPEN,
  validateCalendar,
  WEEKDAYS,
  type BusinessCalendar,
  type CalendarProblem,
  type CalendarValidation,
  type Holiday,
  type Weekday,
  type WorkingInterval,
} from './sla/calendar.js';
export {
  addBusinessMinutes,
  businessMinutesBetween,
  dueAt,
  elapsedBusinessMinutes,
  isBusinessTime,
  NoWorkingTimeError,
  type ClockPause,
} from './sla/business-time.js';
export {
  matchesConditions,
  raisedPriority,
  selectPolicy,
  type SlaConditions,
  type SlaPolicyCandidate,
  type SlaSubject,
} from './sla/sla-policy.js';
export {
  clockRuns,
  evaluateSla,
  pendingSlaAlerts,
  SLA_TARGETS,
  slaAlertKey,
  type ClockPhase,
  type ClockRun,
  type ClockRuns,
  type SlaAlert,
  type SlaAlertKind,
  type SlaClock,
  type SlaClocks,
  type SlaEvaluation,
  type SlaHistory,
  type SlaHistoryEntry,
  type SlaStatus,
  type SlaTarget,
  type SlaTargets,
} from './sla/sla-clock.js';
export { isTimeZone } from './sla/time-zone.js';
