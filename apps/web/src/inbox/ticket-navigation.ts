// The list an agent opened a ticket from, so j / k on the ticket page walk that same list.
let numbers: number[] = [];
let listPath = '/inbox/mine';

export function rememberList(path: string, ticketNumbers: number[]): void {
  listPath = path;
  numbers = ticketNumbers;
}

export function lastListPath(): string {
  return listPath;
}

/** The ticket `step` places away from `number` in the remembered list, if any. */
export function neighbour(number: number, step: 1 | -1): number | undefined {
  const index = numbers.indexOf(number);
  if (index < 0) return undefined;
  return numbers[index + step];
}
