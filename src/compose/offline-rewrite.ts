/**
 * Rewriting one piece without a model: 更简洁 drops the lead sentence (every fact stays), 更详细 restores the
 * part's facts the text lacks or its lead sentence. Neither adds a figure. Pure.
 */
import type { FactSheet } from '../domain/fact-sheet.js';
import { findFigures } from '../domain/figures.js';
import type { OutlineItem } from '../domain/outline.js';
import { PhrasePicker } from '../domain/phrase-bank.js';
import type { ReportType } from '../domain/report-types.js';
import { escapeMarkdownText, withoutEndPunctuation } from './markdown-text.js';
import { enumerate } from './offline-composer.js';
import { factsForItem } from './prompt-builder.js';

export const OFFLINE_INSTRUCTIONS = ['更简洁', '更详细'] as const;

/** The first sentence (to 。 or a lead's ：) and the rest. */
function firstSentence(text: string): [string, string] {
  const at = text.search(/[。！？：:]/);
  return at === -1 ? [text, ''] : [text.slice(0, at + 1), text.slice(at + 1)];
}

/**
 * The rewritten text, or null when this instruction can't change it without inventing.
 * @example rewriteOffline('更简洁', '教师队伍建设持续加强。一是招聘教师135名。', item, facts, type) // '一是招聘教师135名。'
 */
export function rewriteOffline(instruction: string, text: string, item: OutlineItem | undefined, facts: FactSheet, type: ReportType): string | null {
  const current = text.trim();
  if (instruction === '更简洁') {
    const [lead, rest] = firstSentence(current);
    if (!rest.trim() || findFigures(lead).length) return null;
    return rest.trim();
  }
  if (instruction === '更详细' && item) {
    const facts0 = factsForItem(item, facts).map((f) => withoutEndPunctuation(f)).filter(Boolean);
    const absent = facts0.filter((f) => !current.includes(escapeMarkdownText(f)) && !current.includes(f));
    if (absent.length) return `${current}\n\n此外，${enumerate(absent, type.tense, 'inline')}`;
    const section = item.sectionIndex !== undefined ? facts.sections[item.sectionIndex] : undefined;
    // A lead is restored only where there is none (更简洁 took it): the text opens with the facts themselves. The
    // composer's own lead may differ from a fresh picker's (it avoids repeating leads across parts), so "not this
    // lead" is no sign of a missing one.
    const opensWithFacts = /^(?:一是|1[.．、]|（1）)/.test(current) || facts0.some((f) => current.startsWith(f) || current.startsWith(escapeMarkdownText(f)));
    const lead = opensWithFacts && item.source === 'sections' && section ? new PhrasePicker().lead(section, type) : '';
    if (lead && !current.startsWith(lead)) return `${lead}${current}`;
    return null;
  }
  return null;
}
