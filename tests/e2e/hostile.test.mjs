// Nothing a user pastes or a link carries may freeze or kill the page. Each case below (the
// issue's table, then a generated corpus of hostile links, stored states, typed text and model
// files: over 300 in all) is fed to the release build in headless Chromium, and afterwards the
// page must answer within a second, no task may have held its main thread for a second, a button
// must still work, nothing may have panicked, and where the input was refused the user's work must
// still be there. The worst freeze, the longest task and the largest WebAssembly memory are printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp } from './harness.mjs';

const app = useApp();
const worst = { freeze: 0, freezeCase: '', task: 0, taskCase: '', memory: 0, memoryCase: '', cases: 0 };

const LECTURE = 'sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))';
const enc = encodeURIComponent;

/** A page of its own for a batch of cases, with the app's WebAssembly memory in reach. */
async function session() {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    // The longest the main thread was held since the page loaded: what a user would feel.
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** Milliseconds the page takes to answer `1 + 1` (Infinity if not within `limit`). */
async function answerTime(page, limit = 1000) {
  const start = Date.now();
  const answered = await Promise.race([
    page.evaluate(() => 1 + 1),
    new Promise((r) => setTimeout(() => r('frozen'), limit)),
  ]);
  return answered === 2 ? Date.now() - start : Infinity;
}

/** Checks the page after a case: it answers within a second, a button works, nothing panicked. */
async function healthy(page, errors, name) {
  const time = await answerTime(page);
  assert.ok(time < 1000, `${name}: the page did not answer within a second`);
  const memory = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  const task = Math.round(await page.evaluate(() => window.__longest));
  worst.cases++;
  if (time > worst.freeze) Object.assign(worst, { freeze: time, freezeCase: name });
  if (task > worst.task) Object.assign(worst, { task, taskCase: name });
  assert.ok(task < 1000, `${name}: the page was frozen for ${task} ms`);
  if (memory > worst.memory) Object.assign(worst, { memory, memoryCase: name });
  assert.equal(await page.locator('[data-testid="crash"]').count(), 0, `${name}: it panicked`);
  assert.deepEqual(errors, [], `${name}: page errors`);
  // A button still works: the theme changes.
  const before = await page.getAttribute('html', 'data-theme');
  try {
    await page.click('[data-testid="theme"]', { timeout: 3000 });
    await page.waitForFunction((b) => document.documentElement.getAttribute('data-theme') !== b, before, { timeout: 3000 });
  } catch (error) {
    assert.fail(`${name}: the theme button did not answer (${String(error).split('\n')[0]})`);
  }
}

/** Clicks the button with test id `id`, failing with the case's name if it does not answer. */
async function press(page, id, name) {
  try {
    await page.click(`[data-testid="${id}"]`, { timeout: 3000 });
  } catch (error) {
    assert.fail(`${name}: ${id} did not answer (${String(error).split('\n')[0]})`);
  }
}

/** Loads `hash` afresh (storage cleared, or set to `stored` first). */
async function load(page, hash, stored = {}) {
  await page.goto(`${app.server.url}static/icon.svg`);
  await page.evaluate((stored) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(stored)) localStorage.setItem(k, v);
  }, stored);
  await page.goto(`${app.server.url}${hash ? `#${hash}` : ''}`).catch((error) => {
    assert.fail(`${hash.slice(0, 80)}: ${String(error).slice(0, 200)}`);
  });
  try {
    await page.waitForSelector('.app', { timeout: 10_000 });
  } catch {
    assert.fail(`${hash.slice(0, 80)}: the app did not start within 10 s`);
  }
}

// ---- The cases --------------------------------------------------------------------------------

const sum = (terms, term = (i) => `x${i % 7}*${i}`) => Array.from({ length: terms }, (_, i) => term(i)).join(' + ');
const distinct = (n) => Array.from({ length: n }, (_, i) => `v${i}`).join(' + ');

/** Text typed into (pasted over) the expression field. */
const TYPED = [
  ['a 100 KB expression (a 20,000-term sum)', sum(20_000)],
  ['a 1 MB expression', sum(150_000)],
  ['a 4 MB expression', 'x + '.repeat(1_000_000) + 'x'],
  ['5,000 distinct variables', distinct(5_000)],
  ['a 2,000-term sum (under the limit)', sum(2_000)],
  ['x + x + … (4,000 terms)', Array(4000).fill('x').join(' + ')],
  ['256 nested calls', `${'sin('.repeat(256)}x${')'.repeat(256)}`],
  ['257 nested calls', `${'sin('.repeat(257)}x${')'.repeat(257)}`],
  ['100,000 open parentheses', '('.repeat(100_000)],
  ['a 50,000-character name', 'x'.repeat(50_000)],
  ['a 50,000-digit number', '9'.repeat(50_000)],
  ['an unknown function with a long name', `${'q'.repeat(20_000)}(x)`],
  ['control characters', '\u0000\u0001\u0007x\u001b[31m'],
  ['a right-to-left override', 'x\u202e + 1'],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['only spaces', ' '.repeat(10_000)],
  ['emoji', '😀 + 🙃'],
  ['exp towers', 'exp(exp(exp(exp(exp(x)))))'],
  ['1e308 squared', '1e308^2 * x'],
];

const AT = ['x=1e308', 'x=-1e308', 'x=5e-324', 'x=-0', 'x=NaN', 'x=inf', 'x=-inf', 'x=1e-300', 'x=1.7976931348623157e308', 'x=2,x=3'];
const EXPRESSIONS = ['x^2', LECTURE, 'exp(x)', 'log(x)', 'sin(exp(x))', 'x^x', 'sqrt(x)*1e308', 'tanh(x)*relu(x)'];
const STEPS = ['0', '99999999999999999999', '-1', '1e3', 'NaN', ''];

function stepperLinks() {
  const links = [];
  for (const e of EXPRESSIONS) for (const at of AT) links.push([`e=${e} at=${at}`, `e=${enc(e)}&at=${enc(at)}`]);
  for (const s of STEPS) links.push([`step=${s}`, `e=${enc(LECTURE)}&at=x%3D2&step=${enc(s)}`]);
  // Browsers refuse addresses over 2 MB before any page sees them: those are not the app's to test.
  for (const [name, text] of TYPED) {
    const hash = `e=${enc(text)}&at=x%3D1`;
    if (hash.length < 1_900_000) links.push([`link: ${name}`, hash]);
  }
  links.push(['speed=1e309', `e=x&speed=1e309`]);
  links.push(['theme=<script>', `e=x&theme=${enc('<script>')}`]);
  links.push(['lesson=999', 'lesson=999']);
  links.push(['lesson=-1', 'lesson=-1']);
  links.push(['a 1.5 MB link value', `e=x&at=${enc(`x=${'1'.repeat(1_500_000)}`)}`]);
  // Gradient descent and the surface's paths: rates that blow up, starts far away, names by the
  // thousand.
  links.push(['learn=x&rate=1e308', `e=x^2*y&at=x%3D3,y%3D1&learn=x,y&rate=1e308`]);
  links.push(['learn of 10,000 names', `e=x*y&learn=${enc(Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(','))}`]);
  links.push(['optimizer=<b>', `e=x&learn=x&optimizer=${enc('<b>')}`]);
  links.push(['paths=1e308 rates', `e=x*y&paths=${enc('1e308,1e308,0.5,1e308')}`]);
  links.push(['from=1e300,-1e300', `e=x^2%2By^2&from=${enc('1e300,-1e300')}`]);
  links.push(['from=NaN,1', `e=x*y&from=${enc('NaN,1')}`]);
  links.push(['paths beta=1', `e=x*y&paths=${enc('0.1,0.1,1,0.1')}`]);
  return links;
}

function networkLinks() {
  const net = (pairs) => `view=net&${pairs}`;
  const cases = [
    ['layers=1000:tanh,990:tanh', net('layers=1000:tanh,990:tanh')],
    ['parity of 16 bits', net('data=parity:16&layers=16:tanh')],
    ['noise=1e308', net('noise=1e308')],
    ['noise=10', net('noise=10')],
    ['64 layers of 1024', net(`layers=${Array(64).fill('1024:relu').join(',')}`)],
    ['1,024 units', net('layers=1024:tanh')],
    ['100,000 points', net('points=100000')],
    ['points=1e12', net('points=1000000000000')],
    ['blobs of 1,000 classes', net('data=blobs:1000&loss=softmax&out=linear')],
    ['lr=1e308', net('lr=1e308')],
    ['lr=1e-320', net('lr=1e-320')],
    ['momentum 1e308', net('opt=momentum:1e308')],
    ['adam β 1', net('opt=adam:1,1,0')],
    ['reg=l1:1e300', net('reg=l1:1e300')],
    ['reg=l2:1e300', net('reg=l2:1e300')],
    ['batch=1e12', net('batch=1000000000000')],
    ['dseed=2^64', net('dseed=18446744073709551616')],
    ['dseed=2^64-1', net('dseed=18446744073709551615')],
    ['wseed=5000000000', net('wseed=5000000000')],
    ['wseed=-1', net('wseed=-1')],
    ['features junk', net(`features=${enc('x1,<b>,x1^999')}`)],
    ['a function that never ends', net(`data=${enc('function:exp(exp(exp(x)))')}`)],
    ['a function over its limit', net(`data=${enc(`function:${sum(30_000, (i) => `x*${i}`)}`)}`)],
    ['weights of 1e308', net(`w=${enc(Array(25).fill('1e308').join(','))}`)],
    ['weights short', net('w=1,2,3')],
    ['weights junk', net(`w=${enc('a,b,c')}`)],
    ['a demo that does not exist', net('demo=banana')],
    ['universal width 1e9', net('demo=universal&width=1000000000')],
    ['parity demo 16 bits', net('demo=parity&bits=16')],
    ['10,000 added points', net(`added=${enc(Array(10_000).fill('0.1;0.2;1').join('|'))}`)],
    ['train share nan', net('split=nan')],
    ['pace junk', net('pace=ludicrous')],
    ['both runs huge', net('layers=512:tanh,512:tanh&b.layers=512:tanh,512:tanh')],
    ['leaky a=1e308', net('layers=4:leaky_relu:1e308')],
    ['elu a=-1e308', net('layers=4:elu:-1e308')],
  ];
  for (const g of ['circle', 'xor', 'gauss', 'spiral', 'plane', 'multi_gauss', 'moons', 'parity:12', 'blobs:16']) {
    for (const extra of ['noise=10', 'points=100000', 'layers=256:relu,256:relu', 'lr=1000']) {
      cases.push([`${g} ${extra}`, net(`data=${enc(g)}&${extra}${g.startsWith('blobs') ? '&loss=softmax&out=linear' : ''}`)]);
    }
  }
  return cases;
}

/** Model files: the JSON text and whether it must be refused. */
function modelFiles() {
  const setup = {
    data: { generator: 'xor', points: 500, noise: 0.0, train_fraction: 0.5, seed: 1 },
    added: [], removed: [], features: ['x1', 'x2'], hidden: [[4, 'tanh'], [2, 'tanh']], output: 'tanh',
    loss: 'squared_error', optimizer: 'sgd', learning_rate: 0.03, batch_size: 10,
    regularization: { kind: 'none' }, init: 'xavier', weight_seed: 1,
  };
  const layer = (inputs, outputs, value = 0.1, activation = 'tanh') => ({ inputs, outputs, activation, weights: Array((inputs + 1) * outputs).fill(value) });
  const network = (value) => ({ layers: [layer(2, 4, value), layer(4, 2, value), layer(2, 1, value)] });
  const file = (patch) => JSON.stringify({ format: 'chainrule-model-1', setup, network: network(0.1), ...patch });
  return [
    ['a 50 MB format string', JSON.stringify({ format: 'x'.repeat(50_000_000) })],
    ['a 5 MB format string', JSON.stringify({ format: 'x'.repeat(5_000_000), setup, network: network(0.1) })],
    ['a 5 MB string where a setup goes', JSON.stringify({ format: 'chainrule-model-1', setup: 'y'.repeat(5_000_000), network: {} })],
    ['not JSON', '{'.repeat(100_000)],
    ['deep JSON', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['weights of 1e308', file({ network: network(1e308) })],
    ['seed 2^40', file({ setup: { ...setup, weight_seed: 2 ** 40 } })],
    ['noise 1e308', file({ setup: { ...setup, data: { ...setup.data, noise: 1e308 } } })],
    ['a million added points', file({ setup: { ...setup, added: Array.from({ length: 1_000_000 }, () => ({ x: [0.1, 0.2], y: 1 })) } })],
    ['2,001 added points', file({ setup: { ...setup, added: Array.from({ length: 2001 }, () => ({ x: [0.1, 0.2], y: 1 })) } })],
    ['a million weights', JSON.stringify({ format: 'chainrule-model-1', setup: { ...setup, hidden: [[1000, 'tanh'], [990, 'tanh']] }, network: { layers: [layer(2, 1000), layer(1000, 990), layer(990, 1)] } })],
    ['weights that do not fit', file({ network: { layers: [layer(2, 3)] } })],
    ['an empty object', '{}'],
    ['null', 'null'],
    ['a removed list of 10^6', file({ setup: { ...setup, removed: Array.from({ length: 1_000_000 }, (_, i) => i) } })],
  ];
}

// ---- The tests --------------------------------------------------------------------------------

test('typed and pasted text never freezes the page; refused text keeps the last graph', async () => {
  const { context, page, errors } = await session();
  for (const [name, text] of TYPED) {
    await load(page, `e=${enc('x*y + 1')}&at=x%3D1,y%3D2`);
    await page.fill('[data-testid="expr-input"]', text);
    await page.waitForTimeout(200);
    await healthy(page, errors, `typed: ${name}`);
    const refused = await page.locator('[data-testid="parse-error"]').count();
    if (refused) assert.ok(await page.isVisible('[data-testid="node-y"]'), `${name}: the last graph stays`);
  }
  await context.close();
});

test('hostile stepper links open, or fall back with a notice, and the page keeps answering', async () => {
  const { context, page, errors } = await session();
  for (const [name, hash] of stepperLinks()) {
    await load(page, hash);
    await page.waitForTimeout(100);
    await healthy(page, errors, `link: ${name}`);
  }
  await context.close();
});

test('hostile network links open, or fall back with a notice, and training never holds up the page', async () => {
  const { context, page, errors } = await session();
  for (const [name, hash] of networkLinks()) {
    await load(page, hash);
    await page.waitForTimeout(100);
    await healthy(page, errors, `network link: ${name}`);
    if (await page.locator('[data-testid="train-play"]').count()) {
      await press(page, 'train-play', `start training: ${name}`);
      await page.waitForTimeout(400);
      await healthy(page, errors, `training: ${name}`);
      await press(page, 'train-play', `pause training: ${name}`);
    }
  }
  await context.close();
});

test('a hostile stored state never stops the app, and a state that did is forgotten', async () => {
  const { context, page, errors } = await session();
  const cases = [
    ...stepperLinks().filter((_, i) => i % 3 === 0).map(([name, hash]) => [`stored: ${name}`, { 'chainrule.session': hash }]),
    ...networkLinks().filter((_, i) => i % 3 === 0).map(([name, hash]) => [`stored network: ${name}`, { 'chainrule.network': hash }]),
    ['a 1 MB stored expression', { 'chainrule.session': `e=${enc(sum(150_000))}&at=x0%3D1` }],
    ['a start that never finished', { 'chainrule.starting': '1', 'chainrule.session': `e=${enc('x*y')}` }],
  ];
  for (const [name, stored] of cases) {
    await load(page, '', stored);
    await page.waitForTimeout(100);
    await healthy(page, errors, name);
  }
  // The mark of an unfinished start clears the saved state, and says so.
  await load(page, '', { 'chainrule.starting': '1', 'chainrule.session': `e=${enc('x*y')}` });
  assert.match(await page.textContent('[data-testid="notice"]'), /did not finish starting/);
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), LECTURE);
  await context.close();
});

test('hostile model files are refused in a few words or opened, never freezing the page', async () => {
  const { context, page, errors } = await session();
  // Files from disk, as a user opens them: a file given as bytes is decoded inside the page by
  // the test driver, a long task of its own that would be counted against the app.
  const folder = await mkdtemp(join(tmpdir(), 'chainrule-models-'));
  const path = join(folder, 'model.json');
  for (const [name, text] of modelFiles()) {
    await load(page, 'view=net&layers=3:tanh');
    await writeFile(path, text);
    await page.setInputFiles('[data-testid="import-model"]', path);
    await page.waitForTimeout(500);
    await healthy(page, errors, `file: ${name}`);
    const notice = await page.locator('[data-testid="network-notice"]').textContent().catch(() => '');
    assert.ok(notice.length < 600, `${name}: the notice quotes ${notice.length} characters`);
  }
  await rm(folder, { recursive: true });
  await context.close();
});

test('a forced panic shows the crash banner, and Start over opens a clean page', async () => {
  const { context, page } = await session();
  await load(page, `e=${enc('x*y')}`);
  await page.waitForTimeout(300);
  await page.evaluate(() => { try { window.wasmBindings.forcePanicForTest(); } catch {} });
  await page.waitForSelector('[data-testid="crash"]');
  assert.match(await page.textContent('[data-testid="crash"]'), /forced by a test/);
  await page.click('[data-testid="start-over"]');
  await page.waitForSelector('[data-testid="graph"]');
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), LECTURE);
  assert.equal(await page.evaluate(() => location.hash), '');
  await context.close();
});

test('the corpus was large enough, and the worst seen is recorded', () => {
  console.log(`# ${worst.cases} hostile cases; worst answer ${worst.freeze} ms (${worst.freezeCase}); longest main-thread task ${worst.task} ms (${worst.taskCase}); largest WebAssembly memory ${(worst.memory / 2 ** 20).toFixed(0)} MiB (${worst.memoryCase})`);
  assert.ok(worst.cases >= 300, `${worst.cases} cases`);
});
