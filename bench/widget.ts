/**
 * The widget's weight and start-up: widget.js raw and gzip size, and time to interactive of the demo page in
 * Chromium (navigation until the first question is shown and the answer box is ready) against a blank page
 * served the same way in the same run. `RUNS` (default 15) fresh browser contexts each (cold cache).
 */
import { gzipSync } from 'node:zlib';
import { bundleWidget } from '../scripts/build-widget.js';
import { launchChromium, serveApp, serveHostPage } from '../test/browser/harness.js';

const RUNS = Number(process.env.RUNS ?? 15);
const script = await bundleWidget();
const raw = Buffer.byteLength(script);
const gzip = gzipSync(script, { level: 9 }).length;

const app = await serveApp();
const blank = await serveHostPage(() => ({ html: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>空白页</title></head><body><p>空白页</p></body></html>' }));
const browser = await launchChromium();

async function time(url: string, ready: (page: import('playwright-core').Page) => Promise<unknown>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = performance.now() - started;
  await context.close();
  return ms;
}

const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const blankTimes: number[] = [];
const demoTimes: number[] = [];
for (let i = 0; i < RUNS + 2; i++) {
  const b = await time(blank.origin, (page) => page.waitForLoadState('load'));
  const d = await time(`${app.origin}/`, (page) => page.locator('report-drafter[mode=inline] .msg.bot').first().waitFor().then(() => page.locator('report-drafter[mode=inline] textarea').waitFor()));
  if (i >= 2) {
    // The first two runs warm Chromium and the server; they are not counted.
    blankTimes.push(b);
    demoTimes.push(d);
  }
}
await browser.close();
await app.stop();
await blank.close();

const row = (name: string, values: number[]) => `| ${name} | ${pct(values, 50).toFixed(0)} ms | ${pct(values, 90).toFixed(0)} ms |`;
console.log(`widget.js: ${raw} bytes (${(raw / 1024).toFixed(1)} KiB), gzip -9 ${gzip} bytes (${(gzip / 1024).toFixed(1)} KiB; budget 35 KiB)`);
console.log(`\nTime to interactive, ${RUNS} cold runs each:\n`);
console.log('| page | p50 | p90 |\n| --- | --- | --- |');
console.log(row('blank page (baseline, load event)', blankTimes));
console.log(row('demo page, widget ready (first question shown, box present)', demoTimes));
console.log(`\nratio demo/blank at p50: ${(pct(demoTimes, 50) / pct(blankTimes, 50)).toFixed(2)}`);
