// Load benchmark of the reports API (`/api/v1/reports/...`) on a seeded database
// (bench/tickets-seed.mjs): each report over the last 30 days (by day, in Europe/Berlin), over
// the last year (by week) and for one queue, as the admin, with autocannon. Then one
// EXPLAIN (ANALYZE, BUFFERS) of every statement of each report, straight on PostgreSQL.
//
// Run from the repository root after `npm run build` and the seed:
//
//   node bench/reports.mjs
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5433/tessera_bench node bench/reports.mjs
//   node bench/reports.mjs --only sla --duration 20 --plans
//
// --duration S     seconds each scenario is measured (default 10)
// --warmup S       unmeasured seconds before each measurement (default 2)
// --connections N  concurrent clients (default 4)
// --only TEXT      run only the scenarios whose key contains TEXT (e.g. volume, year, queue)
// --plans          print every query plan, not only the execution times
//
// The server starts with `tessera serve`, which applies pending migrations (the reports'
// indexes) first. The ranges end at the end of the day of the newest ticket, so that the figures
// do not depend on when the database was seeded. Every request must answer 200: a non-2xx
// answer, a timeout or an error makes the run exit with status 1, after the report.
import autocannon from 'autocannon';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ADMIN, benchDatabase, fail, ROOT, ServerProcess } from './tickets-shared.mjs';

const REQUEST_TIMEOUT_S = 30;
const DAY_MS = 86_400_000;
const TIME_ZONE = 'Europe/Berlin';

const options = readOptions();
/** Problems that fail the run once the report is out. */
const problems = [];

async function main() {
  const database = benchDatabase();
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  let server;
  try {
    const facts = await readFacts(db);
    const postgresVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    console.error(`Starting tessera serve on ${database.name}…`);
    server = await ServerProcess.start(database.url);
    const token = await signIn(server);
    const results = [];
    for (const scenario of scenarios(facts)) {
      if (options.only && !scenario.key.includes(options.only)) continue;
      await checkAnswer(server, token, scenario);
      console.error(`${scenario.figure}, ${scenario.rangeLabel}…`);
      results.push({ scenario, api: await measure(server, token, scenario) });
    }
    await server.stop();
    server = undefined;
    const plans = await explainAll(db, results);
    printReport({ database, facts, results, plans, postgresVersion });
  } finally {
    if (server) await server.stop();
    await db.end();
  }
  if (problems.length > 0) {
    console.error('\nThe run had failures, so its figures do not count:');
    for (const problem of problems) console.error(`- ${problem}`);
    process.exit(1);
  }
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '4' },
      only: { type: 'string' },
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
    warmup: number('warmup', 0),
    connections: Math.floor(number('connections', 1)),
    only: values.only,
    plans: values.plans,
  };
}

async function readFacts(db) {
  const one = async (sql, params) => (await db.query(sql, params)).rows[0];
  const tickets = await one(
    'SELECT count(*)::int AS count, max(created_at) AS newest FROM tickets',
  );
  if (tickets.count === 0) fail('the database holds no tickets: run bench/tickets-seed.mjs first');
  const events = (
    await db.query(
      `SELECT type, count(*)::int AS count FROM ticket_events
        WHERE type IN ('created', 'state', 'message', 'merged') GROUP BY type ORDER BY type`,
    )
  ).rows;
  const sla = await one(
    'SELECT count(*)::int AS count FROM tickets WHERE sla_policy_id IS NOT NULL',
  );
  // The biggest queue, for the filtered scenario.
  const queue = await one(
    `SELECT q.id, q.slug, count(*)::int AS tickets FROM tickets t JOIN queues q ON q.id = t.queue_id
      GROUP BY q.id, q.slug ORDER BY count(*) DESC LIMIT 1`,
  );
  const end = new Date(Math.ceil(tickets.newest.getTime() / DAY_MS) * DAY_MS);
  return { tickets: tickets.count, events, slaTickets: sla.count, queue, end };
}

/** Each report over the last 30 days, over the last year, and for one queue. */
function scenarios(facts) {
  const range = (days, interval) => {
    const from = new Date(facts.end.getTime() - days * DAY_MS).toISOString();
    const to = facts.end.toISOString();
    return {
      label: `${days} days`,
      days,
      query: `from=${from}&to=${to}`,
      bucketed: `from=${from}&to=${to}&interval=${interval}&tz=${encodeURIComponent(TIME_ZONE)}`,
      from,
      to,
      interval,
    };
  };
  const month = range(30, 'day');
  const year = range(365, 'week');
  const reports = [
    { name: 'volume', figure: 'Volume and backlog', bucketed: true },
    { name: 'response-times', figure: 'Response times', bucketed: true },
    { name: 'sla', figure: 'SLA compliance', bucketed: false },
    { name: 'summary', figure: 'Summary', bucketed: false },
  ];
  const list = [];
  for (const [key, r, extra, label] of [
    ['month', month, '', ''],
    ['year', year, '', ''],
    ['queue', month, `&queueId=${facts.queue.id}`, `, queue ${facts.queue.slug}`],
  ]) {
    for (const report of reports) {
      list.push({
        key: `${report.name}-${key}`,
        figure: `${report.figure}${label}`,
        report: report.name,
        range: r,
        rangeLabel: report.bucketed ? `${r.label} by ${r.interval}` : r.label,
        filter: key === 'queue' ? { queueId: facts.queue.id } : {},
        path: `/api/v1/reports/${report.name}?${report.bucketed ? r.bucketed : r.query}${extra}`,
      });
    }
  }
  return list;
}

async function signIn(server) {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const body = await response.json();
  if (response.status !== 200 || !body.accessToken) {
    fail(`signing in as ${ADMIN.email} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

async function checkAnswer(server, token, scenario) {
  const response = await fetch(`${server.baseUrl}${scenario.path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  if (response.status !== 200) {
    fail(`GET ${scenario.path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
}

async function measure(server, token, scenario) {
  const run = async (duration) => {
    const latencies = [];
    const instance = autocannon({
      url: `${server.baseUrl}${scenario.path}`,
      connections: options.connections,
      duration,
      timeout: REQUEST_TIMEOUT_S,
      headers: { authorization: `Bearer ${token}` },
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
    const result = await instance;
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) {
      problems.push(
        `${scenario.figure} (${scenario.rangeLabel}): ${result.non2xx} non-2xx, ` +
          `${result.errors} errors, ${result.timeouts} timeouts`,
      );
    }
    return { result, latencies };
  };
  if (options.warmup > 0) await run(options.warmup);
  const { result, latencies } = await run(options.duration);
  return { ...percentiles(latencies), rate: latencies.length / result.duration };
}

function percentiles(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.ceil(q * sorted.length) - 1]);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

// --- Query plans ---------------------------------------------------------------------------------

/**
 * The statements of each report as the built server runs them (its repository over a recording
 * stand-in for TypeORM's DataSource), each explained once. A plan is flagged when it reads a
 * ticket table from start to end, sorts on disk or compiles with JIT.
 */
async function explainAll(db, results) {
  let built;
  try {
    await import('reflect-metadata');
    const dist = (path) => pathToFileURL(join(ROOT, 'apps/server/dist/modules/report', path)).href;
    built = {
      ...(await import(dist('report.repository.js'))),
      ...(await import(dist('report-range.js'))),
    };
  } catch (error) {
    fail(`cannot load the built server (run npm run build first): ${error.message}`);
  }
  const plans = [];
  const seen = new Set();
  for (const { scenario } of results) {
    const { range, filter, report } = scenario;
    // The summary runs the statements of the other three, over the whole range.
    if (report === 'summary') continue;
    const key = `${report} ${range.label} ${JSON.stringify(filter)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const statements = [];
    const repository = new built.ReportRepository({
      query: async (text, params) => {
        statements.push({ text, params });
        return (await db.query(text, params)).rows;
      },
    });
    const bounds = { from: new Date(range.from), to: new Date(range.to) };
    const buckets = { interval: range.interval, timeZone: TIME_ZONE };
    if (report === 'volume') {
      const earliest = await repository.earliestTicketAt();
      statements.length = 0;
      const anchor = built.backlogAnchor(bounds.from, new Date(), earliest);
      await repository.volume(bounds, filter, buckets, anchor);
    } else if (report === 'response-times') {
      await repository.responseTimes(bounds, filter, buckets);
    } else {
      await repository.sla(bounds, filter);
    }
    for (const statement of statements) {
      const result = await db.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
        statement.params,
      );
      const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
      const flags = [];
      const scanned = plan.match(/Seq Scan on (tickets|ticket_events)\b/g);
      if (scanned) flags.push([...new Set(scanned)].join(', '));
      if (/Sort Method: external/.test(plan)) flags.push('sort on disk');
      if (/^JIT:/m.test(plan)) flags.push('JIT');
      plans.push({
        figure: `${scenario.figure.replace(/, queue .*/, '')} (${scenario.rangeLabel}${
          filter.queueId ? ', one queue' : ''
        })`,
        statement,
        plan,
        executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]),
        flags,
      });
    }
  }
  return plans;
}

// --- Report --------------------------------------------------------------------------------------

function printReport({ database, facts, results, plans, postgresVersion }) {
  const cpus = os.cpus();
  const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');
  console.log('\n## Reports\n');
  console.log(`- Date: ${new Date().toLocaleDateString('en-CA')}`);
  console.log(
    `- Database ${database.name}: ${facts.tickets.toLocaleString('en')} tickets ` +
      `(${facts.slaTickets.toLocaleString('en')} with an SLA policy); events: ` +
      facts.events.map((e) => `${e.count.toLocaleString('en')} ${e.type}`).join(', '),
  );
  console.log(`- Node ${process.version}, PostgreSQL ${postgresVersion}, on the same machine`);
  console.log(
    `- CPU: ${cpus[0]?.model ?? 'unknown'} (${cpus.length} cores), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  console.log(
    `- ${options.duration} s per scenario after ${options.warmup} s of warm-up, ` +
      `${options.connections} connections, as the admin; ranges end ${facts.end.toISOString()}, ` +
      `buckets in ${TIME_ZONE}\n`,
  );
  console.log('| Report | Range | p50 (ms) | p95 (ms) | p99 (ms) | req/s |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const { scenario, api } of results) {
    console.log(
      `| ${scenario.figure} | ${scenario.rangeLabel} | ${ms(api.p50)} | ${ms(api.p95)} | ` +
        `${ms(api.p99)} | ${api.rate.toFixed(1)} |`,
    );
  }
  console.log('\n### Statements (one execution each, EXPLAIN ANALYZE)\n');
  for (const { figure, executionMs, flags } of plans) {
    const note = flags.length > 0 ? ` — **${flags.join('; ')}**` : '';
    console.log(`- ${figure}: ${ms(executionMs)} ms${note}`);
  }
  if (options.plans) {
    for (const { figure, statement, plan } of plans) {
      console.log(`\n#### ${figure}\n\n\`\`\`sql\n${statement.text.trim()}\n\`\`\``);
      console.log(`\nParameters: ${JSON.stringify(statement.params)}\n\n\`\`\`\n${plan}\n\`\`\``);
    }
  }
}

try {
  await main();
} catch (error) {
  fail(error.stack ?? error.message);
}
