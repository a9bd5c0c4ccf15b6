// Load benchmark of the ticket API on a seeded database (bench/tickets-seed.mjs): opening tickets,
// the ticket list (page 1 and a deep page), search and single tickets, as an admin (every ticket)
// and as an agent (two queues). Each figure stands next to a raw-SQL baseline: the same queries
// run straight on PostgreSQL with `pg`, at the same concurrency, so the cost of the API layer
// (HTTP, authentication, validation, serialisation) shows.
//
// Run from the repository root after `npm run build` and the seed:
//
//   npm run bench:tickets
//   node bench/tickets-load.mjs --duration 20 --only search
//
// --duration S         seconds each API scenario is measured (default 10; creating: 15)
// --create-duration S  seconds the create scenario is measured (default 15)
// --sql-duration S     seconds each raw-SQL baseline is measured (default 5)
// --warmup S           unmeasured seconds before each measurement (default 2)
// --deep-page N        the deep page of the lists (default 1000; fewer when the list ends sooner)
// --connections N      concurrent clients of the read scenarios (default 4: latency under a
//                      steady load rather than queueing on two saturated cores; create uses 64)
// --only TEXT          run only the scenarios whose key contains TEXT (e.g. list, search, create)
// --pool-size N        DATABASE_POOL_SIZE of the server (default: the server's own default)
// --plans              print every query plan (default: only the flagged ones)
//
// The raw-SQL baseline does not copy the SQL: it calls the server's own repositories (built into
// apps/server/dist) with a pg pool in place of TypeORM's DataSource, so it runs exactly the
// statements the API runs for the request, without authentication and HTTP.
//
// The create scenario adds tickets to the database (about 1,000 a second while it runs): figures
// of later runs are on a slightly larger database. Every request must succeed; a non-2xx answer,
// a timeout or a failed query makes the run exit with status 1, after the report.
import autocannon from 'autocannon';
import { join } from 'node:path';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createCorpus, randomSource } from './tickets-corpus.mjs';
import {
  ADMIN,
  AGENT,
  benchDatabase,
  fail,
  readSeedMarker,
  ROOT,
  seconds,
  ServerProcess,
} from './tickets-shared.mjs';

const PAGE_SIZE = 25;
const REQUEST_TIMEOUT_S = 10;
/** Search queries: a frequent word with a rarer one, a prefix, and a rare word. */
const SEARCHES = {
  common: 'password printer',
  prefix: 'print*',
  rare: 'kerberos',
};

const options = readOptions();
/** Problems that fail the run once the report is out: errors, non-2xx answers, timeouts. */
const problems = [];

async function main() {
  const database = benchDatabase();
  const setup = new pg.Pool({ connectionString: database.url, max: 2 });
  let server;
  try {
    const marker = await readSeedMarker(setup);
    if (!marker) {
      fail(
        `${database.name} was not (completely) seeded: run node bench/tickets-seed.mjs first ` +
          '(with --reset to start over)',
      );
    }
    const facts = await readFacts(setup, marker);
    const queries = await serverQueries();
    const postgresVersion = (await setup.query('SHOW server_version')).rows[0].server_version;

    console.error(`Starting tessera serve on ${database.name}…`);
    server = await ServerProcess.start(
      database.url,
      options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {},
    );
    const context = { server, facts, queries, databaseUrl: database.url };
    const results = [];
    for (const scenario of scenarios(facts)) {
      if (options.only && !scenario.key.includes(options.only)) continue;
      results.push(await runScenario(scenario, context));
    }
    await server.stop();
    server = undefined;

    const plans = await explainAll(setup, results, queries);
    printReport({ marker, facts, results, plans, postgresVersion });
  } finally {
    if (server) await server.stop();
    await setup.end();
  }
  if (problems.length > 0) {
    console.error('\nThe run had failures, so its figures do not count:');
    for (const problem of problems) console.error(`- ${problem}`);
    process.exit(1);
  }
}

// --- Options -------------------------------------------------------------------------------------

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      'create-duration': { type: 'string', default: '15' },
      'sql-duration': { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      'deep-page': { type: 'string', default: '1000' },
      connections: { type: 'string', default: '4' },
      only: { type: 'string' },
      'pool-size': { type: 'string' },
      plans: { type: 'boolean', default: false },
    },
  });
  const number = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) fail(`--${name} must be a number >= ${min}`);
    return value;
  };
  return {
    duration: number('duration', 1),
    createDuration: number('create-duration', 1),
    sqlDuration: number('sql-duration', 1),
    warmup: number('warmup', 0),
    deepPage: Math.floor(number('deep-page', 2)),
    connections: Math.floor(number('connections', 1)),
    only: values.only,
    poolSize: values['pool-size'] === undefined ? undefined : number('pool-size', 1),
    plans: values.plans,
  };
}

// --- What the database holds ---------------------------------------------------------------------

async function readFacts(db, marker) {
  const one = async (sql, params) => (await db.query(sql, params)).rows[0];
  const numbers = await one(
    'SELECT count(*)::int AS tickets, min(number) AS first, max(number) AS last FROM tickets',
  );
  const queues = (await db.query('SELECT id, slug FROM queues WHERE active ORDER BY slug')).rows;
  const agent = await one('SELECT id FROM users WHERE lower(email) = $1', [AGENT.email]);
  // The agent's queues as the server works them out (own grants and their teams' grants).
  const agentQueueIds = (
    await db.query(
      `SELECT DISTINCT g.queue_id FROM queue_grants g
        WHERE g.user_id = $1 OR g.team_id IN (SELECT team_id FROM team_members WHERE user_id = $1)`,
      [agent.id],
    )
  ).rows.map((row) => row.queue_id);
  const agentTickets = await one(
    'SELECT count(*)::int AS count FROM tickets WHERE queue_id = ANY($1::uuid[])',
    [agentQueueIds],
  );
  // Requesters of new tickets: existing customers, as in a help desk that knows its customers.
  const requesters = (
    await db.query(
      `SELECT email, name FROM users WHERE role = 'customer' ORDER BY md5(id::text) LIMIT 1000`,
    )
  ).rows;
  return {
    tickets: numbers.tickets,
    firstNumber: numbers.first,
    // Seeded tickets only: numbers of tickets opened by earlier runs may have gaps.
    lastNumber: Math.min(numbers.last, numbers.first + marker.tickets - 1),
    queues,
    agentQueueIds,
    agentTickets: agentTickets.count,
    requesters,
  };
}

// --- The server's own queries, for the raw-SQL baseline ------------------------------------------

/**
 * The repositories of the built server, on a pg pool instead of TypeORM: the very SQL each API
 * request runs, minus authentication. Fails early, and clearly, when the server is not built or
 * its repositories changed shape (then this file needs updating with them).
 */
async function serverQueries() {
  const dist = (path) => pathToFileURL(join(ROOT, 'apps/server/dist', path)).href;
  await import('reflect-metadata');
  let modules;
  try {
    modules = {
      ticket: await import(dist('modules/ticket/ticket.repository.js')),
      search: await import(dist('modules/ticket/ticket-search.repository.js')),
      tsquery: await import(dist('modules/ticket/ticket-search.tsquery.js')),
      sort: await import(dist('modules/ticket/ticket-sort.js')),
      user: await import(dist('modules/user/user.repository.js')),
      domain: await import('@tessera/domain'),
    };
  } catch (error) {
    fail(`cannot load the built server (run npm run build first): ${error.message}`);
  }
  const { ticket, search, tsquery, sort, user, domain } = modules;
  const expectations = [
    [ticket.TicketRepository?.prototype.findPage?.length, 5, 'TicketRepository.findPage'],
    [search.TicketSearchRepository?.prototype.search?.length, 5, 'TicketSearchRepository.search'],
    [
      ticket.TicketRepository?.prototype.insertWithFirstMessage?.length,
      5,
      'TicketRepository.insertWithFirstMessage',
    ],
    [user.UserRepository?.prototype.findByEmail?.length, 2, 'UserRepository.findByEmail'],
  ];
  for (const [actual, expected, name] of expectations) {
    if (actual !== expected) {
      fail(`${name} takes ${actual} parameters, not ${expected}: update serverQueries()`);
    }
  }
  return {
    /** Repositories over `runner` (a pool or a client in a transaction). */
    on(runner) {
      const dataSource = typeOrmLike(runner);
      return {
        tickets: new ticket.TicketRepository(dataSource),
        search: new search.TicketSearchRepository(dataSource),
        users: new user.UserRepository(dataSource),
        manager: dataSource,
      };
    },
    decodeListCursor: (cursor) => sort.decodeListCursor(cursor, sort.DEFAULT_TICKET_SORT),
    defaultSort: sort.DEFAULT_TICKET_SORT,
    /** The search criteria the service builds from `q`, for a query of words only. */
    searchCriteria(q) {
      const { query, problems: invalid } = domain.parseSearchQuery(q);
      if (invalid.length > 0 || Object.keys(query.filters).length > 0) {
        throw new Error(`the benchmark searches words only, not "${q}"`);
      }
      return { terms: query.terms };
    },
    tsQueryText: (q) => tsquery.toTsQueryText(domain.parseSearchQuery(q).query.terms),
  };
}

/**
 * What the repositories use of TypeORM's DataSource and EntityManager: query(), answering rows
 * (or [rows, count] for UPDATE and DELETE, as TypeORM's postgres driver does).
 */
function typeOrmLike(runner) {
  return {
    async query(text, params = []) {
      const result = await runner.query(text, params);
      return result.command === 'UPDATE' || result.command === 'DELETE'
        ? [result.rows, result.rowCount]
        : result.rows;
    },
  };
}

// --- Scenarios -----------------------------------------------------------------------------------

/**
 * Each scenario: an API request to repeat (`request(state)` gives the next one), and `sql(state,
 * queries, pool)`, one unit of the same work on the database. `prepare` runs first (e.g. walks
 * the list to the deep page) and returns the state both use.
 */
function scenarios(facts) {
  const listScenarios = [
    { who: 'admin', scope: { kind: 'all' }, label: 'admin, all tickets' },
    {
      who: 'agent',
      scope: { kind: 'queues', queueIds: facts.agentQueueIds },
      label: `agent, ${facts.agentQueueIds.length} queues`,
    },
  ].flatMap(({ who, scope, label }) => [
    {
      key: `list-first-${who}`,
      figure: `Ticket list, page 1 (${label})`,
      target: { p95: 20 },
      who,
      connections: options.connections,
      request: () => ({ method: 'GET', path: `/api/v1/tickets?limit=${PAGE_SIZE}` }),
      expect: (body) => body.items?.length === PAGE_SIZE,
      sql: (_state, queries, pool) =>
        queries.on(pool).tickets.findPage(scope, {}, queries.defaultSort, undefined, PAGE_SIZE),
    },
    {
      key: `list-deep-${who}`,
      figure: (state) => `Ticket list, page ${state.page.toLocaleString('en')} (${label})`,
      target: { p95: 20 },
      who,
      connections: options.connections,
      prepare: (context, token) => walkToDeepPage(context.server, token),
      request: (state) => ({
        method: 'GET',
        path: `/api/v1/tickets?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(state.cursor)}`,
      }),
      expect: (body) => body.items?.length > 0,
      sql: (state, queries, pool) =>
        queries
          .on(pool)
          .tickets.findPage(
            scope,
            {},
            queries.defaultSort,
            queries.decodeListCursor(state.cursor),
            PAGE_SIZE,
          ),
    },
  ]);

  // The agents' work view: a queue's waiting tickets, soonest due first.
  const dueQueue = facts.queues[0];
  const dueFilter = { queueId: dueQueue.id, states: ['new', 'open'] };
  const dueScenario = {
    key: 'list-due-queue',
    figure: `Queue view sorted by due time, page 1 (admin, queue ${dueQueue.slug}, new and open)`,
    target: { p95: 20 },
    who: 'admin',
    connections: options.connections,
    request: () => ({
      method: 'GET',
      path: `/api/v1/tickets?limit=${PAGE_SIZE}&sort=due&state=new,open&queueId=${dueQueue.id}`,
    }),
    expect: (body) => body.items?.length === PAGE_SIZE,
    sql: (_state, queries, pool) =>
      queries.on(pool).tickets.findPage({ kind: 'all' }, dueFilter, 'due', undefined, PAGE_SIZE),
  };

  const searchScenario = (key, who, scope, label, q) => ({
    key,
    figure: (state) => `Search \`${q}\` (${label}; ${state.hits.toLocaleString('en')} matches)`,
    target: { p95: 50 },
    who,
    connections: options.connections,
    prepare: async (context) => ({ hits: await countMatches(context, q, scope) }),
    request: () => ({
      method: 'GET',
      path: `/api/v1/search?limit=${PAGE_SIZE}&q=${encodeURIComponent(q)}`,
    }),
    expect: (body) => body.items?.length > 0,
    sql: (_state, queries, pool) =>
      queries
        .on(pool)
        .search.search(scope, queries.searchCriteria(q), undefined, PAGE_SIZE, new Date()),
  });
  const agentScope = { kind: 'queues', queueIds: facts.agentQueueIds };

  const random = randomSource(7);
  const number = () =>
    facts.firstNumber + Math.floor(random() * (facts.lastNumber - facts.firstNumber + 1));

  return [
    ...listScenarios,
    dueScenario,
    searchScenario('search-common-admin', 'admin', { kind: 'all' }, 'admin', SEARCHES.common),
    searchScenario('search-prefix-admin', 'admin', { kind: 'all' }, 'admin', SEARCHES.prefix),
    searchScenario('search-rare-admin', 'admin', { kind: 'all' }, 'admin', SEARCHES.rare),
    searchScenario('search-common-agent', 'agent', agentScope, 'agent', SEARCHES.common),
    {
      key: 'get-admin',
      figure: 'Get a ticket by number (admin)',
      target: undefined,
      who: 'admin',
      connections: options.connections,
      request: () => ({ method: 'GET', path: `/api/v1/tickets/${number()}` }),
      expect: (body) => Number.isInteger(body.number),
      // The access guard's lookup, then the service's.
      sql: async (_state, queries, pool) => {
        const n = number();
        const { tickets } = queries.on(pool);
        await tickets.findAccess({ number: n });
        return tickets.findByNumber(n);
      },
    },
    createScenario(facts, 8),
    createScenario(facts, 64),
  ];
}

/** Opens tickets for existing customers, in random queues, with varied text. */
function createScenario(facts, connections) {
  const corpus = createCorpus(11);
  const random = randomSource(13);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const runId = Date.now().toString(36);
  let counter = 0;
  const nextTicket = () => {
    counter += 1;
    const requester = pick(facts.requesters);
    return {
      subject: `${pick(corpus.subjects)} (bench ${runId}-${counter})`,
      queueId: pick(facts.queues).id,
      text: `Hello, ${pick(corpus.customerSentences)} ${pick(corpus.customerSentences)} Thanks`,
      requester: { email: requester.email, name: requester.name },
    };
  };
  return {
    key: `create-admin-${connections}`,
    figure: 'Create a ticket (admin, existing customer)',
    // The target is for 64 clients; 8 shows how far fewer clients get.
    target: connections === 64 ? { rate: 1000 } : undefined,
    who: 'admin',
    connections,
    duration: options.createDuration,
    request: () => ({
      method: 'POST',
      path: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(nextTicket()),
    }),
    expect: (body) => typeof body.id === 'string',
    sql: (_state, queries, pool) => createTicketSql(queries, pool, nextTicket()),
  };
}

/**
 * The statements TicketService.create runs for an agent or admin opening a ticket for a known
 * customer: the queue's defaults, then one transaction (the customer by email; the ticket, its
 * first message and search document and their two events in one statement), then the ticket as
 * answered.
 */
async function createTicketSql(queries, pool, input) {
  const { tickets } = queries.on(pool);
  const queue = await tickets.queueDefaults(input.queueId);
  const client = await pool.connect();
  let id;
  try {
    await client.query('START TRANSACTION');
    const { users, manager } = queries.on(client);
    const requester = await users.findByEmail(manager, input.requester.email);
    const now = new Date();
    const { tickets: inTransaction } = queries.on(client);
    const opened = await inTransaction.insertWithFirstMessage(
      manager,
      {
        subject: input.subject,
        requesterText: `${requester.name} ${requester.email}`,
        state: 'new',
        priority: queue.defaultPriority,
        queueId: input.queueId,
        requesterId: requester.id,
        organizationId: requester.organizationId,
        channel: 'api',
        tags: [],
        resolvedAt: null,
      },
      { authorId: requester.id, internal: false, bodyText: input.text, bodyHtml: null },
      {
        actorId: requester.id,
        details: {
          state: 'new',
          queueId: input.queueId,
          channel: 'api',
          requesterId: requester.id,
        },
      },
      now,
    );
    id = opened.ticketId;
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return tickets.findById(undefined, id);
}

/** Follows nextCursor from page 1 to the deep page (or the last page, if the list ends sooner). */
async function walkToDeepPage(server, token) {
  const started = performance.now();
  let cursor;
  let page = 1;
  while (page < options.deepPage) {
    const path = `/api/v1/tickets?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = await getJson(server, path, token);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
    page += 1;
  }
  if (!cursor) throw new Error('the list has a single page: seed more tickets');
  console.error(`  walked to page ${page} in ${seconds(performance.now() - started)}`);
  return { cursor, page };
}

/** How many tickets in the scope match `q`: the work the search ranks before it pages. */
async function countMatches(context, q, scope) {
  const client = new pg.Client({ connectionString: context.databaseUrl });
  await client.connect();
  try {
    const result = await client.query(
      `SELECT count(*)::int AS hits FROM tickets t
        WHERE t.search_vector @@ to_tsquery('simple', $1)
          AND ($2::uuid[] IS NULL OR t.queue_id = ANY($2::uuid[]))`,
      [context.queries.tsQueryText(q), scope.kind === 'queues' ? scope.queueIds : null],
    );
    return result.rows[0].hits;
  } finally {
    await client.end();
  }
}

// --- Running -------------------------------------------------------------------------------------

async function runScenario(scenario, context) {
  const credentials = scenario.who === 'agent' ? AGENT : ADMIN;
  // A fresh access token for each scenario: they last 15 minutes.
  const token = await signIn(context.server, credentials);
  const state = scenario.prepare ? await scenario.prepare(context, token) : {};
  const figure = typeof scenario.figure === 'function' ? scenario.figure(state) : scenario.figure;
  await checkAnswer(context.server, token, scenario, state, figure);
  console.error(`${figure}: API at ${scenario.connections} connections…`);
  const api = await measureApi(context.server, token, scenario, state, figure);
  console.error(`${figure}: raw SQL at ${scenario.connections} connections…`);
  const sql = await measureSql(context, scenario, state, figure);
  return { scenario, figure, state, api, sql };
}

async function signIn(server, { email, password }) {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await response.json();
  if (response.status !== 200 || !body.accessToken) {
    throw new Error(`signing in as ${email} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

async function getJson(server, path, token) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await response.json();
  if (response.status !== 200) {
    throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body;
}

/** One request before the measurement: it must succeed and answer what the scenario expects. */
async function checkAnswer(server, token, scenario, state, figure) {
  const request = scenario.request(state);
  const response = await fetch(`${server.baseUrl}${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${token}`, ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status >= 300 || !scenario.expect(body)) {
    throw new Error(
      `${figure}: ${request.method} ${request.path} answered ${response.status} ` +
        `${text.slice(0, 500)}, not what the benchmark expects`,
    );
  }
}

/** Runs autocannon for the warm-up, then for the measurement; only the latter is reported. */
async function measureApi(server, token, scenario, state, figure) {
  const run = async (duration) => {
    const latencies = [];
    const instance = autocannon({
      url: server.baseUrl,
      connections: scenario.connections,
      duration,
      timeout: REQUEST_TIMEOUT_S,
      headers: { authorization: `Bearer ${token}` },
      requests: [
        {
          setupRequest: (request) => {
            const next = scenario.request(state);
            return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
          },
        },
      ],
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    const result = await instance;
    return { result, latencies };
  };
  const check = ({ result }, phase) => {
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) {
      const statuses = Object.entries(result.statusCodeStats)
        .filter(([status]) => !status.startsWith('2'))
        .map(([status, { count }]) => `${count}× ${status}`);
      problems.push(
        `${figure} (${phase}): ${result.non2xx} non-2xx [${statuses.join(', ')}], ` +
          `${result.errors} errors, ${result.timeouts} timeouts`,
      );
    }
    return failed;
  };
  if (options.warmup > 0) check(await run(options.warmup), 'API warm-up');
  const measured = await run(scenario.duration ?? options.duration);
  const failed = check(measured, 'API');
  if (failed > 0) await explainFailure(server, token, scenario, state);
  return {
    ...percentiles(measured.latencies),
    rate: measured.latencies.length / measured.result.duration,
    requests: measured.latencies.length,
    failed,
  };
}

/** Shows what one failing request answers, so a broken run says why. */
async function explainFailure(server, token, scenario, state) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const request = scenario.request(state);
    const response = await fetch(`${server.baseUrl}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, ...request.headers },
      body: request.body,
    });
    const text = await response.text();
    if (response.status >= 300) {
      problems.push(`for example ${request.method} ${request.path}: ${response.status} ${text}`);
      return;
    }
  }
}

/** The baseline: `connections` loops each running one unit of the scenario's SQL after another. */
async function measureSql(context, scenario, state, figure) {
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: scenario.connections });
  try {
    // Every connection is opened before the clock starts.
    const clients = await Promise.all(
      Array.from({ length: scenario.connections }, () => pool.connect()),
    );
    for (const client of clients) client.release();
    const run = async (durationS) => {
      const latencies = [];
      let failed = 0;
      let firstError;
      const started = performance.now();
      const deadline = started + durationS * 1000;
      await Promise.all(
        Array.from({ length: scenario.connections }, async () => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            try {
              await scenario.sql(state, context.queries, pool);
              latencies.push(performance.now() - t0);
            } catch (error) {
              failed += 1;
              firstError ??= error;
            }
          }
        }),
      );
      return { latencies, failed, firstError, elapsed: (performance.now() - started) / 1000 };
    };
    const check = (outcome, phase) => {
      if (outcome.failed > 0) {
        problems.push(
          `${figure} (${phase}): ${outcome.failed} failed queries, e.g. ${outcome.firstError.message}`,
        );
      }
    };
    if (options.warmup > 0) check(await run(Math.min(options.warmup, 1)), 'SQL warm-up');
    const measured = await run(options.sqlDuration);
    check(measured, 'SQL');
    return {
      ...percentiles(measured.latencies),
      rate: measured.latencies.length / measured.elapsed,
      requests: measured.latencies.length,
      failed: measured.failed,
    };
  } finally {
    await pool.end();
  }
}

function percentiles(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.ceil(q * sorted.length) - 1]);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

// --- Query plans ---------------------------------------------------------------------------------

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each statement of one unit of each read scenario, run inside a
 * transaction that is rolled back. A plan is flagged when it reads a ticket table from start to
 * end, sorts on disk, compiles with JIT (which alone can take hundreds of milliseconds) or takes
 * longer than the scenario's target.
 */
async function explainAll(db, results, queries) {
  const plans = [];
  for (const { scenario, figure, state } of results) {
    if (scenario.key.startsWith('create')) continue;
    const statements = [];
    const recording = {
      ...queries,
      on: (runner) =>
        queries.on({
          query: (text, params) => {
            statements.push({ text, params });
            return runner.query(text, params);
          },
        }),
    };
    await scenario.sql(state, recording, db);
    for (const [index, statement] of statements.entries()) {
      const client = await db.connect();
      let plan;
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
          statement.params,
        );
        plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
      const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
      const planningMs = Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1]);
      const flags = [];
      const scanned = plan.match(/Seq Scan on (tickets|ticket_messages|ticket_events)\b/g);
      if (scanned) flags.push([...new Set(scanned)].join(', '));
      if (/Sort Method: external/.test(plan)) flags.push('sort on disk');
      if (/^JIT:/m.test(plan)) flags.push('JIT');
      const budget = scenario.target?.p95;
      if (budget && executionMs > budget) flags.push(`${executionMs.toFixed(1)} ms > ${budget} ms`);
      plans.push({
        figure,
        statement,
        statementNumber: index + 1,
        plan,
        planningMs,
        executionMs,
        flags,
      });
    }
  }
  return plans;
}

// --- Report --------------------------------------------------------------------------------------

function printReport({ marker, facts, results, plans, postgresVersion }) {
  const cpus = os.cpus();
  const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');
  const rate = (value) => Math.round(value).toLocaleString('en');
  console.log('\n## Tickets at scale\n');
  console.log(`- Date: ${new Date().toLocaleDateString('en-CA')}`);
  console.log(
    `- Database: ${facts.tickets.toLocaleString('en')} tickets (seeded with ` +
      `${marker.tickets.toLocaleString('en')}), ${marker.customers.toLocaleString('en')} ` +
      `customers; the agent sees ${facts.agentTickets.toLocaleString('en')} tickets in ` +
      `${facts.agentQueueIds.length} queues`,
  );
  console.log(`- Node ${process.version}, PostgreSQL ${postgresVersion}, on the same machine`);
  console.log(
    `- CPU: ${cpus[0]?.model ?? 'unknown'} (${cpus.length} cores), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  console.log(
    `- API: ${options.duration} s per scenario (creating: ${options.createDuration} s) after ` +
      `${options.warmup} s of warm-up; raw SQL: ${options.sqlDuration} s; pages of ${PAGE_SIZE}\n`,
  );
  console.log(
    '| Figure | Target | Conns | API p50 (ms) | API p95 (ms) | API p99 (ms) | API req/s | ' +
      'SQL p50 (ms) | SQL p95 (ms) | SQL/s | API/SQL p95 | API/SQL rate | Met |',
  );
  console.log(
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  for (const { scenario, figure, api, sql } of results) {
    const target = scenario.target;
    const targetText = !target
      ? '–'
      : target.rate
        ? `≥ ${rate(target.rate)}/s`
        : `p95 ≤ ${target.p95} ms`;
    const met = !target
      ? '–'
      : target.rate
        ? api.rate >= target.rate
          ? 'yes'
          : 'no'
        : api.p95 <= target.p95
          ? 'yes'
          : 'no';
    console.log(
      `| ${figure} | ${targetText} | ${scenario.connections} | ${ms(api.p50)} | ${ms(api.p95)} | ` +
        `${ms(api.p99)} | ${rate(api.rate)} | ${ms(sql.p50)} | ${ms(sql.p95)} | ` +
        `${rate(sql.rate)} | ${ratio(api.p95, sql.p95)} | ${ratio(api.rate, sql.rate)} | ${met} |`,
    );
  }

  console.log('\n### Query plans (one execution each, EXPLAIN ANALYZE)\n');
  for (const { figure, statementNumber, planningMs, executionMs, flags } of plans) {
    const note = flags.length > 0 ? ` — **${flags.join('; ')}**` : '';
    const which = statementNumber > 1 ? ` (statement ${statementNumber})` : '';
    console.log(
      `- ${figure}${which}: planned in ${planningMs.toFixed(2)} ms, ` +
        `executed in ${executionMs.toFixed(2)} ms${note}`,
    );
  }
  const shown = plans.filter((p) => options.plans || p.flags.length > 0);
  for (const { figure, statement, plan } of shown) {
    console.log(`\n#### ${figure}\n\n\`\`\`sql\n${statement.text.trim()}\n\`\`\``);
    console.log(`\nParameters: ${JSON.stringify(statement.params)}\n\n\`\`\`\n${plan}\n\`\`\``);
  }
}

try {
  await main();
} catch (error) {
  fail(error.stack ?? error.message);
}
