// Builders for people and access in end-to-end tests, written straight to the database so each
// test sets up exactly the world it needs, then signs in through the real API.
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { QueueAccessLevel, Role } from '@tessera/domain';

export const TEST_PASSWORD = 'correct horse battery staple';
// Hashing is deliberately slow; every builder shares one hash of TEST_PASSWORD.
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
}

export async function aUser(
  dataSource: DataSource,
  options: {
    role?: Role;
    email?: string;
    name?: string;
    organizationId?: string | null;
    active?: boolean;
    password?: string | null;
  } = {},
): Promise<TestUser> {
  const role = options.role ?? 'agent';
  const email = options.email ?? `${role}-${randomBytes(4).toString('hex')}@example.com`;
  passwordHash ??= argon2.hash(TEST_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  const hash =
    options.password === null
      ? null
      : options.password
        ? await argon2.hash(options.password)
        : await passwordHash;
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (email, name, role, password_hash, organization_id, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      email,
      options.name ?? email.split('@')[0],
      role,
      hash,
      options.organizationId ?? null,
      options.active ?? true,
    ],
  );
  return { id: row?.id ?? '', email, role };
}

export async function anOrganization(
  dataSource: DataSource,
  options: { name?: string; shareTickets?: boolean; tier?: string | null; domains?: string[] } = {},
): Promise<{ id: string }> {
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO organizations (name, share_tickets, tier) VALUES ($1, $2, $3) RETURNING id`,
    [
      options.name ?? `Org ${randomBytes(4).toString('hex')}`,
      options.shareTickets ?? false,
      options.tier ?? null,
    ],
  );
  const id = row?.id ?? '';
  for (const domain of options.domains ?? []) {
    await dataSource.query(
      'INSERT INTO organization_domains (domain, organization_id) VALUES ($1, $2)',
      [domain, id],
    );
  }
  return { id };
}

export async function aQueue(
  dataSource: DataSource,
  options: { name?: string; slug?: string } = {},
): Promise<{ id: string; slug: string }> {
  const slug = options.slug ?? `queue-${randomBytes(4).toString('hex')}`;
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO queues (name, slug) VALUES ($1, $2) RETURNING id`,
    [options.name ?? slug, slug],
  );
  return { id: row?.id ?? '', slug };
}

export async function aTeam(
  dataSource: DataSource,
  memberIds: string[] = [],
  name?: string,
): Promise<{ id: string }> {
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO teams (name) VALUES ($1) RETURNING id`,
    [name ?? `Team ${randomBytes(4).toString('hex')}`],
  );
  const id = row?.id ?? '';
  for (const userId of memberIds) {
    await dataSource.query('INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)', [
      id,
      userId,
    ]);
  }
  return { id };
}

export async function grant(
  dataSource: DataSource,
  queueId: string,
  grantee: { userId: string } | { teamId: string },
  level: QueueAccessLevel,
): Promise<void> {
  await dataSource.query(
    'INSERT INTO queue_grants (queue_id, user_id, team_id, level) VALUES ($1, $2, $3, $4)',
    [
      queueId,
      'userId' in grantee ? grantee.userId : null,
      'teamId' in grantee ? grantee.teamId : null,
      level,
    ],
  );
}

/** Signs in through the API and returns the access token. */
export async function signIn(
  url: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const response = await request(url).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) {
    throw new Error(
      `sign-in of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return (response.body as { accessToken: string }).accessToken;
}

/** A user of the given role, signed in: their id and an `Authorization` header value. */
export async function aSignedInUser(
  url: string,
  dataSource: DataSource,
  options: Parameters<typeof aUser>[1] = {},
): Promise<TestUser & { auth: string }> {
  const user = await aUser(dataSource, options);
  return {
    ...user,
    auth: `Bearer ${await signIn(url, user.email, options.password ?? TEST_PASSWORD)}`,
  };
}

/** A ticket written straight to the database (version 1, state new), for tests about access. */
export async function aTicket(
  dataSource: DataSource,
  options: {
    queueId: string;
    requesterId: string;
    organizationId?: string | null;
    subject?: string;
  },
): Promise<{ id: string; number: number }> {
  const [row] = await dataSource.query<{ id: string; number: number }[]>(
    `INSERT INTO tickets (subject, queue_id, requester_id, organization_id, channel)
     VALUES ($1, $2, $3, $4, 'api') RETURNING id, number`,
    [
      options.subject ?? 'Something broke',
      options.queueId,
      options.requesterId,
      options.organizationId ?? null,
    ],
  );
  if (!row) throw new Error('ticket insert returned nothing');
  return row;
}
