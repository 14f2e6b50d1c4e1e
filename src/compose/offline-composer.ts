/**
 * The offline composer: writes a draft in the genre from the facts alone, deterministically, with no
 * model and no network. Every fact goes in verbatim; the words around them come from the phrase bank.
 */
import type { FactSheet, Section } from '../domain/fact-sheet.js';
import { placeholder } from '../domain/figure-guard.js';
import { ordinal } from '../domain/numbering.js';
import type { OutlineItem } from '../domain/outline.js';
import { fillFrame, framesFor, PhrasePicker, type Tense } from '../domain/phrase-bank.js';
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

/** The parts a frame carries, from the fact sheet, as literal text; a part not given stays undefined. */
function frameValues(facts: FactSheet, type: ReportType): Record<string, string | undefined> {
  const e = (text: string | undefined) => (text ? escapeMarkdownText(withoutEndPunctuation(text)) || undefined : undefined);
  return {
    org: e(facts.org),
    period: e(facts.period),
    leadership: e(facts.leadership),
    guidance: facts.guidance?.length ? e(joinList(facts.guidance)) : undefined,
    theme: e(facts.theme),
    formula: type.formula,
  };
}

/**
 * The opening paragraph: under whose leadership, guided by what, the theme (main line), then the genre's formula,
 * each from the fact sheet; a part it lacks is left out of the sentence (prompts/_phrases/frames.json).
 */
export function composeOpening(facts: FactSheet, type: ReportType): string {
  const frames = type.phrases.frames;
  const verdicts = framesFor(frames.verdicts, type);
  const verdict = verdicts.length ? verdicts[facts.org.length % verdicts.length] : undefined;
  return fillFrame(framesFor(frames.openings, type), { ...frameValues(facts, type), verdict });
}

/** A lead sentence, then the items: run on in the same paragraph, or a list below it. */
function leadThen(lead: string, items: string): string {
  return `${lead}${items.startsWith('1. ') ? '\n\n' : ''}${items}`;
}

function sectionBody(section: Section, heading: string, type: ReportType, phrases: PhrasePicker): string {
  return leadThen(phrases.lead(section, type, heading), enumerate(section.facts, type.tense));
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
      return withDerivedSentences(sectionBody(section, item.heading, type, phrases), facts, section);
    }
    case 'guidance': {
      const guidance = facts.guidance?.length ? `坚持以${escapeMarkdownText(joinList(facts.guidance))}为指导` : '';
      const theme = facts.theme ? escapeMarkdownText(withoutEndPunctuation(facts.theme)) : '';
      return `${[guidance, theme].filter(Boolean).join('，')}。`;
    }
    case 'schedule':
      return `${type.phrases.frames.partLeads.schedule[tense]}\n\n${scheduleTable(facts)}`;
    case 'goals':
    case 'problems':
    case 'nextSteps': {
      const items = facts[item.source] ?? [];
      return leadThen(type.phrases.frames.partLeads[item.source][tense], enumerate(items, tense, item.source === 'goals' ? 'list' : 'auto'));
    }
  }
}

/** The closing sentence, carrying the leadership, theme or guidance the facts give (prompts/_phrases/frames.json). */
export function composeClosing(facts: FactSheet, type: ReportType): string {
  return fillFrame(framesFor(type.phrases.frames.closings, type), frameValues(facts, type));
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
