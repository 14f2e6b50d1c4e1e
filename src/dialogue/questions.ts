/**
 * What to ask and in which order. Questions come from the report type (prompts/<type>/type.json); required ones
 * first, then per work area its facts, then the rest; an import asks its review parts. From the facts it derives
 * the question being asked, what is still to ask and the progress, and it finds the field 修改 names. Pure.
 */
import type { SessionPhase } from '../contract/session-shapes.js';
import type { AnswerInput } from './answer-parser.js';
import { fillTemplate, type Question, type ReportType } from '../domain/report-types.js';
import { FIELD_ALIASES, fieldName, hasValue, sectionIndexOf, type CollectedFacts } from './collected-facts.js';
import { reviewPlan, reviewQuestion } from './import-review.js';
import type { InterviewState, Snapshot } from './interview-state.js';
import { parseOutlineCommand, sessionOutline } from './outline-edits.js';

/** Every question key in asking order: required first; `sections[].facts` expanded once per work area. */
export function questionPlan(type: ReportType, facts: CollectedFacts): string[] {
  const ordered = [...type.questions.filter((q) => q.required), ...type.questions.filter((q) => !q.required)];
  return ordered.flatMap((q) => (q.field === 'sections[].facts' ? facts.sections.map((_, i) => `sections[${i}].facts`) : [q.field]));
}

/** The question behind a key (every work area's facts share `sections[].facts`). */
export function questionFor(type: ReportType, key: string): Question | undefined {
  if (sectionIndexOf(key) !== null) return type.questions.find((q) => q.field === 'sections[].facts');
  return type.questions.find((q) => q.field === key);
}

/** How a key is asked: an import's review part with what the old report said, else the type's question and example. */
export function questionText(type: ReportType, facts: CollectedFacts, key: string, review?: string[]): string {
  const again = review?.includes(key) ? reviewQuestion(facts, key) : null;
  if (again) return again;
  const q = questionFor(type, key);
  if (!q) return `请填写${fieldName(facts, key)}。`;
  const index = sectionIndexOf(key);
  const ask = fillTemplate(q.ask, { topic: index !== null ? facts.sections[index]?.topic : undefined });
  return `${ask}\n例如：${q.example}`;
}

/** What a parser is given for an answer to `key`: the question as asked, and the area's name for its facts. */
export function answerInput(type: ReportType, facts: CollectedFacts, key: string, text: string, review?: string[]): AnswerInput {
  const index = sectionIndexOf(key);
  const topic = index !== null ? facts.sections[index]?.topic : undefined;
  return { typeId: type.id, field: key, question: questionText(type, facts, key, review), text, ...(topic ? { topic } : {}) };
}

const isPending = (s: Snapshot, key: string) => !hasValue(s.facts, key) && !s.skipped.includes(key);

/**
 * What is still to ask. An import asks only its review parts, then any required field still empty (a work
 * area added on the way); optional fields the old report lacked are not asked (修改 + name adds them).
 */
function pendingKeys(state: InterviewState, type: ReportType): string[] {
  const plan = questionPlan(type, state.facts);
  if (!state.imported) return plan.filter((key) => isPending(state, key));
  const review = state.review ?? [];
  const required = plan.filter((key) => questionFor(type, key)?.required && isPending(state, key) && !review.includes(key));
  return [...review, ...required];
}

/** Every question counted for progress: the type's plan, or for an import its review parts plus what is pending. */
function progressPlan(state: InterviewState, type: ReportType): string[] {
  if (!state.imported) return questionPlan(type, state.facts);
  return [...new Set([...reviewPlan(state.facts), ...pendingKeys(state, type)])];
}

/** Recomputes what is derived (current question, queue, phase) from the facts and choices. */
export function derive(state: InterviewState, type: ReportType): InterviewState {
  const pending = pendingKeys(state, type);
  const current = state.editing ?? (state.finished ? null : (pending[0] ?? null));
  const queue = state.finished ? [] : pending.filter((key) => key !== current);
  const phase: SessionPhase = current ? 'asking' : state.confirmed ? 'ready' : 'confirming';
  return { ...state, current, queue, state: phase };
}

/** How many of the questions counted are done (answered, skipped, or for an import confirmed), for the reply's progress. */
export function progress(state: InterviewState, type: ReportType) {
  const plan = progressPlan(state, type);
  const pending = new Set(pendingKeys(state, type));
  return { done: plan.filter((key) => !pending.has(key)).length, total: plan.length };
}

/** The names of required fields still empty (and 工作领域 when there is none), which the draft marks 【待补充】. */
export function missingRequired(state: InterviewState, type: ReportType): string[] {
  const plan = questionPlan(type, state.facts);
  const required = plan.filter((key) => questionFor(type, key)?.required && !hasValue(state.facts, key));
  if (!state.facts.sections.length && !required.includes('sections')) required.push('sections');
  return required.map((key) => fieldName(state.facts, key));
}

/** The field named after 修改: a field name, a work area's topic, or an outline part (第二部分). */
export function resolveEditTarget(state: InterviewState, type: ReportType, target: string): string | null {
  const name = target.replace(/^(?:一下|下)/, '').replace(/[“”"「」]/g, '').trim();
  const asked = new Set(questionPlan(type, state.facts));
  const alias = FIELD_ALIASES.find(([, re]) => re.test(name));
  if (alias && asked.has(alias[0])) return alias[0];
  const topic = state.facts.sections.findIndex((s) => s.topic === name || s.heading === name);
  const loose = topic >= 0 ? topic : state.facts.sections.findIndex((s) => name.length >= 2 && (s.topic.includes(name) || name.includes(s.topic)));
  if (loose >= 0 && asked.has(`sections[${loose}].facts`)) return `sections[${loose}].facts`;
  const part = name.match(/^第\s*([0-9０-９一二三四五六七八九十]{1,3})\s*(?:部分|项)?$/);
  if (part) {
    const outline = sessionOutline(state.facts, type, state.choices);
    const ops = parseOutlineCommand(`删除第${part[1]}部分`, outline);
    const ref = ops?.[0]?.op === 'drop' ? ops[0].target : null;
    const item = ref ? outline.items[ref.part - 1] : undefined;
    if (item?.sectionIndex !== undefined) return `sections[${item.sectionIndex}].facts`;
    if (item && item.source !== 'sections' && asked.has(item.source)) return item.source;
    if (item?.children) return 'sections';
  }
  return null;
}

/** The names 修改 accepts, for a reply that could not find the one given. */
export function editableNames(state: InterviewState, type: ReportType): string {
  const names = questionPlan(type, state.facts)
    .filter((key) => sectionIndexOf(key) === null)
    .map((key) => fieldName(state.facts, key));
  return [...names, ...state.facts.sections.map((s) => s.topic)].join('、');
}

/** A field's value in one line (or one line per schedule row), shown when 修改 asks it again. */
export function currentValue(facts: CollectedFacts, key: string): string | null {
  const index = sectionIndexOf(key);
  if (index !== null) return facts.sections[index]?.facts.join('；') || null;
  if (key === 'sections') return facts.sections.map((s) => s.topic).join('、') || null;
  if (key === 'signature.date') return facts.signature?.date ?? null;
  if (key === 'signature.org') return facts.signature?.org ?? null;
  if (key === 'schedule') return facts.schedule?.map((r) => `${r.when}：${r.items.join('；')}`).join('\n') || null;
  const value = (facts as unknown as Record<string, unknown>)[key];
  return Array.isArray(value) ? value.join('；') || null : ((value as string | undefined) ?? null);
}
