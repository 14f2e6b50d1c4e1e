/**
 * Finds one piece's body in a draft's Markdown by the outline's structure (`##` parts, `###` children), so a
 * rewrite can replace that body and nothing else. Pure.
 */
import type { Outline } from '../domain/outline.js';
import { leafItems } from './assemble.js';

export interface PieceSpan {
  key: string;
  /** Lines [start, end) of the body. */
  start: number;
  end: number;
  text: string;
}

/**
 * The body of leaf `n` (1-based, as `prompt --section N`), or a reason it can't be found.
 * The last part's body ends before the closing paragraph and the signature (the last two blocks).
 * @example leafSpan(markdown, outline, 2)?.text
 */
export function leafSpan(markdown: string, outline: Outline, n: number): PieceSpan | { error: 'range' | 'structure' } {
  const leaves = leafItems(outline);
  if (!Number.isInteger(n) || n < 1 || n > leaves.length) return { error: 'range' };
  const lines = markdown.split('\n');
  const headings = lines.flatMap((line, i) => (/^#{2,3}\s/.test(line) ? [{ i, level: line.startsWith('### ') ? 3 : 2 }] : []));
  // Walk the outline and the headings together: each leaf is the heading after its group's.
  const leafLines: number[] = [];
  let h = 0;
  for (const item of outline.items) {
    if (headings[h]?.level !== 2) return { error: 'structure' };
    if (!item.children?.length) leafLines.push(headings[h++].i);
    else {
      h++;
      for (let c = 0; c < item.children.length; c++) {
        if (headings[h]?.level !== 3) return { error: 'structure' };
        leafLines.push(headings[h++].i);
      }
    }
  }
  if (h !== headings.length) return { error: 'structure' };
  const start = leafLines[n - 1] + 1;
  let end: number;
  if (n < leaves.length) end = leafLines[n];
  else {
    // Blocks after the last heading: body…, closing, signature.
    const blockStarts: number[] = [];
    for (let i = start; i < lines.length; i++) if (lines[i].trim() && !lines[i - 1]?.trim()) blockStarts.push(i);
    if (blockStarts.length < 3) return { error: 'structure' };
    end = blockStarts.at(-2)!;
  }
  const text = lines.slice(start, end).join('\n').trim();
  return { key: leaves[n - 1].key, start, end, text };
}

/** The Markdown with lines [start, end) replaced by `text` as one block. */
export function replaceSpan(markdown: string, span: PieceSpan, text: string): string {
  const lines = markdown.split('\n');
  return [...lines.slice(0, span.start), '', text.trim(), '', ...lines.slice(span.end)].join('\n').replace(/\n{3,}/g, '\n\n');
}
