/**
 * An interview started from an imported report: which parts are asked again (period, each work area, then the
 * lists the old report had), how each is shown with what the old report said, and how 不变 / 删除 are read. Pure.
 */
import { LIMITS, type FactSheet } from '../domain/fact-sheet.js';
import { findFigures } from '../domain/figures.js';
import { TYPE_NAMES } from '../import/report-type.js';
import { hasValue, sectionIndexOf, type CollectedFacts } from './collected-facts.js';

/** What the interview remembers of the import: the facts as imported and the parts to ask, for 重新开始. */
export interface ImportOrigin {
  facts: CollectedFacts;
  review: string[];
}

/** The lists and texts asked after the work areas, in this order, when the old report had them. */
const LIST_PARTS = ['goals', 'problems', 'nextSteps', 'guidance', 'theme'] as const;
type ListPart = (typeof LIST_PARTS)[number];

const PART_NAMES: Record<ListPart, string> = {
  goals: '工作目标',
  problems: '存在的问题',
  nextSteps: '下一步打算',
  guidance: '指导思想',
  theme: '总体思路（开头段）',
};

/**
 * The imported fact sheet as collected facts (every field kept verbatim), the type chosen by the caller.
 * @example importedFacts(importReport(text).facts, 'annual-summary').sections[0].facts // as imported
 */
export function importedFacts(sheet: Partial<FactSheet> & { sections: FactSheet['sections'] }, type: string): CollectedFacts {
  const facts: CollectedFacts = {
    type,
    sections: sheet.sections.map((s) => ({ topic: s.topic, ...(s.heading ? { heading: s.heading } : {}), facts: [...s.facts] })),
  };
  for (const key of ['title', 'org', 'period', 'leadership', 'theme'] as const) if (sheet[key]) facts[key] = sheet[key];
  for (const key of ['guidance', 'goals', 'problems', 'nextSteps'] as const) if (sheet[key]?.length) facts[key] = [...sheet[key]!];
  if (sheet.schedule?.length) facts.schedule = structuredClone(sheet.schedule);
  if (sheet.signature?.org || sheet.signature?.date) facts.signature = { ...sheet.signature };
  if (sheet.derived?.length) facts.derived = structuredClone(sheet.derived);
  return facts;
}

/** The parts asked, in order: the period first, the unit if the report did not name it, each work area, then the lists present. */
export function reviewPlan(facts: CollectedFacts): string[] {
  return [
    'period',
    ...(facts.org ? [] : ['org']),
    ...facts.sections.map((_, i) => `sections[${i}].facts`),
    ...LIST_PARTS.filter((key) => hasValue(facts, key)),
  ];
}

/** A review answer that is not new content: keep the part as it was, or drop it. */
export type ReviewAnswer = 'keep' | 'drop';

const norm = (text: string) => text.trim().replace(/[。.!！~～\s]+$/g, '').replace(/^(?:好的?|嗯|这部分|这一部分|这项|这个)[，,\s]*/, '').replace(/\s+/g, '');
const KEEP =
  /^(?:不变|没变|没有变|没有变化|无变化|没变化|不用变|沿用|继续沿用|沿用原来的|沿用原文|保持|保持不变|维持不变|保留|照旧|依旧|不改|不用改|不需要改|一样|和原来一样|跟原来一样|同上|还是这样|还适用|适用|都不变|都一样|原样|照抄|还是这些)(?:的|吧|了|啊)?$/;
const DROP = /^(?:删除|删掉|去掉|删去|不要|不要了|取消|删|这部分不要了|删除这部分|删掉这部分|去掉这部分|今年没有|今年没有了|不写了|不写)(?:吧|了)?$/;

/**
 * Reads 不变 / 沿用 (keep) and 删除 (drop); anything else is new content (or a control) and gives null.
 * @example reviewAnswer('沿用') // 'keep'
 */
export function reviewAnswer(text: string): ReviewAnswer | null {
  const t = norm(text);
  if (KEEP.test(t)) return 'keep';
  if (DROP.test(t)) return 'drop';
  return null;
}

/** A fact shown briefly: cut at a clause end near the limit, never inside a figure. */
function brief(text: string, max = 60): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const cut = Math.max(...['，', '；', '。', ',', ';', '、'].map((p) => head.lastIndexOf(p)));
  let end = cut > max / 2 ? cut : max;
  while (end > 0 && /[0-9.%]/.test(text[end - 1]) && /[0-9.%万元名个所人次]/.test(text[end] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

function shownList(items: string[], max = 4): string[] {
  const lines = items.slice(0, max).map((item) => `· ${brief(item)}`);
  if (items.length > max) lines.push(`（另有 ${items.length - max} 条）`);
  return lines;
}

const HOW =
  '还适用的话回复“不变”（原文照用，数字一字不改）；这部分今年没有了请回复“删除”；有变化就直接写出新的情况和数字，会整体替换原来的内容。';

/**
 * The question for a part of an imported report that still holds the old content; null when the field is
 * empty (the type's own question is asked then).
 */
export function reviewQuestion(facts: CollectedFacts, key: string): string | null {
  if (key === 'type') {
    // Asked first when the import could not tell the type for sure (ImportResult.reportType.unsure).
    const names = Object.values(TYPE_NAMES).join('、');
    return `看不太准原报告是哪一种：暂按“${TYPE_NAMES[facts.type] ?? facts.type}”处理。这次要写哪一种？\n请回复：${names}；就按“${TYPE_NAMES[facts.type] ?? facts.type}”请回复“不变”。`;
  }
  if (!hasValue(facts, key)) return null;
  if (key === 'period') {
    return `原报告写的是“${facts.period}”，这次写哪个时间段？\n例如：2026年、2026年上半年；时间段不变请回复“不变”。`;
  }
  const index = sectionIndexOf(key);
  if (index !== null) {
    const section = facts.sections[index];
    return [
      `第 ${index + 1} 个工作领域“${section.topic}”（共 ${facts.sections.length} 个），原报告写的是：`,
      ...shownList(section.facts),
      HOW,
    ].join('\n');
  }
  if ((LIST_PARTS as readonly string[]).includes(key)) {
    const value = facts[key as ListPart];
    const items = Array.isArray(value) ? value : [value as string];
    return [`原报告中“${PART_NAMES[key as ListPart]}”写的是：`, ...shownList(items), HOW].join('\n');
  }
  return null;
}

/** The name of a reviewed part in replies. */
export function partName(facts: CollectedFacts, key: string): string {
  const index = sectionIndexOf(key);
  if (index !== null) return `“${facts.sections[index]?.topic ?? `第${index + 1}个工作领域`}”`;
  return PART_NAMES[key as ListPart] ?? (key === 'period' ? '时间段' : key === 'type' ? '报告类型' : key);
}

/**
 * Drops a reviewed part from the facts (in place). Returns why it cannot be dropped, or null when done.
 * The period cannot go, nor the last work area.
 */
export function dropPart(facts: CollectedFacts, key: string): string | null {
  const index = sectionIndexOf(key);
  if (index !== null) {
    if (facts.sections.length <= 1) return '至少要保留一个工作领域；有变化的话可以直接写出新的情况';
    facts.sections.splice(index, 1);
    return null;
  }
  if ((LIST_PARTS as readonly string[]).includes(key)) {
    delete facts[key as ListPart];
    return null;
  }
  return `${partName(facts, key)}是必填项，不能删除`;
}

/**
 * Review keys after the work areas changed (one dropped, moved or merged): each area key follows its topic;
 * keys of areas no longer there are gone.
 */
export function remapReview(before: CollectedFacts, after: CollectedFacts, review: string[]): string[] {
  const used = new Set<number>();
  return review.flatMap((key) => {
    const index = sectionIndexOf(key);
    if (index === null) return [key];
    const topic = before.sections[index]?.topic;
    const found = after.sections.findIndex((s, i) => !used.has(i) && s.topic === topic);
    if (found < 0) return [];
    used.add(found);
    return [`sections[${found}].facts`];
  });
}

/**
 * After the period changed: the title's old period becomes the new one, and an old signature date (which
 * belongs to the old period) is removed. Says what it did, for the reply.
 */
export function followNewPeriod(facts: CollectedFacts, oldPeriod: string | undefined): string[] {
  const done: string[] = [];
  if (!oldPeriod || !facts.period || facts.period === oldPeriod) return done;
  if (facts.title?.includes(oldPeriod)) {
    facts.title = facts.title.split(oldPeriod).join(facts.period).slice(0, LIMITS.shortText);
    done.push(`标题改为“${facts.title}”`);
  }
  if (facts.signature?.date && findFigures(facts.signature.date).length) {
    done.push(`原落款日期“${facts.signature.date}”已去掉，稿中标注【待补充】，可以说“修改落款日期”补上`);
    const { date: _old, ...rest } = facts.signature;
    facts.signature = rest.org ? rest : undefined;
    if (!facts.signature) delete facts.signature;
  }
  return done;
}

/**
 * A work area whose facts were replaced loses the old figures its heading or topic carried (投入资金2338万元，
 * 办学条件明显改善 → 办学条件明显改善); what is left without figures stays, else a neutral label.
 */
export function relabelAfterReplace(section: CollectedFacts['sections'][number], index: number): void {
  const label = section.heading ?? section.topic;
  if (!findFigures(label).length && !findFigures(section.topic).length) return;
  const clauses = label.split(/[，,；;：:。]/).map((c) => c.trim()).filter((c) => c && !findFigures(c).length);
  if (findFigures(section.topic).length) section.topic = (clauses[0] ?? `工作领域${index + 1}`).slice(0, LIMITS.shortText);
  if (clauses.length && section.heading) section.heading = clauses.join('，').slice(0, LIMITS.shortText);
  else delete section.heading;
}
