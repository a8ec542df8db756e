// Gradient descent in the step-through as a lesson uses it: the lecture's neuron with its squared
// error, the weights marked as parameters, the update phase walked with the keyboard, iteration
// after iteration with the loss falling and charted, another optimiser written with its state, the
// link keeping it all; and the panel fitting a projector.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, step, useApp } from './harness.mjs';

const app = useApp();
const NEURON = `#e=${encodeURIComponent('(y - sigmoid(w0 + w1*x))^2 / 2')}&at=y=1,w0=-0.5,w1=0.8,x=1.5`;

const number = async (page, selector, attribute) => Number(await page.getAttribute(selector, attribute));

test('the update phase follows the backward pass, and Next iteration lowers the loss as training does', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url + NEURON);
  await page.click('body');
  await page.keyboard.press('End');
  const passes = await step(page);
  await page.keyboard.press('l');
  await page.waitForSelector('[data-testid="descent"]');
  // The weights learn by default; the input and the target do not.
  assert.equal(await page.textContent('[data-testid="learn-summary"]'), 'Learn: w₀, w₁');
  await page.keyboard.press('End');
  assert.equal(await step(page), passes + 2);
  assert.match(await page.textContent('.step-index .phase'), /all updated/);
  // Each weight's update, on the graph and in the third list: w ← w − η·∂f/∂w.
  for (const w of ['w0', 'w1']) {
    const node = `[data-testid="node-${w}"]`;
    const before = await number(page, node, 'data-value');
    const gradient = await number(page, node, 'data-adjoint');
    const after = await number(page, node, 'data-updated');
    assert.ok(Math.abs(after - (before - 0.1 * gradient)) < 1e-12, `${w}: ${before} - 0.1 × ${gradient} = ${after}`);
  }
  const list = await page.textContent('[data-testid="update-list"]');
  assert.match(list, /Update 1: SGD, η = 0\.1/);
  assert.match(await page.textContent('[data-testid="step-caption"]'), /All updated: press i for the next iteration/);
  // Stepping back into the update phase shows the first weight's update in the caption.
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.getAttribute('[data-testid="node-w0"]', 'class'), /updated/);
  assert.doesNotMatch(await page.getAttribute('[data-testid="node-w1"]', 'class'), /updated/);

  const losses = [await number(page, '[data-testid="descent"]', 'data-loss')];
  for (let k = 1; k <= 5; k++) {
    if (k % 2) await page.keyboard.press('i');
    else await page.click('[data-testid="next-iteration"]');
    await page.waitForSelector(`[data-testid="descent"][data-iterations="${k}"]`);
    // The forward pass has run at the new values: the walk stands at its end.
    assert.equal(await step(page), (await page.$$('[data-testid="derivation"] .pass:first-child li')).length);
    losses.push(await number(page, '[data-testid="descent"]', 'data-loss'));
  }
  for (let k = 1; k < losses.length; k++) assert.ok(losses[k] < losses[k - 1], losses.join(' > '));
  assert.equal(await page.getAttribute('[data-testid="descent-chart"]', 'data-points'), '6');
  assert.match(await page.textContent('[data-testid="descent-change"]'), /→.*\(iteration 5\)/);

  // Start again sets the weights back and clears the chart.
  await page.click('[data-testid="descent-restart"]');
  assert.equal(await page.inputValue('[data-testid="var-w0"]'), '-0.5');
  assert.equal(await page.$('[data-testid="descent-chart"]'), null);

  // Adam: its moments and their corrections written out, its first step about η.
  await page.selectOption('[data-testid="descent-optimizer"]', { label: 'Adam' });
  await page.keyboard.press('End');
  const adam = await page.textContent('[data-testid="update-list"]');
  assert.match(adam, /Adam, η = 0\.1, t = 1/);
  const w0 = await number(page, '[data-testid="node-w0"]', 'data-value');
  const next = await number(page, '[data-testid="node-w0"]', 'data-updated');
  assert.ok(Math.abs(Math.abs(next - w0) - 0.1) < 1e-6, `Adam's first step ${next - w0}`);
  assert.equal(await page.locator('[data-testid="update-list"] math').filter({ hasText: 'm̂' }).count() > 0, true);

  // The link keeps what learns, the rate and the optimiser; a reload comes back to them.
  await page.fill('[data-testid="descent-rate"]', '0.05');
  await page.waitForFunction(() => location.hash.includes('rate=0.05'));
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /learn=w0,w1.*optimizer=adam/);
  await page.reload();
  await page.waitForSelector('[data-testid="descent"]');
  assert.equal(await page.inputValue('[data-testid="descent-rate"]'), '0.05');
  assert.equal(await page.inputValue('[data-testid="descent-optimizer"]'), '2');

  // Turning descent off leaves the two passes.
  await page.click('[data-testid="descent-toggle"]');
  await page.keyboard.press('End');
  assert.equal(await step(page), passes);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a rate too large says so, and a variable switched off has no update step', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#e=x^2&at=x=3&learn=x&rate=1.5`);
  await page.click('body');
  for (let k = 1; k <= 3; k++) await page.keyboard.press('i');
  await page.waitForSelector('[data-testid="descent"][data-iterations="3"]');
  assert.match(await page.textContent('[data-testid="descent"]'), /grew: the step overshot/);
  await page.click('[data-testid="learn-summary"]');
  await page.click('[data-testid="learn-x"]');
  assert.equal(await page.textContent('[data-testid="learn-summary"]'), 'Learn: nothing yet (choose)');
  assert.equal(await page.isDisabled('[data-testid="next-iteration"]'), true);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.step-index .phase'), /every adjoint known/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('descent fits a projector: at 1280×720, presenting or not, every optimiser, the panel, the caption and the controls on screen', async () => {
  for (const [presenting, optimizer] of [[false, 'SGD'], [true, 'SGD'], [true, 'Adam'], [false, 'Momentum']]) {
    const { page, context, errors } = await open(app.browser, app.server.url + NEURON, { width: 1280, height: 720 });
    await page.click('body');
    if (presenting) await page.keyboard.press('p');
    await page.keyboard.press('l');
    await page.selectOption('[data-testid="descent-optimizer"]', { label: optimizer });
    await page.click('body');
    for (let k = 0; k < 3; k++) await page.keyboard.press('i');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="descent-chart"]');
    const measured = await page.evaluate(() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const within = (r, o) => r.top >= o.top - 0.5 && r.left >= o.left - 0.5 && r.bottom <= o.bottom + 0.5 && r.right <= o.right + 0.5;
      const screen = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
      const panel = box('[data-testid="descent"]');
      const stage = box('.stage');
      const parts = {
        'descent-optimizer': panel, 'descent-rate': panel, 'next-iteration': panel, 'descent-chart': panel,
        'descent-change': panel, 'descent-toggle': stage, 'step-caption': stage, graph: stage,
      };
      const caption = document.querySelector('[data-testid="step-caption"]');
      return {
        outside: Object.entries(parts).filter(([id, o]) => !within(box(`[data-testid="${id}"]`), o) || !within(box(`[data-testid="${id}"]`), screen)).map(([id]) => id),
        captionCut: caption.scrollHeight > caption.clientHeight + 1 || caption.scrollWidth > caption.clientWidth + 1,
        stageInColumn: stage.right <= box('.side').left,
        scrolls: document.scrollingElement.scrollHeight > innerHeight + 1 || document.scrollingElement.scrollWidth > innerWidth + 1,
        change: parseFloat(getComputedStyle(document.querySelector('[data-testid="descent-change"]')).fontSize),
      };
    });
    assert.deepEqual(measured.outside, [], `presenting ${presenting}, ${optimizer}`);
    assert.equal(measured.captionCut, false, `presenting ${presenting}, ${optimizer}: the caption's update whole`);
    assert.equal(measured.stageInColumn, true, 'the controls keep the stage in its column');
    assert.equal(measured.scrolls, false);
    assert.ok(measured.change >= 16, `the loss line at ${measured.change}px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
