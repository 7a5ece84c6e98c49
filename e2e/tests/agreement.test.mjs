// Several annotators (issue 19): the first export asks for the user's name and every record
// carries it; two annotators' files are compared apart from the workspace (the matrix, the
// documents by lowest agreement), one document is adjudicated by keyboard, and the gold is
// exported with `adjudicated` and who agreed on each span.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';

let session;

before(async () => {
  // No remembered name: the first export asks for one.
  session = await startApp({ app: false });
});

after(async () => {
  await session?.stop();
});

const D1 = 'Harbour council approves quay plan. The mayor said: "We will plant 1200 trees by 2026." ' +
  'Critics doubt the promise that costs stay under 3 million.';
const D2 = 'Rail strike ends after talks. Union leader Mia Kos said: "The deal gives workers 4 percent more." ' +
  'Ministers claim the strike cost 50 million.';

/** A Spanmark JSONL line; spans as [label, covered text]. */
function line(id, title, text, annotator, spans) {
  const cp = (utf16) => Array.from(text.slice(0, utf16)).length;
  return JSON.stringify({
    schema: 'spanmark/1', offset_unit: 'codepoint', id, title, annotator, text,
    spans: spans.map(([label, needle], i) => {
      const at = text.indexOf(needle);
      assert.ok(at >= 0, needle);
      return {
        id: i + 1, start: cp(at), end: cp(at + needle.length), start_utf16: at, end_utf16: at + needle.length,
        label, text: needle, note: '', attributes: {},
      };
    }),
    relations: [],
  });
}

const QUOTE = '"We will plant 1200 trees by 2026."';
const QUOTE_INNER = 'We will plant 1200 trees by 2026';
const COSTS = 'costs stay under 3 million';
const D2_SPANS = [['quote', '"The deal gives workers 4 percent more."'], ['figure', '4 percent'], ['claim', 'the strike cost 50 million']];
// ana and ben differ on D1: the quote's boundaries, a figure only ana marked ("2026"), and the
// costs claim, which ben labelled a figure. They agree on "1200 trees" and on all of D2.
const ANA = [
  line('d1', 'Quay plan', D1, 'ana', [['quote', QUOTE], ['figure', '1200 trees'], ['figure', '2026'], ['claim', COSTS]]),
  line('d2', 'Rail strike', D2, 'ana', D2_SPANS),
].join('\n') + '\n';
const BEN = [
  line('d1', 'Quay plan', D1, 'ben', [['quote', QUOTE_INNER], ['figure', '1200 trees'], ['figure', COSTS]]),
  line('d2', 'Rail strike', D2, 'ben', D2_SPANS),
].join('\n') + '\n';

async function downloaded(page, act) {
  const [download] = await Promise.all([page.waitForEvent('download'), act()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('the first export asks for a name; every record then carries it as annotator', async () => {
  const { env, app } = await session.fresh({ annotator: null });
  await app.paste('Mine', D2);
  await app.byTestId('export-jsonl').click();
  await app.byTestId('annotator-name').waitFor();
  await app.byTestId('annotator-name').fill('ana');
  const first = await downloaded(app.page, () => app.page.keyboard.press('Enter'));
  assert.equal(JSON.parse(first.text).annotator, 'ana');
  // Remembered: the next export (after a reload too) does not ask again.
  await app.page.reload();
  await app.page.waitForSelector('[data-testid="doc-list"]');
  const again = await downloaded(app.page, () => app.byTestId('export-jsonl').click());
  assert.equal(JSON.parse(again.text).annotator, 'ana');
  assertNoProblems(env);
});

test('compare two annotators, see the matrix, adjudicate one document by keyboard, export the gold', async () => {
  const { env, app } = await session.fresh({ annotator: null });
  const page = app.page;
  await app.byTestId('compare-open').click();
  await app.byTestId('compare-import').setInputFiles([
    { name: 'ana.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(ANA) },
    { name: 'ben.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(BEN) },
  ]);
  await app.byTestId('agree-matrix').waitFor();
  assert.match(await app.byTestId('compare-summary').textContent(), /2 annotators · 2 documents compared/);
  // By hand: ana has 7 spans, ben 6. Exact matches (label, start, end): "1200 trees" and D2's
  // three = 4, so F1 = 2·4/13 = 0.615. Relaxed (IoU ≥ 0.5) adds the quote (32 of 34 characters
  // shared): 2·5/13 = 0.769.
  const cell = page.locator('[data-testid="agree-cell"][data-a="ana"][data-b="ben"]');
  assert.equal(await cell.getAttribute('data-f1-exact'), '0.62');
  assert.equal(await cell.getAttribute('data-f1-relaxed'), '0.77');
  // The quote label alone: 1 exact match of 2 + 2 → 0.50; relaxed 2 of 2 + 2 → 1.00.
  await app.byTestId('agree-label').selectOption('quote');
  await page.waitForFunction(() => document.querySelector('[data-testid="agree-matrix"]').dataset.label === 'quote');
  assert.equal(await cell.getAttribute('data-f1-exact'), '0.50');
  assert.equal(await cell.getAttribute('data-f1-relaxed'), '1.00');
  // Documents, lowest agreement first: D1 (relaxed 2·2/(4+3) = 0.57), then D2 (1.00).
  const rows = page.locator('[data-testid="agree-doc-row"]');
  assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => [r.dataset.id, r.dataset.f1Relaxed])), [['d1', '0.57'], ['d2', '1.00']]);

  // Adjudicate D1: its items in text order, each disagreement with its kind.
  await rows.first().locator('[data-testid="adjudicate-open"]').click();
  const items = page.locator('[data-testid="adjudicate-item"]');
  await items.first().waitFor();
  assert.deepEqual(await items.evaluateAll((li) => li.map((l) => l.dataset.kind)), ['boundary', 'agreed', 'missing', 'label']);
  assert.equal(await page.locator('[data-testid="adjudicate-lane"]').count(), 2, 'one lane per annotator');
  assert.match(await app.byTestId('adjudicate-current').textContent(), /Disagreement: boundary/);
  // By keyboard: take ben's quote (2), reject the figure only ana marked (r), take ana's label
  // for the costs claim (1). The cursor moves to the next undecided disagreement each time.
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.querySelector('[data-item="2"]').classList.contains('current'));
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('[data-item="3"]').classList.contains('current'));
  assert.match(await app.byTestId('adjudicate-current').textContent(), /Disagreement: label/);
  await page.keyboard.press('1');
  assert.deepEqual(await items.evaluateAll((li) => li.map((l) => l.dataset.decision)), ['lane 2', '', 'rejected', 'lane 1']);
  assert.match(await app.byTestId('adjudicate-count').textContent(), /3 disagreement\(s\), 0 undecided · 1 agreed/);

  // Export the gold: the adjudicator is asked for a name first (the gold's annotator).
  await app.byTestId('adjudicate-export').click();
  await app.byTestId('annotator-name').fill('chief');
  const gold = await downloaded(page, () => app.byTestId('annotator-save').click());
  assert.match(gold.name, /^gold.*\.jsonl$/);
  const doc = JSON.parse(gold.text.trim());
  assert.equal(doc.adjudicated, true);
  assert.equal(doc.annotator, 'chief');
  assert.equal(doc.id, 'd1');
  assert.deepEqual(doc.spans.map((s) => [s.label, s.text, s.agreed_by]), [
    ['quote', QUOTE_INNER, ['ben']],
    ['figure', '1200 trees', ['ana', 'ben']],
    ['claim', COSTS, ['ana']],
  ]);
  // The comparison stayed apart from the workspace.
  await page.keyboard.press('Escape');
  await app.byTestId('compare-close').click();
  assert.equal(await page.locator('[data-testid="doc-item"]').count(), 0);
  assertNoProblems(env);
});
