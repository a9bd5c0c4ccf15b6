// Turns search terms into the text of a PostgreSQL tsquery, bound as a parameter of
// `to_tsquery('simple', $n)`. Nothing the user typed can act as tsquery syntax: every character
// the tsquery grammar gives a meaning to is removed before the operators are put in.
import type { SearchTerm } from '@tessera/domain';

/**
 * What separates lexemes: the characters tsquery reads as operators, weights, prefixes or quoting,
 * and everything that is neither a letter, a mark, a digit nor visible ASCII (so no kind of space
 * or control character, which PostgreSQL might read as a separator in its own way, gets through).
 */
const SEPARATORS = /(?:[&|!():*<>'\\]|[^\p{L}\p{M}\p{N}!-~])+/gu;
/** A piece is worth searching for when it holds a letter or a digit. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

/**
 * `print* "paper jam" -toner` becomes `print:* & (paper <-> jam) & !toner`. Returns undefined
 * when no term holds anything searchable (the search is then by filters only).
 */
export function toTsQueryText(terms: readonly SearchTerm[]): string | undefined {
  const parts = terms.flatMap((term) => {
    const operand = term.kind === 'word' ? wordOperand(term.word) : phraseOperand(term.words);
    if (operand === undefined) return [];
    return [term.exclude ? `!${operand}` : operand];
  });
  return parts.length > 0 ? parts.join(' & ') : undefined;
}

/**
 * A word matches whole words, and as a prefix when it ends in `*` (`print*` finds "printer"),
 * as in the query syntax of Zendesk or Elasticsearch. A prefix is asked for, not implied, because
 * it costs in proportion to every indexed word that starts with it. Syntax characters split the
 * word the way PostgreSQL's parser splits the indexed text ("don't" is `don`, `t`), so its
 * pieces must follow each other: `(don <-> t)`.
 */
function wordOperand(word: string): string | undefined {
  const pieces = lexemes(word);
  if (pieces.length === 0) return undefined;
  if (!word.endsWith('*')) return group(pieces);
  return group([...pieces.slice(0, -1), `${pieces[pieces.length - 1]}:*`]);
}

function phraseOperand(words: readonly string[]): string | undefined {
  const pieces = words.flatMap(lexemes);
  return pieces.length === 0 ? undefined : group(pieces);
}

function group(pieces: string[]): string {
  return pieces.length === 1 ? (pieces[0] ?? '') : `(${pieces.join(' <-> ')})`;
}

function lexemes(text: string): string[] {
  return text
    .toLowerCase()
    .replace(SEPARATORS, ' ')
    .split(' ')
    .filter((piece) => SEARCHABLE.test(piece));
}
