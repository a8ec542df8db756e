// A mini-batch as one graph: the lecture's 2-2-1 network, four training points opened together
// from the workspace's Messages panel. Each weight is one node feeding every point, so its adjoint
// is the sum of their messages; it must equal the mean of the four points' own gradients, each
// opened alone. And the walk stays readable at a projector's 1280×720.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, step, useApp } from './harness.mjs';

const app = useApp();
const NETWORK = '#view=net&data=gauss&layers=2:tanh&out=linear&panel=messages';
const WEIGHTS = ['w^{1}_{0,1}', 'w^{1}_{1,1}', 'w^{1}_{2,1}', 'w^{1}_{0,2}', 'w^{1}_{1,2}', 'w^{1}_{2,2}', 'w^{2}_{0,1}', 'w^{2}_{1,1}', 'w^{2}_{2,1}'];

/** Chooses training point `k` (from 1) in the Messages panel. Typed again if the first try is
 * lost: the first change right after coming back from the step-through can be (a known defect,
 * noted in the issue, not what this test is about). */
async function choose(page, k) {
  const chosen = () => page.evaluate((k) => document.querySelector('[data-testid="messages"]')?.dataset.sample === String(k - 1), k);
  for (let tries = 0; tries < 20 && !(await chosen()); tries++) {
    await page.fill('[data-testid="sample-index"]', String(k));
    await page.press('[data-testid="sample-index"]', 'Tab');
    await page.waitForTimeout(100);
  }
  assert.ok(await chosen(), `training point ${k} chosen`);
}

/** The loss (read at the end of the forward pass, where the camera shows it) and every weight's
 * adjoint (from the gradient list, at the end of the walk). */
async function atEnd(page, loss) {
  await page.click('[data-testid="to-forward-end"]');
  const value = Number(await page.getAttribute(`[data-testid="node-${loss}"]`, 'data-value'));
  await page.click('[data-testid="to-end"]');
  const adjoints = {};
  for (const w of WEIGHTS) {
    const item = `[data-testid="gradient-${w}"]:not([data-value=""])`;
    adjoints[w] = Number(await page.getAttribute(item, 'data-value'));
  }
  return { adjoints, loss: value };
}

/** What the graph shows now: the current node's name and whether it is inside the graph's box,
 * every drawn node's name, the smallest graph text in px, and whether the page scrolls. */
function seeing(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="graph"]').getBoundingClientRect();
    const current = document.querySelector('[data-testid="graph"] .node.current');
    const r = current?.querySelector('.result').getBoundingClientRect();
    let smallest = Infinity;
    for (const text of document.querySelectorAll('[data-testid="graph"] text')) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const rect of range.getClientRects()) if (rect.height > 0) smallest = Math.min(smallest, rect.height / 1.15);
    }
    return {
      current: current?.dataset.testid.slice(5) ?? null,
      drawn: [...document.querySelectorAll('[data-testid="graph"] .node')].map((n) => n.dataset.testid.slice(5)),
      inside: !r || (r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1),
      smallest,
      scrolls: document.scrollingElement.scrollHeight > innerHeight + 1,
    };
  });
}

test('a batch of four is one graph whose weight adjoints are the mean of the four points\' gradients', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url + NETWORK, { ready: '[data-testid="network"]' });
  const alone = [];
  for (let k = 1; k <= 4; k++) {
    await choose(page, k);
    await page.click('[data-testid="open-sample"]');
    await page.waitForSelector('[data-testid="network-origin"]');
    alone.push(await atEnd(page, 'ℓ'));
    await page.click('[data-testid="back-to-network"]');
    await page.waitForSelector('[data-testid="open-batch"]');
  }
  await choose(page, 1);
  await page.selectOption('[data-testid="batch-points"]', '4');
  await page.click('[data-testid="open-batch"]');
  await page.waitForSelector('[data-testid="network-origin"]');
  assert.match(await page.textContent('[data-testid="network-origin"]'), /mean of 4 losses: training points 1 to 4/);
  // Nine weights, four points of x₁, x₂, y, two sums, two tanh, ŷ and ℓ each, and L.
  assert.equal(await page.getAttribute('[data-testid="graph"]', 'data-nodes'), String(9 + 4 * 9 + 1));
  const batch = await atEnd(page, 'L');
  const mean = (f) => alone.reduce((sum, a) => sum + f(a), 0) / alone.length;
  assert.ok(Math.abs(batch.loss - mean((a) => a.loss)) < 1e-12, `L = ${batch.loss}: ${JSON.stringify(alone.map((a) => a.loss))}`);
  for (const w of WEIGHTS) {
    const expected = mean((a) => a.adjoints[w]);
    assert.ok(Math.abs(batch.adjoints[w] - expected) < 1e-12, `${w}: ${batch.adjoints[w]} vs the mean ${expected}`);
  }
  // A first-layer weight's step writes one message per point: the gradient of the sum is the
  // sum of the gradients.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let k = 0; k < 17; k++) await page.keyboard.press('ArrowLeft');
  // The page renders after the keys; read it once it has caught up.
  await page.waitForFunction(() => document.querySelector('[data-testid="step-index"]').dataset.step === '54');
  await page.waitForSelector('[data-testid="derivation"] li.current button[aria-label^="Step 54:"]');
  const line = await page.getAttribute('[data-testid="derivation"] li.current button', 'aria-label');
  assert.match(line, /^Step 54: ∂L\/∂w¹₀,₁ = /);
  for (const s of '¹²³⁴') assert.ok(line.includes(`∂L/∂a¹⁽${s}⁾₁·`), `the message from point ${s} in ${line}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the batch walk is readable at 1280×720: graph text at least 12 px and the current node on screen at every step', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url + NETWORK, { width: 1280, height: 720, ready: '[data-testid="network"]' });
  await page.selectOption('[data-testid="batch-points"]', '4');
  await page.click('[data-testid="open-batch"]');
  await page.waitForSelector('[data-testid="network-origin"]');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const count = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
  for (let k = 1; k <= count; k++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((k) => document.querySelector('[data-testid="step-index"]').dataset.step === String(k), k);
    // The camera glides; measure where it settles.
    if (k % 10 !== 0 && k !== count) continue;
    await page.waitForTimeout(900);
    const seen = await seeing(page);
    assert.ok(seen.smallest >= 11.8, `step ${k}: graph text ${seen.smallest.toFixed(1)} px`);
    assert.ok(seen.inside, `step ${k}: the current node on screen`);
    assert.equal(seen.scrolls, false);
  }
  assert.equal(await step(page), count);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a batch folds to one point open: the others drawn as their losses, the walk passing over their insides, f and a click choosing the point', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url + NETWORK, { width: 1280, height: 720, ready: '[data-testid="network"]' });
  await page.selectOption('[data-testid="batch-points"]', '4');
  await page.click('[data-testid="open-batch"]');
  await page.waitForSelector('[data-testid="network-origin"]');
  const steps = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
  await page.selectOption('[data-testid="fold"]', '1');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // A node of a folded point, other than its loss: a name with (1), (3) or (4) in it but ℓ's.
  const inside = (name) => /\((1|3|4)\)/.test(name) && !name.startsWith('ℓ');
  const stops = [];
  while ((await step(page)) < steps) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((before) => Number(document.querySelector('[data-testid="step-index"]').dataset.step) > before, stops.at(-1) ?? 0);
    stops.push(await step(page));
    await page.waitForTimeout(stops.length % 8 === 0 ? 900 : 0);
    const seen = await seeing(page);
    const k = stops.at(-1);
    if (k <= steps - 1) assert.ok(seen.current, `step ${k}: a drawn node is the current one`);
    assert.ok(seen.current === null || !inside(seen.current), `step ${k}: stopped inside a folded point at ${seen.current}`);
    assert.deepEqual(seen.drawn.filter(inside), [], `step ${k}: nodes of folded points drawn`);
    if (stops.length % 8 === 0) {
      assert.ok(seen.inside, `step ${k}: the current node on screen`);
      assert.ok(seen.smallest >= 11.8, `step ${k}: graph text ${seen.smallest.toFixed(1)} px`);
    }
  }
  // Point 2's pass, the nine weights, the three folded losses and L: fewer than half the stops.
  assert.ok(stops.length < steps / 2, `${stops.length} stops of ${steps}`);
  // Zoomed out, all of it is drawn: 9 weights, point 2's 9 nodes, 3 folded losses and L; at a
  // first-layer weight's step a message comes from each of the four points.
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-testid="graph"] .node').count(), 9 + 9 + 3 + 1);
  assert.deepEqual(await page.locator('[data-testid="graph"] .node.folded').evaluateAll((ns) => ns.map((n) => n.dataset.testid)),
    ['node-ℓ^{(1)}', 'node-ℓ^{(3)}', 'node-ℓ^{(4)}']);
  while (!(await page.getAttribute('[data-testid="derivation"] li.current button', 'aria-label')).includes('∂L/∂w¹₀,₁ =')) {
    await page.keyboard.press('ArrowLeft');
  }
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-testid="graph"] .pulse.backward').count(), 4);
  // f opens the next point; a click on a folded loss opens its point; "All" unfolds.
  await page.keyboard.press('f');
  assert.equal(await page.inputValue('[data-testid="fold"]'), '2');
  await page.click('[data-testid="node-ℓ^{(1)}"]');
  assert.equal(await page.inputValue('[data-testid="fold"]'), '0');
  await page.selectOption('[data-testid="fold"]', 'all');
  await page.click('[data-testid="fit"]');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-testid="graph"] .node.folded').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
