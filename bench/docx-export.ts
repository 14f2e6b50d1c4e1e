/**
 * Word export time per example, in-process: each example drafted offline once, then renderDocx timed (p50/p99)
 * against renderHtml of the same draft in the same run (the ratio is the figure to read). Also prints file size.
 * Run: npx tsx bench/docx-export.ts   (RUNS=200 by default)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { composeDraft } from '../src/services/draft-pipeline.js';
import { offlineComposer } from '../src/compose/offline-composer.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { readPromptFiles } from '../src/node/prompt-files.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';

const types = loadReportTypes(readPromptFiles());
const dir = new URL('../data/examples/', import.meta.url);
const RUNS = Number(process.env.RUNS ?? 200);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

console.log(`| example | runs | docx p50 ms | docx p99 ms | baseline renderHtml p50 ms | ratio p50 | docx KB |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const facts = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  const draft = await composeDraft({ facts, type: types.get(facts.type)!, composer: offlineComposer });
  const options = { unverified: draft.figures.invented };
  let bytes = await renderDocx(draft.markdown, options);
  for (let i = 0; i < 20; i++) {
    await renderDocx(draft.markdown, options);
    renderHtml(draft.markdown, options);
  }
  const times: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    bytes = await renderDocx(draft.markdown, options);
    times.push(performance.now() - t);
    t = performance.now();
    renderHtml(draft.markdown, options);
    base.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  console.log(
    `| ${name.replace('.json', '')} | ${RUNS} | ${p50.toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${percentile(base, 50).toFixed(3)} | ${(p50 / percentile(base, 50)).toFixed(0)}x | ${(bytes.byteLength / 1024).toFixed(1)} |`,
  );
}
