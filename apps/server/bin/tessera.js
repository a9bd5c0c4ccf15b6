#!/usr/bin/env node
// Runs the compiled CLI; the build (npm run build) writes it to dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('tessera: the server is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
