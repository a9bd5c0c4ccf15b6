// Seeds a PostgreSQL database with a help desk at scale for bench/tickets-load.mjs: queues,
// teams, agents with grants, organisations, customers and N tickets with three messages and four
// events each, spread over two years. The rows are written with set-based SQL
// (INSERT ... SELECT over generate_series), a batch at a time, with the ticket indexes dropped
// during the load and rebuilt after it; the search document of each ticket is computed exactly as
// the server computes it when a ticket is opened and its messages are added.
//
// Run from the repository root after `npm run build`:
//
//   node bench/tickets-seed.mjs                    # 1,000,000 tickets into tessera_bench
//   node bench/tickets-seed.mjs --tickets 20000    # a small run
//   node bench/tickets-seed.mjs --reset            # drop the database first and start over
//
// --tickets N        tickets to create (default 1000000)
// --customers N      customers (default 50000), in --organizations N organisations (default 5000)
// --batch N          tickets per batch and transaction (default 100000)
// --reuse            seed into an existing database (it must hold no tickets)
// --reset            drop the database (if it exists) and create it again
// --seed N           seed of the random text and of PostgreSQL's random() (default 42)
//
// The database is BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/tessera_bench);
// the user must be allowed to create databases. It is migrated with `tessera migrate`. When the
// seed has finished it writes a marker into the database comment: the load benchmark refuses a
// database without it (a seed that stopped half-way leaves one without its ticket indexes).
import argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  companyNames,
  createCorpus,
  FIRST_NAMES,
  FREEMAIL_DOMAINS,
  LAST_NAMES,
  randomSource,
  TAGS,
} from './tickets-corpus.mjs';
import {
  ADMIN,
  AGENT,
  AGENT_QUEUE_SLUGS,
  benchDatabase,
  fail,
  migrate,
  readSeedMarker,
  ROOT,
  SEED_MARKER,
  seconds,
} from './tickets-shared.mjs';

const FIRST_TICKET_NUMBER = 10001;
const HISTORY_DAYS = 730;
/** Resolved tickets older than this were closed by the auto-close job (default: after 7 days). */
const AUTO_CLOSED_AFTER_DAYS = 6;

/** Queues, with the share of tickets each one gets (percent; they add up to 100). */
const QUEUES = [
  { slug: 'support', name: 'Support', share: 30, defaultPriority: 'normal' },
  { slug: 'billing', name: 'Billing', share: 16, defaultPriority: 'normal' },
  { slug: 'it-helpdesk', name: 'IT Helpdesk', share: 15, defaultPriority: 'normal' },
  { slug: 'technical', name: 'Technical', share: 12, defaultPriority: 'high' },
  { slug: 'sales', name: 'Sales', share: 9, defaultPriority: 'normal' },
  { slug: 'returns', name: 'Returns', share: 8, defaultPriority: 'low' },
  { slug: 'onboarding', name: 'Onboarding', share: 6, defaultPriority: 'normal' },
  { slug: 'security', name: 'Security', share: 4, defaultPriority: 'urgent' },
];

/** Teams of agents and the queues they work in (reply or manage access). */
const TEAMS = [
  { name: 'First line', agents: 14, queues: { support: 'reply', 'it-helpdesk': 'reply' } },
  { name: 'Second line', agents: 9, queues: { technical: 'manage', security: 'reply' } },
  { name: 'Finance', agents: 8, queues: { billing: 'manage', sales: 'reply', returns: 'reply' } },
  { name: 'Customer success', agents: 7, queues: { onboarding: 'manage', sales: 'reply' } },
];

const options = readOptions();

async function main() {
  const database = benchDatabase();
  const started = performance.now();
  console.log(
    `Seeding ${options.tickets.toLocaleString('en')} tickets into ${database.name} ` +
      `(${options.customers.toLocaleString('en')} customers, ` +
      `${options.organizations.toLocaleString('en')} organisations)`,
  );

  await prepareDatabase(database);
  const migrated = performance.now();
  const migration = (await migrate(database.url)).split('\n')[0].replace(/:$/, '');
  console.log(`  tessera migrate (${migration}): ${seconds(performance.now() - migrated)}`);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await refuseIfSeeded(client);
    await configureSession(client);
    const step = stepTimer();

    const { adminId } = await insertPeople(client);
    step('queues, teams, agents and organisations');
    await insertCustomers(client);
    step(`${options.customers.toLocaleString('en')} customers`);
    const poolSizes = await loadCorpus(client);
    step('text pools');

    const indexes = await dropTicketIndexes(client);
    step(`dropped ${indexes.length} ticket indexes for the load`);
    // The recent search tier is filled once, after the load, instead of row by row.
    await client.query('ALTER TABLE tickets DISABLE TRIGGER USER');
    await insertTickets(client, { adminId, poolSizes });
    step(`${options.tickets.toLocaleString('en')} tickets`);
    // What the SLA engine keeps on a ticket waiting on the agents: its soonest running due time
    // (an eight-hour target from creation), which the due-sorted work views order by.
    await client.query(
      `UPDATE tickets SET sla_next_due_at = created_at + interval '8 hours'
        WHERE state IN ('new', 'open')`,
    );
    step('SLA due times');
    await createIndexes(client, indexes);
    step('rebuilt the ticket indexes');
    await client.query('ALTER TABLE tickets ENABLE TRIGGER USER');
    // As the server's triggers and pruning job keep it, with the statement an import fills it by.
    const tier = await import(
      pathToFileURL(join(ROOT, 'apps/server/dist/modules/ticket/ticket-search-tier.js')).href
    );
    const recent = await client.query(tier.REFILL_RECENT_SEARCH, [
      tier.recentSearchHorizon(new Date()),
    ]);
    step(`recent search tier (${recent.rowCount.toLocaleString('en')} tickets)`);

    await client.query(
      `SELECT setval('tickets_number_seq', (SELECT COALESCE(max(number), $1) FROM tickets))`,
      [FIRST_TICKET_NUMBER - 1],
    );
    await client.query('RESET session_replication_role');
    await client.query('VACUUM (ANALYZE)');
    step('VACUUM (ANALYZE)');

    const marker = {
      tickets: options.tickets,
      customers: options.customers,
      organizations: options.organizations,
      seed: options.seed,
      seededAt: new Date().toISOString(),
      seconds: Math.round((performance.now() - started) / 1000),
    };
    await client.query(
      `COMMENT ON DATABASE "${database.name}" IS ${client.escapeLiteral(SEED_MARKER + JSON.stringify(marker))}`,
    );
    console.log(`\nSeeded in ${seconds(performance.now() - started)}.\n`);
    await printSizes(client);
  } finally {
    await client.end();
  }
}

// --- Options -------------------------------------------------------------------------------------

function readOptions() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '1000000' },
      customers: { type: 'string', default: '50000' },
      organizations: { type: 'string', default: '5000' },
      batch: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '42' },
      reuse: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
    },
  });
  const count = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) fail(`--${name} must be an integer >= ${min}`);
    return value;
  };
  if (values.reuse && values.reset) fail('--reuse and --reset exclude each other');
  return {
    tickets: count('tickets', 1),
    customers: count('customers', 1),
    organizations: count('organizations', 1),
    batch: count('batch', 1),
    seed: count('seed', 0),
    reuse: values.reuse,
    reset: values.reset,
  };
}

// --- Database ------------------------------------------------------------------------------------

/** Creates the database, or drops and creates it (--reset), or checks it exists (--reuse). */
async function prepareDatabase(database) {
  const admin = new pg.Client({ connectionString: database.maintenanceUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database.name,
    ]);
    const exists = rowCount > 0;
    if (options.reset && exists) {
      await admin.query(`DROP DATABASE "${database.name}" WITH (FORCE)`);
      console.log(`Dropped ${database.name}.`);
    }
    if (options.reset || !exists) {
      if (options.reuse) fail(`--reuse: there is no database ${database.name}`);
      await admin.query(`CREATE DATABASE "${database.name}"`);
      console.log(`Created ${database.name}.`);
    } else if (!options.reuse) {
      fail(
        `the database ${database.name} exists already: pass --reuse to seed into it (it must ` +
          'hold no tickets) or --reset to drop it and start over',
      );
    }
  } finally {
    await admin.end();
  }
}

async function refuseIfSeeded(client) {
  const marker = await readSeedMarker(client);
  const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM tickets) AS tickets');
  const partial = await client.query('SELECT 1 FROM users WHERE lower(email) = $1', [ADMIN.email]);
  if (marker || rows[0].tickets || partial.rowCount > 0) {
    fail(
      'the database holds tickets or an earlier seed already' +
        (marker ? ` (${marker.tickets} tickets, seeded ${marker.seededAt})` : '') +
        ': pass --reset to drop it and seed again',
    );
  }
}

async function configureSession(client) {
  // Nothing here must survive a crash: if the seed stops, the database is seeded again anyway.
  await client.query('SET synchronous_commit = off');
  await client.query("SET maintenance_work_mem = '1GB'");
  // The batch statements look expensive to the planner (temporary tables, generate_series), and
  // compiling them would take seconds a batch for nothing.
  await client.query('SET jit = off');
  // PostgreSQL's random() repeats for a seed, within this one session.
  await client.query('SELECT setseed($1)', [(options.seed % 1000) / 1000]);
  try {
    // Skips the foreign-key triggers: the seed writes consistent rows, and checking 8 million
    // references one by one would double the time. Needs a superuser.
    await client.query('SET session_replication_role = replica');
  } catch (error) {
    console.log(`Foreign keys stay checked (${error.message}); the seed will be slower.`);
  }
}

/** Prints the time since the previous step. */
function stepTimer() {
  let last = performance.now();
  return (what) => {
    const now = performance.now();
    console.log(`  ${what}: ${seconds(now - last)}`);
    last = now;
  };
}

// --- Queues, teams, agents, organisations --------------------------------------------------------

async function insertPeople(client) {
  const random = randomSource(options.seed + 1);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const queues = QUEUES.map((queue) => ({ ...queue, id: randomUUID() }));
  const queueBySlug = new Map(queues.map((queue) => [queue.slug, queue]));
  const hash = (password) =>
    argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2 });

  const users = [
    {
      id: randomUUID(),
      email: ADMIN.email,
      name: 'Bench Admin',
      role: 'admin',
      passwordHash: await hash(ADMIN.password),
    },
    {
      id: randomUUID(),
      email: AGENT.email,
      name: 'Bench Agent',
      role: 'agent',
      passwordHash: await hash(AGENT.password),
    },
  ];
  const grants = AGENT_QUEUE_SLUGS.map((slug) => ({
    queueId: queueBySlug.get(slug).id,
    userId: users[1].id,
    teamId: null,
    level: 'reply',
  }));
  const teams = [];
  const members = [];
  // Agents sign in with their team's shared hash: no one signs in as them during the benchmark.
  const agentHash = await hash(randomUUID());
  for (const team of TEAMS) {
    const teamId = randomUUID();
    teams.push({ id: teamId, name: team.name });
    for (const [slug, level] of Object.entries(team.queues)) {
      grants.push({ queueId: queueBySlug.get(slug).id, userId: null, teamId, level });
    }
    for (let i = 0; i < team.agents; i++) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const id = randomUUID();
      users.push({
        id,
        email: `${first}.${last}.${users.length}@helpdesk.example`.toLowerCase().replace(/ /g, ''),
        name: `${first} ${last}`,
        role: 'agent',
        passwordHash: agentHash,
      });
      members.push({ teamId, userId: id });
    }
  }
  const organizations = companyNames(options.organizations, options.seed + 2).map((name, i) => ({
    id: randomUUID(),
    name,
    domain: `${name.toLowerCase().replace(/ /g, '-')}.example`,
    tier: i % 10 === 0 ? 'enterprise' : i % 10 < 4 ? 'business' : 'standard',
    shareTickets: i % 5 === 0,
  }));

  await client.query('BEGIN');
  await client.query(
    `INSERT INTO queues (id, slug, name, default_priority, description)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [
      queues.map((q) => q.id),
      queues.map((q) => q.slug),
      queues.map((q) => q.name),
      queues.map((q) => q.defaultPriority),
      queues.map((q) => `${q.name} requests`),
    ],
  );
  await client.query(`INSERT INTO teams (id, name) SELECT * FROM unnest($1::uuid[], $2::text[])`, [
    teams.map((t) => t.id),
    teams.map((t) => t.name),
  ]);
  await client.query(
    `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
     SELECT u.*, now() - interval '${HISTORY_DAYS + 30} days', now() - interval '${HISTORY_DAYS + 30} days'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) u`,
    [
      users.map((u) => u.id),
      users.map((u) => u.email),
      users.map((u) => u.name),
      users.map((u) => u.role),
      users.map((u) => u.passwordHash),
    ],
  );
  await client.query(
    `INSERT INTO team_members (team_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
    [members.map((m) => m.teamId), members.map((m) => m.userId)],
  );
  await client.query(
    `INSERT INTO queue_grants (queue_id, user_id, team_id, level)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])`,
    [
      grants.map((g) => g.queueId),
      grants.map((g) => g.userId),
      grants.map((g) => g.teamId),
      grants.map((g) => g.level),
    ],
  );
  await client.query(
    `INSERT INTO organizations (id, name, tier, share_tickets)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[])`,
    [
      organizations.map((o) => o.id),
      organizations.map((o) => o.name),
      organizations.map((o) => o.tier),
      organizations.map((o) => o.shareTickets),
    ],
  );
  await client.query(
    `INSERT INTO organization_domains (domain, organization_id)
     SELECT * FROM unnest($1::text[], $2::uuid[])`,
    [organizations.map((o) => o.domain), organizations.map((o) => o.id)],
  );
  await client.query('COMMIT');

  // Lookup tables for the ticket batches (temporary: this session only).
  await client.query(
    `CREATE TEMP TABLE seed_orgs AS
     SELECT ordinality::int AS idx, id, domain
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS o(id, domain)`,
    [organizations.map((o) => o.id), organizations.map((o) => o.domain)],
  );
  // Who may be given a queue's tickets: agents with reply or manage access to it.
  const workers = queues.map((queue) => {
    const ids = new Set();
    for (const grant of grants) {
      if (grant.queueId !== queue.id) continue;
      if (grant.userId) ids.add(grant.userId);
      for (const member of members) if (member.teamId === grant.teamId) ids.add(member.userId);
    }
    return [...ids];
  });
  await client.query(
    `CREATE TEMP TABLE seed_queues AS
     SELECT ordinality::int AS idx, q.id AS queue_id,
            ARRAY(SELECT jsonb_array_elements_text(q.agents)::uuid) AS agents,
            jsonb_array_length(q.agents) AS agent_count
       FROM unnest($1::uuid[], $2::jsonb[]) WITH ORDINALITY AS q(id, agents)`,
    [queues.map((q) => q.id), workers.map((ids) => JSON.stringify(ids))],
  );
  // One row per percent of tickets, pointing at the queue that gets it.
  const slots = queues.flatMap((queue, i) => Array.from({ length: queue.share }, () => i + 1));
  if (slots.length !== 100) throw new Error('queue shares must add up to 100');
  await client.query(
    `CREATE TEMP TABLE seed_queue_slots AS
     SELECT (ordinality - 1)::int AS slot, idx FROM unnest($1::int[]) WITH ORDINALITY AS s(idx)`,
    [slots],
  );
  await client.query(
    `CREATE TEMP TABLE seed_agents AS
     SELECT id, split_part(name, ' ', 1) AS first_name FROM users WHERE role IN ('agent', 'admin')`,
  );
  await client.query('ANALYZE seed_orgs, seed_queues, seed_queue_slots, seed_agents');
  return { adminId: users[0].id };
}

/** Customers: 80% in an organisation (a few large ones, many small), the rest on freemail. */
async function insertCustomers(client) {
  await client.query(
    `CREATE TEMP TABLE seed_customers AS
     SELECT x.idx, gen_random_uuid() AS id, x.first_name, x.first_name || ' ' || x.last_name AS name,
            lower(replace(x.first_name || '.' || x.last_name, ' ', '') || x.idx || '@'
                  || COALESCE(o.domain, ($5::text[])[1 + floor(x.r_org2 * array_length($5::text[], 1))::int])) AS email,
            o.id AS organization_id,
            now() - interval '${HISTORY_DAYS + 30} days' * x.r_created AS created_at
       FROM (SELECT i AS idx,
                    ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] AS first_name,
                    ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int] AS last_name,
                    random() AS r_org, random() AS r_org2, random() AS r_created
               FROM generate_series(1, $3::int) i) x
       LEFT JOIN seed_orgs o
         ON x.r_org < 0.8 AND o.idx = 1 + floor(power(x.r_org2, 2) * $4::int)::int`,
    [FIRST_NAMES, LAST_NAMES, options.customers, options.organizations, FREEMAIL_DOMAINS],
  );
  await client.query('ALTER TABLE seed_customers ADD PRIMARY KEY (idx)');
  await client.query('ANALYZE seed_customers');
  await client.query(
    `INSERT INTO users (id, email, name, role, organization_id, created_at, updated_at)
     SELECT id, email, name, 'customer', organization_id, created_at, created_at FROM seed_customers`,
  );
}

// --- Text ----------------------------------------------------------------------------------------

/** The sentence pools, as numbered temporary tables that the ticket batches join; their sizes. */
async function loadCorpus(client) {
  const corpus = createCorpus(options.seed);
  const pools = {
    seed_subjects: corpus.subjects,
    seed_customer_text: corpus.customerSentences,
    seed_agent_text: corpus.agentSentences,
    seed_note_text: corpus.notes,
  };
  const sizes = {};
  for (const [table, texts] of Object.entries(pools)) {
    await client.query(
      `CREATE TEMP TABLE ${table} AS
       SELECT ordinality::int AS idx, text FROM unnest($1::text[]) WITH ORDINALITY AS t(text)`,
      [texts],
    );
    await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (idx)`);
    await client.query(`ANALYZE ${table}`);
    sizes[table] = texts.length;
  }
  return sizes;
}

// --- Tickets -------------------------------------------------------------------------------------

/** Drops the secondary indexes of the ticket tables; returns their definitions to rebuild them. */
async function dropTicketIndexes(client) {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid IN ('tickets'::regclass, 'ticket_messages'::regclass, 'ticket_events'::regclass)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
  );
  for (const index of rows) await client.query(`DROP INDEX ${index.name}`);
  return rows;
}

async function createIndexes(client, indexes) {
  for (const index of indexes) {
    const started = performance.now();
    await client.query(index.definition);
    console.log(`    ${index.name}: ${seconds(performance.now() - started)}`);
  }
}

async function insertTickets(client, { adminId, poolSizes }) {
  const now = new Date();
  const start = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const total = options.tickets;
  let done = 0;
  const started = performance.now();
  while (done < total) {
    const size = Math.min(options.batch, total - done);
    const first = FIRST_TICKET_NUMBER + done;
    await client.query('BEGIN');
    await client.query(BATCH_SQL, [
      first,
      first + size - 1,
      FIRST_TICKET_NUMBER,
      total,
      start,
      now,
      TAGS,
      adminId,
      poolSizes.seed_subjects,
      poolSizes.seed_customer_text,
      poolSizes.seed_agent_text,
      poolSizes.seed_note_text,
      options.customers,
    ]);
    await client.query(INSERT_TICKETS_SQL);
    await client.query(INSERT_MESSAGES_SQL);
    await client.query(INSERT_EVENTS_SQL);
    await client.query('DROP TABLE seed_batch');
    await client.query('COMMIT');
    done += size;
    const elapsed = performance.now() - started;
    const rate = done / (elapsed / 1000);
    const left = (total - done) / rate;
    console.log(
      `    ${done.toLocaleString('en')} / ${total.toLocaleString('en')} tickets ` +
        `(${Math.round((100 * done) / total)}%), ${seconds(elapsed)}, ` +
        `${Math.round(rate).toLocaleString('en')} tickets/s` +
        (done < total ? `, about ${Math.round(left)} s to go` : ''),
    );
  }
}

// One batch of tickets as a temporary table, with everything the three inserts below need. The
// random draws come first (a CTE holding volatile functions is evaluated once per row), then what
// depends on them: the queue, the state by age, the times of the messages and of the last change.
//
// $1..$2 ticket numbers of the batch, $3 first number, $4 total tickets, $5 start of the history,
// $6 now, $7 tags, $8 the admin (opens the API tickets), $9..$12 sizes of the text pools,
// $13 customers.
const BATCH_SQL = `
CREATE TEMP TABLE seed_batch AS
WITH draws AS (
  SELECT n, gen_random_uuid() AS id,
         gen_random_uuid() AS m1_id, gen_random_uuid() AS m2_id, gen_random_uuid() AS m3_id,
         -- More tickets lately: the density grows over the two years.
         $5::timestamptz + ($6::timestamptz - $5::timestamptz)
           * power(((n - $3::int) + random()) / $4::int, 0.75) AS created_at,
         random() AS r_state, random() AS r_prio, random() AS r_queue, random() AS r_assign,
         random() AS r_agent, random() AS r_req, random() AS r_chan, random() AS r_tags,
         random() AS r_tag1, random() AS r_tag2, random() AS r_tag3, random() AS r_resp,
         random() AS r_upd, random() AS r_ver, random() AS r_order, random() AS r_ref,
         random() AS r_note, random() AS r_long, random() AS r_t2, random() AS r_t3,
         1 + floor(random() * $9::int)::int AS subject_idx,
         1 + floor(random() * $10::int)::int AS c1, 1 + floor(random() * $10::int)::int AS c2,
         1 + floor(random() * $10::int)::int AS c3, 1 + floor(random() * $10::int)::int AS c4,
         1 + floor(random() * $11::int)::int AS a1, 1 + floor(random() * $11::int)::int AS a2,
         1 + floor(random() * $12::int)::int AS note_idx,
         1000000 + floor(random() * 9000000)::int AS order_number
    FROM generate_series($1::int, $2::int) n
),
shaped AS (
  SELECT d.*, s.idx AS queue_idx,
         extract(epoch FROM $6::timestamptz - d.created_at) / 86400 AS age_days,
         -- A few customers write a lot, most write rarely.
         1 + floor(power(d.r_req, 1.6) * $13::int)::int AS customer_idx,
         CASE WHEN d.r_prio < 0.2 THEN 'low' WHEN d.r_prio < 0.8 THEN 'normal'
              WHEN d.r_prio < 0.95 THEN 'high' ELSE 'urgent' END AS priority,
         CASE WHEN d.r_chan < 0.65 THEN 'email' WHEN d.r_chan < 0.85 THEN 'web'
              WHEN d.r_chan < 0.95 THEN 'api' ELSE 'portal' END AS channel
    FROM draws d JOIN seed_queue_slots s ON s.slot = floor(d.r_queue * 100)::int
),
staged AS (
  SELECT s.*, q.queue_id, q.agents[1 + floor(s.r_agent * q.agent_count)::int] AS worker,
         -- Recent tickets are still being worked on; old ones are closed, with a few forgotten.
         CASE
           WHEN s.age_days < 2 THEN CASE WHEN s.r_state < 0.35 THEN 'new' WHEN s.r_state < 0.75 THEN 'open'
                                         WHEN s.r_state < 0.9 THEN 'pending' ELSE 'resolved' END
           WHEN s.age_days < 30 THEN CASE WHEN s.r_state < 0.03 THEN 'new' WHEN s.r_state < 0.25 THEN 'open'
                                          WHEN s.r_state < 0.45 THEN 'pending' WHEN s.r_state < 0.75 THEN 'resolved'
                                          ELSE 'closed' END
           ELSE CASE WHEN s.r_state < 0.01 THEN 'open' WHEN s.r_state < 0.02 THEN 'pending'
                     ELSE 'closed' END
         END AS planned_state
    FROM shaped s JOIN seed_queues q ON q.idx = s.queue_idx
),
offsets AS (
  -- Seconds after the ticket opened: the second message (the first answer, or the customer's
  -- second message while it is new), and the work until it was resolved or last changed.
  SELECT t.*,
         CASE WHEN t.planned_state = 'new' THEN 60 * (1 + t.r_t2 * 30)
              -- 5 minutes to 2 days, mostly short.
              ELSE 60 * (5 + power(t.r_resp, 3) * 2880) END AS m2_s,
         -- 1 hour to 10 days, mostly short.
         3600 * (1 + power(t.r_upd, 2) * 240) AS work_s
    FROM staged t
),
planned AS (
  SELECT o.*,
         CASE o.planned_state
           WHEN 'new' THEN o.m2_s + 60 * (1 + o.r_t3 * 30)
           WHEN 'closed' THEN o.m2_s + o.work_s + 7 * 86400
           ELSE o.m2_s + o.work_s
         END AS updated_s
    FROM offsets o
),
timed AS (
  -- A young ticket's history is squeezed in between its creation and now, keeping its order.
  SELECT p.*,
         p.created_at + make_interval(secs => p.m2_s * k.k) AS m2_at,
         CASE WHEN p.planned_state IN ('resolved', 'closed')
              THEN p.created_at + make_interval(secs => (p.m2_s + p.work_s) * k.k) END AS resolved_at,
         p.created_at + make_interval(secs => p.updated_s * k.k) AS planned_updated_at
    FROM planned p
   CROSS JOIN LATERAL (SELECT least(1, 0.999 * p.age_days * 86400 / p.updated_s) AS k) k
),
dated AS (
  -- Resolved tickets nobody answered for days were closed (the auto-close job's work).
  SELECT t.*, auto.closed,
         CASE WHEN auto.closed THEN 'closed' ELSE t.planned_state END AS state,
         CASE WHEN t.planned_state <> 'new' THEN t.m2_at END AS first_response_at,
         CASE WHEN auto.closed THEN t.resolved_at + interval '${AUTO_CLOSED_AFTER_DAYS} days'
              ELSE t.planned_updated_at END AS updated_at
    FROM timed t
   CROSS JOIN LATERAL (
     SELECT t.planned_state = 'resolved'
            AND t.resolved_at < $6::timestamptz - interval '${AUTO_CLOSED_AFTER_DAYS} days' AS closed
   ) auto
)
SELECT t.id, t.n AS number, t.state, t.priority, t.queue_id, t.channel,
       CASE WHEN t.worker IS NULL THEN NULL
            WHEN t.state = 'new' THEN CASE WHEN t.r_assign < 0.2 THEN t.worker END
            WHEN t.r_assign < 0.9 THEN t.worker END AS assignee_id,
       c.id AS requester_id, c.organization_id, c.name || ' ' || c.email AS requester_text,
       subject.text || CASE WHEN t.r_order < 0.12 THEN ' (order ' || t.order_number || ')' ELSE '' END
         AS subject,
       ARRAY(SELECT DISTINCT tag FROM unnest((ARRAY[
               ($7::text[])[1 + floor(power(t.r_tag1, 2) * array_length($7::text[], 1))::int],
               ($7::text[])[1 + floor(power(t.r_tag2, 2) * array_length($7::text[], 1))::int],
               ($7::text[])[1 + floor(power(t.r_tag3, 2) * array_length($7::text[], 1))::int]
             ])[1:CASE WHEN t.r_tags < 0.45 THEN 0 WHEN t.r_tags < 0.8 THEN 1
                       WHEN t.r_tags < 0.95 THEN 2 ELSE 3 END]) tag ORDER BY tag) AS tags,
       date_trunc('milliseconds', t.first_response_at) AS first_response_at,
       date_trunc('milliseconds', t.resolved_at) AS resolved_at,
       CASE WHEN t.state IN ('open', 'closed') AND t.r_ver > 0.97 THEN 1 ELSE 0 END AS reopen_count,
       CASE WHEN t.state = 'new' THEN 1 ELSE 2 + floor(t.r_ver * 5)::int END AS version,
       t.created_at, t.updated_at,
       CASE WHEN t.channel = 'api' THEN $8::uuid ELSE c.id END AS created_by,
       -- 1: the customer's request. 2: the agent's answer (a second customer message while new).
       -- 3: an internal note now and then, else the customer's follow-up.
       t.m1_id, t.created_at AS m1_at,
       'Hello, ' || c1.text || ' ' || c2.text
         || CASE WHEN t.r_long < 0.5 THEN ' ' || c3.text ELSE '' END
         || CASE WHEN t.r_ref < 0.3 THEN ' My order number is ' || t.order_number || '.' ELSE '' END
         || ' Thanks, ' || c.first_name AS m1,
       t.m2_id, t.m2_at,
       CASE WHEN t.state = 'new' THEN c.id ELSE COALESCE(t.worker, $8::uuid) END AS m2_author,
       CASE WHEN t.state = 'new' THEN 'Sorry, one more thing: ' || c4.text
            ELSE 'Hi ' || c.first_name || ', ' || a1.text || ' ' || a2.text
                 || ' Best regards, ' || COALESCE(agent.first_name, 'Support') END AS m2,
       t.m3_id,
       t.m2_at + (t.updated_at - t.m2_at) * t.r_t3 AS m3_at,
       t.r_note < 0.25 AS m3_internal,
       CASE WHEN t.r_note < 0.25 THEN COALESCE(t.worker, $8::uuid) ELSE c.id END AS m3_author,
       CASE WHEN t.r_note < 0.25 THEN note.text
            ELSE 'Hi again, ' || c3.text || ' Thanks, ' || c.first_name END AS m3
  FROM dated t
  JOIN seed_customers c ON c.idx = t.customer_idx
  JOIN seed_subjects subject ON subject.idx = t.subject_idx
  JOIN seed_customer_text c1 ON c1.idx = t.c1
  JOIN seed_customer_text c2 ON c2.idx = t.c2
  JOIN seed_customer_text c3 ON c3.idx = t.c3
  JOIN seed_customer_text c4 ON c4.idx = t.c4
  JOIN seed_agent_text a1 ON a1.idx = t.a1
  JOIN seed_agent_text a2 ON a2.idx = t.a2
  JOIN seed_note_text note ON note.idx = t.note_idx
  LEFT JOIN seed_agents agent ON agent.id = t.worker`;

// The search document as TicketRepository builds it: insertWithFirstMessage() writes the subject
// (weight A), the requester's "name email" (B) and the first message (C); insertMessage() appends
// each later public message (C) in order.
// The 'simple' configuration, and the same bounds (100,000 characters a message).
const INSERT_TICKETS_SQL = `
INSERT INTO tickets (id, number, subject, state, priority, queue_id, assignee_id, requester_id,
                     organization_id, channel, tags, first_response_at, resolved_at, reopen_count,
                     version, created_at, updated_at, search_vector)
SELECT id, number, subject, state, priority, queue_id, assignee_id, requester_id, organization_id,
       channel, tags, first_response_at, resolved_at, reopen_count, version, created_at, updated_at,
       setweight(to_tsvector('simple', subject), 'A')
       || setweight(to_tsvector('simple', requester_text), 'B')
       || setweight(to_tsvector('simple', left(m1, 100000)), 'C')
       || setweight(to_tsvector('simple', left(m2, 100000)), 'C')
       || CASE WHEN m3_internal THEN ''::tsvector
               ELSE setweight(to_tsvector('simple', left(m3, 100000)), 'C') END
  FROM seed_batch`;

const INSERT_MESSAGES_SQL = `
INSERT INTO ticket_messages (id, ticket_id, author_id, internal, body_text, created_at)
SELECT m1_id, id, requester_id, false, m1, m1_at FROM seed_batch
UNION ALL SELECT m2_id, id, m2_author, false, m2, m2_at FROM seed_batch
UNION ALL SELECT m3_id, id, m3_author, m3_internal, m3, m3_at FROM seed_batch`;

// The events opening a ticket writes (created, then its first message), and one per later message.
const INSERT_EVENTS_SQL = `
INSERT INTO ticket_events (ticket_id, actor_id, type, after, created_at)
SELECT id, created_by, 'created',
       jsonb_build_object('state', 'new', 'queueId', queue_id, 'channel', channel, 'requesterId', requester_id),
       created_at
  FROM seed_batch
UNION ALL SELECT id, requester_id, 'message', jsonb_build_object('messageId', m1_id, 'internal', false), m1_at
  FROM seed_batch
UNION ALL SELECT id, m2_author, 'message', jsonb_build_object('messageId', m2_id, 'internal', false), m2_at
  FROM seed_batch
UNION ALL SELECT id, m3_author, 'message', jsonb_build_object('messageId', m3_id, 'internal', m3_internal), m3_at
  FROM seed_batch`;

// --- Report --------------------------------------------------------------------------------------

async function printSizes(client) {
  const { rows } = await client.query(
    `SELECT c.relname AS table, c.reltuples::bigint AS rows,
            pg_size_pretty(pg_table_size(c.oid)) AS data,
            pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
            pg_size_pretty(pg_total_relation_size(c.oid)) AS total
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND c.relname IN ('tickets', 'ticket_messages', 'ticket_events', 'users', 'organizations')
      ORDER BY pg_total_relation_size(c.oid) DESC`,
  );
  console.log('| Table | Rows | Data | Indexes | Total |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.table} | ${Number(row.rows).toLocaleString('en')} | ${row.data} | ` +
        `${row.indexes} | ${row.total} |`,
    );
  }
  const { rows: size } = await client.query(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  console.log(`\nDatabase size: ${size[0].size}; ${os.cpus().length} cores.`);
}

try {
  await main();
} catch (error) {
  fail(error.stack ?? error.message);
}
