// Generated from docs/openapi.json by apps/web/scripts/generate-api.mjs: do not edit.
export interface paths {
  '/api/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List administrative changes, newest first */
    get: operations['Audit_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The help desk's settings, defaults included */
    get: operations['Settings_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change settings
     * @description Only the fields given change; each change is in the audit log.
     */
    patch: operations['Settings_update'];
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with email and password
     * @description Returns a short-lived access token and sets the refresh cookie used by the web app. After 20 failed attempts for one account (or 100 from one address) within 15 minutes, sign-in is refused with 429 and Retry-After for 15 minutes.
     */
    post: operations['Auth_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Get a new access token with the refresh cookie
     * @description The refresh cookie is replaced by a new one; the old one stops working.
     */
    post: operations['Auth_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: end the session of the refresh cookie */
    post: operations['Auth_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who am I: the signed-in user and their queue access */
    get: operations['Me_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change my name, language, time zone or mail notifications */
    patch: operations['MyProfile_update'];
    trace?: never;
  };
  '/api/v1/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change my password
     * @description Signs out every other session.
     */
    post: operations['Me_changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List my personal API tokens (never the tokens themselves) */
    get: operations['Me_tokens'];
    put?: never;
    /**
     * Create a personal API token
     * @description The token is in this response only; Tessera keeps just its hash.
     */
    post: operations['Me_createToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke one of my API tokens
     * @description It stops working at once.
     */
    delete: operations['Me_revokeToken'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set another user's password (admin)
     * @description Every session of that user ends; their API tokens stay.
     */
    post: operations['UserPassword_reset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness
     * @description The process is alive and serving HTTP; says nothing about its dependencies.
     */
    get: operations['Health_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness
     * @description Ready for traffic: the database answers, all migrations are applied and no shutdown is under way.
     */
    get: operations['Health_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Process metrics and HTTP requests by method, route pattern and status.
     */
    get: operations['Metrics_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List users by email (admin) */
    get: operations['User_list'];
    put?: never;
    /**
     * Create a user (admin)
     * @description A customer created without `organizationId` joins the organisation owning the domain of their email, if there is one.
     */
    post: operations['User_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a user (admin, or anyone on themselves) */
    get: operations['User_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a user (admin)
     * @description Deactivating signs the user out everywhere at once. The last active admin cannot be deactivated or demoted (409).
     */
    patch: operations['User_update'];
    trace?: never;
  };
  '/api/v1/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the people a ticket can be assigned to
     * @description Active agents and admins, by email, with just their id, name and email.
     */
    get: operations['Agent_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organizations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List organisations by name */
    get: operations['Organization_list'];
    put?: never;
    /** Create an organisation */
    post: operations['Organization_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organizations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an organisation */
    get: operations['Organization_get'];
    put?: never;
    post?: never;
    /**
     * Delete an organisation
     * @description Its members stay, without an organisation; its domains are released.
     */
    delete: operations['Organization_delete'];
    options?: never;
    head?: never;
    /**
     * Change an organisation
     * @description `domains` replaces the whole set. Changing domains does not move existing users; it decides which organisation customers created from now on join.
     */
    patch: operations['Organization_update'];
    trace?: never;
  };
  '/api/v1/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List teams by name */
    get: operations['Team_list'];
    put?: never;
    /** Create a team */
    post: operations['Team_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/teams/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a team with its members */
    get: operations['Team_get'];
    put?: never;
    post?: never;
    /**
     * Delete a team
     * @description Its members lose the queue access they held through it, at once.
     */
    delete: operations['Team_delete'];
    options?: never;
    head?: never;
    /** Rename a team or change its description */
    patch: operations['Team_update'];
    trace?: never;
  };
  '/api/v1/teams/{id}/members/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Add an agent or admin to a team
     * @description Idempotent: adding a member again changes nothing.
     */
    put: operations['Team_addMember'];
    post?: never;
    /** Remove a member from a team */
    delete: operations['Team_removeMember'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/queues': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the queues I can see, by name
     * @description Admins see every queue; agents the queues they hold access to.
     */
    get: operations['Queue_list'];
    put?: never;
    /** Create a queue */
    post: operations['Queue_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/queues/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a queue */
    get: operations['Queue_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a queue's settings
     * @description Queues are never deleted: send `active: false` to deactivate one.
     */
    patch: operations['Queue_update'];
    trace?: never;
  };
  '/api/v1/queues/{id}/access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List who has access to a queue: agents and teams, with levels */
    get: operations['QueueAccess_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/queues/{id}/access/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Give an agent access to a queue, or change its level
     * @description Only agents can be granted access: admins hold every queue already.
     */
    put: operations['QueueAccess_grantUser'];
    post?: never;
    /** Remove an agent's own grant on a queue */
    delete: operations['QueueAccess_revokeUser'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/queues/{id}/access/teams/{teamId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Give a team access to a queue, or change its level
     * @description Every member holds at least this level while in the team.
     */
    put: operations['QueueAccess_grantTeam'];
    post?: never;
    /** Remove a team's grant on a queue */
    delete: operations['QueueAccess_revokeTeam'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List tickets
     * @description Only tickets the caller may see: agents those in their queues, customers their own (and their organisation's when it shares tickets). Sorted by `sort` (default: most recently updated first), paged by cursor.
     */
    get: operations['Ticket_list'];
    put?: never;
    /**
     * Open a ticket
     * @description Agents and admins say who asked (`requester`, found or created by email); customers open tickets for themselves. The body becomes the first message.
     */
    post: operations['Ticket_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change many tickets at once
     * @description Up to 500 tickets, each changed under the permissions and rules of PATCH, checked ticket by ticket; no If-Match (the last writer wins), but versions move on. Tickets that cannot be changed are listed in `failed` with the status PATCH would have answered; tickets the caller cannot see as `not_found`. All in one transaction.
     */
    post: operations['Ticket_bulkUpdate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a ticket
     * @description The ETag header carries its version.
     */
    get: operations['Ticket_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a ticket
     * @description Subject, state, priority and tags need `ticket:update`; taking the ticket yourself `ticket:take`; assigning it to someone else or unassigning `ticket:assign`; moving it to another queue `ticket:move`. A stale If-Match answers 412 with `currentVersion`; an illegal state change 409 `invalid_transition` with the allowed targets.
     */
    patch: operations['Ticket_update'];
    trace?: never;
  };
  '/api/v1/tickets/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reply, or add an internal note
     * @description A public reply needs `ticket:reply`, an internal note (`internal: true`) `ticket:note`. A customer reply brings a pending ticket back to the agents and reopens a resolved one; an agent's first reply opens a new ticket unless `state` says otherwise.
     */
    post: operations['Ticket_addMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The conversation and history of a ticket, oldest first
     * @description Customers see the public messages only: never internal notes or internal history.
     */
    get: operations['Ticket_timeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tickets linked to this one, oldest link first
     * @description Related tickets and follow-ups, each with the other ticket and which end of the link this one is. Links to tickets the caller may not see are left out.
     */
    get: operations['TicketLink_list'];
    put?: never;
    /**
     * Link another ticket to this one
     * @description Needs `ticket:update` on both tickets. 201 with the new link, 200 with the link there already is when the two are linked (either way round). A ticket the caller cannot see answers 400 naming `ticketId`, as one that does not exist.
     */
    post: operations['TicketLink_link'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/links/{otherId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove the link between this ticket and another one
     * @description Needs `ticket:update` on both tickets; a follow-up link may be removed too.
     */
    delete: operations['TicketLink_unlink'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Merge this ticket into another one
     * @description Needs `ticket:merge` on both tickets. Every message moves to the target, tags are joined, and this ticket becomes `merged` with `mergedIntoId`; customer replies to it go to the target from then on. A target the caller cannot see answers 400 naming `targetId`, as one that does not exist.
     */
    post: operations['TicketLink_merge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search tickets, best match first
     * @description Full-text search over the subject, the requester and public messages, with filters. Only tickets the caller may see, as in the ticket list; internal notes are never searched.
     */
    get: operations['TicketSearch_find'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/followers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who is kept informed besides the requester (CCs)
     * @description Customers see the other customers on the conversation, not following agents.
     */
    get: operations['TicketFollower_list'];
    put?: never;
    /**
     * Add a follower by email
     * @description Found by address (an agent, or a customer created if unknown). 201 when they start following, 200 when they already were.
     */
    post: operations['TicketFollower_add'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/followers/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Stop a follower being informed */
    delete: operations['TicketFollower_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/views': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * My views and those shared with my queues, with live counts
     * @description Your own views first, then the views shared with the queues you can see, each by name. `count` is how many tickets the view shows you now, as its ticket list would.
     */
    get: operations['SavedView_list'];
    put?: never;
    /**
     * Save a view
     * @description Your own, or shared with a queue (`queueId`), which needs `view:share` on that queue. The filter takes the fields and rules of the ticket list.
     */
    post: operations['SavedView_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/views/inbox-counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The inbox's built-in lists, with live counts
     * @description How much open work (`new`, `open`, `pending`) is assigned to you, to nobody, in all you can see, and in each active queue you can see: what `GET /api/v1/tickets` lists with those filters. Counts stop at 10000 (`countCapped`).
     */
    get: operations['SavedView_inboxCounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/views/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a view, with its live count */
    get: operations['SavedView_get'];
    put?: never;
    post?: never;
    /**
     * Delete a view
     * @description A shared view needs `view:share` on its queue.
     */
    delete: operations['SavedView_delete'];
    options?: never;
    head?: never;
    /**
     * Change a view
     * @description A shared view needs `view:share` on its queue (and on the queue it moves to). `filter` replaces the whole filter.
     */
    patch: operations['SavedView_update'];
    trace?: never;
  };
  '/api/v1/views/{id}/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The view's tickets
     * @description Exactly `GET /api/v1/tickets` with the view's filter and sort, for you.
     */
    get: operations['SavedView_tickets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sla/calendars': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List business calendars: the built-in 24/7 one first, then by name */
    get: operations['SlaCalendar_list'];
    put?: never;
    /** Create a business calendar */
    post: operations['SlaCalendar_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sla/calendars/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a business calendar */
    get: operations['SlaCalendar_get'];
    put?: never;
    post?: never;
    /** Delete a business calendar no policy uses */
    delete: operations['SlaCalendar_delete'];
    options?: never;
    head?: never;
    /**
     * Change a business calendar
     * @description Due times of open tickets under policies using it are recomputed.
     */
    patch: operations['SlaCalendar_update'];
    trace?: never;
  };
  '/api/v1/sla/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List SLA policies in the order they are tried (first match wins) */
    get: operations['SlaPolicy_list'];
    put?: never;
    /**
     * Create an SLA policy
     * @description Open tickets are matched again and their due times recomputed, in a job.
     */
    post: operations['SlaPolicy_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sla/policies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an SLA policy */
    get: operations['SlaPolicy_get'];
    put?: never;
    post?: never;
    /** Delete an SLA policy */
    delete: operations['SlaPolicy_delete'];
    options?: never;
    head?: never;
    /**
     * Change an SLA policy
     * @description Open tickets are matched again and their due times recomputed, in a job.
     */
    patch: operations['SlaPolicy_update'];
    trace?: never;
  };
  '/api/v1/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My notifications, newest first */
    get: operations['Notification_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark one of my notifications read */
    post: operations['Notification_markRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/volume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tickets created, resolved and reopened, and the backlog, per day, week or month
     * @description Buckets start at local midnights of `tz`; the first and last are cut to the range. The backlog is the number of tickets open (not resolved, closed or merged) at the end of each bucket, from the tickets' history. Admins see every ticket; an agent who manages queues sees those queues (another `queueId` answers 404 without access to it, 403 with less than manage). Filters apply to the tickets as they are now.
     */
    get: operations['Report_volume'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/response-times': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Median and 90th percentile of the time to first response and to resolution
     * @description Over tickets first answered (resolved) in the range, overall and per bucket of the answer (resolution), in calendar minutes from opening and in the business minutes of the SLA policy's calendar. Admins see every ticket; an agent who manages queues sees those queues (another `queueId` answers 404 without access to it, 403 with less than manage). Filters apply to the tickets as they are now.
     */
    get: operations['Report_responseTimes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/sla': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * SLA compliance per target
     * @description A target met in time counts when it was met; a missed one at its due time, whether it was met late since or not. Compliance is met / (met + breached). Admins see every ticket; an agent who manages queues sees those queues (another `queueId` answers 404 without access to it, 403 with less than manage). Filters apply to the tickets as they are now.
     */
    get: operations['Report_sla'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Headline figures of a range
     * @description Created, resolved, reopened and the reopen rate, the backlog at both ends, the time to first response and to resolution, and SLA compliance over all targets. Admins see every ticket; an agent who manages queues sees those queues (another `queueId` answers 404 without access to it, 403 with less than manage). Filters apply to the tickets as they are now.
     */
    get: operations['Report_summary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mailboxes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List mailboxes by address */
    get: operations['Mailbox_list'];
    put?: never;
    /** Create a mailbox */
    post: operations['Mailbox_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mailboxes/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Test unsaved mailbox settings
     * @description Signs in to the IMAP server and opens the folder, and checks the SMTP server replies go through (the mailbox's own, else the global one). Each part answers `ok`, or an `error` with its `kind` and a message; the answer is 200 either way.
     */
    post: operations['Mailbox_testSettings'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mailboxes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a mailbox */
    get: operations['Mailbox_get'];
    put?: never;
    post?: never;
    /**
     * Delete a mailbox
     * @description Its tickets stay; mail queued to go out through it is not sent.
     */
    delete: operations['Mailbox_delete'];
    options?: never;
    head?: never;
    /**
     * Change a mailbox
     * @description A password left out keeps the stored one; a new `imapHost` (or `smtpHost`, with an SMTP user) needs the password again. `smtpHost: null` sends replies through the global server.
     */
    patch: operations['Mailbox_update'];
    trace?: never;
  };
  '/api/v1/mailboxes/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Test a mailbox's connections
     * @description Signs in to the IMAP server and opens the folder, and checks the SMTP server replies go through (the mailbox's own, else the global one). Each part answers `ok`, or an `error` with its `kind` and a message; the answer is 200 either way.
     */
    post: operations['Mailbox_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail-templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the mail templates
     * @description Every template Tessera writes mail from, in a fixed order, as it is used now.
     */
    get: operations['MailTemplate_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail-templates/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a mail template */
    get: operations['MailTemplate_get'];
    /**
     * Change a mail template
     * @description Replaces the default until the template is deleted; mail already queued keeps what it was rendered with. Each change is in the audit log.
     */
    put: operations['MailTemplate_update'];
    post?: never;
    /** Return a mail template to Tessera's default */
    delete: operations['MailTemplate_reset'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail-templates/{key}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Preview a mail template
     * @description Renders a draft (parts left out: the stored ones) as it would be mailed, with sample values or a real ticket's. Nothing is stored or sent.
     */
    post: operations['MailTemplate_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload a file to attach to a message
     * @description The body is the file's bytes, with the file's own Content-Type (any type; application/octet-stream when unknown). The upload stays unattached, visible to you only, until a ticket or a reply you send names its id; unattached uploads are deleted after 24 hours. Files larger than ATTACHMENT_MAX_BYTES (25 MiB by default) answer 413.
     */
    post: operations['Attachment_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download a file
     * @description Always as a download (`Content-Disposition: attachment`). Types a browser could run (HTML, SVG, XML, scripts) are served as application/octet-stream. The ETag is the SHA-256 of the content; `If-None-Match` with it answers 304.
     */
    get: operations['Attachment_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments/{id}/meta': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A file's name, type, size and message, without its content */
    get: operations['Attachment_meta'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail/quarantine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List quarantined mail, newest first
     * @description Mail intake could not import: unreadable, larger than MAIL_MAX_BYTES, or failing. Kept with its raw bytes until retried or turned into a ticket.
     */
    get: operations['Quarantine_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail/quarantine/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A quarantined mail: where it came from, why it is here */
    get: operations['Quarantine_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail/quarantine/{id}/raw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download the mail as fetched (message/rfc822) */
    get: operations['Quarantine_raw'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail/quarantine/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Process the stored mail again
     * @description As intake would a new mail (e.g. after a fix, or with a larger MAIL_MAX_BYTES). The answer shows the outcome: `imported`/`ignored`, or still `quarantined` with the new reason.
     */
    post: operations['Quarantine_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/mail/quarantine/{id}/ticket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Turn the mail into a ticket by hand
     * @description In the queue given, asked by the sender (or `requester`), with the text that could be read and the original mail attached as original.eml.
     */
    post: operations['Quarantine_toTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AuditEventDto: {
      /** Format: uuid */
      id: string;
      /**
       * Format: uuid
       * @description Null for changes made by Tessera itself
       */
      actorId: string | null;
      /** @example queue.update */
      action: string;
      /** @example queue */
      entityType: string;
      entityId: string;
      before: Record<string, never> | null;
      after: Record<string, never> | null;
      requestId: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    AuditEventPageDto: {
      items: components['schemas']['AuditEventDto'][];
      nextCursor: string | null;
    };
    SettingsDto: {
      /**
       * @description Marks ticket numbers in mail subjects: `Ticket#` gives `[Ticket#10042]`
       * @example Ticket#
       */
      ticketHook: string;
      /**
       * @description Resolved tickets close after this many days without activity; 0 never closes them
       * @example 7
       */
      autoCloseAfterDays: number;
    };
    UpdateSettingsDto: {
      /**
       * @description Letters, digits and `# : . _ -`; no spaces or brackets
       * @example Ticket#
       */
      ticketHook?: string;
      /** @example 7 */
      autoCloseAfterDays?: number;
    };
    LoginDto: {
      /** @example agent@example.com */
      email: string;
      /** Format: password */
      password: string;
    };
    AccessTokenDto: {
      /** @description Send as `Authorization: Bearer <accessToken>` */
      accessToken: string;
      /**
       * @description Seconds until the access token expires
       * @example 900
       */
      expiresIn: number;
      /** @enum {string} */
      tokenType: 'Bearer';
    };
    QueueAccessDto: {
      /** Format: uuid */
      queueId: string;
      /** @enum {string} */
      level: 'view' | 'reply' | 'manage';
    };
    MeDto: {
      /** Format: uuid */
      id: string;
      email: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'agent' | 'customer';
      /** Format: uuid */
      organizationId: string | null;
      /** @description Effective access per queue (agents) */
      queueAccess: components['schemas']['QueueAccessDto'][];
      /** @description Authenticated with a read-only API token */
      readOnly: boolean;
    };
    ChangePasswordDto: {
      /** Format: password */
      currentPassword: string;
      /** Format: password */
      newPassword: string;
    };
    ApiTokenDto: {
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * @description The first characters of the token
       * @example tsr_Ab3x
       */
      prefix: string;
      readOnly: boolean;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: date-time */
      lastUsedAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    ApiTokenListDto: {
      items: components['schemas']['ApiTokenDto'][];
    };
    CreateApiTokenDto: {
      /** @example CRM integration */
      name: string;
      /**
       * Format: date-time
       * @description No expiry when omitted
       */
      expiresAt?: string;
      /**
       * @description Refuse every write made with this token
       * @default false
       */
      readOnly?: boolean;
    };
    CreatedApiTokenDto: {
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * @description The first characters of the token
       * @example tsr_Ab3x
       */
      prefix: string;
      readOnly: boolean;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: date-time */
      lastUsedAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @description The token itself. Shown only in this response: store it now. */
      token: string;
    };
    ResetPasswordDto: {
      /** Format: password */
      newPassword: string;
    };
    LivenessDto: {
      /**
       * @example ok
       * @enum {string}
       */
      status: 'ok';
    };
    ReadinessChecksDto: {
      /** @enum {string} */
      database: 'up' | 'down';
      /** @enum {string} */
      migrations: 'applied' | 'pending' | 'unknown';
      /** @description True once shutdown has begun. */
      draining: boolean;
    };
    ReadinessDto: {
      /** @enum {string} */
      status: 'ready' | 'not_ready';
      checks: components['schemas']['ReadinessChecksDto'];
    };
    UserDto: {
      /** Format: uuid */
      id: string;
      /**
       * @description Lower case
       * @example ada@example.com
       */
      email: string;
      /** @example Ada Lovelace */
      name: string;
      /** @enum {string} */
      role: 'admin' | 'agent' | 'customer';
      /** @description Deactivated users cannot sign in and their tokens stop working */
      active: boolean;
      /** @example en */
      locale: string;
      /** @example Europe/Zurich */
      timezone: string;
      /** @description Agents and admins: mail them when a ticket is assigned to them by someone else, or its customer replies on a ticket assigned to them */
      mailNotifications: boolean;
      /**
       * Format: uuid
       * @description Customers only
       */
      organizationId: string | null;
      /** @description The user has a password and can sign in with it */
      hasPassword: boolean;
      /** Format: date-time */
      lastLoginAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    UserPageDto: {
      items: components['schemas']['UserDto'][];
      /** @description Null on the last page */
      nextCursor: string | null;
    };
    CreateUserDto: {
      /** @example de-CH */
      locale?: string;
      /** @example Europe/Zurich */
      timezone?: string;
      /**
       * @description Stored lower case
       * @example ada@example.com
       */
      email: string;
      /** @example Ada Lovelace */
      name: string;
      /** @enum {string} */
      role: 'admin' | 'agent' | 'customer';
      /**
       * Format: password
       * @description Without one the user cannot sign in until an admin sets it
       */
      password?: string;
      /**
       * Format: uuid
       * @description Customers only. When omitted, a customer joins the organisation owning the domain of their email, if any; null means no organisation.
       */
      organizationId?: string | null;
    };
    UpdateUserDto: {
      name?: string;
      /** @example de-CH */
      locale?: string;
      /** @example Europe/Zurich */
      timezone?: string;
      /** @description Agents and admins: false stops the mails about tickets assigned to them (assigned by someone else, the customer replied) */
      mailNotifications?: boolean;
      /** @example ada@example.com */
      email?: string;
      /** @enum {string} */
      role?: 'admin' | 'agent' | 'customer';
      /** @description false signs the user out everywhere at once; their API tokens stop working */
      active?: boolean;
      /**
       * Format: uuid
       * @description Customers only; null removes the user from their organisation
       */
      organizationId?: string | null;
    };
    AgentDto: {
      /** Format: uuid */
      id: string;
      /** @example Ada Lovelace */
      name: string;
      /** @example ada@example.com */
      email: string;
    };
    AgentPageDto: {
      items: components['schemas']['AgentDto'][];
      /** @description Null on the last page */
      nextCursor: string | null;
    };
    UpdateMeDto: {
      name?: string;
      /** @example de-CH */
      locale?: string;
      /** @example Europe/Zurich */
      timezone?: string;
      /** @description Agents and admins: false stops the mails about tickets assigned to them (assigned by someone else, the customer replied) */
      mailNotifications?: boolean;
    };
    OrganizationDto: {
      /** Format: uuid */
      id: string;
      /** @example Acme Corp */
      name: string;
      /** @example enterprise */
      tier: string | null;
      /** @description Members may see each other's tickets */
      shareTickets: boolean;
      /**
       * @description Lower case, sorted; new customers with an address at one of them join
       * @example [
       *       "acme.com"
       *     ]
       */
      domains: string[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    OrganizationPageDto: {
      items: components['schemas']['OrganizationDto'][];
      /** @description Null on the last page */
      nextCursor: string | null;
    };
    CreateOrganizationDto: {
      /**
       * @description Unique, ignoring case
       * @example Acme Corp
       */
      name: string;
      /** @example enterprise */
      tier?: string | null;
      /**
       * @description Members may see each other's tickets
       * @default false
       */
      shareTickets?: boolean;
      /**
       * @description Email domains, each owned by one organisation; stored lower case
       * @example [
       *       "acme.com"
       *     ]
       */
      domains?: string[];
    };
    UpdateOrganizationDto: {
      /**
       * @description Unique, ignoring case
       * @example Acme Corp
       */
      name?: string;
      /** @example enterprise */
      tier?: string | null;
      /**
       * @description Members may see each other's tickets
       * @default false
       */
      shareTickets?: boolean;
      /**
       * @description Email domains, each owned by one organisation; stored lower case
       * @example [
       *       "acme.com"
       *     ]
       */
      domains?: string[];
    };
    TeamDto: {
      /** Format: uuid */
      id: string;
      name: string;
      description: string;
      /** @description How many agents and admins belong to the team */
      memberCount: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    TeamPageDto: {
      items: components['schemas']['TeamDto'][];
      nextCursor: string | null;
    };
    TeamMemberDto: {
      /** Format: uuid */
      id: string;
      name: string;
      email: string;
    };
    TeamDetailDto: {
      /** Format: uuid */
      id: string;
      name: string;
      description: string;
      /** @description How many agents and admins belong to the team */
      memberCount: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description By name */
      members: components['schemas']['TeamMemberDto'][];
    };
    CreateTeamDto: {
      /**
       * @description Unique regardless of case
       * @example Billing specialists
       */
      name: string;
      /** @default  */
      description?: string;
    };
    UpdateTeamDto: {
      /** @description Unique regardless of case */
      name?: string;
      description?: string;
    };
    QueueDto: {
      /** Format: uuid */
      id: string;
      name: string;
      slug: string;
      description: string;
      /** @enum {string} */
      defaultPriority: 'low' | 'normal' | 'high' | 'urgent';
      active: boolean;
      /**
       * @description The caller's own access to the queue (`manage` for admins)
       * @enum {string}
       */
      access: 'view' | 'reply' | 'manage';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    QueuePageDto: {
      items: components['schemas']['QueueDto'][];
      nextCursor: string | null;
    };
    CreateQueueDto: {
      /** @example Billing */
      name: string;
      /** @example billing */
      slug: string;
      /** @default  */
      description?: string;
      /**
       * @default normal
       * @enum {string}
       */
      defaultPriority?: 'low' | 'normal' | 'high' | 'urgent';
      /** @default true */
      active?: boolean;
    };
    UpdateQueueDto: {
      name?: string;
      slug?: string;
      description?: string;
      /** @enum {string} */
      defaultPriority?: 'low' | 'normal' | 'high' | 'urgent';
      /** @description False deactivates the queue; queues are never deleted */
      active?: boolean;
    };
    QueueGrantDto: {
      /**
       * @description An agent, or a team of agents
       * @enum {string}
       */
      granteeType: 'user' | 'team';
      /**
       * Format: uuid
       * @description The user or team id
       */
      granteeId: string;
      /** @description The name of the user or team */
      granteeName: string;
      /** @enum {string} */
      level: 'view' | 'reply' | 'manage';
      /**
       * Format: date-time
       * @description When the grant was first given
       */
      createdAt: string;
    };
    QueueGrantListDto: {
      /** @description Teams first, then agents; each by name */
      items: components['schemas']['QueueGrantDto'][];
    };
    SetQueueAccessDto: {
      /**
       * @description `reply` includes `view`; `manage` includes `reply`
       * @enum {string}
       */
      level: 'view' | 'reply' | 'manage';
    };
    RequesterDto: {
      /** @example customer@example.com */
      email: string;
      /** @example Ada Lovelace */
      name?: string;
    };
    CreateTicketDto: {
      /** @description Plain text; required unless `html` is given */
      text?: string;
      /** @description HTML; sanitised before it is stored */
      html?: string;
      /** @description Files you uploaded with `POST /api/v1/attachments` (their ids), attached to this message */
      attachments?: string[];
      subject: string;
      /** Format: uuid */
      queueId: string;
      /** @description Agents and admins: who asked (found or created by email). Customers: omit, it is them. */
      requester?: components['schemas']['RequesterDto'];
      /**
       * @description Defaults to the queue's
       * @enum {string}
       */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      /**
       * @example [
       *       "printer",
       *       "vip"
       *     ]
       */
      tags?: string[];
      /** @description People to keep informed (found or created by email): they become followers of the ticket */
      cc?: components['schemas']['RequesterDto'][];
      /**
       * @description Agents and admins: the state to open it in (e.g. `resolved` for a call already handled). Defaults to `new`.
       * @enum {string}
       */
      state?: 'new' | 'open' | 'pending' | 'resolved' | 'closed';
      /**
       * Format: date-time
       * @description Admins importing history: when the ticket was really opened (not in the future). The first message, its events and the SLA clocks start then.
       */
      createdAt?: string;
      /**
       * @description Admins importing history: where the ticket came from. Defaults to `api`.
       * @enum {string}
       */
      channel?: 'email' | 'api' | 'web' | 'portal';
    };
    SlaPolicyRefDto: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    SlaClockDto: {
      /**
       * @description `running`; `warning` (past the policy’s warning threshold); `breached` (missed its due time, met since or not); `paused` (waiting on the customer, or resolved); `met` (in time); `stopped` (closed or merged unmet)
       * @enum {string}
       */
      status: 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'stopped';
      /**
       * Format: date-time
       * @description When the target is due; null while paused (it moves by the paused time)
       */
      dueAt: string | null;
      /** Format: date-time */
      breachedAt: string | null;
    };
    TicketSlaDto: {
      policy: components['schemas']['SlaPolicyRefDto'] | null;
      firstResponse: components['schemas']['SlaClockDto'] | null;
      /** @description The latest: from a customer message after an agent reply to the next reply */
      nextResponse: components['schemas']['SlaClockDto'] | null;
      resolution: components['schemas']['SlaClockDto'] | null;
      /**
       * Format: date-time
       * @description The soonest due time of the clocks still running (the `due` sort’s key)
       */
      nextDueAt: string | null;
    };
    TicketDto: {
      /** Format: uuid */
      id: string;
      /** @example 10042 */
      number: number;
      subject: string;
      /** @enum {string} */
      state: 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
      /** @enum {string} */
      priority: 'low' | 'normal' | 'high' | 'urgent';
      /** Format: uuid */
      queueId: string;
      queueName: string;
      /**
       * Format: uuid
       * @description Not shown to customers
       */
      assigneeId: string | null;
      assigneeName: string | null;
      /** Format: uuid */
      requesterId: string;
      requesterName: string;
      requesterEmail: string;
      /** Format: uuid */
      organizationId: string | null;
      /** @enum {string} */
      channel: 'email' | 'api' | 'web' | 'portal';
      /** @description Not shown to customers */
      tags: string[];
      /** Format: uuid */
      mergedIntoId: string | null;
      /** Format: date-time */
      firstResponseAt: string | null;
      /** Format: date-time */
      resolvedAt: string | null;
      reopenCount: number;
      /** @description Send as If-Match when changing the ticket */
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description The SLA policy that applies and its clocks. Not shown to customers */
      sla?: components['schemas']['TicketSlaDto'];
    };
    BulkTicketChangesDto: {
      /** @enum {string} */
      state?: 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
      /** @enum {string} */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      /**
       * Format: uuid
       * @description Move to another queue
       */
      queueId?: string;
      /**
       * Format: uuid
       * @description null unassigns
       */
      assigneeId?: string | null;
      /**
       * @example [
       *       "vip"
       *     ]
       */
      addTags?: string[];
      /**
       * @example [
       *       "waiting"
       *     ]
       */
      removeTags?: string[];
    };
    BulkUpdateTicketsDto: {
      /** @description The tickets to change, each once */
      ids: string[];
      changes: components['schemas']['BulkTicketChangesDto'];
    };
    BulkUpdatedTicketDto: {
      /** Format: uuid */
      id: string;
      /** @example 10042 */
      number: number;
      /** @description The version after the change */
      version: number;
    };
    BulkFailedTicketDto: {
      /** Format: uuid */
      id: string;
      /**
       * @description The status PATCH would have answered
       * @example 409
       */
      status: number;
      /** @example invalid_transition */
      code: string;
      detail: string;
    };
    BulkUpdateResultDto: {
      updated: components['schemas']['BulkUpdatedTicketDto'][];
      failed: components['schemas']['BulkFailedTicketDto'][];
    };
    TicketPageDto: {
      items: components['schemas']['TicketDto'][];
      nextCursor: string | null;
    };
    UpdateTicketDto: {
      subject?: string;
      /** @enum {string} */
      state?: 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
      /** @enum {string} */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      /**
       * Format: uuid
       * @description Move to another queue
       */
      queueId?: string;
      /**
       * Format: uuid
       * @description null unassigns
       */
      assigneeId?: string | null;
      tags?: string[];
    };
    CreateMessageDto: {
      /** @description Plain text; required unless `html` is given */
      text?: string;
      /** @description HTML; sanitised before it is stored */
      html?: string;
      /** @description Files you uploaded with `POST /api/v1/attachments` (their ids), attached to this message */
      attachments?: string[];
      /**
       * @description An internal note: never shown or sent to customers
       * @default false
       */
      internal?: boolean;
      /**
       * @description Agents: the state to leave the ticket in
       * @enum {string}
       */
      state?: 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
    };
    MessageCreatedDto: {
      /** Format: uuid */
      id: string;
      ticket: components['schemas']['TicketDto'];
    };
    AttachmentSummaryDto: {
      /** Format: uuid */
      id: string;
      /** @example report.pdf */
      filename: string;
      /** @example application/pdf */
      contentType: string;
      /**
       * @description In bytes
       * @example 48213
       */
      size: number;
      /**
       * @description The Content-ID the mail gave the file (without angle brackets): the message HTML shows it where an image has `src="cid:<contentId>"`. Null for uploads.
       * @example logo.png@01D9A7B2
       */
      contentId?: string | null;
    };
    TimelineEntryDto: {
      /** @enum {string} */
      kind: 'message' | 'event';
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      actorId: string | null;
      actorName: string | null;
      internal?: boolean;
      text?: string | null;
      /** @description Sanitised HTML */
      html?: string | null;
      /** @description Files of a message */
      attachments?: components['schemas']['AttachmentSummaryDto'][];
      /** @example state */
      type?: string;
      before?: Record<string, never> | null;
      after?: Record<string, never> | null;
    };
    TimelineDto: {
      items: components['schemas']['TimelineEntryDto'][];
    };
    TicketLinkDto: {
      /**
       * Format: uuid
       * @description The ticket at the other end of the link
       */
      ticketId: string;
      /** @example 10042 */
      number: number;
      subject: string;
      /** @enum {string} */
      state: 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
      /**
       * @description `follow_up`: the newer ticket follows up the closed one
       * @enum {string}
       */
      kind: 'related' | 'follow_up';
      /**
       * @description `outgoing` when the ticket asked about is the source (a follow-up: the new ticket), `incoming` when it is the target (the closed ticket followed up)
       * @enum {string}
       */
      direction: 'outgoing' | 'incoming';
      /** Format: date-time */
      createdAt: string;
    };
    TicketLinkListDto: {
      items: components['schemas']['TicketLinkDto'][];
    };
    CreateTicketLinkDto: {
      /**
       * @description The ticket to link: its id or number
       * @example #10042
       */
      ticketId: string | number;
      /**
       * @default related
       * @enum {string}
       */
      kind?: 'related';
    };
    MergeTicketDto: {
      /**
       * @description The ticket to merge into: its id or number
       * @example #10042
       */
      targetId: string | number;
    };
    MergeResultDto: {
      /** @description The ticket merged away, now `merged` */
      source: components['schemas']['TicketDto'];
      /** @description The ticket it was merged into */
      target: components['schemas']['TicketDto'];
      /** @description How many messages (notes included) moved to the target */
      movedMessages: number;
    };
    TicketSearchHitDto: {
      ticket: components['schemas']['TicketDto'];
      /**
       * @description Relevance (higher is better; 0 when `q` has no words); rounded to 6 decimals
       * @example 0.6
       */
      rank: number;
      /**
       * @description The subject as HTML: escaped, with the matching words in `<mark>`
       * @example The <mark>printer</mark> is on fire
       */
      headline: string;
    };
    TicketSearchPageDto: {
      items: components['schemas']['TicketSearchHitDto'][];
      nextCursor: string | null;
    };
    FollowerDto: {
      /** Format: uuid */
      userId: string;
      name: string;
      email: string;
      /** @enum {string} */
      role: 'admin' | 'agent' | 'customer';
      /** Format: date-time */
      since: string;
    };
    FollowerListDto: {
      items: components['schemas']['FollowerDto'][];
    };
    SavedViewFilterDto: {
      /**
       * @description Comma-separated states
       * @example new,open
       */
      state?: string[];
      /**
       * @description Comma-separated priorities
       * @example high,urgent
       */
      priority?: string[];
      /** Format: uuid */
      queueId?: string;
      /** @description A user id, `me`, or `none` for unassigned */
      assignee?: string;
      /** Format: uuid */
      requesterId?: string;
      /** Format: uuid */
      organizationId?: string;
      tag?: string;
      /**
       * Format: date-time
       * @description Created at or after this instant
       * @example 2026-05-01T00:00:00Z
       */
      createdFrom?: string;
      /**
       * Format: date-time
       * @description Created before this instant
       */
      createdTo?: string;
      /**
       * Format: date-time
       * @description Last changed at or after this instant
       */
      updatedFrom?: string;
      /**
       * Format: date-time
       * @description Last changed before this instant
       */
      updatedTo?: string;
      /**
       * Format: date-time
       * @description A running SLA clock is due before this instant (the current time: overdue)
       */
      dueBefore?: string;
    };
    SavedViewDto: {
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * Format: uuid
       * @description The queue the view is shared with; null for your own view
       */
      queueId: string | null;
      filter: components['schemas']['SavedViewFilterDto'];
      /** @enum {string} */
      sort: 'updated' | 'created' | 'priority' | 'due';
      /** @description How many tickets the view shows you right now (at most `countCapped`'s limit, 10000) */
      count: number;
      /** @description True when there are more tickets than `count` says */
      countCapped: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    SavedViewListDto: {
      items: components['schemas']['SavedViewDto'][];
    };
    ListCountDto: {
      /** @description Open work in the list now (at most 10000) */
      count: number;
      /** @description True when there are more tickets than `count` says */
      countCapped: boolean;
    };
    QueueCountDto: {
      /** @description Open work in the list now (at most 10000) */
      count: number;
      /** @description True when there are more tickets than `count` says */
      countCapped: boolean;
      /** Format: uuid */
      queueId: string;
    };
    InboxCountsDto: {
      /** @description Open work assigned to you */
      mine: components['schemas']['ListCountDto'];
      /** @description Open work assigned to nobody */
      unassigned: components['schemas']['ListCountDto'];
      /** @description All open work you can see */
      all: components['schemas']['ListCountDto'];
      /** @description Open work in each active queue you can see, by queue name */
      queues: components['schemas']['QueueCountDto'][];
    };
    CreateSavedViewDto: {
      /** @example My open tickets */
      name: string;
      /**
       * Format: uuid
       * @description Share the view with everyone who can see this queue (needs `view:share` there); leave out or null for a view of your own.
       */
      queueId?: string | null;
      /** @description Defaults to no filter */
      filter?: components['schemas']['SavedViewFilterDto'];
      /**
       * @default updated
       * @enum {string}
       */
      sort?: 'updated' | 'created' | 'priority' | 'due';
    };
    UpdateSavedViewDto: {
      name?: string;
      /**
       * Format: uuid
       * @description Share with this queue instead; null makes it a view of your own
       */
      queueId?: string | null;
      filter?: components['schemas']['SavedViewFilterDto'];
      /** @enum {string} */
      sort?: 'updated' | 'created' | 'priority' | 'due';
    };
    WorkingIntervalDto: {
      /**
       * @description HH:MM, from 00:00 to 23:59
       * @example 09:00
       */
      start: string;
      /**
       * @description HH:MM, after start; 24:00 ends the day
       * @example 17:00
       */
      end: string;
    };
    WeekDto: {
      monday: components['schemas']['WorkingIntervalDto'][];
      tuesday: components['schemas']['WorkingIntervalDto'][];
      wednesday: components['schemas']['WorkingIntervalDto'][];
      thursday: components['schemas']['WorkingIntervalDto'][];
      friday: components['schemas']['WorkingIntervalDto'][];
      saturday: components['schemas']['WorkingIntervalDto'][];
      sunday: components['schemas']['WorkingIntervalDto'][];
    };
    HolidayDto: {
      /**
       * @description One day: YYYY-MM-DD
       * @example 2026-12-24
       */
      date?: string;
      /**
       * @description The same day every year: MM-DD
       * @example 12-25
       */
      recurring?: string;
      /** @example Christmas Day */
      name?: string;
    };
    SlaCalendarDto: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @example Europe/Berlin */
      timeZone: string;
      week: components['schemas']['WeekDto'];
      holidays: components['schemas']['HolidayDto'][];
      /** @description The 24/7 calendar Tessera ships: read-only */
      builtIn: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    SlaCalendarListDto: {
      items: components['schemas']['SlaCalendarDto'][];
    };
    CreateSlaCalendarDto: {
      /** @example Berlin office hours */
      name: string;
      /**
       * @description An IANA time zone
       * @example Europe/Berlin
       */
      timeZone: string;
      /** @description Working intervals per weekday; a day left out or `[]` is a day off */
      week: components['schemas']['WeekDto'];
      /** @default [] */
      holidays?: components['schemas']['HolidayDto'][];
    };
    UpdateSlaCalendarDto: {
      name?: string;
      /** @example Europe/Berlin */
      timeZone?: string;
      week?: components['schemas']['WeekDto'];
      holidays?: components['schemas']['HolidayDto'][];
    };
    SlaConditionsViewDto: {
      queueIds: string[];
      priorities: ('low' | 'normal' | 'high' | 'urgent')[];
      tiers: string[];
      channels: ('email' | 'api' | 'web' | 'portal')[];
      tags: string[];
    };
    SlaTargetsViewDto: {
      firstResponseMinutes: number | null;
      nextResponseMinutes: number | null;
      resolutionMinutes: number | null;
    };
    SlaBreachActionsViewDto: {
      notify: boolean;
      raisePriority: boolean;
    };
    SlaPolicyDto: {
      /** Format: uuid */
      id: string;
      name: string;
      position: number;
      active: boolean;
      conditions: components['schemas']['SlaConditionsViewDto'];
      targets: components['schemas']['SlaTargetsViewDto'];
      /** Format: uuid */
      calendarId: string;
      calendarName: string;
      warningPercent: number;
      onBreach: components['schemas']['SlaBreachActionsViewDto'];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    SlaPolicyListDto: {
      items: components['schemas']['SlaPolicyDto'][];
    };
    SlaConditionsDto: {
      /** @description One of these queues */
      queueIds?: string[];
      priorities?: ('low' | 'normal' | 'high' | 'urgent')[];
      /**
       * @description Organisation tiers, any case; tickets without an organisation have none
       * @example [
       *       "enterprise"
       *     ]
       */
      tiers?: string[];
      channels?: ('email' | 'api' | 'web' | 'portal')[];
      /** @description The ticket has at least one of them */
      tags?: string[];
    };
    SlaTargetsDto: {
      firstResponseMinutes?: number | null;
      /** @description From each customer message that waits for an answer to the next agent reply */
      nextResponseMinutes?: number | null;
      resolutionMinutes?: number | null;
    };
    SlaBreachActionsDto: {
      /**
       * @description Notify the assignee and the queue’s managers of warnings and breaches
       * @default true
       */
      notify?: boolean;
      /**
       * @description Raise the priority one step on a breach
       * @default false
       */
      raisePriority?: boolean;
    };
    CreateSlaPolicyDto: {
      /** @example Enterprise urgent */
      name: string;
      /** @description Lower is tried first; defaults to after every other policy */
      position?: number;
      /** @default true */
      active?: boolean;
      /** @description Defaults to every ticket */
      conditions?: components['schemas']['SlaConditionsDto'];
      /** @description At least one target */
      targets: components['schemas']['SlaTargetsDto'];
      /**
       * Format: uuid
       * @description Defaults to the built-in 24/7 calendar
       */
      calendarId?: string;
      /** @default 80 */
      warningPercent?: number;
      onBreach?: components['schemas']['SlaBreachActionsDto'];
    };
    UpdateSlaPolicyDto: {
      name?: string;
      position?: number;
      active?: boolean;
      conditions?: components['schemas']['SlaConditionsDto'];
      targets?: components['schemas']['SlaTargetsDto'];
      /** Format: uuid */
      calendarId?: string;
      warningPercent?: number;
      onBreach?: components['schemas']['SlaBreachActionsDto'];
    };
    NotificationDto: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'sla_warning' | 'sla_breach';
      /** Format: uuid */
      ticketId: string | null;
      ticketNumber: number | null;
      ticketSubject: string | null;
      /** @description By kind; for SLA alerts `{ target, dueAt }` (target: firstResponse, …) */
      details: Record<string, never>;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      readAt: string | null;
    };
    NotificationPageDto: {
      items: components['schemas']['NotificationDto'][];
      nextCursor: string | null;
    };
    BucketedReportRangeDto: {
      /** Format: date-time */
      from: string;
      /**
       * Format: date-time
       * @description Exclusive
       */
      to: string;
      /** @enum {string} */
      interval: 'day' | 'week' | 'month';
      /** @example Europe/Berlin */
      timeZone: string;
    };
    VolumeTotalsDto: {
      created: number;
      resolved: number;
      reopened: number;
      /** @description Tickets open at `from` */
      backlogAtStart: number;
      /** @description Tickets open at `to` */
      backlogAtEnd: number;
    };
    VolumeBucketDto: {
      /**
       * @description The local date (in `timeZone`) the bucket’s day, week or month starts on
       * @example 2026-05-04
       */
      date: string;
      /**
       * Format: date-time
       * @description Start (inclusive)
       */
      start: string;
      /**
       * Format: date-time
       * @description End (exclusive)
       */
      end: string;
      /** @description Tickets opened in the bucket */
      created: number;
      /** @description Resolutions in the bucket: a ticket resolved, reopened and resolved again counts twice */
      resolved: number;
      /** @description Reopens in the bucket (resolved → open) */
      reopened: number;
      /** @description Tickets open (not resolved, closed or merged) at the end of the bucket */
      backlog: number;
    };
    VolumeReportDto: {
      range: components['schemas']['BucketedReportRangeDto'];
      totals: components['schemas']['VolumeTotalsDto'];
      buckets: components['schemas']['VolumeBucketDto'][];
    };
    DurationPercentilesDto: {
      /** @description How many durations */
      count: number;
      /** @description Minutes; null without durations */
      median: number | null;
      /** @description Minutes; null without durations */
      p90: number | null;
    };
    DurationStatsDto: {
      /** @description Wall-clock minutes from opening the ticket, pauses included */
      calendar: components['schemas']['DurationPercentilesDto'];
      /** @description Business minutes of the SLA policy’s calendar, without paused time: tickets an SLA policy applies to only */
      business: components['schemas']['DurationPercentilesDto'];
    };
    ResponseTimesBucketDto: {
      /**
       * @description The local date (in `timeZone`) the bucket’s day, week or month starts on
       * @example 2026-05-04
       */
      date: string;
      /**
       * Format: date-time
       * @description Start (inclusive)
       */
      start: string;
      /**
       * Format: date-time
       * @description End (exclusive)
       */
      end: string;
      firstResponse: components['schemas']['DurationStatsDto'];
      resolution: components['schemas']['DurationStatsDto'];
    };
    ResponseTimesReportDto: {
      range: components['schemas']['BucketedReportRangeDto'];
      /** @description Tickets first answered in the range, by how long the first answer took */
      firstResponse: components['schemas']['DurationStatsDto'];
      /** @description Tickets resolved in the range (and not reopened since), by how long it took */
      resolution: components['schemas']['DurationStatsDto'];
      /** @description The same per bucket of the answer or resolution */
      buckets: components['schemas']['ResponseTimesBucketDto'][];
    };
    ReportRangeDto: {
      /** Format: date-time */
      from: string;
      /**
       * Format: date-time
       * @description Exclusive
       */
      to: string;
    };
    SlaComplianceDto: {
      /** @description Targets met in time, counted when they were met */
      met: number;
      /** @description Targets missed, counted at their due time (met late since, or not) */
      breached: number;
      /** @description met / (met + breached); null when both are 0 */
      compliance: number | null;
    };
    SlaReportDto: {
      range: components['schemas']['ReportRangeDto'];
      firstResponse: components['schemas']['SlaComplianceDto'];
      /** @description Each ticket’s latest next-response cycle (the one its SLA clock shows) */
      nextResponse: components['schemas']['SlaComplianceDto'];
      resolution: components['schemas']['SlaComplianceDto'];
      /** @description The three targets together */
      overall: components['schemas']['SlaComplianceDto'];
    };
    SummaryReportDto: {
      range: components['schemas']['ReportRangeDto'];
      created: number;
      /** @description Resolutions in the range */
      resolved: number;
      /** @description Reopens in the range (resolved → open) */
      reopened: number;
      /** @description reopened / resolved; null without resolutions */
      reopenRate: number | null;
      /** @description Tickets open at `from` */
      backlogAtStart: number;
      /** @description Tickets open at `to` */
      backlogAtEnd: number;
      firstResponse: components['schemas']['DurationStatsDto'];
      resolution: components['schemas']['DurationStatsDto'];
      /** @description All SLA targets together */
      sla: components['schemas']['SlaComplianceDto'];
    };
    MailboxDto: {
      /** Format: uuid */
      id: string;
      /**
       * @description Lower case; unique
       * @example support@example.com
       */
      address: string;
      /** @example Acme Support */
      displayName: string;
      /**
       * Format: uuid
       * @description Where tickets opened by its mail go
       */
      queueId: string;
      /** @description False: neither fetches mail nor sends replies */
      enabled: boolean;
      /** @example imap.example.com */
      imapHost: string;
      /** @example 993 */
      imapPort: number;
      /** @enum {string} */
      imapTls: 'tls' | 'starttls' | 'none';
      imapVerifyCertificate: boolean;
      /** @example support@example.com */
      imapUser: string;
      /** @description Always true: a mailbox has a password, which is never returned */
      imapPasswordSet: boolean;
      /** @example INBOX */
      imapFolder: string;
      /** @enum {string} */
      afterImport: 'move' | 'flag';
      /** @description Where `move` puts imported mail */
      afterImportFolder: string | null;
      pollIntervalSeconds: number;
      /** @description Null: replies go through the global SMTP server (SMTP_HOST) */
      smtpHost: string | null;
      smtpPort: number | null;
      /** @enum {string|null} */
      smtpTls: 'tls' | 'starttls' | 'none' | null;
      smtpVerifyCertificate: boolean;
      smtpUser: string | null;
      /** @description Whether an SMTP password is stored (it is never returned) */
      smtpPasswordSet: boolean;
      /**
       * @description `agent`: "Ada Lovelace via Acme Support"; `mailbox`: "Acme Support"
       * @enum {string}
       */
      senderName: 'agent' | 'mailbox';
      /** @description Customers whose mail opens a ticket here get an automatic "we received your request" (template `acknowledgement`) */
      acknowledgeNewTickets: boolean;
      /** Format: date-time */
      lastFetchedAt: string | null;
      /** @description What went wrong last, if anything */
      lastError: string | null;
      /** Format: date-time */
      lastErrorAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    MailboxPageDto: {
      items: components['schemas']['MailboxDto'][];
      /** @description Null on the last page */
      nextCursor: string | null;
    };
    TestMailboxSettingsDto: {
      /** @example imap.example.com */
      imapHost: string;
      /** @description 993 for `tls`, else 143 */
      imapPort?: number;
      /**
       * @default tls
       * @enum {string}
       */
      imapTls?: 'tls' | 'starttls' | 'none';
      /** @default true */
      imapVerifyCertificate?: boolean;
      imapUser: string;
      /** @description Stored sealed; never returned */
      imapPassword: string;
      /** @default INBOX */
      imapFolder?: string;
      /** @description This mailbox’s own SMTP server; left out or null: the global one */
      smtpHost?: string | null;
      /** @description 465 for `tls`, else 587 */
      smtpPort?: number;
      /**
       * @default starttls
       * @enum {string}
       */
      smtpTls?: 'tls' | 'starttls' | 'none';
      /** @default true */
      smtpVerifyCertificate?: boolean;
      /** @description Null: the server takes mail without signing in */
      smtpUser?: string | null;
      /** @description Required with smtpUser; never returned */
      smtpPassword?: string;
      /** @example support@example.com */
      address?: string;
      /** @example Acme Support */
      displayName?: string;
      /**
       * Format: uuid
       * @description An active queue
       */
      queueId?: string;
      /** @default true */
      enabled?: boolean;
      /**
       * @default flag
       * @enum {string}
       */
      afterImport?: 'move' | 'flag';
      /** @description Required with `afterImport: move` */
      afterImportFolder?: string | null;
      /** @default 30 */
      pollIntervalSeconds?: number;
      /**
       * @default agent
       * @enum {string}
       */
      senderName?: 'agent' | 'mailbox';
      /**
       * @description false: tickets opened by mail to this mailbox get no acknowledgement
       * @default true
       */
      acknowledgeNewTickets?: boolean;
    };
    ConnectionErrorDto: {
      /** @enum {string} */
      kind:
        | 'auth_failed'
        | 'tls_error'
        | 'certificate_untrusted'
        | 'host_unknown'
        | 'connection_refused'
        | 'timeout'
        | 'folder_missing'
        | 'unknown';
      /** @example The IMAP server imap.example.com:993 refused the user name or password. */
      message: string;
    };
    ConnectionCheckDto: {
      ok: boolean;
      /** @description Present when `ok` is false */
      error?: components['schemas']['ConnectionErrorDto'];
    };
    SmtpConnectionCheckDto: {
      ok: boolean;
      /** @description Present when `ok` is false */
      error?: components['schemas']['ConnectionErrorDto'];
      /**
       * @description The server tested: the mailbox's own, or the global SMTP_HOST
       * @enum {string}
       */
      server: 'mailbox' | 'global';
    };
    MailboxConnectionTestDto: {
      /** @description Signed in and opened the folder */
      imap: components['schemas']['ConnectionCheckDto'];
      /** @description Connected and signed in; null when no SMTP server is configured at all */
      smtp: components['schemas']['SmtpConnectionCheckDto'] | null;
    };
    CreateMailboxDto: {
      /** @example support@example.com */
      address: string;
      /** @example Acme Support */
      displayName: string;
      /**
       * Format: uuid
       * @description An active queue
       */
      queueId: string;
      /** @default true */
      enabled?: boolean;
      /** @example imap.example.com */
      imapHost: string;
      /** @description 993 for `tls`, else 143 */
      imapPort?: number;
      /**
       * @default tls
       * @enum {string}
       */
      imapTls?: 'tls' | 'starttls' | 'none';
      /** @default true */
      imapVerifyCertificate?: boolean;
      imapUser: string;
      /** @description Stored sealed; never returned */
      imapPassword: string;
      /** @default INBOX */
      imapFolder?: string;
      /**
       * @default flag
       * @enum {string}
       */
      afterImport?: 'move' | 'flag';
      /** @description Required with `afterImport: move` */
      afterImportFolder?: string | null;
      /** @default 30 */
      pollIntervalSeconds?: number;
      /** @description This mailbox’s own SMTP server; left out or null: the global one */
      smtpHost?: string | null;
      /** @description 465 for `tls`, else 587 */
      smtpPort?: number;
      /**
       * @default starttls
       * @enum {string}
       */
      smtpTls?: 'tls' | 'starttls' | 'none';
      /** @default true */
      smtpVerifyCertificate?: boolean;
      /** @description Null: the server takes mail without signing in */
      smtpUser?: string | null;
      /** @description Required with smtpUser; never returned */
      smtpPassword?: string;
      /**
       * @default agent
       * @enum {string}
       */
      senderName?: 'agent' | 'mailbox';
      /**
       * @description false: tickets opened by mail to this mailbox get no acknowledgement
       * @default true
       */
      acknowledgeNewTickets?: boolean;
    };
    UpdateMailboxDto: {
      /** @example support@example.com */
      address?: string;
      /** @example Acme Support */
      displayName?: string;
      /**
       * Format: uuid
       * @description An active queue
       */
      queueId?: string;
      /** @default true */
      enabled?: boolean;
      /** @example imap.example.com */
      imapHost?: string;
      /** @description 993 for `tls`, else 143 */
      imapPort?: number;
      /**
       * @default tls
       * @enum {string}
       */
      imapTls?: 'tls' | 'starttls' | 'none';
      /** @default true */
      imapVerifyCertificate?: boolean;
      imapUser?: string;
      /** @description Stored sealed; never returned */
      imapPassword?: string;
      /** @default INBOX */
      imapFolder?: string;
      /**
       * @default flag
       * @enum {string}
       */
      afterImport?: 'move' | 'flag';
      /** @description Required with `afterImport: move` */
      afterImportFolder?: string | null;
      /** @default 30 */
      pollIntervalSeconds?: number;
      /** @description This mailbox’s own SMTP server; left out or null: the global one */
      smtpHost?: string | null;
      /** @description 465 for `tls`, else 587 */
      smtpPort?: number;
      /**
       * @default starttls
       * @enum {string}
       */
      smtpTls?: 'tls' | 'starttls' | 'none';
      /** @default true */
      smtpVerifyCertificate?: boolean;
      /** @description Null: the server takes mail without signing in */
      smtpUser?: string | null;
      /** @description Required with smtpUser; never returned */
      smtpPassword?: string;
      /**
       * @default agent
       * @enum {string}
       */
      senderName?: 'agent' | 'mailbox';
      /**
       * @description false: tickets opened by mail to this mailbox get no acknowledgement
       * @default true
       */
      acknowledgeNewTickets?: boolean;
    };
    MailTemplateVariableDto: {
      /** @example ticketNumber */
      name: string;
      /** @example The ticket number, e.g. 10042 */
      description: string;
    };
    MailTemplateDto: {
      /** @enum {string} */
      key: 'acknowledgement' | 'agent-assigned' | 'customer-replied';
      /** @example Acknowledgement */
      name: string;
      /** @description When the mail is sent and to whom */
      description: string;
      /** @description Everything the template may use; any other name is refused */
      variables: components['schemas']['MailTemplateVariableDto'][];
      /**
       * @description The subject, rendered to one line; the ticket tag is added when sent. Handlebars: `{{variable}}`, `{{#if variable}}…{{else}}…{{/if}}`, `{{#unless variable}}`; no other helpers, no partials.
       * @example We received your request: {{subject}}
       */
      subject: string;
      /** @description The plain-text part; variables are not escaped */
      text: string;
      /** @description The HTML part; variables are HTML-escaped. A fragment is mailed inside a complete document; a complete document (`<!DOCTYPE html>`) as it is */
      html: string;
      /** @description True: subject, text and html are an admin's version; false: Tessera's default (which DELETE returns to) */
      customized: boolean;
      /**
       * Format: date-time
       * @description When the admin's version was saved; null for the default
       */
      updatedAt: string | null;
    };
    MailTemplateListDto: {
      /** @description Always every template, in a fixed order */
      items: components['schemas']['MailTemplateDto'][];
    };
    UpdateMailTemplateDto: {
      /** @description Handlebars: `{{variable}}`, `{{#if variable}}…{{else}}…{{/if}}`, `{{#unless variable}}`; no other helpers, no partials. */
      subject: string;
      text: string;
      html: string;
    };
    PreviewMailTemplateDto: {
      /** @description A draft of the subject; left out: the stored one */
      subject?: string;
      /** @description A draft of the text part; left out: the stored one */
      text?: string;
      /** @description A draft of the HTML part; left out: the stored one */
      html?: string;
      /**
       * @description Render with this ticket's values (its id, or its number: `10042` or `#10042`) instead of sample values
       * @example 10042
       */
      ticketId?: string;
    };
    MailPreviewDto: {
      /**
       * @description One line, tagged with the ticket as it would be sent
       * @example We received your request: Printer jammed [Ticket#10042]
       */
      subject: string;
      text: string;
      /** @description The complete HTML document, as it would be mailed */
      html: string;
    };
    AttachmentDto: {
      /** Format: uuid */
      id: string;
      /** @example report.pdf */
      filename: string;
      /** @example application/pdf */
      contentType: string;
      /**
       * @description In bytes
       * @example 48213
       */
      size: number;
      /**
       * @description The Content-ID the mail gave the file (without angle brackets): the message HTML shows it where an image has `src="cid:<contentId>"`. Null for uploads.
       * @example logo.png@01D9A7B2
       */
      contentId?: string | null;
      /**
       * @description SHA-256 of the content, hex; also the ETag
       * @example a3f1…
       */
      sha256: string;
    };
    AttachmentMetaDto: {
      /** Format: uuid */
      id: string;
      /** @example report.pdf */
      filename: string;
      /** @example application/pdf */
      contentType: string;
      /**
       * @description In bytes
       * @example 48213
       */
      size: number;
      /**
       * @description The Content-ID the mail gave the file (without angle brackets): the message HTML shows it where an image has `src="cid:<contentId>"`. Null for uploads.
       * @example logo.png@01D9A7B2
       */
      contentId?: string | null;
      /**
       * @description SHA-256 of the content, hex; also the ETag
       * @example a3f1…
       */
      sha256: string;
      /**
       * Format: uuid
       * @description The message it is attached to; null for an upload not attached yet
       */
      messageId: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    InboundMailDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      mailboxId: string;
      /** @example support@example.com */
      mailboxAddress: string;
      /**
       * @description `quarantined` until retried successfully or turned into a ticket
       * @enum {string}
       */
      status: 'imported' | 'ignored' | 'quarantined';
      /**
       * @description Why it was quarantined (or ignored); notes on how it was imported
       * @example unparseable: no sender address (From)
       */
      reason: string | null;
      /** @description From, as far as it could be read */
      from: string | null;
      /** @description Subject, as far as it could be read */
      subject: string | null;
      /** @description The Message-ID, or `<sha256…@sha256.tessera.invalid>` without one */
      messageKey: string;
      /** @description Of the raw mail, in bytes */
      size: number;
      /** @description Written by a machine (auto-reply, list, bounce) */
      automatic: boolean;
      /** Format: uuid */
      ticketId: string | null;
      ticketNumber: number | null;
      /** Format: uuid */
      ticketMessageId: string | null;
      /**
       * Format: date-time
       * @description When the mail server received it
       */
      receivedAt: string | null;
      /**
       * Format: date-time
       * @description When Tessera stored it
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description When Tessera last processed it
       */
      processedAt: string;
    };
    InboundMailPageDto: {
      items: components['schemas']['InboundMailDto'][];
      nextCursor: string | null;
    };
    QuarantineToTicketDto: {
      /**
       * Format: uuid
       * @description The queue the ticket opens in
       */
      queueId: string;
      /** @description Who asked; defaults to the mail's sender (required when it has none) */
      requester?: components['schemas']['RequesterDto'];
      /** @description The ticket's subject; defaults to the mail's */
      subject?: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  Audit_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        entityType?: string;
        entityId?: string;
        actorId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `audit:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Settings_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `settings:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Settings_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `settings:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Auth_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessTokenDto'];
        };
      };
      /** @description invalid_credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description too_many_requests, with Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Auth_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessTokenDto'];
        };
      };
      /** @description No valid refresh cookie */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Auth_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Me_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyProfile_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Me_changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description Changed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Me_tokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiTokenListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Me_createToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiTokenDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiTokenDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Me_revokeToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UserPassword_reset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetPasswordDto'];
      };
    };
    responses: {
      /** @description Password set */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `user:reset-password` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Health_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LivenessDto'];
        };
      };
    };
  };
  Health_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
      /** @description Not ready */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
    };
  };
  Metrics_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format 0.0.4 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  User_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        role?: 'admin' | 'agent' | 'customer';
        active?: boolean;
        organizationId?: string;
        /** @description Case-insensitive prefix of the email or the name */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPageDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `user:list` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  User_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `user:create` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The email is already used by another user */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  User_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `user:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  User_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `user:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The email is already used, or this is the last active admin */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Agent_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentPageDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `agent:list` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Organization_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Case-insensitive prefix of the name */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationPageDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `organization:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Organization_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateOrganizationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `organization:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name, or one of the domains, is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Organization_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `organization:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such organisation */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Organization_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `organization:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such organisation */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Organization_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateOrganizationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `organization:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such organisation */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name, or one of the domains, is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Only teams whose name starts with this text, in any case */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamPageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTeamDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDetailDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another team has this name (in any case) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDetailDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such team */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such team */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTeamDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDetailDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such team */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another team has this name (in any case) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_addMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The user is a member */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The user is a customer */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such team or user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Team_removeMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `team:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such team, or the user is not a member */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Queue_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Only active (true) or only deactivated (false) queues */
        active?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueuePageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue:list` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Queue_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateQueueDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue:create` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another queue has this slug */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Queue_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue, or none I have access to */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Queue_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateQueueDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue, or none I have access to */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another queue has this slug */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueAccess_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueGrantListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue-access:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueAccess_grantUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetQueueAccessDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueGrantDto'];
        };
      };
      /** @description The user is not an agent, or the level is invalid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue-access:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue or user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueAccess_revokeUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed; access through teams stays */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue-access:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue, or the agent has no grant of their own */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueAccess_grantTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        teamId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetQueueAccessDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueGrantDto'];
        };
      };
      /** @description The level is invalid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue-access:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue or team */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueAccess_revokeTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        teamId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `queue-access:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such queue, or the team has no grant on it */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Comma-separated states */
        state?: string[];
        /** @description Comma-separated priorities */
        priority?: string[];
        queueId?: string;
        /** @description A user id, `me`, or `none` for unassigned */
        assignee?: string;
        requesterId?: string;
        organizationId?: string;
        tag?: string;
        /** @description Created at or after this instant */
        createdFrom?: string;
        /** @description Created before this instant */
        createdTo?: string;
        /** @description Last changed at or after this instant */
        updatedFrom?: string;
        /** @description Last changed before this instant */
        updatedTo?: string;
        /** @description A running SLA clock is due before this instant (the current time: overdue) */
        dueBefore?: string;
        /** @description `updated`: most recently changed first; `created`: newest first; `priority`: urgent first, then most recently changed; `due`: the soonest SLA due time first, tickets without a running SLA clock last. A cursor belongs to its sort. */
        sort?: 'updated' | 'created' | 'priority' | 'due';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketPageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_create: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (e.g. a UUID). Retrying with the same key returns what the first request created, with `Idempotent-Replayed: true`, and creates nothing twice. Kept for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTicketDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:create` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_bulkUpdate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkUpdateTicketsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkUpdateResultDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_update: {
    parameters: {
      query?: never;
      header: {
        /** @description The version you read, e.g. "3" */
        'If-Match': string;
      };
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTicketDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires the permissions the changes call for (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description invalid_transition, or the ticket is closed or merged */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_addMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (e.g. a UUID). Retrying with the same key returns what the first request created, with `Idempotent-Replayed: true`, and creates nothing twice. Kept for 24 hours. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMessageDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessageCreatedDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires the permissions the changes call for (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Ticket_timeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimelineDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketLink_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketLinkListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketLink_link: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTicketLinkDto'];
      };
    };
    responses: {
      /** @description Already linked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketLinkDto'];
        };
      };
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketLinkDto'];
        };
      };
      /** @description `ticketId` names no ticket you can see, or this one */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketLink_unlink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
        /** @description The linked ticket: its id or number */
        otherId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The tickets are not linked */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketLink_merge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MergeTicketDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MergeResultDto'];
        };
      };
      /** @description `targetId` names no ticket you can see, or this one */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:merge` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description One of the tickets is closed or merged already */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketSearch_find: {
    parameters: {
      query: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Whole words (`print*` for the words starting with `print`), `"exact phrases"` and `-excluded` words, searched in the subject, the requester and public messages (never internal notes). Filters: `state:` and `priority:` (comma-separated), `queue:` (a slug), `tag:`, `assignee:` (`me`, `none` or an email), `requester:` (an email), `number:10042` or `#10042`. Customers may not filter by `tag:` or `assignee:`. */
        q: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketSearchPageDto'];
        };
      };
      /** @description validation_failed: `q` names each invalid filter, e.g. `state:bogus` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketFollower_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowerListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketFollower_add: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequesterDto'];
      };
    };
    responses: {
      /** @description Already following */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowerDto'];
        };
      };
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowerDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TicketFollower_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The ticket id (UUID) or its number (`10042` or `#10042`) */
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `ticket:update` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedViewListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSavedViewDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedViewDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many views (100 per user, 100 shared per queue) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_inboxCounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxCountsDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedViewDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such view, or not one you can see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such view, or not one you can see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSavedViewDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedViewDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such view, or not one you can see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SavedView_tickets: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketPageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `view:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such view, or not one you can see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaCalendar_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaCalendarListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaCalendar_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSlaCalendarDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaCalendarDto'];
        };
      };
      /** @description validation_failed: e.g. `week.monday.0.end` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another calendar has this name (in any case) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaCalendar_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaCalendarDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such calendar */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaCalendar_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such calendar */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The built-in calendar, or policies use it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaCalendar_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSlaCalendarDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaCalendarDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such calendar */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The built-in calendar, or the name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPolicy_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPolicy_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSlaPolicyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another policy has this name (in any case) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPolicy_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such policy */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPolicy_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such policy */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPolicy_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSlaPolicyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `sla:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such policy */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another policy has this name (in any case) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Notification_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Only unread (true) or only read (false) notifications */
        unread?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationPageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Notification_markRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such notification of mine */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Report_volume: {
    parameters: {
      query: {
        /** @description Start of the range (inclusive) */
        from: string;
        /** @description End of the range (exclusive); after `from`, at most 2 years later */
        to: string;
        /** @description Only tickets now in this queue */
        queueId?: string;
        /** @description Only tickets now assigned to this agent (a user id, `me`), or `none` */
        assignee?: string;
        /** @description Only tickets of this organisation */
        organizationId?: string;
        /** @description Only tickets of organisations of this tier (any case), e.g. `enterprise` */
        tier?: string;
        /** @description Comma-separated priorities (the ticket’s priority now) */
        priority?: string[];
        /** @description Bucket size; weeks start on Monday */
        interval?: 'day' | 'week' | 'month';
        /** @description IANA time zone whose midnights the buckets start at */
        tz?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VolumeReportDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `report:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `queueId` names a queue the agent holds no access to */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Report_responseTimes: {
    parameters: {
      query: {
        /** @description Start of the range (inclusive) */
        from: string;
        /** @description End of the range (exclusive); after `from`, at most 2 years later */
        to: string;
        /** @description Only tickets now in this queue */
        queueId?: string;
        /** @description Only tickets now assigned to this agent (a user id, `me`), or `none` */
        assignee?: string;
        /** @description Only tickets of this organisation */
        organizationId?: string;
        /** @description Only tickets of organisations of this tier (any case), e.g. `enterprise` */
        tier?: string;
        /** @description Comma-separated priorities (the ticket’s priority now) */
        priority?: string[];
        /** @description Bucket size; weeks start on Monday */
        interval?: 'day' | 'week' | 'month';
        /** @description IANA time zone whose midnights the buckets start at */
        tz?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResponseTimesReportDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `report:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `queueId` names a queue the agent holds no access to */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Report_sla: {
    parameters: {
      query: {
        /** @description Start of the range (inclusive) */
        from: string;
        /** @description End of the range (exclusive); after `from`, at most 2 years later */
        to: string;
        /** @description Only tickets now in this queue */
        queueId?: string;
        /** @description Only tickets now assigned to this agent (a user id, `me`), or `none` */
        assignee?: string;
        /** @description Only tickets of this organisation */
        organizationId?: string;
        /** @description Only tickets of organisations of this tier (any case), e.g. `enterprise` */
        tier?: string;
        /** @description Comma-separated priorities (the ticket’s priority now) */
        priority?: string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaReportDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `report:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `queueId` names a queue the agent holds no access to */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Report_summary: {
    parameters: {
      query: {
        /** @description Start of the range (inclusive) */
        from: string;
        /** @description End of the range (exclusive); after `from`, at most 2 years later */
        to: string;
        /** @description Only tickets now in this queue */
        queueId?: string;
        /** @description Only tickets now assigned to this agent (a user id, `me`), or `none` */
        assignee?: string;
        /** @description Only tickets of this organisation */
        organizationId?: string;
        /** @description Only tickets of organisations of this tier (any case), e.g. `enterprise` */
        tier?: string;
        /** @description Comma-separated priorities (the ticket’s priority now) */
        priority?: string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SummaryReportDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `report:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `queueId` names a queue the agent holds no access to */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Only the mailboxes of this queue */
        queueId?: string;
        /** @description Only enabled (true) or only disabled (false) mailboxes */
        enabled?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailboxPageDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMailboxDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailboxDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another mailbox has this address */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_testSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestMailboxSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailboxConnectionTestDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailboxDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mailbox */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mailbox */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMailboxDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailboxDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mailbox */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another mailbox has this address */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Mailbox_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailboxConnectionTestDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mailbox */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MailTemplate_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailTemplateListDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `template:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MailTemplate_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: 'acknowledgement' | 'agent-assigned' | 'customer-replied';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailTemplateDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `template:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such template */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MailTemplate_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: 'acknowledgement' | 'agent-assigned' | 'customer-replied';
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMailTemplateDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailTemplateDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field; a part that does not compile, or uses a variable the template does not offer, is named (`subject`, `text`, `html`) with what is wrong */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `template:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such template */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MailTemplate_reset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: 'acknowledgement' | 'agent-assigned' | 'customer-replied';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The default is used (again) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `template:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such template */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MailTemplate_preview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: 'acknowledgement' | 'agent-assigned' | 'customer-replied';
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewMailTemplateDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailPreviewDto'];
        };
      };
      /** @description validation_failed: `errors` names each bad field; a part that does not compile, or uses a variable the template does not offer, is named (`subject`, `text`, `html`) with what is wrong; `ticketId` when it names no ticket */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `template:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such template */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Attachment_upload: {
    parameters: {
      query: {
        /** @description The file's name. A path keeps its last segment only; control characters are removed. */
        filename: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/octet-stream': string;
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttachmentDto'];
        };
      };
      /** @description validation_failed: `filename` is missing or unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A read-only API token */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description payload_too_large: the file exceeds the limit (`maxBytes`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A multipart form instead of the file itself */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Attachment_download: {
    parameters: {
      query?: never;
      header?: {
        /** @description An ETag you hold */
        'If-None-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Your copy is current */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such attachment, or one the caller may not see: an upload of someone else, a file on a ticket the caller cannot read, or (for customers) on an internal note */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Attachment_meta: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttachmentMetaDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such attachment, or one the caller may not see: an upload of someone else, a file on a ticket the caller cannot read, or (for customers) on an internal note */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Quarantine_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundMailPageDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Quarantine_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundMailDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mail */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Quarantine_raw: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The raw mail */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'message/rfc822': string;
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:read` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mail */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Quarantine_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundMailDto'];
        };
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mail */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description conflict: the mail is not quarantined (any more) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Quarantine_toTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuarantineToTicketDto'];
      };
    };
    responses: {
      /** @description The mail, now with its ticket */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundMailDto'];
        };
      };
      /** @description validation_failed: `queueId`, `requester` or `subject` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the token is invalid or revoked */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Requires permission `mail:write` (see docs/permissions.md) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such mail */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description conflict: the mail is not quarantined (any more) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
