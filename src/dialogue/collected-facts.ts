/** The facts an interview has collected so far, what each field is called, and the fact sheet drafting gets. Pure. */
import type { FactSheet, ScheduleRow } from '../domain/fact-sheet.js';
import { LIMITS } from '../domain/fact-sheet.js';
import { placeholder } from '../domain/figure-guard.js';
import type { DerivedFigure } from '../domain/derived-figures.js';
import { FIELD_NAMES } from '../contract/field-names.js';
import type { SessionFacts } from '../contract/session-shapes.js';

/**
 * A fact sheet being filled: every field may still be missing; sections may still lack facts. Its fields are the
 * contract's (what the widget reads); the sums of a consolidation are the server's own.
 */
export interface CollectedFacts extends SessionFacts {
  schedule?: ScheduleRow[];
  /** Sums offered by a consolidation (汇总), each accepted or not; drafted only when accepted and right. */
  derived?: DerivedFigure[];
}

/** What people call each field, for questions, summaries and 修改 + name (shared with the widget). */
export { FIELD_NAMES };

/** Other words a person may use for a field after 修改. */
export const FIELD_ALIASES: Array<[string, RegExp]> = [
  ['org', /^(?:单位|单位名称|名义|发文单位)$/],
  ['period', /^(?:时间|时间段|年份|年度|期间|时段)$/],
  ['leadership', /^(?:领导|领导机关|上级)$/],
  ['guidance', /^(?:指导思想|指导|精神|文件|依据)$/],
  ['theme', /^(?:总体思路|主线|总体要求|思路|要求)$/],
  ['sections', /^(?:工作领域|领域|方面|几方面|工作方面|板块)$/],
  ['goals', /^(?:目标|工作目标)$/],
  ['problems', /^(?:问题|存在的问题|不足|问题和不足|薄弱环节|风险)$/],
  ['nextSteps', /^(?:下一步|下一步打算|打算|计划|下一步工作)$/],
  ['schedule', /^(?:安排|工作安排|日程|进度)$/],
  ['signature.date', /^(?:日期|落款日期|落款|成文日期|印发日期)$/],
  ['title', /^(?:标题|题目)$/],
];

export const emptyFacts = (type: string): CollectedFacts => ({ type, sections: [] });

const SECTION_FACTS = /^sections\[(\d+)\]\.facts$/;

/** The section index a `sections[2].facts` field names, or null. */
export function sectionIndexOf(field: string): number | null {
  const match = field.match(SECTION_FACTS);
  return match ? Number(match[1]) : null;
}

/** Whether a field already holds an answer. */
export function hasValue(facts: CollectedFacts, field: string): boolean {
  const index = sectionIndexOf(field);
  if (index !== null) return Boolean(facts.sections[index]?.facts.length);
  if (field === 'sections') return facts.sections.length > 0;
  if (field === 'signature.date') return Boolean(facts.signature?.date);
  if (field === 'signature.org') return Boolean(facts.signature?.org);
  const value = (facts as unknown as Record<string, unknown>)[field];
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** The name of a field for people: 单位名称, “教师队伍建设”的具体工作 … */
export function fieldName(facts: CollectedFacts, field: string): string {
  const index = sectionIndexOf(field);
  if (index !== null) return `“${facts.sections[index]?.topic ?? `第${index + 1}个工作领域`}”的具体工作`;
  return FIELD_NAMES[field] ?? field;
}

/** Caps a list at the fact sheet's limit; says how many were left out. */
export function capList(items: string[], max: number = LIMITS.listItems): { items: string[]; dropped: number } {
  const trimmed = items.map((i) => (i.length > LIMITS.text ? i.slice(0, LIMITS.text) : i));
  return { items: trimmed.slice(0, max), dropped: Math.max(0, trimmed.length - max) };
}

/**
 * The fact sheet drafting gets: what is missing becomes a 【待补充】 marker, so finishing early still drafts
 * and the gaps stay visible in the draft.
 * @example toFactSheet({ type: 'annual-summary', sections: [] }).org // '【待补充：单位名称】'
 */
export function toFactSheet(facts: CollectedFacts): FactSheet {
  const sections = facts.sections.length
    ? facts.sections.map((s) => ({
        topic: s.topic,
        ...(s.heading ? { heading: s.heading } : {}),
        facts: s.facts.length ? s.facts : [placeholder(`${s.topic}的具体做法和成效`)],
      }))
    : [{ topic: placeholder('工作领域'), facts: [placeholder('具体工作和数据')] }];
  const sheet: FactSheet = {
    type: facts.type,
    org: facts.org ?? placeholder('单位名称'),
    period: facts.period ?? placeholder('时间段'),
    sections,
  };
  if (facts.title) sheet.title = facts.title;
  if (facts.leadership) sheet.leadership = facts.leadership;
  if (facts.guidance?.length) sheet.guidance = facts.guidance;
  if (facts.theme) sheet.theme = facts.theme;
  if (facts.goals?.length) sheet.goals = facts.goals;
  if (facts.problems?.length) sheet.problems = facts.problems;
  if (facts.nextSteps?.length) sheet.nextSteps = facts.nextSteps;
  if (facts.schedule?.length) sheet.schedule = facts.schedule;
  if (facts.signature?.org || facts.signature?.date) sheet.signature = { ...facts.signature };
  if (facts.derived?.length) sheet.derived = facts.derived;
  return sheet;
}

/** The facts as lines for the review message. */
export function factSummary(facts: CollectedFacts): string[] {
  const lines: string[] = [];
  const missing = '（未填写，稿中标注【待补充】）';
  lines.push(`单位名称：${facts.org ?? missing}`);
  lines.push(`时间段：${facts.period ?? missing}`);
  if (facts.title) lines.push(`标题：${facts.title}`);
  if (facts.leadership) lines.push(`领导机关：${facts.leadership}`);
  if (facts.guidance?.length) lines.push(`指导思想：${facts.guidance.join('；')}`);
  if (facts.theme) lines.push(`总体思路：${facts.theme}`);
  if (facts.goals?.length) lines.push(`工作目标：${facts.goals.join('；')}`);
  if (!facts.sections.length) lines.push(`工作领域：${missing}`);
  facts.sections.forEach((s, i) => {
    const body = s.facts.length ? s.facts.join('；') : missing;
    lines.push(`工作领域${i + 1}“${s.topic}”：${body}`);
  });
  if (facts.problems?.length) lines.push(`存在的问题：${facts.problems.join('；')}`);
  if (facts.nextSteps?.length) lines.push(`下一步打算：${facts.nextSteps.join('；')}`);
  for (const row of facts.schedule ?? []) lines.push(`工作安排 ${row.when}：${row.items.join('；')}`);
  if (facts.signature?.date) lines.push(`落款日期：${facts.signature.date}`);
  (facts.unplaced ?? []).forEach((item, i) => lines.push(`未归类${i + 1}：${item}`));
  return lines;
}
