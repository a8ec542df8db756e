// The step-through as a teacher drives it on a projector: measured, not looked at. At 1280×720
// and 1440×900, in normal and presentation mode, at every step of the lecture's example: every
// node inside the graph's box, the camera still, type large enough for the back row, no
// derivation line overflowing. One keyboard model whatever was clicked last; dragging pans by
// the distance dragged; nothing logged on load or on any key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, step, useApp } from './harness.mjs';

const app = useApp();

/** Console errors and page errors, from the moment the page opens. */
async function openWatched(url, options) {
  const opened = await open(app.browser, url, options);
  const logged = [];
  opened.page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
  opened.page.on('requestfailed', (r) => logged.push(`request failed: ${r.url()}`));
  opened.page.on('response', (r) => r.status() >= 400 && logged.push(`HTTP ${r.status()}: ${r.url()}`));
  return { ...opened, logged };
}

async function stepBecomes(page, n) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-index"]').dataset.step) === n, n);
}

/** What a viewer sees of the stepper now, measured in the page. */
function measure(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="graph"]').getBoundingClientRect();
    const nodes = [...document.querySelectorAll('[data-testid^="node-"]')];
    const outside = nodes
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1;
      })
      .map((n) => n.dataset.testid);
    // Rendered text height in the graph, as glyph boxes (SVG text scales with the camera).
    let smallest = Infinity;
    for (const text of document.querySelectorAll('[data-testid="graph"] text')) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const r of range.getClientRects()) if (r.height > 0) smallest = Math.min(smallest, r.height / 1.15);
    }
    const caption = parseFloat(getComputedStyle(document.querySelector('[data-testid="step-caption"] math, [data-testid="step-caption"] p')).fontSize);
    const overflowing = [...document.querySelectorAll('.derivation .part, .caption .part')]
      .filter((p) => p.scrollWidth > p.clientWidth + 1)
      .map((p) => p.textContent.trim().slice(0, 40));
    // Where each node's box is (its labels come and go, so its group's bounds change).
    const positions = Object.fromEntries(nodes.map((n) => {
      const r = n.querySelector('.result').getBoundingClientRect();
      return [n.dataset.testid, [Math.round(r.left), Math.round(r.top)]];
    }));
    return { nodes: nodes.length, outside, smallest, caption, overflowing, positions, derivationShown: !!document.querySelector('.derivation')?.offsetParent };
  });
}

for (const [width, height] of [[1280, 720], [1440, 900]]) {
  for (const presenting of [false, true]) {
    test(`the lecture's example at ${width}×${height}${presenting ? ', presenting' : ''}: whole, still, readable at every step`, async () => {
      const { page, context, errors, logged } = await openWatched(app.server.url, { width, height });
      await page.click('body');
      if (presenting) await page.keyboard.press('p');
      await page.waitForTimeout(500);
      let still = null;
      for (let k = 0; k <= 13; k++) {
        if (k > 0) {
          await page.keyboard.press('ArrowRight');
          await stepBecomes(page, k);
        }
        // The camera glides in 0.35 s; it must not have anywhere to go.
        await page.waitForTimeout(450);
        const seen = await measure(page);
        assert.equal(seen.nodes, 7, 'the whole graph is drawn');
        assert.deepEqual(seen.outside, [], `step ${k}: every node inside the graph's box`);
        const x = seen.positions['node-x'];
        if (still) assert.deepEqual(x, still, `step ${k}: the graph never moves by itself`);
        still = x;
        assert.ok(seen.smallest >= (presenting ? 18 : 12) - 0.2, `step ${k}: graph text ${seen.smallest.toFixed(1)} px`);
        if (presenting && k > 0) assert.ok(seen.caption >= 24, `step ${k}: caption ${seen.caption} px`);
        assert.deepEqual(seen.overflowing, [], `step ${k}: no derivation line overflows`);
        assert.ok(seen.derivationShown, 'the derivation is on screen');
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(logged, []);
      await context.close();
    });
  }
}

test("the lesson's stops 6 and 7 show the whole graph, presenting, at 1280×720", async () => {
  for (const stop of [6, 7]) {
    const { page, context } = await openWatched(`${app.server.url}#lesson=${stop}&present=1`);
    for (let k = 0; k < 6; k++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(450);
      const seen = await measure(page);
      assert.deepEqual(seen.outside, [], `stop ${stop}, step ${k}`);
      assert.ok(seen.smallest >= 17.8, `stop ${stop}: ${seen.smallest}`);
    }
    await context.close();
  }
});

test('space plays whatever was clicked last, and no key scrolls the page or logs anything', async () => {
  const { page, context, errors, logged } = await openWatched(app.server.url);
  const playing = () => page.getAttribute('[data-testid="play"]', 'aria-pressed');
  for (const control of ['step-next', 'play', 'to-end', 'fit', 'zoom-in', 'theme', 'toggle-tree', 'toggle-check', 'scrubber', 'presentation']) {
    await page.click(`[data-testid="${control}"]`);
    if ((await playing()) === 'true') await page.click('[data-testid="play"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'false');
    const presenting = await page.getAttribute('html', 'data-presentation');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'true', null, { timeout: 3000 })
      .catch(() => assert.fail(`space did not play after clicking ${control}`));
    assert.equal(await page.getAttribute('html', 'data-presentation'), presenting, `space after ${control} left presentation mode alone`);
    await page.keyboard.press(' ');
  }
  // Typed into a field, keys stay in the field.
  await page.fill('[data-testid="expr-input"]', 'x');
  await page.focus('[data-testid="expr-input"]');
  const walked = await step(page);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.type('2*');
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), '2*x');
  assert.equal(await step(page), walked, 'Home and End in the field moved the caret, not the walk');
  // Every key of the sheet, on both tabs: nothing logged, nothing scrolled.
  await page.click('body', { position: { x: 5, y: 5 } });
  for (const key of ['ArrowRight', 'ArrowLeft', ' ', ' ', 'Home', 'End', '+', '-', '0', 't', 'p', 'p', '?', 'Escape', 'n', 'b']) {
    await page.keyboard.press(key);
  }
  await page.click('[data-testid="tab-network"]');
  await page.waitForSelector('[data-testid="network"]');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('[data-testid="train-play"]').getAttribute('aria-pressed') === 'true', null, { timeout: 3000 })
    .catch(() => assert.fail('space did not train after clicking the Network tab'));
  await page.keyboard.press(' ');
  for (const key of ['ArrowRight', 'e', 'r', 'ArrowDown', 'PageDown', 'End']) await page.keyboard.press(key);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'no key scrolled the page');
  assert.deepEqual(errors, []);
  assert.deepEqual(logged, []);
  await context.close();
});

test('dragging pans by the distance dragged; a click moves nothing; Fit and a new expression frame afresh', async () => {
  const { page, context } = await openWatched(app.server.url, { width: 1440, height: 900 });
  // The first framing glides into place once the drawing's size is known.
  await page.waitForTimeout(500);
  const at = async (id) => {
    const r = await page.locator(`[data-testid="node-${id}"] .result`).boundingBox();
    return [r.x, r.y];
  };
  const box = await page.locator('[data-testid="graph"]').boundingBox();
  const before = await at('c');
  // A press on the empty drawing, moved 120 right and 60 down, released.
  const [sx, sy] = [box.x + 40, box.y + box.height - 40];
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(sx + 20 * i, sy + 10 * i);
  await page.mouse.up();
  const dragged = await at('c');
  assert.ok(Math.abs(dragged[0] - before[0] - 120) < 1.5 && Math.abs(dragged[1] - before[1] - 60) < 1.5,
    `moved by ${dragged[0] - before[0]}, ${dragged[1] - before[1]}`);
  // Moving with no button held does not pan.
  await page.mouse.move(sx + 300, sy - 200);
  await page.waitForTimeout(100);
  assert.deepEqual(await at('c'), dragged, 'no pan without a pressed button');
  // A click selects and moves nothing.
  await page.click('[data-testid="node-a"]');
  await page.waitForTimeout(450);
  assert.deepEqual(await at('c'), dragged);
  assert.match(await page.getAttribute('[data-testid="node-a"]', 'class'), /hovered/);
  // Stepping keeps the user's view.
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(450);
  assert.deepEqual(await at('c'), dragged, "the walk leaves the user's view alone");
  // Fit brings the whole graph back, where it was.
  await page.click('[data-testid="fit"]');
  await page.waitForTimeout(450);
  assert.deepEqual(await at('c'), before);
  // Another expression is framed afresh, and a click does not bring back the old view.
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await page.mouse.move(sx + 200, sy, { steps: 5 });
  await page.mouse.up();
  await page.fill('[data-testid="expr-input"]', 'x*y + sin(x)');
  await page.waitForTimeout(450);
  const fresh = await at('x');
  await page.mouse.click(sx, sy);
  await page.waitForTimeout(450);
  assert.deepEqual(await at('x'), fresh, 'a click after a new expression keeps its framing');
  const seen = await measure(page);
  assert.deepEqual(seen.outside, []);
  await context.close();
});

test("one training example's pass is laid out by layers and walked in the lecture's order", async () => {
  const { page, context } = await openWatched(`${app.server.url}#view=net`, { ready: '[data-testid="network"]' });
  await page.click('[data-testid="panel-messages"]');
  await page.click('[data-testid="open-sample"]');
  await page.waitForSelector('[data-testid="graph"]');
  // Forward to the end of the forward pass, then the first backward steps.
  await page.click('[data-testid="to-forward-end"]');
  const names = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100);
    names.push(await page.getAttribute('.derivation .line.current .jump', 'aria-label'));
  }
  assert.match(names[0], /∂ℓ\/∂ℓ = 1/);
  assert.match(names[1], /∂ℓ\/∂ŷ = /, 'B₁ = ∂ℓ/∂ŷ comes second');
  assert.match(names[2], /∂ℓ\/∂(h²₁|a³₁)/);
  // Columns left to right: an input, a weight, a sum, an activation.
  await page.click('[data-testid="to-start"]');
  for (let i = 0; i < 12; i++) await page.click('[data-testid="zoom-out"]');
  await page.waitForTimeout(450);
  const x = async (id) => (await page.locator(`[data-testid="node-${id}"] .result`).boundingBox()).x;
  const order = [await x('x_1'), await x('w^{1}_{0,1}'), await x('a^{1}_{1}'), await x('h^{1}_{1}'), await x('ℓ')];
  assert.deepEqual([...order].sort((a, b) => a - b), order, `${order}`);
  await context.close();
});
