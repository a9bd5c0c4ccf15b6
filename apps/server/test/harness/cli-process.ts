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
