// Takes the README's screenshots of the release build (run `trunk build --release` first):
// the lecture's example mid-way through the backward pass, at a projector's 1280×720 and a
// laptop's 1440×900, light and dark, and in presentation mode.
//
//   node scripts/screenshots.mjs

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

const server = await serve();
const browser = await launch();
for (const shot of SHOTS) {
  const { page, context } = await open(browser, `${server.url}#${shot.query}`, shot);
  // Let the travelling messages arrive, so the picture shows the step's end state.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `docs/screenshots/${shot.file}.png` });
  await context.close();
  console.log(`docs/screenshots/${shot.file}.png`);
}
await browser.close();
await server.close();
