/** Figures against the fact sheet: in a draft of ours, every figure must come from the facts the user gave. */
import { findFigures, normaliseFigure } from '../domain/figures.js';
import type { PreparedText, ProofIssue } from './issue.js';

/** List numbering (1. （1）) at a line start is not a figure; blanked, keeping every offset. */
const LIST_NUMBERING = /^([\s\u0000]*)(\d+[.．、]|（\d+）|\(\d+\))/gm;

/**
 * The figures of the text that none of `given` (the fact sheet's figures) matches, each with its place.
 * @example figureIssues(prepare('招聘教师136名', false), ['135名']) // one issue on 136名
 */
export function figureIssues(t: PreparedText, given: readonly string[]): ProofIssue[] {
  const known = new Set(given.map(normaliseFigure));
  const text = t.masked.replace(LIST_NUMBERING, (_, lead: string, number: string) => lead + ' '.repeat(number.length));
  const out: ProofIssue[] = [];
  let cursor = 0;
  for (const figure of findFigures(text)) {
    const start = text.indexOf(figure, cursor);
    cursor = start + figure.length;
    if (known.has(normaliseFigure(figure))) continue;
    out.push({ start, end: cursor, kind: 'figure', message: `数字：“${figure}”在事实表中找不到，请核实（稿件中的数字都应来自所给的事实）` });
  }
  return out;
}
