#!/usr/bin/env node
// Spanmark benchmark: one command,
// `node bench/run.mjs [--quick] [--dist DIR] [--only a,b] [--runs N] [--no-profile] [--merge]`.
//
// Headless Debian Chromium (/usr/bin/chromium, via playwright-core; nothing downloads a browser) on
// the app's release build, beside @recogito/text-annotator 4.1.1 (the peer) and plain Chromium (the
// floor), with the same generated inputs. A benchmark, not a test: nothing fails on slowness.
// Writes bench/results.json, bench/results.md and bench/chart.svg; prints a table on stdout and
// progress on stderr. The cases are in cases/, one file each (startup and import-export hold two
// or three that share a workspace); this file makes the session they share (`b`) and runs them in
// order.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_OPTIONS } from '../testing/serve.mjs';
import { generate, toJsonl } from './gen.mjs';
import { writeReports } from './lib/report.mjs';
import { judge } from './lib/targets.mjs';
import { log, runCase } from './lib/runner.mjs';
import { shell } from './cases/shell.mjs';
import { startupEmpty, startupWorkspace } from './cases/startup.mjs';
import { importWorkspace, exportWorkspace, importOther } from './cases/import-export.mjs';
import { appArticle } from './cases/article.mjs';
import { open } from './cases/open.mjs';
import { edit } from './cases/edit.mjs';
import { scroll } from './cases/scroll.mjs';
import { suggest } from './cases/suggest.mjs';
import { profile } from './cases/profile.mjs';
import { floor } from './cases/floor.mjs';
import { peer } from './cases/peer.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const QUICK = args.includes('--quick');
const DIST = resolve(opt('--dist', process.env.SPANMARK_DIST || join(REPO, 'dist')));
const ONLY = opt('--only', '') ? new Set(opt('--only', '').split(',')) : null;
const RUNS = Number(opt('--runs', QUICK ? 2 : 5));
if (!(Number.isInteger(RUNS) && RUNS > 0)) throw new Error(`--runs wants a whole number ≥ 1, not ${opt('--runs')}`);

const MERGE = args.includes('--merge'); // keep the figures of a previous results.json, re-run only --only cases
const results = MERGE && existsSync(join(BENCH, 'results.json'))
  ? JSON.parse(await readFile(join(BENCH, 'results.json'), 'utf8'))
  : { figures: {}, notes: [], errors: {}, samples: {} };

/**
 * The session every case gets: options, the inputs, `results` and `fig` to record figures, and
 * (from the browser cases on) the server and browser; plus what one case hands to the next.
 */
const b = {
  BENCH, REPO, DIST, QUICK, RUNS,
  OUT: join(BENCH, 'out'),
  PROFILE: !args.includes('--no-profile'),
  EDITS: QUICK ? 12 : 100,
  PEER_EDITS: QUICK ? 10 : 100,
  SCROLL_STEP: QUICK ? 1600 : 400,
  want: (k) => !ONLY || ONLY.has(k),
  results,
  fig: (key, value, extra = {}) => { results.figures[key] = { ...value, ...extra }; },
  server: null, url: null, browser: null, newContext: null,
  wsContext: null, // the context holding the imported 1,000-document workspace (import → startup-workspace → export)
  otherExport: null, // { fmt, name, bytes } of the other-format export (export → import-other)
  articleCtx: null, app: null, // the page with the articles imported (app-article → open, edit, scroll, suggest, profile)
};

// ---------------------------------------------------------------- inputs
log(`generating inputs (seed 20250105) …`);
const data = generate(20250105);
await mkdir(b.OUT, { recursive: true });
for (const a of data.articles) await writeFile(join(b.OUT, `${a.key}.json`), JSON.stringify({ text: a.text, spans: a.spans }));
const articlesJsonl = toJsonl([data.tiny, ...data.articles]);
const workspaceJsonl = toJsonl(data.ws);
await writeFile(join(b.OUT, 'articles.jsonl'), articlesJsonl);
await writeFile(join(b.OUT, 'workspace-1000x50.jsonl'), workspaceJsonl);
Object.assign(b, { data, big: data.articles.find((a) => a.key === '1m'), wsDocs: data.ws.length, articlesJsonl, workspaceJsonl });
results.inputs = {
  seed: 20250105,
  articles: data.articles.map((a) => ({ key: a.key, utf8_bytes: Buffer.byteLength(a.text), code_points: Array.from(a.text).length, utf16: a.text.length, paragraphs: a.text.split('\n\n').length, spans: a.spans.length })),
  workspace: { documents: data.ws.length, spans_per_doc: 50, jsonl_bytes: Buffer.byteLength(workspaceJsonl), text_bytes_per_doc: '~3 kB' },
};

// ---------------------------------------------------------------- machine
const chromiumVersion = (() => { try { return execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return 'unknown'; } })();
results.machine = {
  nproc: (() => { try { return Number(execFileSync('nproc').toString().trim()); } catch { return cpus().length; } })(),
  cpu: cpus()[0]?.model || 'unknown',
  chromium: chromiumVersion,
  node: process.version,
  quick: QUICK,
  runs: RUNS,
  date: new Date().toISOString(),
  dist: DIST,
};

// ---------------------------------------------------------------- shell size (no browser needed)
await runCase(b, shell);

// ---------------------------------------------------------------- browser
b.server = await serve(DIST, { mounts: { '/__bench/': BENCH }, hint: 'pass --dist DIR' });
b.url = b.server.url;
log(`serving ${DIST} at ${b.url}; Chromium ${chromiumVersion}`);
b.browser = await chromium.launch({ ...CHROMIUM_OPTIONS });
// Exports are made as a named annotator: the first export otherwise asks for a name (issue 19).
b.newContext = async () => {
  const ctx = await b.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await ctx.addInitScript(() => {
    try { if (!localStorage.getItem('spanmark.v1.annotator')) localStorage.setItem('spanmark.v1.annotator', 'bench'); } catch { /* storage blocked */ }
  });
  return ctx;
};

// The workspace: start-up empty, import, start-up with it, export (native and another format),
// import of the other format.
await runCase(b, startupEmpty);
await runCase(b, importWorkspace);
await runCase(b, startupWorkspace);
await runCase(b, exportWorkspace);
if (b.wsContext) { await b.wsContext.close(); b.wsContext = null; }
await runCase(b, importOther);

// The articles in the app, the 1 MB one left open by `open`.
if (['app-article', 'open', 'edit', 'scroll', 'suggest'].some(b.want)) b.articleCtx = await b.newContext();
for (const c of [appArticle, open, edit, scroll, suggest, profile]) await runCase(b, c);
if (b.app) await b.app.close();
if (b.articleCtx) await b.articleCtx.close();

// Floor and peer, same browser session.
await runCase(b, floor);
await runCase(b, peer);

await b.browser.close();
await b.server.close();

// ---------------------------------------------------------------- ratios, targets, reports
judge(results);
await writeFile(join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
await writeReports(results, BENCH);
log('wrote bench/results.json, bench/results.md, bench/chart.svg');
