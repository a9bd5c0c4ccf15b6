import { describe, expect, it } from '@jest/globals';
import {
  isEmptySearch,
  parseSearchQuery,
  type SearchFilters,
  type SearchTerm,
} from './search-query.js';

const word = (text: string, exclude = false): SearchTerm => ({ kind: 'word', word: text, exclude });
const phrase = (words: string[], exclude = false): SearchTerm => ({
  kind: 'phrase',
  words,
  exclude,
});

describe('parseSearchQuery', () => {
  it.each<[string, SearchFilters, SearchTerm[]]>([
    ['printer', {}, [word('printer')]],
    ['Printer  PAPER', {}, [word('printer'), word('paper')]],
    ['"paper jam"', {}, [phrase(['paper', 'jam'])]],
    ['"Paper   Jam" tray', {}, [phrase(['paper', 'jam']), word('tray')]],
    ['"paper jam', {}, [phrase(['paper', 'jam'])]],
    ['-toner', {}, [word('toner', true)]],
    ['-"paper jam"', {}, [phrase(['paper', 'jam'], true)]],
    ['--toner', {}, [word('-toner', true)]],
    ['printer - toner', {}, [word('printer'), word('toner')]],
    ['""', {}, []],
    ['" & "', {}, []],
    ["& | ! ( ) : * ' \\ ...", {}, []],
    ['a & b', {}, [word('a'), word('b')]],
    ["don't", {}, [word("don't")]],
    ['Re: printer', {}, [word('re:'), word('printer')]],
    ['subject:printer', {}, [word('subject:printer')]],
    ['http://example.com', {}, [word('http://example.com')]],
    ['#abc', {}, [word('#abc')]],
    ['tab\there\u0000nul', {}, [word('tab'), word('here'), word('nul')]],
    ['état', {}, [word('état')]],
    ['state:open', { states: ['open'] }, []],
    ['State:OPEN', { states: ['open'] }, []],
    ['state:new,open state:open,pending', { states: ['new', 'open', 'pending'] }, []],
    ['priority:urgent,high', { priorities: ['urgent', 'high'] }, []],
    ['queue:Billing', { queue: 'billing' }, []],
    ['tag:vip tag:SLA:gold', { tags: ['vip', 'sla:gold'] }, []],
    ['assignee:me', { assignee: { kind: 'me' } }, []],
    ['assignee:none', { assignee: { kind: 'none' } }, []],
    ['assignee:Rey@Example.com', { assignee: { kind: 'email', email: 'rey@example.com' } }, []],
    ['requester:Ann@Example.com', { requester: 'ann@example.com' }, []],
    ['number:10042', { number: 10042 }, []],
    ['number:#10042', { number: 10042 }, []],
    ['#10042', { number: 10042 }, []],
    ['#10042 #10042', { number: 10042 }, []],
    [
      'state:open queue:billing priority:urgent tag:vip assignee:me requester:ann@example.com printer "paper jam" -toner',
      {
        states: ['open'],
        queue: 'billing',
        priorities: ['urgent'],
        tags: ['vip'],
        assignee: { kind: 'me' },
        requester: 'ann@example.com',
      },
      [word('printer'), phrase(['paper', 'jam']), word('toner', true)],
    ],
  ])('reads %j', (input, filters, terms) => {
    expect(parseSearchQuery(input)).toEqual({ query: { filters, terms }, problems: [] });
  });

  it.each<[string, string, RegExp]>([
    ['state:bogus', 'state:bogus', /"bogus" is not a state \(new, open/],
    ['state:open,bogus', 'state:open,bogus', /"bogus" is not a state/],
    ['state:', 'state:', /needs a value/],
    ['priority:critical', 'priority:critical', /"critical" is not a priority \(low, normal/],
    ['priority:high,', 'priority:high,', /"" is not a priority/],
    ['requester:ann', 'requester:ann', /"ann" is not an email address/],
    ['assignee:someone', 'assignee:someone', /"someone" is not me, none or an email address/],
    ['number:ten', 'number:ten', /"ten" is not a ticket number/],
    ['#99999999999', '#99999999999', /not a ticket number/],
    ['number:2147483648', 'number:2147483648', /not a ticket number/],
    ['-state:open', '-state:open', /cannot be negated/],
    ['-#10042', '-#10042', /cannot be negated/],
    ['queue:a queue:b', 'queue:b', /queue is given twice/],
    ['#1 number:2', 'number:2', /number is given twice/],
  ])('refuses %j, naming %j', (input, token, message) => {
    const { problems } = parseSearchQuery(input);
    expect(problems).toEqual([{ token, message: expect.stringMatching(message) }]);
  });

  it('reports every problem and still reads the rest', () => {
    const { query, problems } = parseSearchQuery('printer state:bogus priority:nope -toner');
    expect(problems.map((p) => p.token)).toEqual(['state:bogus', 'priority:nope']);
    expect(query.terms).toEqual([word('printer'), word('toner', true)]);
  });

  it.each([
    ['', true],
    ['   ', true],
    ['& | !', true],
    ['printer', false],
    ['-toner', false],
    ['state:open', false],
  ])('knows whether %j names anything to search for', (input, empty) => {
    expect(isEmptySearch(parseSearchQuery(input).query)).toBe(empty);
  });
});
