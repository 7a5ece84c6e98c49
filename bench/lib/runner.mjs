// Running the cases: progress on stderr, each case under a time limit, a failure recorded in
// results.errors without stopping the others.
import { performance } from 'node:perf_hooks';

export const log = (...m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m.join(' ')}\n`);

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, no) => { t = setTimeout(() => no(new Error(`${what}: timed out after ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(t));
}

/** A benchmark case: its `--only` name, its time limit and `run(b)` (b: the session, see run.mjs). */
export const defineCase = (name, ms, run) => ({ name, ms, run });

/** Runs `c` if `--only` wants it. */
export async function runCase(b, c) {
  const { name, ms, run } = c;
  if (!b.want(name)) return;
  log(`case ${name} …`);
  delete b.results.errors[name];
  const t = performance.now();
  try { await withTimeout(run(b), ms, name); } catch (e) {
    b.results.errors[name] = String(e?.stack || e).split('\n').slice(0, 4).join(' | ');
    log(`case ${name} FAILED: ${e?.message || e}`);
  }
  log(`case ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
