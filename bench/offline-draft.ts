/**
 * Offline draft time per example, in-process: p50/p99 over many runs, with renderText of the same draft as a
 * baseline measured in the same run. Run: npx tsx bench/offline-draft.ts
 * VARY=1 gives every run's sections one more fact of its own, so nothing the phrase picker remembers is reused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { composeDraft } from '../src/services/draft-pipeline.js';
import { offlineComposer } from '../src/compose/offline-composer.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { readPromptFiles } from '../src/node/prompt-files.js';
import { renderText } from '../src/render/text.js';

const types = loadReportTypes(readPromptFiles());
const dir = new URL('../data/examples/', import.meta.url);
const RUNS = Number(process.env.RUNS ?? 2000);
const VARY = process.env.VARY === '1';

/** The facts as given, or (VARY=1) with a fact no other run has: 另有一事项, 另有丁事项 … (no digits, no figures). */
function factsFor(facts: any, run: number) {
  if (!VARY) return facts;
  const tag = String.fromCharCode(0x4e00 + (run % 20000));
  return { ...facts, sections: facts.sections.map((s: any) => ({ ...s, facts: [...s.facts, `另有${tag}事项`] })) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

console.log(`| example | runs | p50 ms | p99 ms | baseline renderText p50 ms | ratio p50 |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const facts = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  const type = types.get(facts.type)!;
  const first = await composeDraft({ facts, type, composer: offlineComposer });
  for (let i = 0; i < 200; i++) await composeDraft({ facts, type, composer: offlineComposer });
  const times: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = factsFor(facts, i + 1000);
    let t = performance.now();
    await composeDraft({ facts: input, type, composer: offlineComposer });
    times.push(performance.now() - t);
    t = performance.now();
    renderText(first.markdown);
    base.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  console.log(
    `| ${name.replace('.json', '')} | ${RUNS} | ${p50.toFixed(3)} | ${percentile(times, 99).toFixed(3)} | ${percentile(base, 50).toFixed(3)} | ${(p50 / percentile(base, 50)).toFixed(1)}x |`,
  );
}
