// The configuration reference in docs/admin-guide.md is generated from the EnvConfig class
// (scripts/gen-config-reference.mjs). After changing the configuration, run
// `npm run docs:config` and commit the result; this test fails while the committed one is stale.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV_VARIABLES } from '../src/config/env.config.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('configuration reference in docs/admin-guide.md', () => {
  it('is what `npm run docs:config` generates from the configuration class', () => {
    const result = spawnSync(process.execPath, ['scripts/gen-config-reference.mjs', '--check'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr || `exit status ${result.status}`);
  });

  it('lists every variable the configuration reads, in its order', () => {
    const guide = readFileSync(`${REPO}docs/admin-guide.md`, 'utf8');
    const section = guide.slice(
      guide.indexOf('<!-- config-reference:start'),
      guide.indexOf('<!-- config-reference:end'),
    );
    const listed = [...section.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((match) => match[1]);
    expect(listed).toEqual([...ENV_VARIABLES]);
  });
});
