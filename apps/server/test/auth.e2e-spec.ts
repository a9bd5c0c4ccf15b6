import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock } from './harness/fixed-clock.js';
import { aSignedInUser, aUser, signIn, TEST_PASSWORD } from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const START = new Date('2026-05-04T09:00:00Z');
const refreshCookieOf = (response: request.Response): string => {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('tessera_refresh='));
  if (!cookie) throw new Error('no refresh cookie was set');
  return cookie;
};
const cookiePair = (setCookie: string) => setCookie.split(';')[0] ?? '';

describe('authentication', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  const advance = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000));

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('sign-in', () => {
    it('returns an access token and an httpOnly, SameSite=Strict refresh cookie', async () => {
      const user = await aUser(server.dataSource, { role: 'agent' });
      const response = await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
        .expect(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(response.headers['cache-control']).toBe('no-store');
      const cookie = refreshCookieOf(response);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      const me = await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({
        id: user.id,
        email: user.email,
        role: 'agent',
        readOnly: false,
      });
    });

    it('answers a wrong password and an unknown email alike, and logs neither password', async () => {
      const user = await aUser(server.dataSource);
      const wrong = await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password 1' })
        .expect(401);
      const unknown = await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.com', password: 'not the password 2' })
        .expect(401);
      expect(wrong.body.code).toBe('invalid_credentials');
      expect(unknown.body.detail).toBe(wrong.body.detail);
      const log = server.logLines().join('\n');
      expect(log).toContain('"event":"login_failed"');
      expect(log).not.toContain('not the password');
    });

    it('refuses deactivated users and users without a password', async () => {
      const inactive = await aUser(server.dataSource, { active: false });
      await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: inactive.email, password: TEST_PASSWORD })
        .expect(401);
      const customer = await aUser(server.dataSource, { role: 'customer', password: null });
      await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: customer.email, password: TEST_PASSWORD })
        .expect(401);
    });

    it('names each invalid field', async () => {
      const response = await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: 'nope', password: '', remember: true })
        .expect(400);
      const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['email', 'password', 'remember']);
    });

    it('requires a token everywhere but public routes', async () => {
      const response = await request(server.url).get('/api/v1/me').expect(401);
      expect(response.body.code).toBe('unauthorized');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', 'Bearer not-a-token')
        .expect(401);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', 'Basic Zm9vOmJhcg==')
        .expect(401);
    });
  });

  describe('sessions', () => {
    it('expires access tokens after 15 minutes; the refresh cookie gets a new one and rotates', async () => {
      const user = await aUser(server.dataSource);
      const login = await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      const firstCookie = cookiePair(refreshCookieOf(login));
      // Used once first, so that the server knows it as well signed: it must still expire.
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      advance(16 * 60);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(401);
      const refreshed = await request(server.url)
        .post('/api/v1/auth/refresh')
        .set('Cookie', firstCookie)
        .expect(200);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
        .expect(200);
      expect(cookiePair(refreshCookieOf(refreshed))).not.toBe(firstCookie);
      // The replaced refresh token is dead.
      await request(server.url).post('/api/v1/auth/refresh').set('Cookie', firstCookie).expect(401);
      await request(server.url).post('/api/v1/auth/refresh').expect(401);
    });

    it('signs out: the session ends, its access token stops working at once', async () => {
      const user = await aUser(server.dataSource);
      const login = await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      const cookie = cookiePair(refreshCookieOf(login));
      const logout = await request(server.url)
        .post('/api/v1/auth/logout')
        .set('Cookie', cookie)
        .expect(204);
      expect(refreshCookieOf(logout)).toMatch(/Max-Age=0/);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(401);
      await request(server.url).post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);
    });

    it("stops a deactivated user's access token and API token at once", async () => {
      const user = await aSignedInUser(server.url, server.dataSource);
      const token = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', user.auth)
        .send({ name: 'script' })
        .expect(201);
      await server.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      await request(server.url).get('/api/v1/me').set('Authorization', user.auth).expect(401);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${token.body.token}`)
        .expect(401);
    });
  });

  describe('personal API tokens', () => {
    it('are shown once, stored hashed, listed without the secret, and record their last use', async () => {
      const user = await aSignedInUser(server.url, server.dataSource);
      const created = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', user.auth)
        .send({ name: 'CRM sync' })
        .expect(201);
      expect(created.body.token).toMatch(/^tsr_[A-Za-z0-9_-]{43}$/);
      expect(created.body.prefix).toBe(created.body.token.slice(0, 8));
      const [stored] = await server.dataSource.query<{ token_hash: string }[]>(
        'SELECT token_hash FROM api_tokens WHERE id = $1',
        [created.body.id],
      );
      expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored?.token_hash).not.toContain(created.body.token);

      const me = await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${created.body.token}`)
        .expect(200);
      expect(me.body.id).toBe(user.id);
      const list = await request(server.url)
        .get('/api/v1/me/tokens')
        .set('Authorization', user.auth)
        .expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      expect(list.body.items[0].lastUsedAt).toBe(clock.now().toISOString());
    });

    it('stop working when revoked (401), and only their owner can revoke them', async () => {
      const owner = await aSignedInUser(server.url, server.dataSource);
      const other = await aSignedInUser(server.url, server.dataSource);
      const created = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', owner.auth)
        .send({ name: 'to revoke' })
        .expect(201);
      await request(server.url)
        .delete(`/api/v1/me/tokens/${created.body.id}`)
        .set('Authorization', other.auth)
        .expect(404);
      await request(server.url)
        .delete(`/api/v1/me/tokens/${created.body.id}`)
        .set('Authorization', owner.auth)
        .expect(204);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${created.body.token}`)
        .expect(401);
    });

    it('stop working once expired (401), and cannot be created already expired', async () => {
      const user = await aSignedInUser(server.url, server.dataSource);
      const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
      const created = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', user.auth)
        .send({ name: 'short-lived', expiresAt })
        .expect(201);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${created.body.token}`)
        .expect(200);
      advance(3_601);
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${created.body.token}`)
        .expect(401);

      const fresh = await aSignedInUser(server.url, server.dataSource);
      const past = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', fresh.auth)
        .send({ name: 'stale', expiresAt: new Date(clock.now().getTime() - 1000).toISOString() })
        .expect(400);
      expect(past.body.errors).toEqual([{ field: 'expiresAt', message: 'must be in the future' }]);
    });

    it('read-only: reads work, every write is refused with 403', async () => {
      const user = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
      const created = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', user.auth)
        .send({ name: 'reporting', readOnly: true })
        .expect(201);
      const readOnly = `Bearer ${created.body.token}`;
      const me = await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', readOnly)
        .expect(200);
      expect(me.body.readOnly).toBe(true);
      await request(server.url)
        .get('/api/v1/audit-events')
        .set('Authorization', readOnly)
        .expect(200);
      const refused = await request(server.url)
        .post('/api/v1/me/tokens')
        .set('Authorization', readOnly)
        .send({ name: 'escalate' })
        .expect(403);
      expect(refused.body.detail).toMatch(/read-only/);
      await request(server.url)
        .post(`/api/v1/users/${user.id}/password`)
        .set('Authorization', readOnly)
        .send({ newPassword: 'a brand new password' })
        .expect(403);
    });
  });

  describe('passwords', () => {
    it('changing mine needs the current one and signs out my other sessions', async () => {
      const user = await aUser(server.dataSource);
      const here = `Bearer ${await signIn(server.url, user.email)}`;
      const elsewhere = `Bearer ${await signIn(server.url, user.email)}`;
      const wrong = await request(server.url)
        .post('/api/v1/me/password')
        .set('Authorization', here)
        .send({ currentPassword: 'wrong wrong wrong', newPassword: 'a brand new password' })
        .expect(400);
      expect(wrong.body.errors).toEqual([
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
      const weak = await request(server.url)
        .post('/api/v1/me/password')
        .set('Authorization', here)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(weak.body.errors).toEqual([
        { field: 'newPassword', message: 'must be at least 12 characters' },
      ]);
      await request(server.url)
        .post('/api/v1/me/password')
        .set('Authorization', here)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' })
        .expect(204);
      await request(server.url).get('/api/v1/me').set('Authorization', here).expect(200);
      await request(server.url).get('/api/v1/me').set('Authorization', elsewhere).expect(401);
      await signIn(server.url, user.email, 'a brand new password');
    });

    it("an admin resets another user's password, which signs them out; others are refused", async () => {
      const admin = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
      const agent = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      const target = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      await request(server.url)
        .post(`/api/v1/users/${target.id}/password`)
        .set('Authorization', agent.auth)
        .send({ newPassword: 'agent picked this one' })
        .expect(403);
      await request(server.url)
        .post(`/api/v1/users/${target.id}/password`)
        .set('Authorization', admin.auth)
        .send({ newPassword: 'admin picked this one' })
        .expect(204);
      await request(server.url).get('/api/v1/me').set('Authorization', target.auth).expect(401);
      await signIn(server.url, target.email, 'admin picked this one');
      await request(server.url)
        .post('/api/v1/users/00000000-0000-4000-8000-000000000000/password')
        .set('Authorization', admin.auth)
        .send({ newPassword: 'nobody will use this' })
        .expect(404);
      const audit = await request(server.url)
        .get(`/api/v1/audit-events?entityType=user&entityId=${target.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'user.password_reset',
          actorId: admin.id,
          before: null,
          after: null,
        }),
      ]);
    });
  });
});

describe('sign-in throttling', () => {
  let server: TestServer;
  const clock = new FixedClock(START);

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 429 with Retry-After after 20 wrong passwords, before checking the 21st', async () => {
    const user = await aUser(server.dataSource);
    for (let attempt = 1; attempt <= 20; attempt++) {
      await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `wrong password ${attempt}` })
        .expect(401);
    }
    const locked = await request(server.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    expect(locked.body.code).toBe('too_many_requests');
    expect(locked.headers['retry-after']).toBe('900');
    // Other accounts from the same address are not locked out by one account's failures.
    const other = await aUser(server.dataSource);
    await signIn(server.url, other.email);
    // Once the lock has passed, the right password works again and clears the count.
    clock.set(new Date(START.getTime() + 901_000));
    await signIn(server.url, user.email);
    await request(server.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong again' })
      .expect(401);
  });

  it('locks out an address that fails across many accounts', async () => {
    // Well past the previous test's window, so this address starts from zero.
    clock.set(new Date(START.getTime() + 7_200_000));
    const users = await Promise.all(Array.from({ length: 10 }, () => aUser(server.dataSource)));
    // 100 failures from this address, 10 per account so that no single account locks.
    for (let attempt = 0; attempt < 100; attempt++) {
      await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: users[attempt % users.length]?.email, password: 'guess guess guess' })
        .expect(401);
    }
    const fresh = await aUser(server.dataSource);
    const response = await request(server.url)
      .post('/api/v1/auth/login')
      .send({ email: fresh.email, password: TEST_PASSWORD })
      .expect(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
