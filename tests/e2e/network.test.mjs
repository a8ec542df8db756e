// End-to-end: the network workspace in the release build, in headless Chromium, driven through
// its controls and through links, as a teacher and a student would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useApp } from './harness.mjs';

const app = useApp();

const NETWORK = { ready: '[data-testid="network"]' };
/** How long training XOR to 95% may take on a slow CI machine (it takes 1-3 s here). */
const XOR_SECONDS = 30;

async function change(page, testId, value) {
  const field = page.locator(`[data-testid="${testId}"]`);
  await field.fill(value);
  await field.dispatchEvent('change');
}

async function number(page, testId) {
  return Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
}

/** Trains until the test accuracy passes 95%; returns the seconds it took. */
async function trainToXor(page) {
  const start = Date.now();
  await page.click('[data-testid="train-play"]');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="test-accuracy"]').dataset.value) > 0.95,
    null,
    { timeout: XOR_SECONDS * 1000, polling: 100 },
  );
  const seconds = (Date.now() - start) / 1000;
  await page.click('[data-testid="train-play"]');
  return seconds;
}

test(`a 2-4-4-1 tanh network built with the controls learns XOR above 95% within ${XOR_SECONDS} s`, async () => {
  const { page, context, errors } = await open(app.browser, app.server.url);
  await page.click('[data-testid="tab-network"]');
  await page.selectOption('[data-testid="data-set"]', 'circle');
  await page.selectOption('[data-testid="data-set"]', 'xor');
  await change(page, 'units-2', '4');
  for (const label of ['Activation of layer 1', 'Activation of layer 2', 'Output activation']) {
    await page.selectOption(`[aria-label="${label}"]`, 'tanh');
  }
  assert.ok(await page.isVisible('[data-testid="weight-3-4-1"]'), 'the output has 4 inputs');
  assert.equal(await page.locator('[data-testid^="weight-"][data-value]').count(), 12 + 20 + 5);
  const seconds = await trainToXor(page);
  console.log(`# XOR through the controls: ${seconds.toFixed(1)} s, epoch ${await number(page, 'epoch')}`);
  assert.ok((await number(page, 'test-accuracy')) > 0.95);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same network from a shared link learns XOR, and the link reproduces the run exactly', async () => {
  const link = `${app.server.url}#view=net&data=xor&layers=4:tanh,4:tanh&out=tanh&lr=0.03&batch=10&wseed=3`;
  const weightsAfterFiveEpochs = [];
  for (let k = 0; k < 2; k++) {
    const { page, context } = await open(app.browser, link, NETWORK);
    for (let i = 0; i < 5; i++) await page.click('[data-testid="train-epoch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.value === '5');
    const values = await page.$$eval('[data-testid^="weight-"][data-value]', (edges) => edges.map((e) => e.dataset.value));
    weightsAfterFiveEpochs.push(values);
    if (k === 1) {
      const seconds = await trainToXor(page);
      console.log(`# XOR from a link: ${seconds.toFixed(1)} s more`);
    }
    await context.close();
  }
  assert.equal(weightsAfterFiveEpochs[0].length, 37);
  assert.deepEqual(weightsAfterFiveEpochs[0], weightsAfterFiveEpochs[1]);
});

test('the trained weights travel in the link when asked', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net`, NETWORK);
  for (let i = 0; i < 3; i++) await page.click('[data-testid="train-epoch"]');
  await page.check('[data-testid="keep-weights"]');
  const trained = await page.getAttribute('[data-testid="weight-2-3-2"]', 'data-value');
  const url = page.url();
  assert.match(url, /&w=/);
  const other = await open(app.browser, url, NETWORK);
  assert.equal(await other.page.getAttribute('[data-testid="weight-2-3-2"]', 'data-value'), trained);
  await other.context.close();
  await context.close();
});

const PHI = {
  linear: (x) => [x, 1],
  sigmoid: (x) => {
    const s = 1 / (1 + Math.exp(-x));
    return [s, s * (1 - s)];
  },
  tanh: (x) => [Math.tanh(x), 1 - Math.tanh(x) ** 2],
  relu: (x) => [Math.max(x, 0), x >= 0 ? 1 : 0],
  leaky_relu: (x, a) => [Math.max(x, a * x), x >= 0 ? 1 : a],
  elu: (x, a) => [x >= 0 ? x : a * (Math.exp(x) - 1), x >= 0 ? 1 : a * Math.exp(x)],
};

async function checkGallery(page, a) {
  for (const [name, phi] of Object.entries(PHI)) {
    const samples = await page.getAttribute(`[data-testid="gallery-${name}"]`, 'data-samples');
    const points = samples.split(';').map((p) => p.split(',').map(Number));
    assert.equal(points.length, 7);
    for (const [x, value, slope] of points) {
      const [v, d] = phi(x, a);
      assert.ok(Math.abs(value - v) < 1e-12, `${name}(${x}) = ${value}, expected ${v}`);
      assert.ok(Math.abs(slope - d) < 1e-12, `${name}'(${x}) = ${slope}, expected ${d}`);
    }
  }
}

test("the activation gallery states the engine's φ and φ′, following the slider for a", async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#view=net&demo=gallery`, NETWORK);
  assert.equal(await page.locator('.gallery-card canvas').count(), 6);
  await checkGallery(page, 0.1);
  await page.locator('[data-testid="gallery-a"]').fill('0.3');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="gallery-elu"]').dataset.samples.startsWith('-2,-0.259'),
  );
  await checkGallery(page, 0.3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered link opens the default network with a notice that says why', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net&layers=4:swish`, NETWORK);
  assert.match(await page.textContent('[data-testid="network-notice"]'), /'swish' is not an activation/);
  assert.ok(await page.isVisible('[data-testid="weight-3-2-1"]'), 'the default 2-4-2-1');
  await context.close();
});

test('an exploding loss stops training with a plain message and the page keeps working', async () => {
  const link = `${app.server.url}#view=net&data=circle&layers=8:relu,8:relu,8:relu&out=linear&lr=10`;
  const { page, context, errors } = await open(app.browser, link, NETWORK);
  await page.click('[data-testid="train-play"]');
  const notice = page.locator('[data-testid="network-notice"]');
  await notice.waitFor({ timeout: 10000 });
  assert.match(await notice.textContent(), /lower the learning rate/);
  assert.equal(await page.textContent('[data-testid="train-play"]'), 'Train', 'training stopped');
  await page.click('[data-testid="train-reset"]');
  assert.equal(await number(page, 'epoch'), 0);
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('[data-testid="crash"]').count(), 0);
  await context.close();
});

test('two runs train side by side with their own settings', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net&data=circle`, NETWORK);
  await page.click('[data-testid="compare"]');
  await change(page, 'units-1', '8');
  // The two runs side by side are the third tab beside the settings.
  await page.click('[data-testid="panel-demo"]');
  assert.equal(await page.textContent('[data-testid="panel-demo"]'), 'Comparison');
  await page.click('[data-testid="train-play"]');
  await page.waitForFunction(() =>
    [0, 1].every((r) => {
      const row = document.querySelector(`[data-testid="summary-${r}"]`);
      return row && Number(row.children[3].textContent) >= 5;
    }),
  );
  await page.click('[data-testid="train-play"]');
  const shapes = await page.$$eval('[data-testid^="summary-"]', (rows) => rows.map((r) => r.children[1].textContent));
  assert.deepEqual(shapes, ['2-4-2-1', '2-8-2-1']);
  assert.equal(await page.locator('canvas[data-paint^="boundary:"]').count(), 2);
  await context.close();
});

test('clicking the plane adds a point and the workspace survives a reload', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#view=net&data=gauss`, NETWORK);
  await page.click('[data-testid="panel-messages"]');
  const before = Number(await page.getAttribute('[data-testid="sample-index"]', 'max'));
  const box = await page.locator('[data-testid="boundary-0"]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.45);
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="sample-index"]').max) === n + 1,
    before,
  );
  await change(page, 'learning-rate', '0.1');
  // Back to the bare address: the stepper opens, and the network tab has the saved workspace.
  await page.goto(app.server.url);
  await page.waitForSelector('[data-testid="graph"]');
  await page.click('[data-testid="tab-network"]');
  assert.equal(await page.inputValue('[data-testid="learning-rate"]'), '0.1');
  assert.equal(Number(await page.getAttribute('[data-testid="sample-index"]', 'max')), before + 1);
  await context.close();
});
