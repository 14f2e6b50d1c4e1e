/** The outline: a report type's parts applied to a fact sheet, numbered 一、（一） and headed. Pure. */
import type { FactSheet } from './fact-sheet.js';
import { level1, level2 } from './numbering.js';
import { PhrasePicker } from './phrase-bank.js';
import type { PartSource, ReportType } from './report-types.js';

export interface OutlineItem {
  /** Stable within a draft: `section-0`, `problems`, `goals` … */
  key: string;
  /** The report type's part this item comes from. */
  partId: string;
  source: PartSource;
  /** 一、 or （一） */
  number: string;
  heading: string;
  /** For section items: the topic and its index in `facts.sections`. */
  topic?: string;
  sectionIndex?: number;
  /** A required part the facts don't give: drafted as a 【待补充】 marker. */
  missing: boolean;
  /** Sections grouped under one part (work plans' 主要措施): （一）（二）… */
  children?: OutlineItem[];
}

export interface Outline {
  type: string;
  title: string;
  items: OutlineItem[];
}

/** The title: the user's own, or org + period + genre (某区教育局2025年工作总结). */
export function draftTitle(facts: FactSheet, type: ReportType): string {
  if (facts.title) return facts.title;
  const period = facts.period.replace(/[，,。\s]+$/, '');
  // "2025年上半年" + "工作总结" reads well; a period already ending in the genre's own words does not need them twice.
  return `${facts.org}${period}${period.endsWith(type.genre) ? '' : type.genre}`;
}

function hasContent(facts: FactSheet, source: PartSource): boolean {
  switch (source) {
    case 'guidance':
      return Boolean(facts.guidance?.length || facts.theme);
    case 'sections':
      return facts.sections.length > 0;
    default:
      return Boolean(facts[source]?.length);
  }
}

/** The heading of a whole-part item when the type gives none. */
const DEFAULT_TITLES: Record<PartSource, string> = {
  guidance: '指导思想',
  goals: '工作目标',
  sections: '主要工作',
  problems: '存在的问题和不足',
  nextSteps: '下一步工作打算',
  schedule: '工作安排',
};

/**
 * The numbered outline a draft of this type will have for these facts.
 * @example buildOutline(facts, types.get('annual-summary')).items.map(i => i.number + i.heading)
 */
export function buildOutline(facts: FactSheet, type: ReportType): Outline {
  const phrases = new PhrasePicker();
  const items: OutlineItem[] = [];
  const sectionItem = (index: number, number: string, partId: string): OutlineItem => {
    const section = facts.sections[index];
    return {
      key: `section-${index}`,
      partId,
      source: 'sections',
      number,
      heading: section.heading ?? phrases.heading(section, type),
      topic: section.topic,
      sectionIndex: index,
      missing: false,
    };
  };
  for (const part of type.parts) {
    const present = hasContent(facts, part.source);
    if (!present && !part.required) continue;
    if (part.source === 'sections' && part.layout === 'parts') {
      facts.sections.forEach((_, index) => items.push(sectionItem(index, level1(items.length + 1), part.id)));
      continue;
    }
    const item: OutlineItem = {
      key: part.source === 'sections' ? part.id : part.source,
      partId: part.id,
      source: part.source,
      number: level1(items.length + 1),
      heading: part.title ?? DEFAULT_TITLES[part.source],
      missing: !present,
    };
    if (part.source === 'sections') {
      item.children = facts.sections.map((_, index) => sectionItem(index, level2(index + 1), part.id));
    }
    items.push(item);
  }
  return { type: type.id, title: draftTitle(facts, type), items };
}

/** The outline as numbered lines, for prompts and review messages. */
export function outlineLines(outline: Outline): string[] {
  const lines: string[] = [];
  for (const item of outline.items) {
    lines.push(`${item.number}${item.heading}`);
    for (const child of item.children ?? []) lines.push(`  ${child.number}${child.heading}`);
  }
  return lines;
}
