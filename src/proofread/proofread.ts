/**
 * 校对: checks a text against the norms a bureau's office checks by hand (punctuation, numbers, numbering, dates,
 * typos, repetitions, leftover markers, and for a draft the figures of its fact sheet). Pure, no model, no network.
 */
import { dateIssues } from './dates.js';
import { figureIssues } from './figures.js';
import { prepare, type IssueKind, type ProofIssue } from './issue.js';
import { markerIssues } from './markers.js';
import { numberIssues } from './numbers.js';
import { numberingIssues, ordinalIssues } from './numbering.js';
import { punctuationIssues } from './punctuation.js';
import { repeatIssues } from './repeats.js';
import { typoIssues } from './typos.js';

export type { IssueKind, ProofIssue } from './issue.js';
export { applySuggestions } from './apply-suggestions.js';

export interface ProofreadOptions {
  /** Markdown syntax (## headings, tables, bullets, bold) is not text: set for drafts and .md files. */
  markdown?: boolean;
  /** The fact sheet's figures: when given, any other figure in the text is reported. */
  givenFigures?: readonly string[];
}

/** When two issues overlap, the more specific rule speaks (一. is a numbering slip, not a half-width full stop). */
const PRIORITY: Record<IssueKind, number> = { marker: 0, figure: 0, numbering: 1, date: 2, number: 3, typo: 4, punctuation: 5, repeat: 6, wording: 7 };
const KEEP_ALWAYS = new Set<IssueKind>(['marker', 'figure']);

function resolveOverlaps(issues: ProofIssue[], length: number): ProofIssue[] {
  const ranked = [...issues].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  // The characters a kept issue covers: linear in the issues' length, so a text of 25,000 issues stays fast.
  const covered = new Uint8Array(length + 1);
  const kept: ProofIssue[] = [];
  for (const issue of ranked) {
    if (KEEP_ALWAYS.has(issue.kind)) {
      kept.push(issue);
      continue;
    }
    const end = Math.max(issue.end, issue.start + 1);
    let clash = false;
    for (let i = issue.start; i < end && !clash; i++) clash = covered[i] === 1;
    if (clash) continue;
    covered.fill(1, issue.start, end);
    kept.push(issue);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || PRIORITY[a.kind] - PRIORITY[b.kind]);
}

/**
 * Every issue in the text, in reading order.
 * @example proofread('全区共有幼儿园１２６所,其中公办园68所。').map((i) => i.suggestion) // ['126', '，']
 */
export function proofread(text: string, options: ProofreadOptions = {}): ProofIssue[] {
  const prepared = prepare(text, options.markdown ?? false);
  const issues = [
    ...punctuationIssues(prepared),
    ...numberIssues(prepared),
    ...numberingIssues(prepared),
    ...ordinalIssues(prepared),
    ...dateIssues(prepared),
    ...typoIssues(prepared),
    ...repeatIssues(prepared),
    ...markerIssues(prepared),
    ...(options.givenFigures ? figureIssues(prepared, options.givenFigures) : []),
  ];
  return resolveOverlaps(issues, text.length);
}
