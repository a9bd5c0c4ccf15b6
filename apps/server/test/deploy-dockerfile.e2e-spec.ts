// The Dockerfile, checked without a Docker engine (CI has none): parsed into its stages and
// instructions, then held to what the image promises (Node 22 slim, non-root, HOST=0.0.0.0, a
// health check without curl, production dependencies only, OCI labels), and every path it
// copies checked against the repository, its build output and .dockerignore.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Instructions in order: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (pending && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    const space = whole.search(/\s/);
    instructions.push({
      keyword: whole.slice(0, space).toUpperCase(),
      args: whole.slice(space + 1).trim(),
    });
  }
  return instructions;
}

function stagesOf(instructions: Instruction[]): { args: Map<string, string>; stages: Stage[] } {
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', , name = ''] = instruction.args.split(/\s+/);
      const from = image.replace(/^\$\{(\w+)\}$/, (_, arg: string) => args.get(arg) ?? image);
      stages.push({ name, from, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** KEY=value pairs of ENV or LABEL, quotes removed. */
function pairs(args: string): Map<string, string> {
  return new Map(
    [...args.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S+)/g)].map((m) => [
      m[1],
      m[2].replace(/^"(.*)"$/, '$1'),
    ]),
  );
}

/** .dockerignore as a predicate, with Docker's rules: globs, `**`, `!` re-includes, last wins. */
function dockerIgnore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const regex = pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negated, regex: new RegExp(`^${regex}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(path)) ignored = !rule.negated;
    return ignored;
  };
}

const { args, stages } = stagesOf(parseDockerfile(readFileSync(`${REPO}Dockerfile`, 'utf8')));
const stage = (name: string) => stages.find((s) => s.name === name) as Stage;
const runtime = stages[stages.length - 1];
const ignored = dockerIgnore(readFileSync(`${REPO}.dockerignore`, 'utf8'));
const workspaces = (
  JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')) as { workspaces: string[] }
).workspaces;

function all(s: Stage, keyword: string): Instruction[] {
  return s.instructions.filter((i) => i.keyword === keyword);
}

describe('Dockerfile', () => {
  it('builds in stages on Node.js 22 LTS (Debian slim), ending in the runtime stage', () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    expect(args.get('NODE_IMAGE')).toBe('node:22-bookworm-slim');
    for (const s of stages) {
      expect({ stage: s.name, from: s.from }).toEqual({
        stage: s.name,
        from: s.name === 'build' ? 'deps' : 'node:22-bookworm-slim',
      });
    }
  });

  it('runs as an unprivileged user that owns only the data directory', () => {
    const users = all(runtime, 'USER');
    expect(users).toHaveLength(1);
    const [uid, gid] = (users[0]?.args ?? '').split(':').map(Number);
    expect(uid).toBeGreaterThanOrEqual(1000);
    expect(gid).toBeGreaterThanOrEqual(1000);
    const setup = all(runtime, 'RUN')
      .map((r) => r.args)
      .join(' && ');
    expect(setup).toContain(`--uid ${uid}`);
    expect(setup).toMatch(/chown tessera:tessera \/data/);
    // Everything copied into /app stays root's: the process cannot change its own code.
    expect(all(runtime, 'COPY').some((c) => c.args.includes('--chown'))).toBe(false);
  });

  it('listens on every interface, keeps data in /data, and exposes the port it listens on', () => {
    const env = new Map(all(runtime, 'ENV').flatMap((e) => [...pairs(e.args)]));
    expect(env.get('HOST')).toBe('0.0.0.0');
    expect(env.get('TESSERA_DATA_DIR')).toBe('/data');
    expect(env.get('NODE_ENV')).toBe('production');
    expect(all(runtime, 'EXPOSE').map((e) => e.args)).toEqual([env.get('PORT')]);
  });

  it('checks its health with Node (no curl in the slim image) against /healthz', () => {
    const [healthcheck] = all(runtime, 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/--interval=\d+s/);
    const command = JSON.parse(healthcheck?.args.replace(/^.*?CMD\s+/, '') ?? '[]') as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain('/healthz');
    expect(healthcheck?.args).not.toMatch(/curl|wget/);
  });

  it('starts the tessera command, serving by default', () => {
    expect(JSON.parse(all(runtime, 'ENTRYPOINT')[0]?.args ?? '[]')).toEqual([
      'node',
      'apps/server/bin/tessera.js',
    ]);
    expect(JSON.parse(all(runtime, 'CMD')[0]?.args ?? '[]')).toEqual(['serve']);
  });

  it('carries the OCI labels', () => {
    const labels = new Map(all(runtime, 'LABEL').flatMap((l) => [...pairs(l.args)]));
    for (const key of [
      'title',
      'description',
      'licenses',
      'version',
      'revision',
      'created',
      'source',
    ]) {
      expect(labels.get(`org.opencontainers.image.${key}`)).toBeTruthy();
    }
    expect(labels.get('org.opencontainers.image.licenses')).toBe('Apache-2.0');
  });

  it('ships production dependencies only: no install in the final stage, --omit=dev in its source', () => {
    expect(all(runtime, 'RUN').some((r) => /\bnpm\b/.test(r.args))).toBe(false);
    expect(all(stage('prod-deps'), 'RUN').map((r) => r.args)).toEqual([
      expect.stringMatching(/^npm ci --omit=dev\b/),
    ]);
    expect(all(stage('deps'), 'RUN').map((r) => r.args)).toEqual([
      expect.stringMatching(/^npm ci\b/),
    ]);
    // node_modules reach the final stage only from the production install.
    const copies = all(runtime, 'COPY').map((c) => c.args);
    const fromStages = copies
      .map((c) => /--from=(\S+)/.exec(c)?.[1])
      .filter((s): s is string => !!s);
    expect(new Set(fromStages)).toEqual(new Set(['prod-deps', 'build']));
    for (const copy of copies.filter((c) => c.includes('--from=build'))) {
      expect(copy).toMatch(/\/(dist|bin)\s/);
    }
  });

  it('installs every workspace from its manifest, in both install stages', () => {
    for (const name of ['deps', 'prod-deps']) {
      const copied = all(stage(name), 'COPY').map((c) => c.args.split(/\s+/)[0]);
      expect(copied.sort()).toEqual(
        ['package.json', ...workspaces.map((w) => `${w}/package.json`)].sort(),
      );
      expect(all(stage(name), 'COPY')[0]?.args).toBe('package.json package-lock.json ./');
    }
  });

  it('copies from the build context only files that exist and .dockerignore lets through', () => {
    const sources = stages.flatMap((s) =>
      all(s, 'COPY')
        .filter((c) => !c.args.includes('--from='))
        .flatMap((c) => c.args.split(/\s+/).slice(0, -1)),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      const path = source.replace(/\/$/, '');
      expect({ path, exists: existsSync(`${REPO}${path}`), ignored: ignored(path) }).toEqual({
        path,
        exists: true,
        ignored: false,
      });
    }
    // Local installs, builds, data and secrets never reach the build.
    for (const path of ['node_modules', 'apps/web/dist', 'data', '.env', 'deploy/compose/.env']) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    }
  });

  it('copies build output that `npm run build` really produces', () => {
    const built = all(runtime, 'COPY')
      .filter((c) => c.args.includes('--from=build'))
      .map((c) => (c.args.split(/\s+/)[1] ?? '').replace(/^\/app\//, ''));
    expect(built).toEqual([
      'libs/domain/dist',
      'libs/mail/dist',
      'apps/server/dist',
      'apps/server/bin',
      'apps/web/dist',
    ]);
    for (const path of built) {
      if (!existsSync(`${REPO}${path}`)) {
        throw new Error(`${path} does not exist: run \`npm run build\` first (npm test does).`);
      }
    }
    // What the image starts and serves.
    expect(existsSync(`${REPO}apps/server/dist/cli.js`)).toBe(true);
    expect(existsSync(`${REPO}apps/web/dist/index.html`)).toBe(true);
    for (const workspace of workspaces.filter((w) => w.startsWith('libs/'))) {
      expect(built).toContain(`${workspace}/dist`);
    }
  });
});
