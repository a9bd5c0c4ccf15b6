// Generates the web app's API types from the committed OpenAPI document (docs/openapi.json), so
// the client never holds a hand-written request or response shape. Run by `npm run build`.
//   src/api/schema.d.ts   every path, operation and schema (openapi-typescript)
//   src/api/api-facts.ts  the few enum values the app needs at run time (e.g. the ticket sorts)
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = join(webDir, '../../docs/openapi.json');
const spec = JSON.parse(await readFile(specPath, 'utf8'));

const banner =
  '// Generated from docs/openapi.json by apps/web/scripts/generate-api.mjs: do not edit.\n';

// Fields with a default are optional in requests: do not mark them required.
const schema = banner + astToString(await openapiTS(spec, { defaultNonNullable: false }));

const listParameters = spec.paths?.['/api/v1/tickets']?.get?.parameters ?? [];
const sortEnum = listParameters.find((p) => p.name === 'sort')?.schema?.enum ?? ['updated'];
const facts =
  banner +
  `/** The orders GET /api/v1/tickets offers (its \`sort\` parameter). */\n` +
  `export const TICKET_SORTS = ${JSON.stringify(sortEnum)} as const;\n`;

async function writeFormatted(relativePath, source) {
  const path = join(webDir, relativePath);
  const options = { ...(await resolveConfig(path)), filepath: path };
  const text = await format(source, options);
  const current = await readFile(path, 'utf8').catch(() => '');
  // Leave the file alone when nothing changed, so watchers and incremental builds stay quiet.
  if (current !== text) await writeFile(path, text);
}

await writeFormatted('src/api/schema.d.ts', schema);
await writeFormatted('src/api/api-facts.ts', facts);
console.log('API types generated from docs/openapi.json');
