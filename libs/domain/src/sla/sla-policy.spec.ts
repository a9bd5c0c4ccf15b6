import { describe, expect, it } from '@jest/globals';
import {
  matchesConditions,
  raisedPriority,
  selectPolicy,
  type SlaConditions,
  type SlaSubject,
} from './sla-policy.js';

const TICKET: SlaSubject = {
  queueId: 'q-support',
  priority: 'urgent',
  tier: 'Enterprise',
  channel: 'email',
  tags: ['vip', 'printer'],
};

describe('matchesConditions', () => {
  it.each<[string, SlaConditions, Partial<SlaSubject>, boolean]>([
    ['no conditions match anything', {}, {}, true],
    ['empty lists match anything', { queueIds: [], priorities: [], tags: [] }, {}, true],
    ['queue listed', { queueIds: ['q-billing', 'q-support'] }, {}, true],
    ['queue not listed', { queueIds: ['q-billing'] }, {}, false],
    ['queue ids ignore case', { queueIds: ['Q-SUPPORT'] }, {}, true],
    ['priority listed', { priorities: ['high', 'urgent'] }, {}, true],
    ['priority not listed', { priorities: ['high'] }, {}, false],
    ['tier ignores case', { tiers: ['enterprise'] }, {}, true],
    ['tier not listed', { tiers: ['gold'] }, {}, false],
    ['no organisation has no tier', { tiers: ['enterprise'] }, { tier: null }, false],
    ['channel listed', { channels: ['email'] }, {}, true],
    ['channel not listed', { channels: ['api', 'web'] }, {}, false],
    ['one of the tags is enough', { tags: ['billing', 'VIP'] }, {}, true],
    ['none of the tags', { tags: ['billing'] }, {}, false],
    ['tags on an untagged ticket', { tags: ['vip'] }, { tags: [] }, false],
    [
      'every condition holds',
      { queueIds: ['q-support'], priorities: ['urgent'], tiers: ['enterprise'], tags: ['vip'] },
      {},
      true,
    ],
    [
      'one condition fails',
      { queueIds: ['q-support'], priorities: ['urgent'], tiers: ['enterprise'], channels: ['api'] },
      {},
      false,
    ],
  ])('%s', (_name, conditions, change, expected) => {
    expect(matchesConditions(conditions, { ...TICKET, ...change })).toBe(expected);
  });
});

describe('selectPolicy', () => {
  const enterpriseUrgent = {
    name: 'enterprise urgent',
    position: 10,
    conditions: { tiers: ['enterprise'], priorities: ['urgent'] },
  };
  const enterprise = { name: 'enterprise', position: 20, conditions: { tiers: ['enterprise'] } };
  const urgent = { name: 'urgent', position: 30, conditions: { priorities: ['urgent'] } };
  const fallback = { name: 'default', position: 100, conditions: {} };
  const policies = [fallback, urgent, enterprise, enterpriseUrgent];

  it.each<[string, Partial<SlaSubject>, string | undefined]>([
    ["an enterprise org's urgent ticket", {}, 'enterprise urgent'],
    ["an enterprise org's normal ticket", { priority: 'normal' }, 'enterprise'],
    ['an urgent ticket without an organisation', { tier: null }, 'urgent'],
    ['a normal ticket of a small org', { tier: 'basic', priority: 'normal' }, 'default'],
  ])('%s gets the %s policy', (_name, change, expected) => {
    expect(selectPolicy(policies, { ...TICKET, ...change })?.name).toBe(expected);
  });

  it('takes the first of equal positions in the order given, and none when nothing matches', () => {
    const a = { name: 'a', position: 1, conditions: {} };
    const b = { name: 'b', position: 1, conditions: {} };
    expect(selectPolicy([a, b], TICKET)?.name).toBe('a');
    expect(selectPolicy([b, a], TICKET)?.name).toBe('b');
    expect(selectPolicy([enterprise], { ...TICKET, tier: null })).toBeUndefined();
    expect(selectPolicy([], TICKET)).toBeUndefined();
  });
});

describe('raisedPriority', () => {
  it.each([
    ['low', 'normal'],
    ['normal', 'high'],
    ['high', 'urgent'],
    ['urgent', 'urgent'],
  ])('%s becomes %s', (from, to) => {
    expect(raisedPriority(from)).toBe(to);
  });
});
