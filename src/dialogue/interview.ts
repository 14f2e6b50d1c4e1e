/**
 * The interview's turns: state in → reply and new state out, with no I/O and no clock. A turn is two steps so an
 * async (model) parser can sit between them: beginTurn handles what needs no parsing (controls, review commands,
 * empty input) or asks for a parse; finishTurn applies the parsed answer. What to ask is in questions.ts, what is
 * said in replies.ts, how an answer is filed in filing.ts, and the state and its 上一步 history in interview-state.ts.
 */
import type { Reply } from '../contract/session-shapes.js';
import type { ReportType } from '../domain/report-types.js';
import { detectAddition, detectPlacement } from './additions.js';
import type { AnswerInput, ParsedAnswer } from './answer-parser.js';
import { isFiller, LAST_YEARS_REPORT, saysNone } from './answer-text.js';
import { fieldName, hasValue, sectionIndexOf, type CollectedFacts } from './collected-facts.js';
import { detectControl } from './controls.js';
import { answerReview, answerType, applyParsed, DIRECT_FIELDS, fileDirect, fileParsed, fillsAField, hasContent, placeUnplaced, understood } from './filing.js';
import { remapReview, reviewAnswer, reviewPlan } from './import-review.js';
import { capAnswer, changed, freshState, type InterviewState } from './interview-state.js';
import { applyOutlineEdits, parseOutlineCommand, sessionOutline, type OutlineOperation } from './outline-edits.js';
import { answerInput, currentValue, derive, editableNames, questionFor, resolveEditTarget } from './questions.js';
import { cutNote, respond } from './replies.js';

// The services and routes take the whole interview from this module: its state's type and its reply as it stands too.
export type { InterviewState } from './interview-state.js';
export { describeState } from './replies.js';

// ── Starting ─────────────────────────────────────────────────────────────────────────────────────────────

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
  // An import unsure of the type asks it first (see answerType in filing.ts).
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
const CORRECTION_LEAD = /^(?:不对|不是|错了|不正确)[，,。\s]*(?:应该是|应为|是)?/;

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
    const base = state.pending ? applyParsed(state, type, state.pending.parsed, state.pending.field, false, text).state : state;
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
    return { kind: 'parse', input: answerInput(type, state.facts, addition.field, capAnswer(addition.text).text) };
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
    if (agrees(text)) return { kind: 'reply', ...applyParsed(state, type, state.pending.parsed, key, false, text) };
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
    return { kind: 'parse', input: answerInput(type, state.facts, key, capAnswer(correction).text, state.review) };
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

  if (DIRECT_FIELDS.has(key)) return { kind: 'reply', ...fileDirect(state, type, key, text) };
  return { kind: 'parse', input: answerInput(type, state.facts, key, capAnswer(text).text, state.review) };
}

/** What a turn's second step answers; `again` when the answer belongs to the next question (see finishTurn). */
export interface TurnResult {
  state: InterviewState;
  reply: Reply;
  /**
   * The person moved on without answering 对吗？: the check is filed as understood (`state`), and the same words
   * are to be parsed as the answer to the next question, then finished with `finishTurn(again.state, type, text,
   * parsed, again.lead)`. `state` and `reply` alone are whole too: the check filed, the words kept as 未归类.
   */
  again?: { input: AnswerInput; state: InterviewState; lead: string };
}

/**
 * The second step of a turn: applies what the parser found. Nothing found → a re-ask saying what is wanted,
 * with everything collected kept. An answer the parser had to interpret is said back first (对吗？), once.
 * `lead` is said before the reply (what an earlier step of the same turn filed).
 */
export function finishTurn(state: InterviewState, type: ReportType, rawText: string, parsed: ParsedAnswer | null, lead = ''): TurnResult {
  const text = rawText.replace(/\r\n?/g, '\n');
  const { text: kept, cut } = capAnswer(text);
  const addition = detectControl(text) ? null : detectAddition(text, state.facts, supplementTarget(state));
  const key = addition?.field ?? state.current!;
  const correcting = !addition && state.pending?.field === key;
  const note = `${lead}${cut ? cutNote(cut) : ''}`;
  // Words that are not this field's (nothing for it, or only words set aside: 全年召开党组会12次 said to a check of
  // the areas), or read as doubtfully as the first (a document's name after a doubt about 领导机关), are no
  // correction: the person went on.
  if (correcting && (!fillsAField(parsed) || parsed!.doubt)) {
    const moved = moveOn(state, type, kept);
    if (moved) return moved;
  }
  if (!hasContent(parsed)) {
    if (addition) {
      // An addition the parser cannot read is still kept, as 未归类.
      const next = changed(state, (s) => void (s.facts.unplaced = [...(s.facts.unplaced ?? []), capAnswer(addition.text).text]));
      return respond(next, type, `${note}没能看出这条该归入哪里，先放在“未归类”里，核对时可以归入合适的部分。`, kept);
    }
    const q = questionFor(type, key);
    // 没有 / 暂时没有 to an optional question: nothing to write there, so it is skipped.
    if (!q?.required && !addition && saysNone(kept.replace(/^[^，,…]{0,6}?(?:嘛|呢)[…，,\s]*/, ''))) {
      return respond(passedOver(state, key), type, `${note}好的，${fieldName(state.facts, key)}不写。`, kept);
    }
    // 暂时没有 for a work area's facts: the area stays, marked 【待补充】 in the draft, and the questions go on.
    const area = sectionIndexOf(key);
    if (area !== null && !addition && saysNone(kept)) {
      const topic = state.facts.sections[area]?.topic ?? '';
      return respond(passedOver(state, key), type, `${note}好的，“${topic}”暂不填写，稿中会标注【待补充】；不需要这个领域的话，核对时说“删除${topic}”即可。`, kept);
    }
    // 按照去年的写: the interview cannot read last year's report from here, but an import can.
    const lastYear = key === 'sections' && LAST_YEARS_REPORT.test(kept) ? '要沿用去年的报告，可以重新开始并选“用去年的报告开始”，把去年的报告粘贴进来；' : '';
    const said = isFiller(kept)
      ? `${note}好的。`
      : `${note}${lastYear}没能从您的回答中找到${fieldName(state.facts, key)}。${q?.required ? '' : '没有的话可以说“跳过”。'}请再说一次：`;
    return respond(state, type, said, kept);
  }
  const interpreted = parsed.check !== undefined || (parsed.period !== undefined && !kept.replace(/\s/g, '').includes(parsed.period.replace(/\s/g, '')));
  if (interpreted && !addition && !correcting) {
    const next = changed(state, (s) => void (s.pending = { field: key, text: kept, parsed }));
    const said = `${note}${parsed.check ?? ''}我理解为：${understood(state.facts, parsed, key)}。对吗？（对的话回复“对”；不对请直接说正确的内容）`;
    return respond(next, type, said, kept, false);
  }
  if (correcting && state.pending!.parsed.doubt) {
    // A doubt corrected (这段话像是存在的问题 → the real 总体思路): the doubted words were something else, so they wait
    // in 未归类 rather than vanish.
    const doubted = state.pending!.text;
    const result = applyParsed(state, type, parsed, key, false, kept, `${note}刚才那段话先放在“未归类”里。`);
    if (result.state !== state) result.state.facts.unplaced = [...(result.state.facts.unplaced ?? []), doubted];
    return result;
  }
  return applyParsed(state, type, parsed, key, Boolean(addition), kept, note);
}

/** The state with a question passed over (said to have nothing): not asked again, and no longer being edited. */
const passedOver = (state: InterviewState, key: string) =>
  changed(state, (s) => {
    if (!s.skipped.includes(key)) s.skipped.push(key);
    if (s.editing === key) s.editing = null;
  });

/**
 * 对吗？ answered with words that are not this field's (主要是三块：…, said to a check of the period): the person
 * took what was understood as right and went on, so it is filed — unless the check was a doubt about the field,
 * then the earlier words go to 未归类. The new words answer the next question (`again`), and until then they are
 * kept as 未归类 too, so nothing said is lost whichever way the caller goes.
 */
function moveOn(state: InterviewState, type: ReportType, kept: string): TurnResult | null {
  const pending = state.pending!;
  let next: InterviewState;
  let lead: string;
  if (pending.parsed.doubt) {
    // A doubt (这段话不像是领导机关) left unanswered is not a yes: the words wait in 未归类, and an optional
    // question is passed over so the next words are not read as its answer again.
    const optional = !questionFor(type, pending.field)?.required;
    next = changed(state, (s) => {
      s.facts.unplaced = [...(s.facts.unplaced ?? []), pending.text];
      if (optional && !s.skipped.includes(pending.field)) s.skipped.push(pending.field);
    });
    lead = `刚才那段话没有记作${fieldName(state.facts, pending.field)}，先放在“未归类”里，核对时可以归入合适的部分。`;
  } else {
    const taken = fileParsed(state, type, pending.parsed, pending.field, false);
    if (!taken.notes.length) return null;
    next = taken.next;
    lead = `已记下：${taken.notes.join('；')}。`;
  }
  const filed = derive(next, type);
  const field = filed.state === 'asking' ? filed.current : null;
  const fallback = changed(filed, (s) => void (s.facts.unplaced = [...(s.facts.unplaced ?? []), kept]));
  const result = respond(fallback, type, `${lead}这段话先放在“未归类”里，核对时可以归入合适的部分。`, kept);
  if (!field) return result;
  return { ...result, again: { input: answerInput(type, filed.facts, field, kept, filed.review), state: filed, lead } };
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

/** After a draft is written: linked from the session, and the session is ready. */
export function recordDraft(state: InterviewState, draftId: string): InterviewState {
  return { ...state, drafts: [...state.drafts, draftId], confirmed: true, state: 'ready' };
}

/** Whether the session may be drafted now; asking sessions say 完成 first. */
export const canDraft = (state: InterviewState) => state.state !== 'asking';
