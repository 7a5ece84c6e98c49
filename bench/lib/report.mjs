// Reports: a table on stdout, bench/results.md and a hand-written SVG chart (bench/chart.svg).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { round } from './stats.mjs';

const fmt = (x, unit = 'ms') => (x == null ? '—' : unit === 'MB/s' ? `${round(x, 2)}` : `${round(x, 1)}`);

function rows(results) {
  const out = [];
  for (const [key, f] of Object.entries(results.figures)) {
    if (!f) continue;
    const unit = f.unit || 'ms';
    const kind = f.p50 != null ? 'p50/p95' : 'median';
    const main = f.p50 != null ? `${fmt(f.p50, unit)} / ${fmt(f.p95, unit)}` : fmt(f.median, unit);
    const tgt = f.target != null ? `≤ ${f.target}${f.targetOn ? ` (${f.targetOn})` : ''}` : '';
    out.push({ key, label: f.label || key, kind, main, min: fmt(f.min, unit), max: fmt(f.max, unit), n: f.n, unit, target: tgt });
  }
  return out;
}

export async function writeReports(results, dir) {
  const R = rows(results);
  const m = results.machine;
  // stdout
  const w = Math.min(80, Math.max(20, ...R.map((r) => r.label.length)));
  const line = (r) => `${r.label.padEnd(w).slice(0, w)}  ${r.kind.padEnd(7)} ${r.main.padStart(15)}  ${r.min.padStart(9)} ${r.max.padStart(9)} ${String(r.n).padStart(4)} ${r.unit.padEnd(4)} ${r.target}`;
  const out = [];
  out.push(`Spanmark benchmark — ${m.nproc} cores, ${m.cpu}, ${m.chromium}${m.quick ? ' (QUICK run)' : ''}`);
  out.push(`${'figure'.padEnd(w)}  ${'stat'.padEnd(7)} ${'value'.padStart(15)}  ${'min'.padStart(9)} ${'max'.padStart(9)} ${'n'.padStart(4)} unit target`);
  out.push('-'.repeat(w + 60));
  for (const r of R) out.push(line(r));
  if (results.shell) out.push(`shell: ${results.shell.raw} B raw, ${results.shell.gzip} B gzip, ${results.shell.brotli} B brotli; wasm-opt ${results.shell.wasm_opt}`);
  out.push('', 'ratios:');
  for (const [k, v] of Object.entries(results.ratios || {})) out.push(`  ${k.padEnd(40)} ${v ?? '—'}`);
  out.push('', 'targets:');
  for (const t of results.targets || []) out.push(`  ${t.met == null ? '  ?  ' : t.met ? ' met ' : 'MISSED'}  ${t.name.padEnd(48)} ${t.value ?? '—'} ${t.unit}`);
  if (results.notes.length) { out.push('', 'notes:'); for (const n of [...new Set(results.notes)]) out.push(`  - ${n}`); }
  if (Object.keys(results.errors).length) { out.push('', 'errors:'); for (const [k, v] of Object.entries(results.errors)) out.push(`  - ${k}: ${v}`); }
  if (results.browser_metrics) {
    out.push('', 'browser metrics (CDP Performance.getMetrics deltas, profiled runs):');
    for (const [k, v] of Object.entries(results.browser_metrics)) out.push(`  ${k}: ${JSON.stringify(v)}`);
  }
  if (results.profile) {
    out.push('', 'profile (self time, top functions):');
    for (const [k, p] of Object.entries(results.profile)) {
      out.push(`  ${k} (${p.total_ms} ms sampled)`);
      for (const t of p.top.slice(0, 8)) out.push(`    ${String(t.ms).padStart(8)} ms ${String(t.pct).padStart(5)}%  ${t.name}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');

  // Markdown
  const md = [];
  md.push('# Spanmark benchmark results', '');
  md.push(`Machine: \`nproc\` = ${m.nproc}, CPU ${m.cpu}, ${m.chromium} (headless, --disable-gpu), Node ${m.node}. ${m.date}${m.quick ? ' — **QUICK run (fewer repetitions)**' : ''}.`, '');
  md.push('Run with `cd bench && npm ci && cd .. && node bench/run.mjs --dist DIR` (see bench/README.md). Start-up/open/export/import figures: median of the runs with min and max; edit and frame figures: p50 / p95 over all samples with min and max. Benchmark figures, not assertions.', '');
  md.push('| figure | stat | value (ms unless noted) | min | max | n | target |', '|---|---|---|---|---|---|---|');
  for (const r of R) md.push(`| ${r.label} | ${r.kind} | ${r.main}${r.unit !== 'ms' ? ' ' + r.unit : ''} | ${r.min} | ${r.max} | ${r.n} | ${r.target} |`);
  if (results.shell) {
    const kb = (t) => `${(t.raw / 1000).toFixed(1)} KB raw, ${(t.gzip / 1000).toFixed(1)} KB gzip, ${(t.brotli / 1000).toFixed(1)} KB brotli`;
    md.push('', `App shell (the wasm, js and css start-up loads): **${kb(results.shell)}**; wasm-opt level \`${results.shell.wasm_opt}\`.`);
    if (results.shell.on_first_use?.raw) md.push(`Formats module (the formats other than Spanmark JSONL, and the suggestion engine), fetched after start-up: ${kb(results.shell.on_first_use)}.`);
    md.push('', '| file | raw | gzip | brotli | loaded |', '|---|---|---|---|---|');
    for (const [f, s] of Object.entries(results.shell.files)) md.push(`| ${f} | ${s.raw} | ${s.gzip} | ${s.brotli} | ${s.on_first_use ? 'on first use' : 'start-up'} |`);
  }
  md.push('', '## Ratios', '', '| ratio | value |', '|---|---|');
  for (const [k, v] of Object.entries(results.ratios || {})) md.push(`| ${k} | ${v ?? '—'} |`);
  md.push('', '## Targets', '', '| target | value | met |', '|---|---|---|');
  for (const t of results.targets || []) md.push(`| ${t.name} | ${t.value ?? '—'} ${t.unit} | ${t.met == null ? '?' : t.met ? 'yes' : '**no**'} |`);
  if (results.notes.length) { md.push('', '## Notes', ''); for (const n of [...new Set(results.notes)]) md.push(`- ${n}`); }
  if (Object.keys(results.errors).length) { md.push('', '## Errors', ''); for (const [k, v] of Object.entries(results.errors)) md.push(`- ${k}: ${v}`); }
  if (results.browser_metrics) {
    md.push('', '## Browser metrics of the profiled runs (CDP Performance.getMetrics deltas)', '', '| run | script ms | style recalc ms | layout ms | task ms | layouts | style recalcs | DOM nodes |', '|---|---|---|---|---|---|---|---|');
    for (const [k, v] of Object.entries(results.browser_metrics)) md.push(`| ${k} | ${v.script_ms} | ${v.recalc_style_ms} | ${v.layout_ms} | ${v.task_ms} | ${v.layouts} | ${v.style_recalcs} | ${v.dom_nodes} |`);
  }
  if (results.profile) {
    md.push('', '## Profile (CPU self time, top functions)', '');
    for (const [k, p] of Object.entries(results.profile)) {
      md.push(`**${k}** (${p.total_ms} ms sampled)`, '', '| self ms | % | function |', '|---|---|---|');
      for (const t of p.top) md.push(`| ${t.ms} | ${t.pct} | \`${t.name}\` |`);
      md.push('');
    }
  }
  md.push('', `Inputs: ${JSON.stringify(results.inputs)}`);
  await writeFile(join(dir, 'results.md'), md.join('\n') + '\n');
  await writeFile(join(dir, 'chart.svg'), chart(results));
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Two panels of horizontal bars (log scale): open 1 MB / 10k, and add one span to next paint. */
function chart(results) {
  const F = results.figures;
  const g = (k, s = 'median') => F[k]?.[s] ?? null;
  const panels = [
    { title: 'Open 1 MB article / 10,000 spans (ms, median; whiskers min–max)', bars: [
      ['Spanmark', g('open_1m_ms'), F.open_1m_ms, '#2b6cb0'],
      [F.peer_open_1m_ms?.lowerBound ? 'Recogito (peer): > bar, unfinished' : 'Recogito text-annotator (peer)', g('peer_open_1m_ms'), F.peer_open_1m_ms, '#c05621'],
      ['floor: text only', g('floor_open_1m_text_ms'), F.floor_open_1m_text_ms, '#718096'],
      ['floor: text + CSS highlights', g('floor_open_1m_hl_ms'), F.floor_open_1m_hl_ms, '#a0aec0'],
    ], target: 500 },
    { title: 'Add one span on 1 MB / 10k, to next paint (ms, p50; whiskers to p95)', bars: [
      ['Spanmark (key press)', g('edit_add_paint_ms', 'p50'), F.edit_add_paint_ms && { min: F.edit_add_paint_ms.p50, max: F.edit_add_paint_ms.p95 }, '#2b6cb0'],
      ...(F.peer_add_paint_ms ? [['Recogito (addAnnotation)', g('peer_add_paint_ms', 'p50'), { min: F.peer_add_paint_ms.p50, max: F.peer_add_paint_ms.p95 }, '#c05621']]
        : [['Recogito, on 100 kB / 1k only', g('peer_add_paint_100k_ms', 'p50'), F.peer_add_paint_100k_ms && { min: F.peer_add_paint_100k_ms.p50, max: F.peer_add_paint_100k_ms.p95 }, '#c05621']]),
      ['floor (Highlight.add)', g('floor_add_paint_ms', 'p50'), F.floor_add_paint_ms && { min: F.floor_add_paint_ms.p50, max: F.floor_add_paint_ms.p95 }, '#718096'],
    ], target: 35 },
  ];
  const W = 900, left = 250, right = 40, barH = 22, gap = 8;
  let y = 40;
  const parts = [];
  const mach = results.machine;
  parts.push(`<text x="10" y="22" font-size="15" font-weight="bold">Spanmark vs peer vs floor — ${esc(mach.chromium)}, ${mach.nproc} cores${mach.quick ? ' (quick run)' : ''}</text>`);
  for (const p of panels) {
    const vals = p.bars.flatMap((b) => [b[1], b[2]?.max]).concat([p.target]).filter((v) => v > 0);
    const lo = 1, hi = Math.max(...vals) * 1.3;
    const x = (v) => left + (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (W - left - right);
    parts.push(`<text x="10" y="${y + 12}" font-size="13" font-weight="bold">${esc(p.title)} — log scale</text>`);
    y += 22;
    const top = y;
    for (const [name, v, range, colour] of p.bars) {
      parts.push(`<text x="${left - 8}" y="${y + 15}" font-size="12" text-anchor="end">${esc(name)}</text>`);
      if (v != null) {
        parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left).toFixed(1)}" height="${barH}" fill="${colour}"/>`);
        if (range) parts.push(`<line x1="${x(range.min).toFixed(1)}" x2="${x(range.max).toFixed(1)}" y1="${y + barH / 2}" y2="${y + barH / 2}" stroke="#000" stroke-width="1.5"/>`);
        parts.push(`<text x="${Math.min(W - 5, x(range?.max ?? v) + 6).toFixed(1)}" y="${y + 15}" font-size="12">${round(v, 1)} ms</text>`);
      } else parts.push(`<text x="${left + 4}" y="${y + 15}" font-size="12" fill="#999">not measured</text>`);
      y += barH + gap;
    }
    const tx = x(p.target);
    parts.push(`<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${top - 4}" y2="${y - gap + 4}" stroke="#c53030" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${tx.toFixed(1)}" y="${y + 10}" font-size="11" fill="#c53030" text-anchor="middle">target ${p.target} ms</text>`);
    y += 30;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`;
}
