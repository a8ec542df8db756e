// Descent's paths over a surface as a class uses them: a function of two variables mapped, the
// paths of SGD, momentum and Adam computed in the browser equal to the same updates worked here in
// plain JavaScript, the start dragged, the classic surfaces opened from the menu, a rate changed
// on its slider, and the link (and a reload) keeping the start and the settings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useApp } from './harness.mjs';

const app = useApp();

/** The three optimisers on f = x² + 3y², written out independently of the engine. */
function reference(start, [sgd, momentum, beta, adam], steps) {
  const grad = ([x, y]) => [2 * x, 6 * y];
  const run = (update) => {
    let p = [...start];
    const state = [{ v: 0, m: 0, s: 0 }, { v: 0, m: 0, s: 0 }];
    for (let t = 1; t <= steps; t++) {
      const g = grad(p);
      p = p.map((w, i) => update(w, g[i], state[i], t));
    }
    return p;
  };
  return [
    run((w, g) => w - sgd * g),
    run((w, g, st) => { st.v = beta * st.v + g; return w - momentum * st.v; }),
    run((w, g, st, t) => {
      st.m = 0.9 * st.m + 0.1 * g;
      st.s = 0.999 * st.s + 0.001 * g * g;
      const mHat = st.m / (1 - 0.9 ** t);
      const sHat = st.s / (1 - 0.999 ** t);
      return w - adam * mHat / (Math.sqrt(sHat) + 1e-8);
    }),
  ];
}

const ends = async (page) => (await page.getAttribute('[data-testid="surface"]', 'data-ends'))
  .split(';').map((e) => e.split(',').map(Number));

function close(a, b, what) {
  for (let i = 0; i < 2; i++) {
    const scale = Math.max(1e-300, Math.abs(a[i]), Math.abs(b[i]));
    assert.ok(Math.abs(a[i] - b[i]) <= 1e-9 * scale, `${what}: ${a} vs ${b}`);
  }
}

test('the paths are the optimisers\' own updates, follow a dragged start, and the link keeps them', async () => {
  const settings = [0.1, 0.05, 0.8, 0.2];
  const link = `#e=${encodeURIComponent('x^2 + 3*y^2')}&at=x=1,y=1&paths=${settings.join(',')}`;
  const { page, context, errors } = await open(app.browser, app.server.url + link, { width: 1440, height: 900 });
  const surface = page.locator('[data-testid="surface"]');
  await surface.scrollIntoViewIfNeeded();
  assert.equal(await surface.getAttribute('data-steps'), '200,200,200');
  const expected = reference([1, 1], settings, 200);
  (await ends(page)).forEach((end, k) => close(end, expected[k], ['SGD', 'momentum', 'Adam'][k]));
  assert.match(await page.textContent('[data-testid="path-outcome-0"]'), /f = .* after 200 steps/);

  // Drag the start to the map's top-left quarter: the paths start there.
  const map = await page.locator('[data-testid="surface-map"]').boundingBox();
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
  await page.mouse.down();
  await page.mouse.move(map.x + map.width * 0.3, map.y + map.height * 0.25, { steps: 8 });
  await page.mouse.up();
  const [sx, sy] = (await surface.getAttribute('data-start')).split(',').map(Number);
  // The window is ±3 around (1, 1): 0.3 across is x = -0.2, a quarter down from the top y = 2.5.
  assert.ok(Math.abs(sx + 0.2) < 0.05 && Math.abs(sy - 2.5) < 0.05, `start (${sx}, ${sy})`);
  const moved = reference([sx, sy], settings, 200);
  (await ends(page)).forEach((end, k) => close(end, moved[k], `from the dragged start, ${k}`));
  await page.waitForFunction(() => location.hash.includes('from='));

  // The reload keeps the start and the settings.
  await page.reload();
  await page.waitForSelector('[data-testid="surface"]');
  assert.equal(await page.getAttribute('[data-testid="surface"]', 'data-start'), `${sx},${sy}`);
  (await ends(page)).forEach((end, k) => close(end, moved[k], `after a reload, ${k}`));

  // A rate on its slider: SGD's path changes, the others do not.
  const before = await ends(page);
  await page.locator('[data-testid="path-rate-0"]').fill('-2');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('paths=0.01,'));
  const after = await ends(page);
  assert.notDeepEqual(after[0], before[0]);
  assert.deepEqual(after.slice(1), before.slice(1));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the classic surfaces open from the menu, each at its start, and fit a projector', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#e=x*y&at=x=1,y=2`, { width: 1280, height: 720 });
  const names = await page.locator('[data-testid="classic"] option').allTextContents();
  assert.deepEqual(names.slice(1), ["Rosenbrock's narrow valley", 'A saddle', 'Two minima', 'A long thin bowl']);
  await page.selectOption('[data-testid="classic"]', { label: "Rosenbrock's narrow valley" });
  await page.waitForFunction(() => document.querySelector('[data-testid="expr-input"]').value === '(1 - x)^2 + 100*(y - x^2)^2');
  assert.equal(await page.inputValue('[data-testid="var-x"]'), '-1.2');
  const surface = page.locator('[data-testid="surface"]');
  assert.equal(await surface.getAttribute('data-start'), '-1.2,1');
  // Momentum finds the valley's floor; SGD at the same η crawls.
  const [sgd, momentum] = (await surface.getAttribute('data-ends')).split(';').map((e) => e.split(',').map(Number));
  const rosenbrock = ([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  assert.ok(rosenbrock(momentum) < rosenbrock(sgd), `${momentum} below ${sgd}`);
  await surface.scrollIntoViewIfNeeded();
  const seen = await page.evaluate(() => {
    const side = document.querySelector('.side').getBoundingClientRect();
    const map = document.querySelector('[data-testid="surface-map"]').getBoundingClientRect();
    return {
      inColumn: map.left >= side.left - 0.5 && map.right <= side.right + 0.5,
      square: Math.abs(map.width - map.height) < 1,
      scrolls: document.scrollingElement.scrollHeight > innerHeight + 1 || document.scrollingElement.scrollWidth > innerWidth + 1,
    };
  });
  assert.deepEqual(seen, { inColumn: true, square: true, scrolls: false });
  // One variable: no surface (and no crash: the panel's hooks run either way); two again: back.
  await page.fill('[data-testid="expr-input"]', 'x^2');
  await page.waitForSelector('[data-testid="surface"]', { state: 'detached' });
  await page.fill('[data-testid="expr-input"]', 'x^2 + y^2');
  await page.waitForSelector('[data-testid="surface"]');
  assert.deepEqual(errors, []);
  await context.close();
});
