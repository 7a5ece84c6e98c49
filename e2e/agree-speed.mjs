// Times the comparison of 1,000 documents × 3 annotators × 50 spans in the browser (issue 19):
// imports three generated Spanmark JSONL files into the comparison view and reads the
// `spanmark-agree` performance measure (the report, from the documents' encoding to the parsed
// result). Usage: node agree-speed.mjs [runs]
import { startApp } from './spanmark-page.mjs';

const LABELS = ['quote', 'figure', 'claim'];
function file(annotator, k) {
  const lines = [];
  for (let d = 0; d < 1000; d++) {
    const words = [];
    for (let w = 0; w < 600; w++) words.push(`w${(d * 7 + w * 13) % 997}`);
    const text = words.join(' ');
    const spans = [];
    let at = 0;
    for (let s = 0; s < 50; s++) {
      // Each annotator shifts some boundaries and changes some labels.
      const start = at + ((s + k) % 5 === 0 ? 1 : 0);
      const end = at + 20 + ((s * k) % 7 === 3 ? 2 : 0);
      const label = LABELS[(s + ((s + d) % 11 === k ? 1 : 0)) % 3];
      spans.push({ id: s + 1, start, end, start_utf16: start, end_utf16: end, label, text: text.slice(start, end), note: '', attributes: {} });
      at += 45;
    }
    lines.push(JSON.stringify({ schema: 'spanmark/1', offset_unit: 'codepoint', id: `d${d}`, title: `Doc ${d}`, annotator, text, spans, relations: [] }));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const runs = Number(process.argv[2] ?? 3);
const files = ['ana', 'ben', 'cy'].map((n, k) => ({ name: `${n}.jsonl`, mimeType: 'application/jsonl', buffer: file(n, k) }));
const session = await startApp();
const { app } = session;
const times = [];
for (let r = 0; r < runs; r++) {
  await app.byTestId('compare-open').click();
  await app.byTestId('compare-import').setInputFiles(files);
  await app.page.waitForFunction(() => /^3 annotators/.test(document.querySelector('[data-testid="compare-summary"]')?.textContent ?? ''), null, { timeout: 60000 }).catch(async (e) => { console.log(await app.byTestId('compare').textContent()); throw e; });
  const ms = await app.page.evaluate(() => performance.getEntriesByName('spanmark-agree').at(-1).duration);
  times.push(ms);
  await app.byTestId('compare-clear').click();
  await app.byTestId('compare-close').click();
}
console.log(`spanmark-agree, 1,000 documents × 3 annotators × 50 spans: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
await session.stop();
