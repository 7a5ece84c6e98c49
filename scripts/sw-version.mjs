#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): versions the service worker by the build.
// Trunk builds with `filehash = false`, so file names never change; instead this writes into the
// staged sw.js (1) a content hash of every built file (and of sw.js's own source) as the cache's
// version and (2) the list of files to precache. Same inputs → same sw.js → no update; any change
// → a byte-different sw.js → the browser installs the new worker, which replaces the old cache.
// Usage outside Trunk: node scripts/sw-version.mjs <dist dir>
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const dir = resolve(process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist');
const SW = 'sw.js';
const HASH_MARK = '__BUILD_HASH__';
const FILES_MARK = '/*__SHELL_FILES__*/ []';

function walk(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]);
}

const files = walk(dir).map((f) => relative(dir, f).split(sep).join('/')).sort();
const source = readFileSync(join(dir, SW), 'utf8');
if (!source.includes(HASH_MARK) || !source.includes(FILES_MARK)) {
  console.error(`sw-version: ${join(dir, SW)} lacks the ${HASH_MARK} / ${FILES_MARK} placeholders`);
  process.exit(1);
}
const shell = files.filter((f) => f !== SW);
for (const needed of ['index.html', 'init.js', 'spanmark.js', 'spanmark_bg.wasm', 'spanmark-formats-web.js',
  'spanmark-formats-web_bg.wasm', 'manifest.webmanifest']) {
  if (!shell.includes(needed)) {
    console.error(`sw-version: ${needed} is missing from the build in ${dir}`);
    process.exit(1);
  }
}
const hash = createHash('sha256');
for (const f of files) {
  hash.update(f + '\0');
  hash.update(readFileSync(join(dir, f)));
  hash.update('\0');
}
const version = hash.digest('hex').slice(0, 16);
writeFileSync(join(dir, SW), source.replace(HASH_MARK, version).replace(FILES_MARK, JSON.stringify(shell)));
console.log(`sw-version: cache spanmark-shell-${version}, ${shell.length} files`);
