import { describe, expect, it } from '@jest/globals';
import {
  formatTicketNumber,
  numberFromSubject,
  parseTicketReference,
  subjectTag,
  tagSubject,
} from './ticket-number.js';

describe('ticket numbers', () => {
  it('formats for people and for mail subjects', () => {
    expect(formatTicketNumber(10042)).toBe('#10042');
    expect(subjectTag(10042)).toBe('[Ticket#10042]');
    expect(subjectTag(7, 'Case:')).toBe('[Case:7]');
  });

  it.each([
    ['Printer on fire', 'Printer on fire [Ticket#10042]'],
    ['Re: Printer on fire [Ticket#10042]', 'Re: Printer on fire [Ticket#10042]'],
    ['', '[Ticket#10042]'],
  ])('tags %j once', (subject, tagged) => {
    expect(tagSubject(subject, 10042)).toBe(tagged);
  });

  it.each([
    ['Re: Printer on fire [Ticket#10042]', 10042],
    ['RE: AW: [ticket#7] x', 7],
    ['Fwd: [Ticket#1] and [Ticket#2]', 2],
    ['No tag here', undefined],
    ['[Ticket#] empty', undefined],
    ['[Ticket#12a]', undefined],
  ])('finds the number in %j', (subject, number) => {
    expect(numberFromSubject(subject)).toBe(number);
  });

  it('uses a configured hook, taken literally', () => {
    expect(numberFromSubject('Re: x [Case.No+5]', 'Case.No+')).toBe(5);
    expect(numberFromSubject('Re: x [CaseXNo+5]', 'Case.No+')).toBeUndefined();
  });

  it.each([
    ['#10042', { kind: 'number', number: 10042 }],
    ['10042', { kind: 'number', number: 10042 }],
    [
      '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
      { kind: 'id', id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' },
    ],
    ['#', undefined],
    ['2147483647', { kind: 'number', number: 2147483647 }],
    ['2147483648', undefined],
    ['99999999999', undefined],
    ['ticket-1', undefined],
    ['', undefined],
  ] as const)('reads the reference %j', (reference, parsed) => {
    expect(parseTicketReference(reference)).toEqual(parsed);
  });
});
