// End-to-end: the release build in headless Chromium, driven as a student would drive it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, step, useApp } from './harness.mjs';

const app = useApp();

const LECTURE = 'sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))';

/** Waits until the step counter shows `expected` (renders follow key presses asynchronously). */
async function stepBecomes(page, expected) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="step-index"]').dataset.step) === n,
    expected,
    { timeout: 5000 },
  );
}

test('the lecture: step to the end and read ∂f/∂x = -182.87', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url);
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), LECTURE);
  assert.equal(await step(page), 0);
  for (let i = 0; i < 13; i++) {
    await page.click('[data-testid="step-next"]');
  }
  await stepBecomes(page, 13);
  const gradient = Number(await page.getAttribute('[data-testid="gradient-x"]', 'data-value'));
  assert.ok(Math.abs(gradient - -182.86980730598307) < 1e-9, `${gradient}`);
  const adjoints = {};
  for (const name of ['f', 'e', 'd', 'c', 'b', 'a', 'x']) {
    adjoints[name] = Number(await page.getAttribute(`[data-testid="node-${name}"]`, 'data-adjoint'));
  }
  assert.deepEqual(
    Object.values(adjoints).map((v) => Number(v.toPrecision(5))),
    [1, 1, 1, -0.82228, -0.82228, -45.717, -182.87],
  );
  assert.match(await page.textContent('[data-testid="step-caption"]'), /Done/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken expression shows the error with its column and keeps the last graph', async () => {
  const { page, context } = await open(app.browser, app.server.url);
  await page.fill('[data-testid="expr-input"]', 'sqrt(x^2 + exp(x^2) + cos(x');
  const error = await page.textContent('[data-testid="parse-error"]');
  assert.match(error, /error at column 28: expected '\)' to close '\(' at column 26/);
  assert.ok(await page.isVisible('[data-testid="node-e"]'), 'the lecture graph is still drawn');
  assert.ok(await page.isVisible('.graph.stale'));
  await page.fill('[data-testid="expr-input"]', 'sqrt(x^2 + exp(x^2)) + cos(x)');
  assert.equal(await page.$('[data-testid="parse-error"]'), null);
  assert.equal(await page.$('.graph.stale'), null);
  await context.close();
});

test('a shared link restores the same view', async () => {
  const first = await open(app.browser, app.server.url);
  await first.page.fill('[data-testid="expr-input"]', 'x*y + exp(-y)');
  await first.page.fill('[data-testid="var-y"]', '-0.5');
  await first.page.click('[data-testid="toggle-tree"]');
  await first.page.click('body');
  await first.page.keyboard.press('End');
  const last = Number(await first.page.getAttribute('[data-testid="scrubber"]', 'max'));
  await stepBecomes(first.page, last);
  await first.page.keyboard.press('ArrowLeft');
  await stepBecomes(first.page, last - 1);
  await first.page.waitForFunction((n) => location.hash.includes(`step=${n}`), last - 1);
  const shared = first.page.url();
  const values = async (page) =>
    page.$$eval('[data-testid^="node-"]', (nodes) =>
      nodes.map((n) => [n.dataset.testid, n.dataset.value, n.dataset.adjoint]),
    );
  const expected = await values(first.page);
  const expectedStep = await step(first.page);
  await first.context.close();

  const second = await open(app.browser, shared);
  assert.equal(await step(second.page), expectedStep);
  assert.equal(await second.page.inputValue('[data-testid="expr-input"]'), 'x*y + exp(-y)');
  assert.equal(await second.page.inputValue('[data-testid="var-y"]'), '-0.5');
  assert.equal(await second.page.getAttribute('[data-testid="toggle-tree"]', 'aria-pressed'), 'true');
  assert.deepEqual(await values(second.page), expected);
  await second.context.close();
});

test('a tampered link falls back to the lecture with a notice', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#e=(((&step=banana`);
  assert.match(await page.textContent('[data-testid="notice"]'), /could not be opened/);
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), LECTURE);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the last session comes back after a reload without a link', async () => {
  const { page, context } = await open(app.browser, app.server.url);
  await page.fill('[data-testid="expr-input"]', 'tanh(w*x)');
  // Stored at once, not when the page is left: Chromium may start the next page before the old
  // one runs its leaving handlers (this test once failed that way in CI).
  const stored = await page.evaluate(() =>
    new URLSearchParams(localStorage.getItem('chainrule.session')).get('e'),
  );
  assert.equal(stored, 'tanh(w*x)');
  await page.goto(app.server.url);
  await page.reload();
  await page.waitForSelector('[data-testid="graph"]');
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), 'tanh(w*x)');
  await context.close();
});

test('keyboard: arrows step, Home and End jump, space plays and pauses', async () => {
  const { page, context } = await open(app.browser, app.server.url);
  await page.click('body');
  // The first key also proves the page's key listener is in place before counting on it.
  await page.keyboard.press('ArrowRight');
  await stepBecomes(page, 1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await stepBecomes(page, 3);
  await page.keyboard.press('ArrowLeft');
  await stepBecomes(page, 2);
  await page.keyboard.press('End');
  await stepBecomes(page, 13);
  await page.keyboard.press('Home');
  await stepBecomes(page, 0);
  await page.selectOption('select[aria-label="Animation speed"]', '10');
  await page.click('body');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-index"]').dataset.step) >= 3);
  await page.keyboard.press(' ');
  const paused = await step(page);
  await page.waitForTimeout(400);
  assert.equal(await step(page), paused, 'space paused the animation');
  await page.keyboard.press('p');
  assert.equal(await page.getAttribute('html', 'data-presentation'), 'on');
  await page.keyboard.press('t');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await context.close();
});

test('two fingers on the graph zoom: apart zooms in, together zooms out', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url);
  const scale = async () => Number(await page.getAttribute('[data-testid="graph"]', 'data-scale'));
  // Touch pointers as a tablet sends them, over the drawing's box.
  const touch = (type, id, x, y) => page.evaluate(([type, id, x, y]) => {
    const graph = document.querySelector('[data-testid="graph"]');
    const box = graph.getBoundingClientRect();
    graph.dispatchEvent(new PointerEvent(type, {
      pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: 0, buttons: 1,
      clientX: box.left + x, clientY: box.top + y, bubbles: true,
    }));
  }, [type, id, x, y]);
  const start = await scale();
  await touch('pointerdown', 1, 300, 200);
  await touch('pointerdown', 2, 400, 200);
  for (let k = 1; k <= 5; k++) await touch('pointermove', 2, 400 + 20 * k, 200);
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid="graph"]').dataset.scale) > s, start);
  const apart = await scale();
  // The fingers went from 100 to 200 px apart: twice the scale.
  assert.ok(Math.abs(apart / start - 2) < 0.01, `${start} → ${apart}`);
  for (let k = 4; k >= 0; k--) await touch('pointermove', 2, 400 + 20 * k, 200);
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid="graph"]').dataset.scale) < s, apart);
  assert.ok(Math.abs((await scale()) / start - 1) < 0.01, 'back together, back to the start');
  await touch('pointerup', 2, 400, 200);
  await touch('pointerup', 1, 300, 200);
  assert.deepEqual(errors, []);
  await context.close();
});
