// Fails the build when the JavaScript a first visit downloads (the entry script and the modules it
// preloads, as listed in dist/index.html) exceeds the budget, gzipped. Routes load lazily.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// 250 kB (decimal, the stricter reading of the budget).
const INITIAL_JS_BUDGET_BYTES = 250_000;

const distDir = join(dirname(fileURLToPath(import.meta.url)), '../dist');

/** Paths of the scripts index.html loads or preloads. */
function initialScripts(indexHtml) {
  const paths = new Set();
  for (const match of indexHtml.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) paths.add(match[1]);
  for (const match of indexHtml.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    paths.add(match[1]);
  }
  return [...paths];
}

const html = await readFile(join(distDir, 'index.html'), 'utf8').catch(() => {
  console.error('apps/web/dist/index.html is missing: run the web build first.');
  process.exit(1);
});
const scripts = initialScripts(html);
if (scripts.length === 0) {
  console.error('dist/index.html loads no script: the bundle check cannot tell what is initial.');
  process.exit(1);
}
let total = 0;
for (const src of scripts) {
  const bytes = gzipSync(await readFile(join(distDir, src.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`  ${src}  ${(bytes / 1000).toFixed(1)} kB gzipped`);
}
const summary = `initial JavaScript: ${(total / 1000).toFixed(1)} kB gzipped (budget ${INITIAL_JS_BUDGET_BYTES / 1000} kB)`;
if (total > INITIAL_JS_BUDGET_BYTES) {
  console.error(`Too large: ${summary}. Load more of the app lazily (route-level import()).`);
  process.exit(1);
}
console.log(`OK: ${summary}`);
