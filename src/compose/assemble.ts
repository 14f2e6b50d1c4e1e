/** Assembles written pieces into the canonical Markdown in outline order: numbering and headings are ours. */
import type { FactSheet } from '../domain/fact-sheet.js';
import { placeholder } from '../domain/figure-guard.js';
import type { Outline, OutlineItem } from '../domain/outline.js';
import { escapeMarkdownText } from './markdown-text.js';

/** The outline items that hold text: top-level items without children, and the children of groups. */
export function leafItems(outline: Outline): OutlineItem[] {
  return outline.items.flatMap((item) => (item.children?.length ? item.children : [item]));
}

/** Signature and date, last and right-aligned by the renderers; a date never given stays a marker. */
export function signatureLines(facts: FactSheet): [string, string] {
  const org = facts.signature?.org ?? facts.org;
  return [escapeMarkdownText(org), facts.signature?.date ? escapeMarkdownText(facts.signature.date) : placeholder('成文日期')];
}

/**
 * The draft's Markdown: `# title`, the opening, `## 一、…` parts with `### （一）…` children, the closing,
 * then the signature block (org and date on two lines).
 * @example assembleMarkdown(facts, outline, new Map([['opening', '……'], ['section-0', '……']]))
 */
export function assembleMarkdown(facts: FactSheet, outline: Outline, pieces: ReadonlyMap<string, string>): string {
  const blocks: string[] = [`# ${escapeMarkdownText(outline.title)}`];
  const piece = (key: string) => (pieces.get(key) ?? '').trim();
  if (piece('opening')) blocks.push(piece('opening'));
  for (const item of outline.items) {
    blocks.push(`## ${item.number}${escapeMarkdownText(item.heading)}`);
    if (item.children?.length) {
      for (const child of item.children) {
        blocks.push(`### ${child.number}${escapeMarkdownText(child.heading)}`);
        blocks.push(piece(child.key) || placeholder(child.heading));
      }
    } else {
      blocks.push(piece(item.key) || placeholder(item.heading));
    }
  }
  if (piece('closing')) blocks.push(piece('closing'));
  const [org, date] = signatureLines(facts);
  blocks.push(`${org}  \n${date}`);
  return `${blocks.join('\n\n')}\n`;
}
