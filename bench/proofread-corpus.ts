/** Proofreading quality on the corpus in test/fixtures/proofread/: recall on seeded errors, false flags per 1,000 clean characters. */
import { proofread } from '../src/proofread/proofread.js';
import { cleanTexts, finds, seededCases } from '../test/fixtures/proofread/corpus.js';

const verbose = process.argv.includes('--verbose');

for (const file of ['seeded-tuning.txt', 'seeded-holdout.txt'] as const) {
  const cases = seededCases(file);
  let total = 0;
  let found = 0;
  let extra = 0;
  const byKind = new Map<string, [number, number]>();
  for (const c of cases) {
    const issues = proofread(c.text, { givenFigures: c.facts });
    for (const error of c.errors) {
      total++;
      const hit = issues.some((issue) => finds(issue, error));
      if (hit) found++;
      else if (verbose) console.log(`  漏报 ${error.kind}: ${c.text.slice(error.start, error.end)} ← ${c.text.replace(/\n/g, '⏎')}`);
      const k = byKind.get(error.kind) ?? [0, 0];
      byKind.set(error.kind, [k[0] + (hit ? 1 : 0), k[1] + 1]);
    }
    for (const issue of issues) {
      if (c.errors.some((error) => finds(issue, error))) continue;
      extra++;
      if (verbose) console.log(`  多报 ${issue.kind}: ${c.text.slice(issue.start, issue.end)} ${issue.message}`);
    }
  }
  const kinds = [...byKind].map(([kind, [f, t]]) => `${kind} ${f}/${t}`).join(', ');
  console.log(`${file}: recall ${found}/${total} = ${((100 * found) / total).toFixed(1)}%  (extra flags on seeded lines: ${extra})  [${kinds}]`);
}

let chars = 0;
let flags = 0;
for (const { name, text } of cleanTexts()) {
  const issues = proofread(text);
  chars += [...text.replace(/\s/g, '')].length;
  flags += issues.length;
  if (verbose) for (const issue of issues) console.log(`  误报 ${name} ${issue.kind}: ${text.slice(issue.start, issue.end)} ${issue.message}`);
}
console.log(`clean: ${flags} false flags in ${chars} characters = ${((1000 * flags) / chars).toFixed(2)} per 1,000`);
