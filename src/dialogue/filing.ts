/**
 * Filing an answer into the facts: a parsed answer (`applyParsed`; `understood` says it back in words), the fields
 * no parser returns (schedule, title, signature.org), 未归类 placed or dropped, and in an import the report type and
 * 不变 / 删除 for a part. Each files on a copy through `changed` and returns the reply saying what it took. Pure.
 */
import type { Reply } from '../contract/session-shapes.js';
import { LIMITS } from '../domain/fact-sheet.js';
import type { ReportType } from '../domain/report-types.js';
import { TYPE_NAMES, typeFromName } from '../import/report-type.js';
import type { Placement } from './additions.js';
import type { ParsedAnswer } from './answer-parser.js';
import { cleanSingle, isFiller, splitItems } from './answer-text.js';
import { capList, fieldName, hasValue, sectionIndexOf, type CollectedFacts } from './collected-facts.js';
import { dropPart, followNewPeriod, partName, relabelAfterReplace, remapReview, reviewAnswer } from './import-review.js';
import { capAnswer, changed, type InterviewState } from './interview-state.js';
import { editableNames, resolveEditTarget } from './questions.js';
import { cutNote, respond } from './replies.js';

/** Whether a parsed answer fills a field: not only words set aside as 未归类. */
export const fillsAField = (parsed: ParsedAnswer | null): boolean =>
  hasContent(parsed) && Object.entries(parsed!).some(([k, v]) => !['check', 'doubt', 'unplaced'].includes(k) && (Array.isArray(v) ? v.length : v));

/** Whether a parsed answer carries anything to file. */
export const hasContent = (parsed: ParsedAnswer | null): parsed is ParsedAnswer =>
  Boolean(parsed) && Object.entries(parsed!).some(([k, v]) => k !== 'check' && k !== 'doubt' && (Array.isArray(v) ? v.length : v));

/** What an answer would be filed as, in words, for 我理解为……对吗？ */
export function understood(facts: CollectedFacts, parsed: ParsedAnswer, key: string): string {
  const parts: string[] = [];
  if (parsed.org) parts.push(`单位名称“${parsed.org}”`);
  if (parsed.period) parts.push(`时间段“${parsed.period}”`);
  if (parsed.leadership) parts.push(`领导机关“${parsed.leadership}”`);
  if (parsed.theme) parts.push(`总体思路“${parsed.theme}”`);
  if (parsed.date) parts.push(`落款日期“${parsed.date}”`);
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
export function applyParsed(
  state: InterviewState,
  type: ReportType,
  parsed: ParsedAnswer,
  key: string,
  adding: boolean,
  userText: string,
  note = '',
): { state: InterviewState; reply: Reply } {
  const { next, notes } = fileParsed(state, type, parsed, key, adding);
  if (!notes.length) {
    return respond(state, type, `${note}没能从您的回答中找到${fieldName(state.facts, key)}。请再说一次：`, userText);
  }
  const askAreas = key === 'sections' && !next.facts.sections.length ? '请先列出工作领域的名称（如“党建工作、教师队伍建设”）。' : '';
  return respond(next, type, `${note}已记下：${notes.join('；')}。${askAreas}`, userText);
}

/** The facts with a parsed answer filed (on a copy, through `changed`), and what was taken, in words; none → nothing filed. */
export function fileParsed(state: InterviewState, type: ReportType, parsed: ParsedAnswer, key: string, adding: boolean): { next: InterviewState; notes: string[] } {
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
  return { next, notes };
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

/** Merges work areas: topics already there keep their facts, new ones are added, ones not named are dropped. */
function mergeTopics(facts: CollectedFacts, topics: string[], replace: boolean): CollectedFacts['sections'] {
  const names = [...new Set(topics.map((t) => t.slice(0, LIMITS.shortText)))];
  const byTopic = new Map(facts.sections.map((s) => [s.topic, s]));
  const merged = names.map((topic) => byTopic.get(topic) ?? { topic, facts: [] });
  // Adding keeps the areas already there first, in their order, and the new ones after them.
  const kept = replace ? [] : facts.sections.filter((s) => !names.includes(s.topic));
  return [...kept, ...merged].slice(0, LIMITS.sections);
}

/** Fields no AnswerParser returns (the contract has no place for them): read here directly. */
export const DIRECT_FIELDS = new Set(['schedule', 'title', 'signature.org']);

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

/** An answer for a direct field, read here: the schedule row by row (时间：工作内容), the title or 落款单位 as one line. */
export function fileDirect(state: InterviewState, type: ReportType, key: string, text: string): { state: InterviewState; reply: Reply } {
  const { text: kept, cut } = capAnswer(text);
  const note = cut ? cutNote(cut) : '';
  if (key === 'schedule') {
    const schedule = parseSchedule(kept);
    if (!schedule) return respond(state, type, `${note}没能读出工作安排。请按“时间：工作内容”逐行写，没有可以说“跳过”。`, text);
    const next = changed(state, (s) => {
      s.facts.schedule = schedule;
      s.editing = null;
      s.confirmed = false;
    });
    return respond(next, type, `${note}已记下 ${schedule.length} 个时间段的工作安排。`, kept);
  }
  const value = cleanSingle(kept).slice(0, LIMITS.shortText);
  if (!value || isFiller(value)) return respond(state, type, `请写出${fieldName(state.facts, key)}，没有可以说“跳过”。`, text);
  const next = changed(state, (s) => {
    if (key === 'title') s.facts.title = value;
    else s.facts.signature = { ...s.facts.signature, org: value };
    s.editing = null;
    s.confirmed = false;
  });
  return respond(next, type, `已记下${fieldName(state.facts, key)}：${value}。`, kept);
}

/** 把未归类第1条归入校舍建设 / 删除未归类第2条: the person places or drops what the parser could not. */
export function placeUnplaced(state: InterviewState, type: ReportType, placement: Placement, text: string) {
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

/**
 * The type an import was unsure of: 不变 (or 跳过) keeps the guess, a type's name switches to it — the session
 * drafts with `state.type` from the next turn on.
 */
export function answerType(state: InterviewState, type: ReportType, text: string, control: string | undefined) {
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
export function answerReview(state: InterviewState, type: ReportType, key: string, answer: 'keep' | 'drop', text: string, skipped: boolean) {
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
