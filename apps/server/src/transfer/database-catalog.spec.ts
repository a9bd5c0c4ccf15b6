import { describe, expect, it } from '@jest/globals';
import { dependencyOrder, ident } from './database-catalog.js';
import { TransferError } from './transfer.error.js';

describe('dependencyOrder', () => {
  it('puts every table after the tables it refers to, ties by name', () => {
    const parents = new Map([
      ['tickets', new Set(['users', 'queues', 'tickets'])],
      ['ticket_messages', new Set(['tickets', 'users'])],
      ['users', new Set(['organizations'])],
    ]);
    expect(
      dependencyOrder(['ticket_messages', 'tickets', 'users', 'queues', 'organizations'], parents),
    ).toEqual(['organizations', 'queues', 'users', 'tickets', 'ticket_messages']);
  });

  it('refuses tables that refer to each other in a cycle', () => {
    const parents = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    expect(() => dependencyOrder(['a', 'b', 'c'], parents)).toThrow(TransferError);
    expect(() => dependencyOrder(['a', 'b', 'c'], parents)).toThrow(/a, b/);
  });
});

describe('ident', () => {
  it('quotes identifiers, doubling quotes inside', () => {
    expect(ident('users')).toBe('"users"');
    expect(ident('we"ird')).toBe('"we""ird"');
  });
});
