/** Sentences stating the accepted derived figures of a section (各单位培训教师合计295人次。): only those whose arithmetic holds. */
import { checkDerivedList, type DerivedReport } from '../domain/derived-figures.js';
import { factStrings, type FactSheet, type Section } from '../domain/fact-sheet.js';
import { findFigures, normaliseFigure } from '../domain/figures.js';
import { escapeMarkdownText } from './markdown-text.js';

/** One plain sentence for one derived figure; the label is the user's (or the consolidation's) words. */
export function derivedSentence(d: Pick<DerivedReport, 'value' | 'op' | 'label'>): string {
  const label = d.label ? escapeMarkdownText(d.label) : '';
  switch (d.op) {
    case 'sum':
      return `各单位${label}合计${d.value}。`;
    case 'difference':
      return `${label || '两项'}相差${d.value}。`;
    case 'ratio':
      return `${label || '比值'}为${d.value}。`;
    case 'percent-change':
      return d.value.trim().startsWith('-') ? `${label}比上年下降${d.value.trim().slice(1)}。` : `${label}比上年增长${d.value}。`;
  }
}

/**
 * The accepted, correct derived figures whose operands all stand in this section's facts.
 * @example sectionDerived(facts, facts.sections[0]) // [{ value: '295人次', … }]
 */
export function sectionDerived(facts: FactSheet, section: Section): DerivedReport[] {
  if (!facts.derived?.length) return [];
  const given = [...new Set(factStrings(facts).flatMap(findFigures))];
  const here = new Set(section.facts.flatMap(findFigures).map(normaliseFigure));
  return checkDerivedList(facts.derived, given).filter((d) => d.accepted && d.ok && d.of.every((f) => here.has(normaliseFigure(f))));
}

/** A section's body with its derived sentences after the facts: run on, or as a paragraph after a list. */
export function withDerivedSentences(body: string, facts: FactSheet, section: Section): string {
  const sentences = sectionDerived(facts, section).map(derivedSentence).join('');
  if (!sentences) return body;
  return /\n\d+\. /.test(body) || /^\d+\. /.test(body) ? `${body}\n\n${sentences}` : `${body}${sentences}`;
}
