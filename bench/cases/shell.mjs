// Shell size: the app's start-up loads in dist/, raw, gzip and brotli (no browser needed).
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { defineCase, log } from '../lib/runner.mjs';

export const shell = defineCase('shell', 30_000, async (b) => {
  const { DIST, results } = b;
  // Every script, stylesheet and wasm file in dist/ (snippets included). The shell is what start-up
  // loads; the formats module (`spanmark-formats-web*`, every format but Spanmark JSONL) is fetched
  // after start-up, on first use, and counted apart; sw.js runs in the service worker.
  const files = [];
  for (const pending = ['']; pending.length;) {
    const d = pending.pop();
    for (const e of await readdir(join(DIST, d), { withFileTypes: true })) {
      const f = d ? `${d}/${e.name}` : e.name;
      if (e.isDirectory()) pending.push(f); else if (['.wasm', '.js', '.css'].includes(extname(f))) files.push(f);
    }
  }
  const lazy = (f) => f.startsWith('spanmark-formats-web');
  const sum = { shell: { raw: 0, gzip: 0, brotli: 0 }, lazy: { raw: 0, gzip: 0, brotli: 0 } };
  const per = {};
  for (const f of files.sort()) {
    if (f === 'sw.js') continue;
    const b = await readFile(join(DIST, f));
    const g = gzipSync(b, { level: 9 }).length;
    const r = brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
    per[f] = { raw: b.length, gzip: g, brotli: r, on_first_use: lazy(f) };
    const t = sum[lazy(f) ? 'lazy' : 'shell'];
    t.raw += b.length; t.gzip += g; t.brotli += r;
  }
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const level = html.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? '(none: release default -O)';
  results.shell = { files: per, ...sum.shell, wasm_opt: level, on_first_use: sum.lazy };
  log(`shell: ${sum.shell.raw} raw, ${sum.shell.gzip} gzip, ${sum.shell.brotli} brotli, wasm-opt ${level}; formats module on first use: ${sum.lazy.brotli} brotli`);
});
