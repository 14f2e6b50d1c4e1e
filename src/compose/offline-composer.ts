/**
 * The offline composer: writes a draft in the genre from the facts alone, deterministically, with no
 * model and no network. Every fact goes in verbatim; the words around them come from the phrase bank.
 */
import type { FactSheet, Section } from '../domain/fact-sheet.js';
import { placeholder } from '../domain/figure-guard.js';
import { ordinal } from '../domain/numbering.js';
import type { OutlineItem } from '../domain/outline.js';
import { CLOSINGS, OPENING_VERDICTS, PART_LEADS, PhrasePicker, type Tense } from '../domain/phrase-bank.js';
import type { ReportType } from '../domain/report-types.js';
import type { ComposeRequest, Composer, ComposerEvent } from './draft-events.js';
import { escapeMarkdownText, withoutEndPunctuation } from './markdown-text.js';
import { leafItems } from './assemble.js';
import { withDerivedSentences } from './derived-sentences.js';

/** Longest item and most items that still read well as one 一是……二是…… paragraph. */
const INLINE_MAX_ITEM = 120;
const INLINE_MAX_ITEMS = 6;

export type EnumerationStyle = 'auto' | 'inline' | 'list';

/**
 * Enumerates items as these reports do: 一是……；二是……。 in a paragraph, or 1. 2. as a list when they
 * are many or long (or the tense is plan). Items are escaped and keep their own words and figures.
 * @example enumerate(['招聘教师135名', '培训2000人次'], 'review') // '一是招聘教师135名；二是培训2000人次。'
 */
export function enumerate(items: readonly string[], tense: Tense, style: EnumerationStyle = 'auto'): string {
  const clean = items.map((item) => escapeMarkdownText(withoutEndPunctuation(item))).filter(Boolean);
  if (clean.length === 0) return '';
  if (clean.length === 1) return `${clean[0]}。`;
  const inline =
    style === 'inline' ||
    (style === 'auto' && tense === 'review' && clean.length <= INLINE_MAX_ITEMS && clean.every((c) => c.length <= INLINE_MAX_ITEM));
  if (inline) return `${clean.map((c, i) => `${ordinal(i + 1)}${c}`).join('；')}。`;
  return clean.map((c, i) => `${i + 1}. ${c}。`).join('\n');
}

function joinList(items: readonly string[] | undefined): string {
  return (items ?? []).map((item) => withoutEndPunctuation(item)).join('、');
}

/** The opening paragraph: under whose leadership, guided by what, the theme, then the genre's formula. */
export function composeOpening(facts: FactSheet, type: ReportType): string {
  const e = (text: string) => escapeMarkdownText(withoutEndPunctuation(text));
  const leadership = facts.leadership ? `在${e(facts.leadership)}的正确领导下，` : '';
  const guidance = facts.guidance?.length ? e(joinList(facts.guidance)) : '';
  const theme = facts.theme ? `${e(facts.theme)}，` : '';
  const org = e(facts.org);
  const period = e(facts.period);
  if (type.tense === 'review') {
    const verdicts = OPENING_VERDICTS[type.id.startsWith('safety') ? 'safety' : 'review'];
    const verdict = verdicts[facts.org.length % verdicts.length];
    const guided = guidance ? `坚持以${guidance}为指导，` : '';
    return `${period}，${leadership}${org}${guided}${theme}${verdict}${type.formula}`;
  }
  // A plan with its own 指导思想/总体要求 part states the guidance and theme there: the opening stays short.
  const statedInPart = type.parts.some((part) => part.source === 'guidance') && (guidance || theme);
  const guided = guidance && !statedInPart ? `深入贯彻落实${guidance}，` : '';
  return `为${guided}${statedInPart ? '' : theme}扎实做好${period}各项工作，结合${org}实际，${type.formula}`;
}

/** A lead sentence, then the items: run on in the same paragraph, or a list below it. */
function leadThen(lead: string, items: string): string {
  return `${lead}${items.startsWith('1. ') ? '\n\n' : ''}${items}`;
}

function sectionBody(section: Section, tense: Tense, phrases: PhrasePicker): string {
  return leadThen(phrases.lead(section.topic, tense), enumerate(section.facts, tense));
}

function scheduleTable(facts: FactSheet): string {
  const cell = (text: string) => escapeMarkdownText(withoutEndPunctuation(text)) || ' ';
  const rows = (facts.schedule ?? []).map(
    (row) => `| ${cell(row.when)} | ${row.items.map(cell).join('；')} | ${row.note ? cell(row.note) : ' '} |`,
  );
  return ['| 时间 | 工作内容 | 备注 |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The body of one leaf of the outline. */
export function composePiece(item: OutlineItem, facts: FactSheet, type: ReportType, phrases: PhrasePicker): string {
  if (item.missing) return placeholder(item.heading);
  const tense = type.tense;
  switch (item.source) {
    case 'sections': {
      const section = facts.sections[item.sectionIndex!];
      return withDerivedSentences(sectionBody(section, tense, phrases), facts, section);
    }
    case 'guidance': {
      const guidance = facts.guidance?.length ? `坚持以${escapeMarkdownText(joinList(facts.guidance))}为指导` : '';
      const theme = facts.theme ? escapeMarkdownText(withoutEndPunctuation(facts.theme)) : '';
      return `${[guidance, theme].filter(Boolean).join('，')}。`;
    }
    case 'schedule':
      return `${PART_LEADS.schedule[tense]}\n\n${scheduleTable(facts)}`;
    case 'goals':
    case 'problems':
    case 'nextSteps': {
      const items = facts[item.source] ?? [];
      return leadThen(PART_LEADS[item.source][tense], enumerate(items, tense, item.source === 'goals' ? 'list' : 'auto'));
    }
  }
}

export function composeClosing(facts: FactSheet, type: ReportType): string {
  const options = CLOSINGS[type.tense];
  return options[facts.sections.length % options.length];
}

/** The offline composer as a Composer: the same pieces, as events. */
export const offlineComposer: Composer = {
  name: 'offline',
  async *compose({ facts, type, outline }: ComposeRequest): AsyncIterable<ComposerEvent> {
    const phrases = new PhrasePicker();
    const pieces: Array<[string, string, () => string]> = [
      ['opening', '', () => composeOpening(facts, type)],
      ...leafItems(outline).map(
        (item): [string, string, () => string] => [item.key, `${item.number}${item.heading}`, () => composePiece(item, facts, type, phrases)],
      ),
      ['closing', '', () => composeClosing(facts, type)],
    ];
    for (const [key, heading, write] of pieces) {
      yield { type: 'section-start', key, heading };
      yield { type: 'text', key, text: write() };
      yield { type: 'section-end', key };
    }
  },
};
