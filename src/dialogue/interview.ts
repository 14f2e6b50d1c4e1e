/**
 * The interview engine: state in → reply and new state out, with no I/O and no clock. Questions come from the
 * report type (prompts/<type>/type.json); required ones first, then per work area its facts, then the rest.
 * A turn is two steps so an async (model) parser can sit between them: beginTurn handles what needs no
 * parsing (controls, review commands, empty input) or asks for a parse; finishTurn applies the parsed answer.
 */
import { LIMITS } from '../domain/fact-sheet.js';
import { outlineLines } from '../domain/outline.js';
import { fillTemplate, type Question, type ReportType } from '../domain/report-types.js';
import type { AnswerInput, ParsedAnswer } from './answer-parser.js';
import { cleanSingle, isFiller, saysNone, splitItems } from './answer-text.js';
import {
  capList,
  emptyFacts,
  factSummary,
  FIELD_ALIASES,
  fieldName,
  hasValue,
  sectionIndexOf,
  type CollectedFacts,
} from './collected-facts.js';
import { TYPE_NAMES, typeFromName } from '../import/report-type.js';
import { detectAddition, detectPlacement, type Placement } from './additions.js';
import { detectControl } from './controls.js';
import {
  dropPart,
  followNewPeriod,
  partName,
  relabelAfterReplace,
  remapReview,
  reviewAnswer,
  reviewPlan,
  reviewQuestion,
  type ImportOrigin,
} from './import-review.js';
import type { Reply, SessionPhase } from '../contract/session-shapes.js';
import { applyOutlineEdits, parseOutlineCommand, sessionOutline, type OutlineChoices, type OutlineOperation } from './outline-edits.js';

export interface TranscriptEntry {
  role: 'user' | 'assistant';
  text: string;
  field?: string | null;
}

/** What 上一步 restores. */
interface Snapshot {
  facts: CollectedFacts;
  skipped: string[];
  editing: string | null;
  finished: boolean;
  confirmed: boolean;
  choices: OutlineChoices;
  /** Interviews from an import: the parts still to confirm (keep, drop or replace), in asking order. */
  review?: string[];
  /** An answer the parser had to interpret, said back and waiting for 对 or a correction. */
  pending?: PendingCheck;
}

/** What the assistant understood and asked about (对吗？): filed on 对, replaced by a correction. */
export interface PendingCheck {
  field: string;
  text: string;
  parsed: ParsedAnswer;
}

export interface InterviewState extends Snapshot {
  type: string;
  /** Set when the interview started from an imported report: what it imported, for 重新开始. */
  imported?: ImportOrigin;
  /** Derived after every turn, kept for clients: the field being asked, and what is still to ask after it. */
  current: string | null;
  queue: string[];
  state: SessionPhase;
  history: Snapshot[];
  transcript: TranscriptEntry[];
  /** Ids of drafts written from this session, oldest first. */
  drafts: string[];
}

/** Longest answer taken in one message; longer ones are cut at a sentence end, and the reply says so. */
export const MAX_ANSWER = 2000;
/** How many steps 上一步 can go back, and how much transcript a session keeps. */
const MAX_HISTORY = 30;
/**
 * Characters of facts the 上一步 history may hold: an imported report can be a few hundred KB, and every saved
 * turn writes the whole session, so big fact sheets keep fewer steps (at least 3).
 */
const HISTORY_BUDGET = 300_000;
const MAX_TRANSCRIPT = 200;

// ── Questions ────────────────────────────────────────────────────────────────────────────────────────────

/** Every question key in asking order: required first; `sections[].facts` expanded once per work area. */
export function questionPlan(type: ReportType, facts: CollectedFacts): string[] {
  const ordered = [...type.questions.filter((q) => q.required), ...type.questions.filter((q) => !q.required)];
  return ordered.flatMap((q) => (q.field === 'sections[].facts' ? facts.sections.map((_, i) => `sections[${i}].facts`) : [q.field]));
}

function questionFor(type: ReportType, key: string): Question | undefined {
  if (sectionIndexOf(key) !== null) return type.questions.find((q) => q.field === 'sections[].facts');
  return type.questions.find((q) => q.field === key);
}

function questionText(type: ReportType, facts: CollectedFacts, key: string, review?: string[]): string {
  const again = review?.includes(key) ? reviewQuestion(facts, key) : null;
  if (again) return again;
  const q = questionFor(type, key);
  if (!q) return `请填写${fieldName(facts, key)}。`;
  const index = sectionIndexOf(key);
  const ask = fillTemplate(q.ask, { topic: index !== null ? facts.sections[index]?.topic : undefined });
  return `${ask}\n例如：${q.example}`;
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
function derive(state: InterviewState, type: ReportType): InterviewState {
  const pending = pendingKeys(state, type);
  const current = state.editing ?? (state.finished ? null : (pending[0] ?? null));
  const queue = state.finished ? [] : pending.filter((key) => key !== current);
  const phase: SessionPhase = current ? 'asking' : state.confirmed ? 'ready' : 'confirming';
  return { ...state, current, queue, state: phase };
}

function progress(state: InterviewState, type: ReportType) {
  const plan = progressPlan(state, type);
  const pending = new Set(pendingKeys(state, type));
  return { done: plan.filter((key) => !pending.has(key)).length, total: plan.length };
}

// ── Replies ──────────────────────────────────────────────────────────────────────────────────────────────

function missingRequired(state: InterviewState, type: ReportType): string[] {
  const plan = questionPlan(type, state.facts);
  const required = plan.filter((key) => questionFor(type, key)?.required && !hasValue(state.facts, key));
  if (!state.facts.sections.length && !required.includes('sections')) required.push('sections');
  return required.map((key) => fieldName(state.facts, key));
}

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

function respond(state: InterviewState, type: ReportType, lead: string, userText?: string, ask = true): { state: InterviewState; reply: Reply } {
  const derived = derive(state, type);
  const text = ask ? `${lead ? `${lead}\n` : ''}${nextText(derived, type)}` : lead;
  const reply: Reply = { text, field: derived.state === 'asking' ? derived.current : null, progress: progress(derived, type) };
  const transcript = [...derived.transcript];
  if (userText !== undefined) transcript.push({ role: 'user', text: userText });
  transcript.push({ role: 'assistant', text, field: reply.field });
  return { state: { ...derived, transcript: transcript.slice(-MAX_TRANSCRIPT) }, reply };
}

function snapshot(state: InterviewState): Snapshot {
  // Only the fields a step changes are copied: cloning the whole state would copy the history and transcript too.
  const { facts, skipped, editing, finished, confirmed, choices, review, pending } = state;
  return structuredClone({ facts, skipped, editing, finished, confirmed, choices, ...(review ? { review } : {}), ...(pending ? { pending } : {}) });
}

/** The state with its current values saved for 上一步, and `change` applied on a copy. */
function changed(state: InterviewState, change: (next: InterviewState) => void): InterviewState {
  const steps = Math.max(3, Math.min(MAX_HISTORY, Math.floor(HISTORY_BUDGET / JSON.stringify(state.facts).length)));
  // Snapshots are never changed once taken, so the new history shares them instead of copying them again.
  const next: InterviewState = { ...structuredClone({ ...state, history: [] }), history: [...state.history, snapshot(state)].slice(-steps) };
  // A check said back is answered by the next step, whatever it is: only the step that asks one sets it again.
  delete next.pending;
  change(next);
  return next;
}

// ── Starting ─────────────────────────────────────────────────────────────────────────────────────────────

function freshState(type: ReportType): InterviewState {
  return {
    type: type.id,
    facts: emptyFacts(type.id),
    skipped: [],
    editing: null,
    finished: false,
    confirmed: false,
    choices: { omitted: [], headings: {} },
    current: null,
    queue: [],
    state: 'asking',
    history: [],
    transcript: [],
    drafts: [],
  };
}

/**
 * A new interview and its first question.
 * @example const { state, reply } = startInterview(types.get('annual-summary')!)
 */
export function startInterview(type: ReportType): { state: InterviewState; reply: Reply } {
  return respond(freshState(type), type, `您好！我来帮您起草${type.name}。请逐一回答几个问题，一次说几件事也可以；随时可以说“跳过”“上一步”“修改 + 部分名称”“重新开始”或“完成”。`);
}

/** How an import interview explains itself in its first reply. */
const IMPORT_HELP = '逐项回复“不变”（沿用原文，数字一字不改）、“删除”（去掉这一部分），或直接写出新的情况和数字（替换原来的内容）；随时可以说“跳过”“上一步”“修改 + 部分名称”“重新开始”或“完成”。';

/**
 * A new interview pre-filled from an imported report: it asks what changed — the period first, then each
 * part — instead of every question afresh. `notes` (the import's warnings) are shown once, in this reply.
 * @example startImportInterview(types.get('annual-summary')!, importedFacts(result.facts, 'annual-summary'), ['…'])
 */
export function startImportInterview(
  type: ReportType,
  facts: CollectedFacts,
  notes: string[] = [],
  options: { askType?: boolean } = {},
): { state: InterviewState; reply: Reply } {
  // An import unsure of the type asks it first (see answerType).
  const review = [...(options.askType ? ['type'] : []), ...reviewPlan(facts)];
  const state: InterviewState = { ...freshState(type), facts: structuredClone(facts), review, imported: { facts: structuredClone(facts), review: [...review] } };
  const areas = facts.sections.length;
  const lead = [
    `您好！已读入原报告${facts.title ? `“${facts.title}”` : ''}（${type.name}，${areas} 个工作领域）。我们只核对有变化的地方：${options.askType ? '先确认报告类型，再问时间段' : '先问时间段'}，再逐个部分确认。`,
    IMPORT_HELP,
    ...(notes.length ? ['导入时的提示：', ...notes.map((n) => `· ${n}`)] : []),
  ].join('\n');
  return respond(state, type, lead);
}

/** The interview as the import left it (重新开始 in an import interview goes back here, not to an empty sheet). */
function importedStart(state: InterviewState, type: ReportType): InterviewState {
  const origin = state.imported!;
  return {
    ...freshState(type),
    facts: structuredClone(origin.facts),
    review: [...origin.review],
    imported: origin,
    transcript: state.transcript,
    drafts: state.drafts,
  };
}

// ── A turn ───────────────────────────────────────────────────────────────────────────────────────────────

export type TurnStep =
  | { kind: 'reply'; state: InterviewState; reply: Reply }
  /** The answer needs understanding: run a parser on `input`, then call finishTurn. */
  | { kind: 'parse'; input: AnswerInput };

/** An over-long answer cut at the last sentence or line end within the limit, so no figure is split. */
export function capAnswer(text: string): { text: string; cut: number } {
  if (text.length <= MAX_ANSWER) return { text, cut: 0 };
  const head = text.slice(0, MAX_ANSWER);
  let end = Math.max(head.lastIndexOf('\n'), ...['。', '；', ';', '！', '？'].map((p) => head.lastIndexOf(p) + 1));
  if (end <= 0) {
    end = MAX_ANSWER;
    while (end > 0 && /[0-9０-９.．%％]/.test(text[end - 1]) && /[0-9０-９.．%％]/.test(text[end] ?? '')) end--;
  }
  return { text: text.slice(0, end), cut: text.length - end };
}

/** The field named after 修改: a field name, a work area's topic, or an outline part (第二部分). */
function resolveEditTarget(state: InterviewState, type: ReportType, target: string): string | null {
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

function editableNames(state: InterviewState, type: ReportType): string {
  const names = questionPlan(type, state.facts)
    .filter((key) => sectionIndexOf(key) === null)
    .map((key) => fieldName(state.facts, key));
  return [...names, ...state.facts.sections.map((s) => s.topic)].join('、');
}

function currentValue(facts: CollectedFacts, key: string): string | null {
  const index = sectionIndexOf(key);
  if (index !== null) return facts.sections[index]?.facts.join('；') || null;
  if (key === 'sections') return facts.sections.map((s) => s.topic).join('、') || null;
  if (key === 'signature.date') return facts.signature?.date ?? null;
  if (key === 'signature.org') return facts.signature?.org ?? null;
  if (key === 'schedule') return facts.schedule?.map((r) => `${r.when}：${r.items.join('；')}`).join('\n') || null;
  const value = (facts as unknown as Record<string, unknown>)[key];
  return Array.isArray(value) ? value.join('；') || null : ((value as string | undefined) ?? null);
}

/** Fields no AnswerParser returns (the contract has no place for them): read here directly. */
const DIRECT_FIELDS = new Set(['schedule', 'title', 'signature.org']);

function parseSchedule(text: string): CollectedFacts['schedule'] {
  const rows: NonNullable<CollectedFacts['schedule']> = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || isFiller(trimmed)) continue;
    const m = trimmed.match(/^(.{1,60}?)\s*[:：]\s*(.+)$/);
    if (m) {
      const items = splitItems(m[2], { sentences: true });
      if (items.length) rows.push({ when: m[1].replace(/^[-*•·\s]+/, '').slice(0, LIMITS.shortText), items });
    } else if (rows.length) {
      rows[rows.length - 1].items.push(...splitItems(trimmed, { sentences: true }));
    }
  }
  return rows.length ? rows.slice(0, LIMITS.scheduleRows) : undefined;
}

/**
 * Where a bare 补充：… goes while asking: the list or area just answered (补充 adds to what was just said), else
 * the question being asked. In the review nothing is being asked, and an unnamed 补充 is kept as 未归类.
 */
function supplementTarget(state: InterviewState): string | null {
  if (state.state !== 'asking') return null;
  const asked = state.transcript.filter((e) => e.role === 'assistant').map((e) => e.field);
  const last = asked.length > 1 ? asked[asked.length - 2] : null;
  const isList = (k: string | null | undefined): k is string =>
    Boolean(k) && (sectionIndexOf(k!) !== null || ['guidance', 'goals', 'problems', 'nextSteps'].includes(k!));
  if (isList(last) && last !== state.current && hasValue(state.facts, last)) return last;
  return state.current;
}

/** 对 / 是的 / 嗯，没错 / 对，就这三块: what was said back is right. */
const AGREE_WORD = '(?:对|对的|对啊|对呀|是|是的|是啊|没错|没问题|正确|可以|好|好的|行|确认|确定|就是这样|就这样|嗯|嗯嗯)';
const AGREE = new RegExp(`^(?:嗯|哦|好)?${AGREE_WORD}(?:${AGREE_WORD}|就这[几些两三四五六七八九十]*[个块项条]?|就是这[几些两三四五六七八九十]*[个块项条]?)*$`);
const AGREE_AND_MORE = new RegExp(`^(?:嗯|哦|好)?${AGREE_WORD}[，,。\\s]+([\\s\\S]+)$`);
const agrees = (text: string) => AGREE.test(text.replace(/[，,。.!！~～\s、]+/g, ''));
/** 不对 on its own: what was said back is wrong, and nothing else is said. */
const DENY = /^(?:不对|不是|错了|不正确|不是这样|不对的)[。！!~]*$/;
/** The words a correction starts with: 不对，是… */
const CORRECTION_LEAD = /^(?:不对|不是|错了|不正确)[，,。\s]*(?:应该是)?/;

/**
 * The first step of a turn. Controls, review commands and empty input are answered here; an answer to a
 * question comes back as `{ kind: 'parse', input }`.
 */
export function beginTurn(state: InterviewState, type: ReportType, rawText: string): TurnStep {
  const text = rawText.replace(/\r\n?/g, '\n');
  if (!text.trim()) {
    const { reply } = respond(state, type, '没有收到内容。已收集的信息都还在。');
    return { kind: 'reply', state, reply };
  }
  const control = detectControl(text);
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;

  if (control?.kind === 'restart') {
    if (state.imported) return { kind: 'reply', ...respond(importedStart(state, type), type, '已撤销所有改动，回到刚导入时的内容，我们重新核对。', text) };
    const fresh = { ...freshState(type), transcript: state.transcript, drafts: state.drafts };
    return { kind: 'reply', ...respond(fresh, type, '已清空所有已填写的内容，我们重新开始。', text) };
  }
  if (control?.kind === 'back') {
    const previous = state.history.at(-1);
    if (!previous) return { kind: 'reply', ...respond(state, type, '已经是第一步了，没有可以撤回的回答。', text) };
    // A check still waiting goes with the step it belonged to (the snapshot holds one only if it was waiting then).
    const { pending: _withdrawn, ...rest } = state;
    const restored: InterviewState = { ...rest, ...structuredClone(previous), history: state.history.slice(0, -1) };
    return { kind: 'reply', ...respond(restored, type, '好的，已撤回上一步的回答。', text) };
  }
  if (control?.kind === 'finish') {
    // An answer still waiting for 对 is filed as understood: 完成 must not lose it.
    const base = state.pending ? applyParsed(state, type, state.pending.text, state.pending.parsed, state.pending.field, false, text).state : state;
    const next = changed(base, (s) => {
      s.finished = true;
      s.editing = null;
      s.confirmed = control.draftNow;
    });
    return { kind: 'reply', ...respond(next, type, control.draftNow ? '好的，不再提问。' : '好的，提问到此结束。', text) };
  }
  if (control?.kind === 'edit') {
    const key = resolveEditTarget(state, type, control.target);
    if (key) {
      const next = changed(state, (s) => {
        s.editing = key;
        s.confirmed = false;
        s.skipped = s.skipped.filter((k) => k !== key);
      });
      const value = currentValue(state.facts, key);
      return {
        kind: 'reply',
        ...respond(next, type, `好的，重新填写${fieldName(state.facts, key)}。${value ? `现在的内容是：${value}。新的回答会替换它。` : ''}`, text),
      };
    }
    if (state.state !== 'asking') {
      return { kind: 'reply', ...respond(state, type, `没有找到“${control.target}”这一部分。可以修改：${editableNames(state, type)}。`, text) };
    }
    // While asking, “修改……” may simply be an answer (修改完善制度3项): understand it as one.
  }

  const placement = detectPlacement(text);
  if (placement && state.facts.unplaced?.length) return { kind: 'reply', ...placeUnplaced(state, type, placement, text) };
  const addition = control ? null : detectAddition(text, state.facts, supplementTarget(state));
  if (addition?.field === 'unplaced') {
    const next = changed(state, (s) => void (s.facts.unplaced = [...(s.facts.unplaced ?? []), capAnswer(addition.text).text]));
    return { kind: 'reply', ...respond(next, type, `已记下，先放在“未归类”里（第 ${next.facts.unplaced!.length} 条），核对时可以归入合适的部分。`, text) };
  }
  if (addition) {
    const input = { typeId: type.id, field: addition.field, question: questionText(type, state.facts, addition.field), text: capAnswer(addition.text).text };
    return { kind: 'parse', input };
  }

  if (state.state !== 'asking') {
    if (control?.kind === 'confirm') {
      const next = state.confirmed ? state : changed(state, (s) => void (s.confirmed = true));
      return { kind: 'reply', ...respond(next, type, '', text) };
    }
    const operations = parseOutlineCommand(text, sessionOutline(state.facts, type, state.choices));
    if (operations) {
      const result = editOutline(state, type, operations);
      if ('error' in result) return { kind: 'reply', ...respond(state, type, `${result.error}。大纲没有改动。`, text) };
      return { kind: 'reply', ...respond(result.state, type, `${result.done.join('；')}。`, text) };
    }
    if (control?.kind === 'skip') return { kind: 'reply', ...respond(state, type, '现在没有待回答的问题。', text) };
    return { kind: 'reply', ...respond(state, type, `没有看懂“${short}”。`, text) };
  }

  const key = state.current!;
  if (key === 'type' && state.review?.includes('type')) return { kind: 'reply', ...answerType(state, type, text, control?.kind) };
  if (state.pending?.field === key && (!control || control.kind === 'confirm')) {
    if (agrees(text)) return { kind: 'reply', ...applyParsed(state, type, state.pending.text, state.pending.parsed, key, false, text) };
    if (DENY.test(text.trim())) {
      const kept = state.pending.text;
      // Nothing said is lost: an answer that is not this field's stays as 未归类 (a period or area list is just asked again).
      const keep = !['org', 'period', 'sections'].includes(key);
      const next = changed(state, (s) => void (keep && (s.facts.unplaced = [...(s.facts.unplaced ?? []), kept])));
      return { kind: 'reply', ...respond(next, type, keep ? '好的，这段话先放在“未归类”里，核对时可以归入合适的部分。' : '好的，没有记下。请再说一次：', text) };
    }
    // 对，还有信息化: what was said back, and more to it. Anything else corrects it. Either is read as the answer
    // and filed without asking again.
    const more = AGREE_AND_MORE.exec(text.trim());
    const correction = more ? `${state.pending.text}\n${more[1]}` : text.replace(CORRECTION_LEAD, '') || text;
    return { kind: 'parse', input: { typeId: type.id, field: key, question: questionText(type, state.facts, key, state.review), text: capAnswer(correction).text } };
  }
  const reviewing = (state.review?.includes(key) || (state.imported && state.editing === key)) && hasValue(state.facts, key);
  if (reviewing) {
    const answer = reviewAnswer(text) ?? (control?.kind === 'skip' || control?.kind === 'confirm' ? 'keep' : null);
    if (answer) return { kind: 'reply', ...answerReview(state, type, key, answer, text, control?.kind === 'skip') };
  }
  if (control?.kind === 'skip') {
    if (questionFor(type, key)?.required) {
      return {
        kind: 'reply',
        ...respond(state, type, `${fieldName(state.facts, key)}是必填项，不能跳过。暂时不清楚的话，可以说“完成”直接进入核对，缺的内容会在稿中标注【待补充】。`, text),
      };
    }
    const next = changed(state, (s) => {
      if (!s.skipped.includes(key)) s.skipped.push(key);
      s.editing = null;
    });
    return { kind: 'reply', ...respond(next, type, `已跳过${fieldName(state.facts, key)}。`, text) };
  }

  if (DIRECT_FIELDS.has(key)) return finishDirect(state, type, key, text);
  const capped = capAnswer(text);
  return { kind: 'parse', input: { typeId: type.id, field: key, question: questionText(type, state.facts, key, state.review), text: capped.text } };
}

/**
 * The type an import was unsure of: 不变 (or 跳过) keeps the guess, a type's name switches to it — the session
 * drafts with `state.type` from the next turn on.
 */
function answerType(state: InterviewState, type: ReportType, text: string, control: string | undefined) {
  const keep = reviewAnswer(text) === 'keep' || control === 'skip' || control === 'confirm';
  const chosen = keep ? state.type : typeFromName(text.replace(/[。.!！\s]+$/, '').replace(/^(?:是|写|改为|改成|换成|按)/, ''));
  if (!chosen) return respond(state, type, '没有看懂要写哪一种报告。', text);
  const next = changed(state, (s) => {
    s.type = chosen;
    s.facts.type = chosen;
    s.review = (s.review ?? []).filter((k) => k !== 'type');
    s.editing = null;
  });
  return respond(next, type, `好的，按“${TYPE_NAMES[chosen] ?? chosen}”来写。`, text);
}

/** 不变 / 跳过 keep a reviewed part exactly as imported; 删除 drops it (not the period, nor the last work area). */
function answerReview(state: InterviewState, type: ReportType, key: string, answer: 'keep' | 'drop', text: string, skipped: boolean) {
  const name = partName(state.facts, key);
  if (answer === 'keep') {
    const next = changed(state, (s) => {
      s.review = (s.review ?? []).filter((k) => k !== key);
      if (s.editing === key) s.editing = null;
    });
    return respond(next, type, skipped ? `已跳过，${name}沿用原报告的内容。` : `好的，${name}沿用原报告的内容，不做改动。`, text);
  }
  const facts = structuredClone(state.facts);
  const refused = dropPart(facts, key);
  if (refused) return respond(state, type, `${refused}。`, text);
  const next = changed(state, (s) => {
    s.review = remapReview(s.facts, facts, (s.review ?? []).filter((k) => k !== key));
    s.skipped = s.skipped.filter((k) => k !== key);
    s.facts = facts;
    s.editing = null;
    s.confirmed = false;
  });
  return respond(next, type, `已删除${name}。`, text);
}

function finishDirect(state: InterviewState, type: ReportType, key: string, text: string): TurnStep {
  const { text: kept, cut } = capAnswer(text);
  const note = cut ? cutNote(cut) : '';
  if (key === 'schedule') {
    const schedule = parseSchedule(kept);
    if (!schedule) return { kind: 'reply', ...respond(state, type, `${note}没能读出工作安排。请按“时间：工作内容”逐行写，没有可以说“跳过”。`, text) };
    const next = changed(state, (s) => {
      s.facts.schedule = schedule;
      s.editing = null;
      s.confirmed = false;
    });
    return { kind: 'reply', ...respond(next, type, `${note}已记下 ${schedule.length} 个时间段的工作安排。`, kept) };
  }
  const value = cleanSingle(kept).slice(0, LIMITS.shortText);
  if (!value || isFiller(value)) return { kind: 'reply', ...respond(state, type, `请写出${fieldName(state.facts, key)}，没有可以说“跳过”。`, text) };
  const next = changed(state, (s) => {
    if (key === 'title') s.facts.title = value;
    else s.facts.signature = { ...s.facts.signature, org: value };
    s.editing = null;
    s.confirmed = false;
  });
  return { kind: 'reply', ...respond(next, type, `已记下${fieldName(state.facts, key)}：${value}。`, kept) };
}

const cutNote = (cut: number) => `回答超过 ${MAX_ANSWER} 字，只收下了前面的部分，后面约 ${cut} 字没有收下，请另发一条。`;

/** Merges work areas: topics already there keep their facts, new ones are added, ones not named are dropped. */
function mergeTopics(facts: CollectedFacts, topics: string[], replace: boolean): CollectedFacts['sections'] {
  const names = [...new Set(topics.map((t) => t.slice(0, LIMITS.shortText)))];
  const byTopic = new Map(facts.sections.map((s) => [s.topic, s]));
  const merged = names.map((topic) => byTopic.get(topic) ?? { topic, facts: [] });
  // Adding keeps the areas already there first, in their order, and the new ones after them.
  const kept = replace ? [] : facts.sections.filter((s) => !names.includes(s.topic));
  return [...kept, ...merged].slice(0, LIMITS.sections);
}

/** Whether a parsed answer carries anything to file. */
const hasContent = (parsed: ParsedAnswer | null): parsed is ParsedAnswer =>
  Boolean(parsed) && Object.entries(parsed!).some(([k, v]) => k !== 'check' && (Array.isArray(v) ? v.length : v));

/**
 * The second step of a turn: applies what the parser found. Nothing found → a re-ask saying what is wanted,
 * with everything collected kept. An answer the parser had to interpret is said back first (对吗？), once.
 */
export function finishTurn(state: InterviewState, type: ReportType, rawText: string, parsed: ParsedAnswer | null): { state: InterviewState; reply: Reply } {
  const text = rawText.replace(/\r\n?/g, '\n');
  const { text: kept, cut } = capAnswer(text);
  const addition = detectControl(text) ? null : detectAddition(text, state.facts, supplementTarget(state));
  const key = addition?.field ?? state.current!;
  const correcting = !addition && state.pending?.field === key;
  const note = cut ? cutNote(cut) : '';
  if (!hasContent(parsed)) {
    if (addition) {
      // An addition the parser cannot read is still kept, as 未归类.
      const next = changed(state, (s) => void (s.facts.unplaced = [...(s.facts.unplaced ?? []), capAnswer(addition.text).text]));
      return respond(next, type, `${note}没能看出这条该归入哪里，先放在“未归类”里，核对时可以归入合适的部分。`, kept);
    }
    const q = questionFor(type, key);
    // 没有 / 暂时没有 to an optional question: nothing to write there, so it is skipped.
    if (!q?.required && !addition && saysNone(kept.replace(/^[^，,…]{0,6}?(?:嘛|呢)[…，,\s]*/, ''))) {
      const next = changed(state, (s) => {
        if (!s.skipped.includes(key)) s.skipped.push(key);
        if (s.editing === key) s.editing = null;
      });
      return respond(next, type, `好的，${fieldName(state.facts, key)}不写。`, kept);
    }
    const lead = isFiller(kept)
      ? '好的。'
      : `${note}没能从您的回答中找到${fieldName(state.facts, key)}。${q?.required ? '' : '没有的话可以说“跳过”。'}请再说一次：`;
    return respond(state, type, lead, kept);
  }
  const interpreted = parsed.check !== undefined || (parsed.period !== undefined && !kept.replace(/\s/g, '').includes(parsed.period.replace(/\s/g, '')));
  if (interpreted && !addition && !correcting) {
    const next = changed(state, (s) => void (s.pending = { field: key, text: kept, parsed }));
    const said = `${note}${parsed.check ?? ''}我理解为：${understood(state.facts, parsed, key)}。对吗？（对的话回复“对”；不对请直接说正确的内容）`;
    return respond(next, type, said, kept, false);
  }
  return applyParsed(state, type, kept, parsed, key, Boolean(addition), kept, note);
}

/** What an answer would be filed as, in words, for 我理解为……对吗？ */
function understood(facts: CollectedFacts, parsed: ParsedAnswer, key: string): string {
  const parts: string[] = [];
  if (parsed.org) parts.push(`单位名称“${parsed.org}”`);
  if (parsed.period) parts.push(`时间段“${parsed.period}”`);
  if (parsed.leadership) parts.push(`领导机关“${parsed.leadership}”`);
  if (parsed.theme) parts.push(`总体思路“${parsed.theme}”`);
  if (parsed.topics?.length) {
    const withFacts = new Map((parsed.topicFacts ?? []).map((t) => [t.topic, t.facts.length]));
    const names = parsed.topics.map((t) => (withFacts.get(t) ? `${t}（连同做法 ${withFacts.get(t)} 条）` : t));
    parts.push(`${parsed.topics.length} 个工作领域：${names.join('、')}`);
  }
  for (const list of ['guidance', 'goals', 'problems', 'nextSteps'] as const) {
    if (parsed[list]?.length) parts.push(`${fieldName(facts, list)}：${parsed[list]!.join('；')}`);
  }
  if (parsed.facts?.length) parts.push(`${fieldName(facts, key)}：${parsed.facts.join('；')}`);
  if (parsed.unplaced?.length) parts.push(`另有 ${parsed.unplaced.length} 条先放在“未归类”：${parsed.unplaced.join('；')}`);
  return parts.join('；');
}

/** Files a parsed answer for `key`; `adding` adds to what is there instead of replacing it. */
function applyParsed(
  state: InterviewState,
  type: ReportType,
  kept: string,
  parsed: ParsedAnswer,
  key: string,
  adding: boolean,
  userText: string,
  note = '',
): { state: InterviewState; reply: Reply } {
  const notes: string[] = [];
  const index = sectionIndexOf(key);
  const next = changed(state, (s) => {
    const f = s.facts;
    const took = (name: string, detail: string) => notes.push(`${name}${detail}`);
    const shortText = (v: string) => v.trim().slice(0, LIMITS.shortText);
    if (parsed.org) took('单位名称', `“${(f.org = shortText(parsed.org))}”`);
    if (parsed.period) took('时间段', `“${(f.period = shortText(parsed.period))}”`);
    if (parsed.leadership) took('领导机关', `“${(f.leadership = shortText(parsed.leadership))}”`);
    if (parsed.theme) took('总体思路', `“${(f.theme = parsed.theme.trim().slice(0, LIMITS.text))}”`);
    if (parsed.date) {
      f.signature = { ...f.signature, date: shortText(parsed.date) };
      took('落款日期', `“${f.signature.date}”`);
    }
    for (const list of ['guidance', 'goals', 'problems', 'nextSteps'] as const) {
      const items = parsed[list]?.map((i) => i.trim()).filter(Boolean);
      if (!items?.length) continue;
      const { items: keptItems, dropped } = capList(adding ? [...(f[list] ?? []), ...items] : items);
      f[list] = keptItems;
      took(fieldName(f, list), adding ? `增加 ${items.length} 条，共 ${keptItems.length} 条` : ` ${keptItems.length} 条${dropped ? `（超出上限，另有 ${dropped} 条未收下）` : ''}`);
    }
    if (parsed.topics?.length) {
      const before = new Set(f.sections.map((x) => x.topic));
      f.sections = mergeTopics(f, parsed.topics, key === 'sections' && !adding);
      took('工作领域', ` ${f.sections.length} 个：${f.sections.map((x) => x.topic).join('、')}`);
      // Facts said with their work area are that area's answer: it is not asked about again.
      for (const { topic, facts } of parsed.topicFacts ?? []) {
        const section = f.sections.find((x) => x.topic === shortText(topic));
        if (!section) {
          // An area past the limit: its facts are kept for the person to place, not lost.
          f.unplaced = [...(f.unplaced ?? []), ...facts];
          continue;
        }
        const { items, dropped } = capFacts(adding ? [...section.facts, ...facts] : facts);
        section.facts = items;
        notes.push(factsNote(section, dropped));
      }
      // An area added after the questions ended is asked about now, then the review comes back.
      const added = f.sections.findIndex((x) => !before.has(x.topic) && !x.facts.length);
      if (adding && s.finished && added >= 0) s.editing = `sections[${added}].facts`;
    }
    if (parsed.facts?.length && index !== null && f.sections[index]) {
      const { items, dropped } = capFacts(adding ? [...f.sections[index].facts, ...parsed.facts] : parsed.facts);
      f.sections[index].facts = items;
      // Replaced facts take the old heading's figures with them (the note names the area as relabelled).
      if (s.imported && !adding) relabelAfterReplace(f.sections[index], index);
      notes.push(factsNote(f.sections[index], dropped));
    }
    if (parsed.facts?.length && (index === null || !f.sections[index])) {
      // Facts with no work area asked (a model's answer for another field): kept, never dropped.
      f.unplaced = [...(f.unplaced ?? []), ...parsed.facts];
      notes.push(`${parsed.facts.length} 条具体做法没有对应的工作领域，先放在“未归类”里`);
    }
    if (parsed.unplaced?.length) {
      f.unplaced = [...(f.unplaced ?? []), ...parsed.unplaced.map((i) => i.trim()).filter(Boolean)];
      notes.push(`${parsed.unplaced.length} 条像是具体做法而不是领域名称，先放在“未归类”里，核对时可以归入或删除`);
    }
    if (s.imported) {
      notes.push(...followNewPeriod(f, state.facts.period));
      const answered = new Set(answeredKeys(parsed, key));
      s.review = remapReview(state.facts, f, (s.review ?? []).filter((k) => !answered.has(k)));
    }
    if (s.editing && s.editing !== key && hasValue(f, s.editing) && !(adding && s.finished)) s.editing = null;
    else if (s.editing === key && hasValue(f, key)) s.editing = null;
    s.confirmed = false;
  });
  if (!notes.length) {
    return respond(state, type, `${note}没能从您的回答中找到${fieldName(state.facts, key)}。请再说一次：`, userText);
  }
  const askAreas = key === 'sections' && !next.facts.sections.length ? '请先列出工作领域的名称（如“党建工作、教师队伍建设”）。' : '';
  return respond(next, type, `${note}已记下：${notes.join('；')}。${askAreas}`, userText);
}

/** 把未归类第1条归入校舍建设 / 删除未归类第2条: the person places or drops what the parser could not. */
function placeUnplaced(state: InterviewState, type: ReportType, placement: Placement, text: string) {
  const items = state.facts.unplaced ?? [];
  const chosen = placement.index === null ? items.map((_, i) => i) : [placement.index - 1];
  if (chosen.some((i) => i < 0 || i >= items.length)) return respond(state, type, `未归类的内容只有 ${items.length} 条。`, text);
  const keep = (s: InterviewState) => {
    s.facts.unplaced = items.filter((_, i) => !chosen.includes(i));
    if (!s.facts.unplaced.length) delete s.facts.unplaced;
  };
  if (placement.op === 'drop') {
    const next = changed(state, (s) => void keep(s));
    return respond(next, type, `已删除未归类的 ${chosen.length} 条。`, text);
  }
  const key = resolveEditTarget(state, type, placement.target);
  if (!key) return respond(state, type, `没有找到“${placement.target}”这一部分。可以归入：${editableNames(state, type)}。`, text);
  const moved = chosen.map((i) => items[i]);
  const next = changed(state, (s) => {
    keep(s);
    const f = s.facts;
    const index = sectionIndexOf(key);
    if (index !== null && f.sections[index]) f.sections[index].facts = capFacts([...f.sections[index].facts, ...moved]).items;
    else if (key === 'sections') f.sections = mergeTopics(f, moved, false);
    else if (['guidance', 'goals', 'problems', 'nextSteps'].includes(key)) {
      const list = key as 'guidance' | 'goals' | 'problems' | 'nextSteps';
      f[list] = capList([...(f[list] ?? []), ...moved]).items;
    } else if (key === 'signature.date') f.signature = { ...f.signature, date: moved.join('') };
    else (f as unknown as Record<string, string>)[key] = moved.join('；');
    s.confirmed = false;
  });
  return respond(next, type, `已把 ${moved.length} 条归入${fieldName(next.facts, key)}。`, text);
}

/** A work area's facts as answered: blanks out, capped at the per-area limit. */
const capFacts = (facts: string[]) => capList(facts.map((i) => i.trim()).filter(Boolean), LIMITS.factsPerSection);

/** What the reply says it took for a work area. */
function factsNote(section: CollectedFacts['sections'][number], dropped: number): string {
  return `“${section.topic}”的情况 ${section.facts.length} 条${dropped ? `（超出上限，另有 ${dropped} 条未收下）` : ''}`;
}

/** The review parts an answer filled: the one asked when its value came back, and any labelled one (问题：…). */
function answeredKeys(parsed: ParsedAnswer, key: string): string[] {
  const keys: string[] = [];
  if (parsed.period) keys.push('period');
  if (parsed.org) keys.push('org');
  if (parsed.theme) keys.push('theme');
  for (const list of ['guidance', 'goals', 'problems', 'nextSteps'] as const) if (parsed[list]?.length) keys.push(list);
  if (parsed.facts?.length && sectionIndexOf(key) !== null) keys.push(key);
  return keys;
}

// ── Review and drafting ──────────────────────────────────────────────────────────────────────────────────

/** Applies outline operations (from a message or PUT …/outline); an operation that cannot apply changes nothing. */
export function editOutline(
  state: InterviewState,
  type: ReportType,
  operations: OutlineOperation[],
): { state: InterviewState; done: string[] } | { error: string } {
  const result = applyOutlineEdits(state.facts, type, state.choices, operations);
  if (result.error) return { error: result.error };
  const next = changed(state, (s) => {
    if (s.review?.length) s.review = remapReview(s.facts, result.facts, s.review);
    s.facts = result.facts;
    s.choices = result.choices;
    s.confirmed = false;
  });
  return { state: derive(next, type), done: result.done };
}

/** The reply for the state as it stands (after an outline edit over HTTP, or to show again). */
export function describeState(state: InterviewState, type: ReportType, lead = ''): { state: InterviewState; reply: Reply } {
  const derived = derive(state, type);
  const text = `${lead ? `${lead}\n` : ''}${nextText(derived, type)}`;
  return { state: derived, reply: { text, field: derived.state === 'asking' ? derived.current : null, progress: progress(derived, type) } };
}

/** After a draft is written: linked from the session, and the session is ready. */
export function recordDraft(state: InterviewState, draftId: string): InterviewState {
  return { ...state, drafts: [...state.drafts, draftId], confirmed: true, state: 'ready' };
}

/** Whether the session may be drafted now; asking sessions say 完成 first. */
export const canDraft = (state: InterviewState) => state.state !== 'asking';
