import { describe, expect, it } from '@jest/globals';
import { slaAlertKey } from '@tessera/domain';
import { historyOf, recordedAlerts } from './sla-history.js';
import type { SlaColumns, SlaEventRow, SlaTicketFacts } from './sla.repository.js';

const T = (minute: number) => new Date(Date.UTC(2026, 5, 8, 7, minute));
const REQUESTER = 'requester';

const TICKET: SlaTicketFacts = {
  id: 't1',
  state: 'open',
  priority: 'normal',
  queueId: 'q1',
  requesterId: REQUESTER,
  channel: 'api',
  tags: [],
  tier: null,
  createdAt: T(0),
  stored: {} as SlaColumns,
};

function row(
  type: SlaEventRow['type'],
  minute: number,
  before: unknown,
  after: unknown,
  author?: [string, SlaEventRow['authorRole']],
): SlaEventRow {
  return {
    ticketId: 't1',
    type,
    at: T(minute),
    before,
    after,
    authorId: author?.[0] ?? null,
    authorRole: author?.[1] ?? null,
  };
}

describe('historyOf', () => {
  it('reads the opening state, state changes, merges and public messages by role', () => {
    const history = historyOf(TICKET, [
      row('created', 0, null, { state: 'new', queueId: 'q1' }),
      row('message', 0, null, { messageId: 'm1', internal: false }, [REQUESTER, 'customer']),
      row('message', 5, null, { messageId: 'm2', internal: true }, ['agent', 'agent']),
      row('message', 10, null, { messageId: 'm3', internal: false }, ['agent', 'agent']),
      row('state', 10, 'new', 'open'),
      row('message', 20, null, { messageId: 'm4', internal: false }, ['cc', 'customer']),
      row('message', 25, null, { messageId: 'm5', internal: false }, ['admin', 'admin']),
      // A message by nobody (Tessera's own note) and the target side of a merge count for nothing.
      row('message', 26, null, { messageId: 'm6', internal: false }),
      row('merged', 27, null, { fromId: 't2', fromNumber: 10002, messages: 1 }),
      row('merged', 30, { state: 'open' }, { intoId: 't3', intoNumber: 10003 }),
    ]);
    expect(history).toEqual({
      createdAt: T(0),
      initialState: 'new',
      entries: [
        { kind: 'customer_message', at: T(0) },
        { kind: 'agent_reply', at: T(10) },
        { kind: 'state', at: T(10), state: 'open' },
        { kind: 'customer_message', at: T(20) },
        { kind: 'agent_reply', at: T(25) },
        { kind: 'state', at: T(30), state: 'merged' },
      ],
    });
  });

  it('takes the opening state from the first change, or the ticket, without a created event', () => {
    expect(historyOf(TICKET, [row('state', 3, 'pending', 'open')]).initialState).toBe('pending');
    expect(historyOf({ ...TICKET, state: 'resolved' }, []).initialState).toBe('resolved');
  });
});

describe('recordedAlerts', () => {
  it('keys the recorded warnings and breaches by kind, target and due time', () => {
    const dueAt = '2026-06-08T08:00:00.000Z';
    const keys = recordedAlerts([
      row('sla_warning', 40, null, { target: 'firstResponse', dueAt }),
      row('sla_breach', 60, null, { target: 'resolution', dueAt }),
      row('sla_breach', 61, null, { target: 42 }),
    ]);
    expect([...keys].sort()).toEqual(
      [
        slaAlertKey({ kind: 'warning', target: 'firstResponse', dueAt: new Date(dueAt) }),
        slaAlertKey({ kind: 'breach', target: 'resolution', dueAt: new Date(dueAt) }),
      ].sort(),
    );
  });
});
