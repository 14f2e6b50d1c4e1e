/**
 * Time to proofread 100 KB of text on Node (every rule, as POST /api/proofread runs them) against a plain regex pass
 * over the same text in the same run (one regex: a half-width comma beside a Han character). RUNS (default 50).
 */
import { performance } from 'node:perf_hooks';
import { proofread } from '../src/proofread/proofread.js';
import { cleanTexts, seededCases } from '../test/fixtures/proofread/corpus.js';

const RUNS = Number(process.env.RUNS ?? 50);
const TARGET_BYTES = 100 * 1024;

/** Genre text with errors in it: the clean texts and the seeded cases, repeated up to 100 KB of UTF-8. */
function sample(): string {
  const pieces = [...cleanTexts().map((t) => t.text), ...seededCases('seeded-tuning.txt').map((c) => c.text)];
  let text = '';
  for (let i = 0; new TextEncoder().encode(text).length < TARGET_BYTES; i++) text += `${pieces[i % pieces.length]}\n`;
  return text;
}

const text = sample();
const bytes = new TextEncoder().encode(text).length;

function time(run: () => unknown): { p50: number; p90: number } {
  for (let i = 0; i < 5; i++) run(); // warm-up: the JIT and the regex caches
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(RUNS * 0.5)], p90: ms[Math.floor(RUNS * 0.9)] };
}

const baseline = time(() => [...text.matchAll(/\p{Script=Han},|,\p{Script=Han}/gu)].length);
const full = time(() => proofread(text).length);
const found = proofread(text).length;

console.log(`text: ${bytes} bytes UTF-8, ${text.length} UTF-16 code units; ${found} issues; RUNS=${RUNS}`);
console.log('| pass | p50 | p90 |');
console.log('| --- | --- | --- |');
console.log(`| plain regex pass (baseline) | ${baseline.p50.toFixed(2)} ms | ${baseline.p90.toFixed(2)} ms |`);
console.log(`| proofread (all rules) | ${full.p50.toFixed(2)} ms | ${full.p90.toFixed(2)} ms |`);
console.log(`ratio (p50): ${(full.p50 / baseline.p50).toFixed(1)}×`);
