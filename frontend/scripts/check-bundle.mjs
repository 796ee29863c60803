#!/usr/bin/env node
// Bundle budget of the login page: the gzip size of the JavaScript that `dist/index.html`
// loads before anything can show (the entry script, its modulepreloads and every chunk they
// import statically), and — with the Vite manifest — that plus the login page's own lazily
// loaded chunk and its static imports. Prints both figures; exits 1 above the budget.
//
// Usage: node scripts/check-bundle.mjs [distDir] [--budget-kb=350]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '..', 'dist'));
const budgetKb = Number(args.find((a) => a.startsWith('--budget-kb='))?.split('=')[1] ?? 350);
/** The page whose route the budget is about (a key of the Vite manifest). */
const LOGIN_SOURCE = 'src/features/auth/pages/LoginPage.tsx';

const fail = (msg) => {
  console.error(`check-bundle: ${msg}`);
  process.exit(1);
};

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = new Set();
for (const m of html.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g)) refs.add(m[1]);
if (!refs.size) fail('dist/index.html references no module script');

const toFile = (url) => join(dist, url.replace(/^\//, ''));

/** The static `import … from "./x.js"` / `import "./x.js"` at the head of a chunk (not `import()`). */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const out = [];
  const re = /^\s*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']\s*;?/;
  let rest = code;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    out.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** Every JS file reachable through static imports from `start` (absolute paths). */
function closure(start) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f) || !f.endsWith('.js')) continue;
    if (!existsSync(f)) fail(`missing chunk ${relative(dist, f)}`);
    seen.add(f);
    for (const spec of staticImports(f)) stack.push(resolve(dirname(f), spec));
  }
  return seen;
}

const gz = (f) => gzipSync(readFileSync(f)).length;
const kb = (n) => (n / 1024).toFixed(1);
const sum = (files) => [...files].reduce((s, f) => s + gz(f), 0);

const initial = closure([...refs].map(toFile));
const initialBytes = sum(initial);

console.log(`check-bundle: initial JS of dist/index.html (entry + static imports), gzip:`);
for (const f of [...initial].sort()) console.log(`  ${posix.normalize(relative(dist, f))}  ${kb(gz(f))} KB`);
console.log(`  total ${kb(initialBytes)} KB (budget ${budgetKb} KB)`);

let loginBytes = initialBytes;
const manifestPath = join(dist, '.vite', 'manifest.json');
if (existsSync(manifestPath)) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const login = manifest[LOGIN_SOURCE];
  if (!login) fail(`${LOGIN_SOURCE} is not in the manifest (moved? update LOGIN_SOURCE)`);
  const route = closure([...initial, toFile(login.file)]);
  loginBytes = sum(route);
  const extra = [...route].filter((f) => !initial.has(f));
  console.log(`check-bundle: login route (initial + the login page's lazy chunk and its static imports), gzip:`);
  for (const f of extra.sort()) console.log(`  + ${posix.normalize(relative(dist, f))}  ${kb(gz(f))} KB`);
  console.log(`  total ${kb(loginBytes)} KB (budget ${budgetKb} KB)`);
} else {
  console.log('check-bundle: no .vite/manifest.json; only the initial figure was checked');
}

const worst = Math.max(initialBytes, loginBytes);
if (worst > budgetKb * 1024) fail(`login page JS ${kb(worst)} KB gzip exceeds the ${budgetKb} KB budget`);
console.log('check-bundle: OK');
