import { describe, expect, it } from '@jest/globals';
import { backlogAnchor, ratio, roundMinutes } from './report-range.js';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe('backlogAnchor', () => {
  it.each([
    // from, now, first ticket → the side of `from` with less history to read
    ['a recent range', day(25), day(30), day(1), 'now'],
    ['an early range', day(3), day(30), day(1), 'history'],
    ['a range before the first ticket', day(1), day(30), day(5), 'history'],
    ['a range in the future', day(31), day(30), day(1), 'now'],
    ['an empty help desk', day(25), day(30), null, 'history'],
  ] as const)('%s', (_name, from, now, earliest, anchor) => {
    expect(backlogAnchor(from, now, earliest)).toBe(anchor);
  });
});

describe('roundMinutes', () => {
  it('drops floating-point noise below a thousandth of a minute', () => {
    expect(roundMinutes(78.00000000000001)).toBe(78);
    expect(roundMinutes(2404.5)).toBe(2404.5);
    expect(roundMinutes(316.20925)).toBe(316.209);
    expect(roundMinutes(null)).toBeNull();
  });
});

describe('ratio', () => {
  it('is null without a whole', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 8)).toBe(0.125);
  });
});
