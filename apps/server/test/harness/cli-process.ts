// The compiled `tessera` command in a child process, as an admin (or a container) runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/tessera.js', import.meta.url));
const COMPILED = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliProcess {
  process: ChildProcess;
  /** stdout and stderr, interleaved as they arrived. */
  output(): string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

export function runCli(args: string[], env: Record<string, string>): CliProcess {
  if (!existsSync(COMPILED)) throw new Error('The CLI is not built: run `npm run build` first.');
  const child = spawn(process.execPath, [CLI, ...args], {
    // A clean environment: only what the test sets (and PATH), as an admin would start it.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, // eslint-disable-line no-restricted-properties
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
  };
}

/** Runs a command to its end; its exit status and everything it printed. */
export async function runCliToEnd(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; stdout: string; stderr: string }> {
  const child = runCli(args, env);
  const code = await child.exited;
  return { code, output: child.output(), stdout: child.stdout(), stderr: child.stderr() };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port assigned')),
      );
    });
  });
}

/** Polls /readyz until it answers 200; fails early if the process exits. */
export async function waitUntilReady(port: number, child: CliProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`tessera exited early:\n${child.output()}`);
    }
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`tessera did not become ready:\n${child.output()}`);
}

/** A line of the process's JSON log (LOG_LEVEL=info or lower to see intake's). */
export interface LogLine {
  msg?: string;
  time?: string;
  [field: string]: unknown;
}

/** Every JSON log line the process wrote to stdout so far. */
export function logLines(child: CliProcess): LogLine[] {
  return child
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Waits for a log line `matches` accepts; fails if the process exits first, or after timeoutMs. */
export async function waitForLog(
  child: CliProcess,
  matches: (line: LogLine) => boolean,
  timeoutMs = 60_000,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logLines(child).find(matches);
    if (found) return found;
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(
        `tessera exited before the awaited log line:\n${child.output().slice(-4000)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `tessera did not log the awaited line in time:\n${child.output().slice(-4000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
