// People: agents, admins and customers; create, change role, deactivate, set a password.
import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '@tessera/domain';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Role, User } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { formatRelative } from '../components/format.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

const ROLES: Role[] = ['agent', 'admin', 'customer'];
const ROLE_LABELS: Record<Role, string> = { agent: 'Agent', admin: 'Admin', customer: 'Customer' };

export function UsersPage() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const users = usePaged(
    async (cursor) =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: {
            query: { limit: 50, cursor, q: q.trim() || undefined, role: role || undefined },
          },
        }),
      ),
    [q, role],
  );

  async function update(
    user: User,
    changes: { role?: Role; active?: boolean; mailNotifications?: boolean },
  ) {
    try {
      unwrap(
        await api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: changes }),
      );
      setOutcome({ ok: true, text: `${user.name} updated.` });
      users.reload();
    } catch (error) {
      setOutcome({ ok: false, text: `${user.name} was not changed: ${errorMessage(error)}` });
    }
  }

  return (
    <section>
      <h1>Users</h1>
      <CreateUser
        onCreated={(user) => {
          setOutcome({ ok: true, text: `${user.name} (${user.email}) was created.` });
          users.reload();
        }}
      />
      <StatusLine outcome={outcome} />
      <div className="filter-bar" role="search" aria-label="Find users">
        <label>
          Name or email starts with
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as Role | '')}>
            <option value="">Any role</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="data-table">
        <caption className="sr-only">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Active</th>
            <th scope="col">Mail notifications</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {users.items.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <select
                  aria-label={`Role of ${user.name}`}
                  value={user.role}
                  onChange={(event) => void update(user, { role: event.target.value as Role })}
                >
                  {ROLES.map((value) => (
                    <option key={value} value={value}>
                      {ROLE_LABELS[value]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${user.name} is active`}
                  checked={user.active}
                  onChange={(event) => void update(user, { active: event.target.checked })}
                />
              </td>
              <td>
                {user.role === 'customer' ? (
                  <span className="muted">—</span>
                ) : (
                  <input
                    type="checkbox"
                    aria-label={`${user.name} gets mail notifications`}
                    checked={user.mailNotifications}
                    onChange={(event) =>
                      void update(user, { mailNotifications: event.target.checked })
                    }
                  />
                )}
              </td>
              <td>{user.lastLoginAt ? formatRelative(user.lastLoginAt) : 'Never'}</td>
              <td>
                <SetPassword user={user} onDone={setOutcome} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ListFooter list={users} noun="users" />
    </section>
  );
}

function CreateUser({ onCreated }: { onCreated: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const user = unwrap(
        await api.POST('/api/v1/users', {
          body: { email, name, role, ...(password ? { password } : {}) },
        }),
      );
      setEmail('');
      setName('');
      setPassword('');
      onCreated(user);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <details className="create-form">
      <summary>New user</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="New user">
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Password (optional, at least {MIN_PASSWORD_LENGTH} characters)
          <input
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary">
          Create user
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}

function SetPassword({ user, onDone }: { user: User; onDone: (outcome: Outcome) => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {user.hasPassword ? 'Reset' : 'Set'} password
      </button>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      unwrap(
        await api.POST('/api/v1/users/{id}/password', {
          params: { path: { id: user.id } },
          body: { newPassword: password },
        }),
      );
      onDone({ ok: true, text: `New password set for ${user.name}; they were signed out.` });
      setOpen(false);
      setPassword('');
    } catch (failure) {
      onDone({ ok: false, text: errorMessage(failure) });
    }
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label>
        <span className="sr-only">New password for {user.name}</span>
        <input
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus
        />
      </label>
      <button type="submit">Save</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
