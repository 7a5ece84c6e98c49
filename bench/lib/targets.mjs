// Ratios between Spanmark, the peer and the floor, and the targets of issue #5 met or not.
import { round } from './stats.mjs';

/** Adds results.ratios and results.targets from results.figures. */
export function judge(results) {
  const F = results.figures;
  const med = (k) => F[k]?.median ?? F[k]?.p50 ?? null;
  const ratio = (a, b) => (a != null && b ? round(a / b, 2) : null);
  results.ratios = {
    open_1m_spanmark_over_peer: ratio(med('open_1m_ms'), med('peer_open_1m_ms')),
    open_1m_spanmark_over_floor_text: ratio(med('open_1m_ms'), med('floor_open_1m_text_ms')),
    open_1m_spanmark_over_floor_hl: ratio(med('open_1m_ms'), med('floor_open_1m_hl_ms')),
    open_100k_spanmark_over_peer: ratio(med('open_100k_ms'), med('peer_open_100k_ms')),
    open_10k_spanmark_over_peer: ratio(med('open_10k_ms'), med('peer_open_10k_ms')),
    add_paint_p50_spanmark_over_peer: ratio(F.edit_add_paint_ms?.p50, F.peer_add_paint_ms?.p50),
    add_paint_p50_spanmark_1m_over_peer_100k: ratio(F.edit_add_paint_ms?.p50, F.peer_add_paint_100k_ms?.p50),
    add_paint_p95_spanmark_1m_over_peer_100k: ratio(F.edit_add_paint_ms?.p95, F.peer_add_paint_100k_ms?.p95),
    add_paint_p95_spanmark_over_peer: ratio(F.edit_add_paint_ms?.p95, F.peer_add_paint_ms?.p95),
    add_paint_p50_spanmark_over_floor: ratio(F.edit_add_paint_ms?.p50, F.floor_add_paint_ms?.p50),
    add_paint_p95_spanmark_over_floor: ratio(F.edit_add_paint_ms?.p95, F.floor_add_paint_ms?.p95),
    scroll_p95_spanmark_over_floor: ratio(med('scroll_p95_ms'), med('floor_scroll_p95_ms')),
  };
  const T = [];
  // `slack`: measurement jitter within which a figure still meets its limit (rAF timestamps of
  // frames at 60 Hz come 16.6–16.8 ms apart when no frame is dropped; a dropped frame is 33 ms).
  const target = (name, value, limit, unit = 'ms', slack = 0) => T.push({ name, value: round(value), limit, unit, met: value == null ? null : value <= limit + slack });
  target('open 1 MB / 10k ≤ 0.5 s', med('open_1m_ms'), 500);
  target('open 1 MB / 10k ≤ 0.5 × peer', results.ratios.open_1m_spanmark_over_peer, 0.5, '×');
  for (const k of ['add', 'relabel', 'delete']) target(`edit ${k} script p95 ≤ 16 ms`, F[`edit_${k}_script_ms`]?.p95, 16);
  for (const k of ['add', 'relabel', 'delete']) target(`edit ${k} to next paint p95 ≤ 35 ms (anchors doc)`, F[`edit_${k}_paint_ms`]?.p95, 35);
  target('scroll frame p95 ≤ 16.7 ms (no dropped frame; ±0.5 ms rAF jitter)', med('scroll_p95_ms'), 16.7, 'ms', 0.5);
  target('export 1,000×50 ≤ 0.2 s', med('export_ms'), 200);
  target('import 1,000×50 ≤ 0.3 s', med('import_ms'), 300);
  target('export 1,000×50, other format ≤ 0.2 s', med('export_other_ms'), 200);
  target('import 1,000×50, other format ≤ 0.3 s', med('import_other_ms'), 300);
  target('start-up (empty) ≤ 0.3 s', med('startup_empty_ms'), 300);
  target('start-up (1,000 docs) ≤ 0.3 s', med('startup_workspace_ms'), 300);
  target('shell ≤ 200 KB brotli', results.shell ? results.shell.brotli / 1000 : null, 200, 'KB');
  results.targets = T;
}
