// Takes the README's screenshots of the release build (run `trunk build --release` first):
// the lecture's example mid-way through the backward pass, at a projector's 1280×720 and a
// laptop's 1440×900, light and dark, and in presentation mode; and the network workspace after
// some training, at both sizes and in both themes, with two runs, a demonstration, one
// training point's backward pass opened in the stepper, and a CSV file of one's own; practice mode with a hint; gradient
// descent: the update phase, a mini-batch as one graph, and the paths over a surface; and the
// walk exported (the dialog, a frame of the GIF, a slide of the deck).
//
//   node scripts/screenshots.mjs            every screenshot
//   node scripts/screenshots.mjs descent    only those whose file name holds "descent"

import { readFileSync, writeFileSync } from 'node:fs';
import { launch, open, serve } from '../tests/e2e/harness.mjs';

const VIEW = 'e=sqrt%28x%5E2+%2B+exp%28x%5E2%29%29+%2B+cos%28x%5E2+%2B+exp%28x%5E2%29%29&at=x%3D2&step=10';
const SHOTS = [
  { file: 'projector-light', width: 1280, height: 720, query: `${VIEW}&theme=light` },
  { file: 'projector-dark', width: 1280, height: 720, query: `${VIEW}&theme=dark` },
  { file: 'projector-present', width: 1280, height: 720, query: `${VIEW}&theme=light&present=1` },
  { file: 'laptop-light', width: 1440, height: 900, query: `${VIEW}&theme=light` },
  { file: 'laptop-dark', width: 1440, height: 900, query: `${VIEW}&theme=dark` },
  { file: 'laptop-forward', width: 1440, height: 900, query: VIEW.replace('step=10', 'step=2') + '&theme=light' },
];

const only = process.argv[2] ?? '';
const wanted = (file) => file.includes(only);
const server = await serve();
const browser = await launch();
for (const shot of SHOTS.filter((s) => wanted(s.file))) {
  const { page, context } = await open(browser, `${server.url}#${shot.query}`, shot);
  // Let the travelling messages arrive, so the picture shows the step's end state.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `docs/screenshots/${shot.file}.png` });
  await context.close();
  console.log(`docs/screenshots/${shot.file}.png`);
}
// The network workspace: XOR on 2-4-4-1 tanh, the spiral with product and sine features, two
// runs on the circle, the activation gallery, and one example's backprop.
const XOR = 'view=net&data=xor&layers=4:tanh,4:tanh&out=tanh';
const NETWORK_SHOTS = [
  { file: 'network-projector-light', width: 1280, height: 720, query: `${XOR}&theme=light`, epochs: 40 },
  { file: 'network-projector-dark', width: 1280, height: 720, query: `${XOR}&theme=dark`, epochs: 40 },
  {
    file: 'network-laptop-light', width: 1440, height: 900, epochs: 150,
    query: 'view=net&data=spiral&noise=0.1&features=x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2&layers=8:tanh,8:tanh,4:tanh&out=tanh&opt=adam&lr=0.01&theme=light',
  },
  { file: 'network-laptop-dark', width: 1440, height: 900, query: `${XOR}&theme=dark&demo=gallery`, epochs: 40 },
  { file: 'network-compare', width: 1440, height: 900, query: 'view=net&data=circle&layers=2:tanh&b.data=circle&b.layers=4:tanh,4:tanh&theme=light', epochs: 60 },
  { file: 'network-sample', width: 1440, height: 900, query: `${XOR}&theme=light`, epochs: 40, sample: true },
  { file: 'network-projector-present', width: 1280, height: 720, query: `${XOR}&theme=light&present=1`, epochs: 40 },
];
for (const shot of NETWORK_SHOTS.filter((s) => wanted(s.file))) {
  const { page, context } = await open(browser, `${server.url}#${shot.query}`, { ...shot, ready: '[data-testid="network"]' });
  for (let i = 0; i < shot.epochs; i++) await page.click('[data-testid="train-epoch"]');
  if (shot.sample) {
    await page.click('[data-testid="panel-messages"]');
    await page.click('[data-testid="open-sample"]');
    await page.waitForSelector('[data-testid="graph"]');
    // Into the backward pass: ∂ℓ/∂ℓ, B₁ = ∂ℓ/∂ŷ, and the last layer's messages.
    await page.click('[data-testid="to-forward-end"]');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  }
  await page.waitForTimeout(shot.sample ? 1500 : 400);
  await page.screenshot({ path: `docs/screenshots/${shot.file}.png` });
  await context.close();
  console.log(`docs/screenshots/${shot.file}.png`);
}
// A teacher's own data: the exam file imported through the panel, then trained.
if (wanted('network-own-data')) {
  const { page, context } = await open(browser, `${server.url}#view=net&theme=light`, { width: 1280, height: 720, ready: '[data-testid="network"]' });
  await page.selectOption('[data-testid="data-set"]', 'rows');
  await page.setInputFiles('[data-testid="import-file"]', 'docs/data/exam.csv');
  await page.click('[data-testid="import-use"]');
  for (let i = 0; i < 150; i++) await page.click('[data-testid="train-epoch"]');
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/network-own-data.png' });
  await context.close();
  console.log('docs/screenshots/network-own-data.png');
}
// The lesson at a projector's size: the neuron, linear collapse, the backward pass, backprop in a
// network; and the shortcut sheet.
const LESSON_SHOTS = [
  { file: 'lesson-1-neuron', stop: 1, steps: 3 },
  { file: 'lesson-3-collapse', stop: 3, epochs: 30 },
  { file: 'lesson-7-backward', stop: 7, steps: 3 },
  { file: 'lesson-8-network', stop: 8, epochs: 30 },
];
for (const shot of LESSON_SHOTS.filter((s) => wanted(s.file))) {
  const network = shot.epochs !== undefined;
  const { page, context } = await open(browser, `${server.url}#lesson=${shot.stop}&theme=light`, {
    width: 1280,
    height: 720,
    ready: network ? '[data-testid="network"]' : '[data-testid="graph"]',
  });
  for (let i = 0; i < (shot.epochs ?? 0); i++) await page.click('[data-testid="train-epoch"]');
  for (let i = 0; i < (shot.steps ?? 0); i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `docs/screenshots/${shot.file}.png` });
  await context.close();
  console.log(`docs/screenshots/${shot.file}.png`);
}
// Practice on the lecture's example: forward pass answered, then ∂f/∂c answered from one path only,
// and the hint that names the forgotten consumer; at a projector's size, and presenting in the dark.
const PRACTICE_SHOTS = [
  { file: 'practice-projector-light', theme: 'light' },
  { file: 'practice-projector-present', theme: 'dark', present: true },
];
const ANSWERS = ['4', '54.598', '58.598', '7.6549', '-0.46061', '7.1943', '1', '1', '1', '1', '1', '-sin(c)', '1/(2*sqrt(c))', '0.065'];
for (const shot of PRACTICE_SHOTS.filter((s) => wanted(s.file))) {
  const { page, context } = await open(browser, `${server.url}#theme=${shot.theme}${shot.present ? '&present=1' : ''}`, { width: 1280, height: 720 });
  await page.click('[data-testid="practice-toggle"]');
  for (const answer of ANSWERS) {
    await page.fill('[data-testid="answer-input"]', answer);
    await page.press('[data-testid="answer-input"]', 'Enter');
  }
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `docs/screenshots/${shot.file}.png` });
  await context.close();
  console.log(`docs/screenshots/${shot.file}.png`);
}
if (wanted('shortcuts')) {
  const { page, context } = await open(browser, `${server.url}#theme=light`, { width: 1280, height: 720 });
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid="shortcuts"]');
  await page.screenshot({ path: 'docs/screenshots/shortcuts.png' });
  await context.close();
  console.log('docs/screenshots/shortcuts.png');
}
// The walk exported: the dialog, a frame of the GIF (decoded by the browser's own GIF decoder,
// as a viewer shows it) and a slide of the deck.
if (wanted('export')) {
  const { page, context } = await open(browser, `${server.url}#${VIEW.replace('&step=10', '')}&theme=light`, { width: 1280, height: 720 });
  await page.selectOption('[data-testid="export"]', 'film');
  await page.waitForSelector('[data-testid="film"]');
  const [gif] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="film-start"]')]);
  await page.waitForSelector('[data-testid="film-saved"]');
  await page.screenshot({ path: 'docs/screenshots/export-dialog.png' });
  console.log('docs/screenshots/export-dialog.png');
  const bytes = [...readFileSync(await gif.path())];
  const png = await page.evaluate(async (bytes) => {
    const decoder = new ImageDecoder({ data: new Uint8Array(bytes), type: 'image/gif' });
    await decoder.tracks.ready;
    // The backward pass's fifth step, ∂f/∂b: its message half-way from c to b (each later step
    // is ten travelling frames and a held one).
    const { image } = await decoder.decode({ frameIndex: decoder.tracks.selectedTrack.frameCount - 29 });
    const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
    canvas.getContext('2d').drawImage(image, 0, 0);
    image.close();
    return [...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())];
  }, bytes);
  writeFileSync('docs/screenshots/export-gif-frame.png', Buffer.from(png));
  console.log('docs/screenshots/export-gif-frame.png');
  await page.selectOption('[data-testid="film-format"]', 'deck');
  const [deck] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="film-start"]')]);
  const html = readFileSync(await deck.path(), 'utf8');
  await context.close();
  const slides = await browser.newContext({ viewport: { width: 1280, height: 720 }, offline: true });
  const slide = await slides.newPage();
  await slide.setContent(html);
  for (let i = 0; i < 11; i++) await slide.keyboard.press('ArrowRight');
  await slide.screenshot({ path: 'docs/screenshots/export-deck.png' });
  await slides.close();
  console.log('docs/screenshots/export-deck.png');
}
// Gradient descent: the lesson's update step after three iterations, Adam presenting in the dark,
// the training loss as a mean, a batch of four at a first-layer weight's step (and folded to its
// second point, at a second-layer weight's), and the paths over
// Rosenbrock's valley.
const NEURON = `e=${encodeURIComponent('(y - sigmoid(w0 + w1*x))^2 / 2')}&at=y=1,w0=-0.5,w1=0.8,x=1.5&learn=w0,w1`;
const DESCENT_SHOTS = [
  { file: 'descent-projector-light', width: 1280, height: 720, query: 'lesson=10&theme=light', keys: ['i', 'i', 'i', 'End'] },
  { file: 'descent-projector-present', width: 1280, height: 720, query: `${NEURON}&optimizer=adam&rate=0.2&theme=dark&present=1`, keys: ['i', 'i', 'End', 'ArrowLeft'] },
  { file: 'descent-mean-lesson', width: 1280, height: 720, query: 'lesson=9&theme=light', keys: [] },
  { file: 'descent-batch', width: 1280, height: 720, query: 'view=net&data=gauss&layers=2:tanh&out=linear&panel=messages&theme=light', batch: 54 },
  { file: 'descent-batch-folded', width: 1440, height: 900, query: 'view=net&data=gauss&layers=2:tanh&out=linear&panel=messages&theme=light', batch: -12, fold: '1' },
  {
    file: 'descent-surface', width: 1440, height: 900, surface: true,
    query: `e=${encodeURIComponent('(1 - x)^2 + 100*(y - x^2)^2')}&at=x=-1.2,y=1&paths=0.001,0.001,0.9,0.05&theme=light`,
  },
];
for (const shot of DESCENT_SHOTS.filter((s) => wanted(s.file))) {
  const ready = shot.batch ? '[data-testid="network"]' : '[data-testid="graph"]';
  const { page, context } = await open(browser, `${server.url}#${shot.query}`, { ...shot, ready });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (const key of shot.keys ?? []) await page.keyboard.press(key);
  if (shot.batch) {
    await page.click('[data-testid="open-batch"]');
    await page.waitForSelector('[data-testid="network-origin"]');
    if (shot.fold) await page.selectOption('[data-testid="fold"]', shot.fold);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // A negative count steps back from the end.
    if (shot.batch < 0) await page.keyboard.press('End');
    for (let i = 0; i < Math.abs(shot.batch); i++) await page.keyboard.press(shot.batch > 0 ? 'ArrowRight' : 'ArrowLeft');
  }
  if (shot.surface) await page.locator('[data-testid="surface"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `docs/screenshots/${shot.file}.png` });
  await context.close();
  console.log(`docs/screenshots/${shot.file}.png`);
}
await browser.close();
await server.close();
