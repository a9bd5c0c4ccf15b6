// Teams of agents: create, rename, add and remove members, delete.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useAgents } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Team } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { useResource } from '../api/use-resource.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

export function TeamsPage() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const teams = usePaged(
    async (cursor) =>
      unwrap(await api.GET('/api/v1/teams', { params: { query: { limit: 50, cursor } } })),
    [],
  );

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      const team = unwrap(await api.POST('/api/v1/teams', { body: { name, description } }));
      setName('');
      setDescription('');
      setOutcome({ ok: true, text: `Team ${team.name} created.` });
      setOpenId(team.id);
      teams.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section>
      <h1>Teams</h1>
      <details className="create-form">
        <summary>New team</summary>
        <form onSubmit={(event) => void create(event)} aria-label="New team">
          <label>
            Name
            <input
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            Description
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            Create team
          </button>
        </form>
      </details>
      <StatusLine outcome={outcome} />
      <table className="data-table">
        <caption className="sr-only">Teams</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Description</th>
            <th scope="col">Members</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.items.map((team) => (
            <TeamRow
              key={team.id}
              team={team}
              open={openId === team.id}
              onToggle={() => setOpenId(openId === team.id ? null : team.id)}
              onChanged={(text) => {
                setOutcome({ ok: true, text });
                teams.reload();
              }}
              onFailed={(text) => setOutcome({ ok: false, text })}
            />
          ))}
        </tbody>
      </table>
      <ListFooter list={teams} noun="teams" />
    </section>
  );
}

function TeamRow({
  team,
  open,
  onToggle,
  onChanged,
  onFailed,
}: {
  team: Team;
  open: boolean;
  onToggle: () => void;
  onChanged: (text: string) => void;
  onFailed: (text: string) => void;
}) {
  async function remove() {
    try {
      unwrap(await api.DELETE('/api/v1/teams/{id}', { params: { path: { id: team.id } } }));
      onChanged(`Team ${team.name} deleted.`);
    } catch (error) {
      onFailed(errorMessage(error));
    }
  }
  return (
    <>
      <tr>
        <th scope="row">{team.name}</th>
        <td>{team.description}</td>
        <td>{team.memberCount}</td>
        <td className="actions">
          <button type="button" aria-expanded={open} onClick={onToggle}>
            {open ? 'Close' : 'Members'}
            <span className="sr-only"> of {team.name}</span>
          </button>
          <ConfirmButton confirmLabel={`Delete ${team.name}`} onConfirm={() => void remove()}>
            Delete<span className="sr-only"> {team.name}</span>
          </ConfirmButton>
        </td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={4}>
            <TeamMembers teamId={team.id} onChanged={onChanged} onFailed={onFailed} />
          </td>
        </tr>
      )}
    </>
  );
}

function TeamMembers({
  teamId,
  onChanged,
  onFailed,
}: {
  teamId: string;
  onChanged: (text: string) => void;
  onFailed: (text: string) => void;
}) {
  const agents = useAgents();
  const [userId, setUserId] = useState('');
  const team = useResource(
    async () => unwrap(await api.GET('/api/v1/teams/{id}', { params: { path: { id: teamId } } })),
    [teamId],
  );
  const members = team.data?.members ?? [];

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!userId) return;
    try {
      unwrap(
        await api.PUT('/api/v1/teams/{id}/members/{userId}', {
          params: { path: { id: teamId, userId } },
        }),
      );
      setUserId('');
      team.reload();
      onChanged('Member added.');
    } catch (error) {
      onFailed(errorMessage(error));
    }
  }

  async function removeMember(memberId: string, name: string) {
    try {
      unwrap(
        await api.DELETE('/api/v1/teams/{id}/members/{userId}', {
          params: { path: { id: teamId, userId: memberId } },
        }),
      );
      team.reload();
      onChanged(`${name} left the team.`);
    } catch (error) {
      onFailed(errorMessage(error));
    }
  }

  return (
    <div className="team-members">
      <h2 className="h3">Members of {team.data?.name ?? 'the team'}</h2>
      {team.error && <p className="error">{team.error}</p>}
      <ul>
        {members.map((member) => (
          <li key={member.id}>
            {member.name} <span className="muted">{member.email}</span>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void removeMember(member.id, member.name)}
            >
              Remove<span className="sr-only"> {member.name}</span>
            </button>
          </li>
        ))}
        {team.data && members.length === 0 && <li className="muted">No members yet.</li>}
      </ul>
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <label>
          Add member
          <select value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">Choose an agent…</option>
            {(agents.data ?? [])
              .filter((agent) => !members.some((member) => member.id === agent.id))
              .map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name} ({agent.email})
                </option>
              ))}
          </select>
        </label>
        <button type="submit" disabled={!userId}>
          Add
        </button>
      </form>
    </div>
  );
}
