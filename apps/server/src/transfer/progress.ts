// Progress of an export or import on stderr: a bar redrawn in place on a terminal, plain lines
// (one per table) when stderr is a file or a pipe, so logs of a scripted run stay readable.

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** A table begins; `rows` is how many it holds. */
  table(name: string, rows: number): void;
  /** `count` more rows of the current table are done. */
  advance(count: number): void;
  /** The current table is done. */
  tableDone(): void;
  finish(message: string): void;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 30;

export function createProgress(
  verb: 'export' | 'import',
  totalRows: number,
  output: ProgressOutput,
  now: () => number = Date.now,
): Progress {
  return output.isTTY
    ? new BarProgress(verb, totalRows, output, now)
    : new LineProgress(verb, totalRows, output);
}

/** "[#######-------]  45%  1,234/2,742 rows  tickets" */
export function renderBar(done: number, total: number, label: string, width = BAR_WIDTH): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${formatCount(done)}/${formatCount(total)} rows  ${label}`;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

class BarProgress implements Progress {
  private done = 0;
  private label = '';
  private drawnAt = 0;

  constructor(
    private readonly verb: string,
    private readonly total: number,
    private readonly output: ProgressOutput,
    private readonly now: () => number,
  ) {}

  table(name: string): void {
    this.label = name;
    this.draw(true);
  }

  advance(count: number): void {
    this.done += count;
    this.draw(false);
  }

  tableDone(): void {
    this.draw(true);
  }

  finish(message: string): void {
    this.label = '';
    this.draw(true);
    this.output.write(`\n${message}\n`);
  }

  private draw(force: boolean): void {
    const now = this.now();
    if (!force && now - this.drawnAt < REDRAW_MS) return;
    this.drawnAt = now;
    const line = `${this.verb} ${renderBar(this.done, this.total, this.label)}`;
    const width = this.output.columns ?? 80;
    // \r and "erase line": the bar is redrawn where it stands.
    this.output.write(`\r\x1b[2K${line.length > width - 1 ? line.slice(0, width - 1) : line}`);
  }
}

class LineProgress implements Progress {
  private done = 0;
  private current = { name: '', rows: 0 };

  constructor(
    private readonly verb: string,
    private readonly total: number,
    private readonly output: ProgressOutput,
  ) {}

  table(name: string, rows: number): void {
    this.current = { name, rows };
  }

  advance(count: number): void {
    this.done += count;
  }

  tableDone(): void {
    const { name, rows } = this.current;
    this.output.write(
      `${this.verb}: ${name}: ${formatCount(rows)} rows (${formatCount(this.done)}/${formatCount(this.total)})\n`,
    );
  }

  finish(message: string): void {
    this.output.write(`${message}\n`);
  }
}
