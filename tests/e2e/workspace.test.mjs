// The network workspace as a teacher uses it, measured: everything on one screen at a
// projector's and a laptop's size (and presenting), no control covering another on a deep
// network, charts whose axes start right, each data set with its own settings, a reload that keeps
// the trained network, and a learning rate too large named while the loss is still finite.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useApp } from './harness.mjs';

const app = useApp();
const NETWORK = { ready: '[data-testid="network"]' };

async function change(page, selector, value) {
  const field = page.locator(selector);
  if ((await field.evaluate((e) => e.tagName)) === 'SELECT') {
    await field.selectOption(value);
  } else {
    await field.fill(value);
    await field.dispatchEvent('change');
  }
}

/** Regions that scroll although they should not, and core pieces not wholly on screen. */
function measureOneScreen(page, plane) {
  return page.evaluate((plane) => {
    const overflowing = [];
    const page = document.scrollingElement;
    if (page.scrollHeight > page.clientHeight + 1 || page.scrollWidth > page.clientWidth + 1) overflowing.push('the page');
    for (const selector of ['.net', '.net-main', '.setup', '.centre', '.outputs']) {
      const e = document.querySelector(selector);
      if (e && e.scrollHeight > e.clientHeight + 1) overflowing.push(`${selector} (${e.scrollHeight} in ${e.clientHeight})`);
    }
    const offscreen = [];
    // Presenting, the settings step aside (p brings them back); a demonstration takes the
    // diagram's place, which stays one tab away.
    const presenting = document.documentElement.dataset.presentation === 'on';
    const demo = !document.querySelector('[data-testid="diagram"]');
    const core = ['train-play', 'loss-chart', 'accuracy-chart', 'panel-network'];
    if (plane) core.push('boundary-0');
    if (!presenting) core.push('data-set', 'learning-rate');
    if (!demo) core.push('diagram');
    for (const id of core) {
      const e = document.querySelector(`[data-testid="${id}"]`);
      if (!e) { offscreen.push(`${id} (missing)`); continue; }
      const r = e.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.height < 1) offscreen.push(id);
    }
    const bar = document.querySelector('.net-bar').getBoundingClientRect().height;
    const small = [...document.querySelectorAll('.net *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length)
      .map((e) => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize)])
      .filter(([, size]) => size < 12);
    const chartText = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--chart-text'));
    return { overflowing, offscreen, bar, small, chartText };
  }, plane);
}

for (const [width, height] of [[1280, 720], [1440, 900]]) {
  for (const present of [false, true]) {
    test(`at ${width}×${height}${present ? ', presenting' : ''}, the core of the workspace is on one screen`, async () => {
      const { page, context, errors } = await open(app.browser, `${app.server.url}#view=net${present ? '&present=1' : ''}`, { width, height, ...NETWORK });
      // The default network, a deep one, a demonstration open, and a lesson's stop with its
      // banner: none pushes the core off screen.
      // A data set with settings of its own (a typed curve and its margin; a file's summary and
      // scale) fits as well.
      const boundary = '&data=boundary%3A0.5%3Ax%5E2%2F3+-+2';
      const file = '&data=rows&file=exam.csv&col1=hours+studied&col2=hours+slept&label=result&neg=fail&pos=pass&scale=standard&rows=3.2%3A4.1%3A-1%3B5.4%3A5.6%3A-1%3B8%3A7%3A1%3B9%3A6.5%3A1';
      for (const hash of ['', '&layers=8:tanh,8:tanh,8:tanh,8:tanh,8:tanh,8:tanh', '&demo=gallery', '&demo=parity', '&lesson=2', boundary, file]) {
        await page.goto(`${app.server.url}#view=net${hash}${present ? '&present=1' : ''}`);
        await page.reload();
        await page.waitForSelector('[data-testid="network"]');
        await page.waitForTimeout(300);
        if (hash.includes('lesson')) assert.equal(await page.locator('[data-testid="lesson-panel"]').count(), 1, 'the lesson is open');
        // Parity's inputs are bits, not a plane: it has no decision boundary to draw.
        const seen = await measureOneScreen(page, !hash.includes('parity'));
        const name = `${width}×${height}${present ? ' presenting' : ''}${hash}`;
        assert.deepEqual(seen.overflowing, [], `${name}: scrolls`);
        assert.deepEqual(seen.offscreen, [], `${name}: not on screen`);
        assert.ok(seen.bar < 52, `${name}: the training bar wraps (${seen.bar} px)`);
        assert.deepEqual(seen.small, [], `${name}: text under 12 px`);
        assert.ok(seen.chartText >= (present ? 16 : 12), `${name}: chart text ${seen.chartText} px`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('on a 6 × 8 and an 8 × 16 network no control covers another', async () => {
  for (const layers of ['8:tanh,8:tanh,8:tanh,8:tanh,8:tanh,8:tanh', Array(8).fill('16:relu').join(',')]) {
    const { page, context } = await open(app.browser, `${app.server.url}#view=net&layers=${layers}`, NETWORK);
    const covered = await page.evaluate(() => {
      const found = [];
      for (const control of document.querySelectorAll('.net button, .net input, .net select')) {
        const r = control.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        // Controls scrolled out of their region (a deep network scrolls sideways) are not covered.
        let clip = control.parentElement;
        let hidden = false;
        for (; clip; clip = clip.parentElement) {
          const style = getComputedStyle(clip);
          if (/(auto|scroll|hidden)/.test(style.overflowX + style.overflowY)) {
            const c = clip.getBoundingClientRect();
            if (x < c.left || x > c.right || y < c.top || y > c.bottom) hidden = true;
          }
        }
        if (hidden || x > innerWidth || y > innerHeight) continue;
        const top = document.elementFromPoint(x, y);
        if (!(top === control || control.contains(top) || top?.closest('label')?.contains(control))) {
          found.push(`${control.dataset.testid ?? control.getAttribute('aria-label') ?? control.textContent} under ${top?.className ?? top?.tagName}`);
        }
      }
      return found;
    });
    assert.deepEqual(covered, [], layers);
    // Units keep a readable size: a deep network scrolls sideways rather than shrinking them (a
    // column of 16 fits the screen's height at 18 px).
    const unit = await page.locator('[data-testid="unit-1-1"]').boundingBox();
    const least = layers.startsWith('16') ? 18 : 24;
    assert.ok(unit.width >= least, `${layers}: units are ${unit.width} px wide`);
    await context.close();
  }
});

test('charts start at epoch 0 and the gallery shows each φ over its whole range', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  await page.waitForSelector('[data-testid="loss-chart"][data-x-range]');
  const range = async (selector, axis) => (await page.getAttribute(selector, `data-${axis}-range`)).split(' ').map(Number);
  assert.deepEqual(await range('[data-testid="loss-chart"]', 'x'), [0, 5], 'epoch 0 reads as 0, not -1 to 1');
  const [lo, hi] = await range('[data-testid="loss-chart"]', 'y');
  assert.ok(hi - lo >= 0.01, `a flat loss gets a readable y range (${lo}..${hi})`);
  await change(page, '[data-testid="demo"]', 'gallery');
  await page.waitForSelector('canvas[data-paint="gallery:0"][data-y-range]');
  const [linearLow, linearHigh] = await range('canvas[data-paint="gallery:0"]', 'y');
  assert.ok(linearLow <= -4 && linearHigh >= 4, `the linear φ reaches ±4 at x = ±4 (${linearLow}..${linearHigh})`);
  const [reluLow] = await range('canvas[data-paint="gallery:3"]', 'y');
  assert.ok(reluLow > -1, `ReLU's axis starts near its lowest value, 0 (${reluLow})`);
  await context.close();
});

test('each data set opens with its own settings, and gets back the ones the user chose', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  const output = 'select[aria-label="Output activation"]';
  await change(page, '[data-testid="data-set"]', 'parity:4');
  assert.equal(await page.inputValue('[data-testid="data-points"]'), '16');
  await change(page, '[data-testid="data-set"]', 'plane');
  assert.equal(await page.inputValue(output), 'linear');
  await change(page, '[data-testid="data-set"]', 'circle');
  assert.equal(await page.inputValue('[data-testid="data-points"]'), '500', 'not the parity’s 16');
  assert.equal(await page.inputValue(output), 'tanh', 'not the plane’s linear output');
  await change(page, '[data-testid="data-points"]', '200');
  await change(page, '[data-testid="data-set"]', 'xor');
  assert.equal(await page.inputValue('[data-testid="data-points"]'), '500');
  await change(page, '[data-testid="data-set"]', 'circle');
  assert.equal(await page.inputValue('[data-testid="data-points"]'), '200');
  await context.close();
});

test('a reload keeps the trained network, weights and all', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  for (let i = 0; i < 20; i++) await page.click('[data-testid="train-epoch"]');
  const weight = () => page.getAttribute('[data-testid="weight-1-0-1"]', 'data-value');
  const loss = () => page.getAttribute('[data-testid="train-loss"]', 'data-value');
  const [before, trained] = [await weight(), await loss()];
  assert.equal(await page.isChecked('[data-testid="keep-weights"]'), false, 'without asking for weights in the link');
  await page.reload();
  await page.waitForSelector('[data-testid="network"]');
  assert.equal(await weight(), before);
  assert.equal(await loss(), trained);
  await context.close();
});

test('too large a learning rate is named while the loss is still finite', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net&lr=10`, NETWORK);
  for (let i = 0; i < 40; i++) await page.click('[data-testid="train-epoch"]');
  const warning = await page.textContent('[data-testid="training-warning"]');
  assert.match(warning, /learning rate \(now 10\) is too large/);
  assert.ok(Number.isFinite(Number(await page.getAttribute('[data-testid="train-loss"]', 'data-value'))));
  await context.close();
});

test('a weight shows its card on hover and is set where it is, by mouse or by keyboard alone', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  // Hover: the card names the weight, its value and how to set it.
  const path = page.locator('[data-testid="weight-2-3-1"]');
  const box = await path.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('[data-testid="weight-card"]');
  const card = await page.textContent('[data-testid="weight-card"]');
  assert.match(card, /w²₃,₁ = -?\d/);
  assert.match(card, /∂ℓ\/∂w/);
  await page.mouse.move(5, 5);
  await page.waitForSelector('[data-testid="weight-card"]', { state: 'detached' });
  // Keyboard: Tab reaches the first weight; the arrows walk them; Enter sets one in its card.
  await page.focus('[data-testid="weight-1-0-1"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'weight-1-2-1');
  assert.equal(await page.textContent('[data-testid="epoch"]'), '0', 'the arrows did not step training');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="weight-editor"] input');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid="weight-editor"]') !== null), true, 'the field has the focus');
  await page.fill('[data-testid="weight-editor"] input', '0.75');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="weight-1-2-1"]').dataset.value === '0.75');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'weight-1-2-1', 'focus comes back to the weight');
  await context.close();
});

test('the keyboard walks the units too: arrows across and down the diagram, each shown over the plane, Enter into its weights', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  const active = () => page.evaluate(() => document.activeElement.dataset.testid);
  // The plane shows the focused unit's map once the page has rendered the focus.
  const showing = (name) => page.waitForFunction((name) => document.querySelector('[data-testid="spotlight"]')?.textContent.startsWith(`Showing ${name} over the plane`), name);
  // One Tab stop for the units (the first input), one for the weights.
  const stops = await page.$$eval('.unit[tabindex="0"]', (units) => units.map((u) => u.dataset.testid));
  assert.deepEqual(stops, ['unit-0-1']);
  await page.focus('[data-testid="unit-0-1"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(), 'unit-1-1');
  await showing('h¹₁');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), 'unit-1-3');
  await showing('h¹₃');
  // Into the next layer, kept within its two units; the end is the output.
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(), 'unit-2-2');
  await page.keyboard.press('End');
  assert.equal(await active(), 'unit-3-1');
  await showing('ŷ');
  assert.equal(await page.textContent('[data-testid="epoch"]'), '0', 'no key stepped training');
  // Enter goes to the unit's bias, whose arrows walk its weights.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  assert.equal(await active(), 'weight-2-0-1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), 'weight-2-1-1');
  // The unit the keyboard left is the units' Tab stop now, and leaving it ends the spotlight.
  assert.equal(await page.getAttribute('[data-testid="unit-2-1"]', 'tabindex'), '0');
  await page.waitForSelector('[data-testid="spotlight"]', { state: 'detached' });
  await context.close();
});

test('pointing at a chart reads out the values at the epoch under the pointer', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  for (let i = 0; i < 10; i++) await page.click('[data-testid="train-epoch"]');
  await page.waitForSelector('[data-testid="loss-chart"][data-plot]');
  const box = await page.locator('[data-testid="loss-chart"]').boundingBox();
  const [left, top, right, bottom] = (await page.getAttribute('[data-testid="loss-chart"]', 'data-plot')).split(' ').map(Number);
  // The last epoch, at the plot's right edge: the readout agrees with the stats under the plot.
  await page.mouse.move(box.x + right - 1, box.y + (top + bottom) / 2);
  const readout = await page.textContent('[data-testid="loss-readout"]');
  const loss = (await page.textContent('[data-testid="train-loss"]')).replace('Train loss', '').trim();
  assert.match(readout, /^epoch 10: train /);
  assert.ok(readout.includes(`train ${loss}`), `${readout} shows ${loss}`);
  assert.match(await page.textContent('[data-testid="accuracy-readout"]'), /^epoch 10: train \d+(\.\d+)?% · test/);
  // The first epoch at the left edge; off the chart, no readout.
  await page.mouse.move(box.x + left + 1, box.y + (top + bottom) / 2);
  assert.match(await page.textContent('[data-testid="loss-readout"]'), /^epoch 0:/);
  await page.mouse.move(5, 5);
  assert.equal(await page.locator('[data-testid="loss-readout"]').count(), 0);
  await context.close();
});

test('training runs in a worker, and a pause, an edit or a reset takes effect at once', async () => {
  const { page, context, errors } = await open(
    app.browser,
    `${app.server.url}#view=net&data=circle&layers=8:tanh,8:tanh&out=tanh&opt=adam&lr=0.003`,
    NETWORK,
  );
  await page.waitForSelector('[data-testid="network"][data-trainer="worker"]');
  const epoch = async () => Number(await page.getAttribute('[data-testid="epoch"]', 'data-value'));
  const reaches = (n) =>
    page.waitForFunction((n) => Number(document.querySelector('[data-testid="epoch"]').dataset.value) >= n, n);
  await page.click('[data-testid="train-play"]');
  await reaches(20);
  // An edit while training goes to the worker, which carries on from where the run was.
  const before = await epoch();
  await change(page, '[data-testid="learning-rate"]', '0.01');
  assert.ok((await epoch()) >= before, 'the edit kept the trained run');
  await reaches(before + 20);
  assert.match(page.url(), /lr=0\.01/);
  // Paused, no report still on its way changes the run.
  await page.click('[data-testid="train-play"]');
  const paused = await epoch();
  await page.waitForTimeout(400);
  assert.equal(await epoch(), paused);
  // Nor after a reset while training.
  await page.click('[data-testid="train-play"]');
  await reaches(paused + 10);
  await page.click('[data-testid="train-reset"]');
  assert.equal(await epoch(), 0);
  await page.waitForTimeout(400);
  assert.equal(await epoch(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the network tab chosen right after a step is the tab a reload opens', async () => {
  // The stepper writes its link a moment after its view settles; a tab switch inside that moment
  // once let the stepper's link overwrite the network's, and a reload opened the stepper.
  for (const wait of [0, 50, 100, 150]) {
    const { page, context, errors } = await open(app.browser, `${app.server.url}#e=sqrt%28x%5E2+%2B+exp%28x%5E2%29%29+%2B+cos%28x%5E2+%2B+exp%28x%5E2%29%29&at=x%3D2`);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(wait);
    await page.click('[data-testid="tab-network"]');
    await page.waitForSelector('[data-testid="network"]');
    await page.waitForTimeout(600);
    assert.match(page.url(), /#view=net&/, `${wait} ms after the step`);
    await page.reload();
    await page.waitForSelector('[data-testid="network"]');
    assert.deepEqual(errors, []);
    await context.close();
  }
});
