/**
 * Import of a 100 KB report text (npm: `npx tsx bench/import.ts`): importReport vs a baseline in the same run —
 * the plain regex pass every importer does anyway (split lines, trim, drop blanks, find numbered lines).
 */
import { readFileSync } from 'node:fs';
import { importReport } from '../src/import/import-report.js';
import { normaliseText } from '../src/import/normalise.js';

const fixtures = ['annual-noisy.txt', 'work-plan-mixed.txt'].map((f) => readFileSync(new URL(`../test/fixtures/import/${f}`, import.meta.url), 'utf8'));
/** ~100 KB (UTF-8) of report text: the fixtures repeated, with a section heading per block so the outline grows. */
let text = '某区教育局2024年工作总结\n';
for (let i = 0; new TextEncoder().encode(text).length < 100 * 1024; i++) text += fixtures[i % 2].replace(/^一、/m, `一、第${i}块`) + '\n';
const bytes = new TextEncoder().encode(text).length;

function baseline(input: string): number {
  const lines = input.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.filter((l) => /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、])/.test(l)).length;
}

function time(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const coldStart = performance.now();
importReport(text);
const cold = performance.now() - coldStart; // includes building the t2s dictionaries once
const runs = 20;
const base = time(() => baseline(text), runs);
const norm = time(() => normaliseText(text), runs);
const full = time(() => importReport(text), runs);
console.log(`input: ${(bytes / 1024).toFixed(1)} KB, ${text.length} chars`);
console.log(`first import (builds t2s dictionaries): ${cold.toFixed(1)} ms`);
console.log(`baseline regex pass: ${base.toFixed(2)} ms (median of ${runs})`);
console.log(`normaliseText only: ${norm.toFixed(1)} ms (${(norm / base).toFixed(0)}× baseline)`);
console.log(`importReport: ${full.toFixed(1)} ms (${(full / base).toFixed(0)}× baseline) — target < 200 ms`);
