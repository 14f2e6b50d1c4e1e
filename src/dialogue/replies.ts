/**
 * What the assistant says after a step: the next question, the review (what was collected, what is missing, the
 * outline and how to adjust it) or the note that drafting may start, with the progress. `respond` also keeps the
 * exchange in the transcript. Pure.
 */
import type { Reply } from '../contract/session-shapes.js';
import { outlineLines } from '../domain/outline.js';
import type { ReportType } from '../domain/report-types.js';
import { factSummary } from './collected-facts.js';
import { MAX_ANSWER, MAX_TRANSCRIPT, type InterviewState } from './interview-state.js';
import { sessionOutline } from './outline-edits.js';
import { derive, missingRequired, progress, questionText } from './questions.js';

const REVIEW_HELP =
  '回复“确认”即可起草；也可以调整大纲，例如“把第二部分改名为……”“第三部分移到第一”“合并第二和第三部分”“删除第四部分”；要改内容请说“修改 + 部分名称”，如“修改单位名称”。';

const UNPLACED_HELP = '未归类的内容不会写进稿件：请说“把未归类第1条归入……”（工作领域或存在的问题等），或“删除未归类第1条”。';

function reviewText(state: InterviewState, type: ReportType): string {
  const outline = sessionOutline(state.facts, type, state.choices);
  const missing = missingRequired(state, type);
  return [
    '请核对已收集的信息：',
    ...factSummary(state.facts).map((line) => `· ${line}`),
    ...(missing.length ? [`以下内容尚未填写，稿件中会标注【待补充】：${missing.join('、')}`] : []),
    ...(state.facts.unplaced?.length ? [UNPLACED_HELP] : []),
    '',
    `稿件大纲（${outline.title}）：`,
    ...outlineLines(outline),
    '',
    REVIEW_HELP,
  ].join('\n');
}

function nextText(state: InterviewState, type: ReportType): string {
  if (state.state === 'asking' && state.current) return questionText(type, state.facts, state.current, state.review);
  if (state.state === 'ready') {
    const missing = missingRequired(state, type);
    return `已确认，可以生成稿件了。${missing.length ? `未填写的${missing.join('、')}会在稿中标注【待补充】。` : ''}如需再调整，可以继续说“修改 + 部分名称”或调整大纲。`;
  }
  return reviewText(state, type);
}

/**
 * The reply after a step: `lead` (what the step did), then the next question or the review unless `ask` is false,
 * with the state derived again and the exchange added to the transcript.
 */
export function respond(state: InterviewState, type: ReportType, lead: string, userText?: string, ask = true): { state: InterviewState; reply: Reply } {
  const derived = derive(state, type);
  const text = ask ? `${lead ? `${lead}\n` : ''}${nextText(derived, type)}` : lead;
  const reply: Reply = { text, field: derived.state === 'asking' ? derived.current : null, progress: progress(derived, type) };
  const transcript = [...derived.transcript];
  if (userText !== undefined) transcript.push({ role: 'user', text: userText });
  transcript.push({ role: 'assistant', text, field: reply.field });
  return { state: { ...derived, transcript: transcript.slice(-MAX_TRANSCRIPT) }, reply };
}

/** The reply for the state as it stands (after an outline edit over HTTP, or to show again). */
export function describeState(state: InterviewState, type: ReportType, lead = ''): { state: InterviewState; reply: Reply } {
  const derived = derive(state, type);
  const text = `${lead ? `${lead}\n` : ''}${nextText(derived, type)}`;
  return { state: derived, reply: { text, field: derived.state === 'asking' ? derived.current : null, progress: progress(derived, type) } };
}

/** Said when an answer was cut at MAX_ANSWER (see capAnswer). */
export const cutNote = (cut: number) => `回答超过 ${MAX_ANSWER} 字，只收下了前面的部分，后面约 ${cut} 字没有收下，请另发一条。`;
