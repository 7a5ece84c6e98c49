// Suggestions on the open 1 MB article, in MB/s (the app's spanmark-suggest measure); the native
// figure too when a prebuilt example exists.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { summary } from '../lib/stats.mjs';
import { defineCase } from '../lib/runner.mjs';

export const suggest = defineCase('suggest', 120_000, async (b) => {
  const { app, big, REPO, RUNS, fig, results } = b;
  if (!app) throw new Error('app page not ready');
  const has = await app.locator('[data-testid="suggest-run"]').count();
  if (!has) {
    results.notes.push('Suggestions in the app: skipped — this build has no [data-testid="suggest-run"].');
  } else {
    const xs = [];
    for (let i = 0; i <= RUNS; i++) {
      const ms = await app.evaluate(async () => {
        const frame = () => new Promise((ok) => requestAnimationFrame(ok));
        performance.clearMeasures();
        const t0 = performance.now();
        document.querySelector('[data-testid="suggest-run"]').click();
        let m;
        const limit = t0 + 60_000;
        // The app records the measure when the suggestions are back (the engine runs in the
        // formats module, asynchronously): the items of the previous run are still listed until then.
        while (!(m = performance.getEntriesByName('spanmark-suggest')[0]) && performance.now() < limit) await frame();
        return m ? m.duration : performance.now() - t0;
      });
      if (i > 0) xs.push(ms);
    }
    const mb = Buffer.byteLength(big.text) / 1e6;
    fig('suggest_mb_s', summary(xs.map((ms) => mb / (ms / 1000))), { label: 'suggestions in the app, 1 MB article (MB/s)', unit: 'MB/s' });
  }
  // Native figure, only if a prebuilt example exists (the harness never runs cargo).
  for (const root of [REPO, '/work/appwt']) {
    const bin = join(root, 'target/release/examples/suggest_bench');
    if (existsSync(bin)) {
      try {
        const out = execFileSync(bin, [], { timeout: 90_000, cwd: root }).toString();
        results.suggest_native = { binary: bin, output: out.trim().split('\n').slice(-8) };
        results.notes.push(`Native suggestion engine (NOT the browser): output of ${bin} recorded in results.json.`);
      } catch (e) { results.notes.push(`native suggest_bench failed: ${e.message}`); }
      break;
    }
  }
  if (!results.suggest_native) results.notes.push('Native suggestion figure: not measured (no prebuilt target/release/examples/suggest_bench; the harness does not run cargo). Run `cargo run --release -p spanmark-core --example suggest_bench` for it.');
});
