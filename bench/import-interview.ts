/**
 * The interview from an import, in-process (`npx tsx bench/import-interview.ts`): starting from a ~100 KB report and
 * answering its parts (不变 / new facts, alternately), against a typed interview's turns in the same run. Also the
 * size of the session record each turn writes (JSON.stringify of the state), which the 上一步 history dominates.
 */
import { readFileSync } from 'node:fs';
import { importedFacts } from '../src/dialogue/import-review.js';
import { beginTurn, finishTurn, startImportInterview, startInterview, type InterviewState } from '../src/dialogue/interview.js';
import { parseAnswerOffline } from '../src/dialogue/offline-parser.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { importReport } from '../src/import/import-report.js';
import { readPromptFiles } from '../src/node/prompt-files.js';

const annual = loadReportTypes(readPromptFiles()).get('annual-summary')!;
const fixture = readFileSync(new URL('../test/fixtures/import/annual-noisy.txt', import.meta.url), 'utf8');
const block = fixture.split('\n').filter((l) => /^[一二三]、|^[（(]|^\d/.test(l)).join('\n');
let text = '某区教育局2024年工作总结\n';
for (let i = 0; new TextEncoder().encode(text).length < 100 * 1024; i++) text += block.replace(/^一、/m, `一、第${i}块`) + '\n';
const TURNS = 40;

function turn(state: InterviewState, answer: string) {
  const step = beginTurn(state, annual, answer);
  return step.kind === 'reply' ? step : finishTurn(state, annual, answer, parseAnswerOffline(step.input));
}

/** Median turn time and the largest record written, over TURNS turns from `begin`. */
function measure(begin: () => { state: InterviewState }, answer: (i: number) => string) {
  let { state } = begin();
  const times: number[] = [];
  let largest = 0;
  for (let i = 0; i < TURNS; i++) {
    const start = performance.now();
    ({ state } = turn(state, answer(i)));
    largest = Math.max(largest, JSON.stringify(state).length); // what the store writes each turn
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], largest, history: state.history.length };
}

const imported = importReport(text);
const facts = importedFacts(imported.facts, annual.id);
const typed = measure(() => startInterview(annual), (i) => (i === 0 ? '青河区教育局，2025年' : i === 1 ? '党建工作、教师队伍建设' : '新发展党员23名，培训3600人次'));
const fromImport = measure(
  () => startImportInterview(annual, facts),
  (i) => (i === 0 ? '2026年' : i % 2 ? '不变' : '新发展党员23名，培训3600人次'),
);
console.log(`import: ${(new TextEncoder().encode(text).length / 1024).toFixed(1)} KB text, ${facts.sections.length} areas, facts ${(JSON.stringify(facts).length / 1024).toFixed(0)} K chars`);
console.log(`typed interview turn: ${typed.median.toFixed(2)} ms median, record up to ${(typed.largest / 1024).toFixed(0)} K chars, history ${typed.history}`);
console.log(`import interview turn: ${fromImport.median.toFixed(2)} ms median (${(fromImport.median / typed.median).toFixed(1)}×), record up to ${(fromImport.largest / 1024).toFixed(0)} K chars, history ${fromImport.history}`);
