import { describe, expect, it } from '@jest/globals';
import { parseSearchQuery } from '@tessera/domain';
import { toTsQueryText } from './ticket-search.tsquery.js';

const tsquery = (q: string) => toTsQueryText(parseSearchQuery(q).query.terms);

describe('toTsQueryText', () => {
  it.each([
    ['printer', 'printer'],
    ['print*', 'print:*'],
    ['print**', 'print:*'],
    ['Printer paper*', 'printer & paper:*'],
    ['"paper jam"', '(paper <-> jam)'],
    ['"paper ja*"', '(paper <-> ja)'],
    ['"jam"', 'jam'],
    ['-toner', '!toner'],
    ['-toner*', '!toner:*'],
    ['-"paper jam"', '!(paper <-> jam)'],
    ['printer "paper jam" -toner', 'printer & (paper <-> jam) & !toner'],
    ["don't", '(don <-> t)'],
    ["don't*", '(don <-> t:*)'],
    ['"don\'t stop"', '(don <-> t <-> stop)'],
    ['re:', 're'],
    ['ann@example.com', 'ann@example.com'],
    ['ann@*', 'ann@:*'],
    ['e-mail', 'e-mail'],
    ['état*', 'état:*'],
    ['a&b|c', '(a <-> b <-> c)'],
    ['pr*nt', '(pr <-> nt)'],
    ['x:*', 'x:*'],
    ["o'neil\\", '(o <-> neil)'],
    ['a<->b', '(a <-> b)'],
    ['one\u00a0two\u3000three*', 'one & two & three:*'],
    ['one\u0085two\u180ethree\u200bfour', '(one <-> two <-> three <-> four)'],
    ['smile😀face', '(smile <-> face)'],
  ])('turns %j into %j', (q, text) => {
    expect(tsquery(q)).toBe(text);
  });

  it.each([[''], ['state:open'], ["& | ! ( ) : * ' \\"], ['"" -""'], ['😀'], ['-- ...']])(
    'has nothing to search for in %j',
    (q) => {
      expect(tsquery(q)).toBeUndefined();
    },
  );

  it('never lets tsquery syntax through, whatever the input', () => {
    const alphabet = 'ab &|!():*<>\'\\"-#.@\u00a0\u2028\t\u0085é😀';
    for (let i = 0; i < 2000; i++) {
      const q = Array.from({ length: 1 + (i % 23) }, (_, j) =>
        alphabet.charAt((i * 31 + j * 17 + ((i * j) % 7)) % alphabet.length),
      ).join('');
      const text = tsquery(q);
      if (text === undefined) continue;
      // Only the operators we put in: pieces of letters, digits and harmless ASCII between them.
      expect(text).toMatch(
        /^!?\(?[^\s&|!():*<>'\\]+(?: <-> [^\s&|!():*<>'\\]+)*(?::\*)?\)?(?: & !?\(?[^\s&|!():*<>'\\]+(?: <-> [^\s&|!():*<>'\\]+)*(?::\*)?\)?)*$/u,
      );
    }
  });
});
