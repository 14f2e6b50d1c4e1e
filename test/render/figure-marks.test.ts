/**
 * Marks by position: an edit adds “第2”, the guard reports that one place, and the HTML, the widget and the .docx
 * mark that one 2 — not the 2 inside 2025, 132处, 1.2万, 1200人次 or the date.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { guardFigures } from '../../src/domain/figure-guard.js';
import { findFigureSpans } from '../../src/domain/figures.js';
import { renderDocx } from '../../src/render/docx.js';
import { withMarks, sentinelsToTags } from '../../src/render/figure-marks.js';
import { renderHtml } from '../../src/render/html.js';
import { spansInPart, splitParts } from '../../src/widget/draft-parts.js';
import { renderMarked } from '../../src/widget/markdown-lite.js';

const facts: FactSheet = {
  type: 'safety-summary',
  org: '某区教育局',
  period: '2025年',
  sections: [
    {
      topic: '隐患排查',
      facts: ['全年排查整改隐患132处', '培训安全管理人员1200人次', '投入经费1.2万元', '2025年12月2日完成复查'],
    },
  ],
  signature: { date: '2025年12月20日' },
};

const edited = [
  '# 某区教育局2025年安全工作总结',
  '',
  '## 一、隐患排查',
  '',
  '一是全年排查整改隐患132处；二是培训安全管理人员1200人次；三是在全市安全考核中位列第2。投入经费1.2万元，2025年12月2日完成复查。',
  '',
  '某区教育局  ',
  '2025年12月20日',
  '',
].join('\n');

const added = edited.indexOf('第2') + 1;

describe('the figure guard reports places', () => {
  it('names the one added figure where it stands, with digit boundaries', () => {
    const { figures, warnings } = guardFigures(facts, edited);
    expect(figures.invented).toEqual(['2']);
    expect(figures.inventedAt).toEqual([{ figure: '2', start: added, end: added + 1 }]);
    expect(edited.slice(added - 1, added + 1)).toBe('第2');
    const warning = warnings.find((w) => w.code === 'figure-invented')!;
    expect([warning.start, warning.end]).toEqual([added, added + 1]);
  });

  it('finds whole figures only and leaves list numbering out, at offsets into the text itself', () => {
    const text = '1. 建成1.2万平方米\n（2）第2名，2025年\n3.5%';
    const spans = findFigureSpans(text);
    expect(spans.map((s) => s.figure)).toEqual(['1.2万平方米', '2名', '2025年', '3.5%']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.figure);
  });
});

const markedText = (html: string) => [...html.matchAll(/<mark class="unverified"[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1]);

describe('every renderer marks exactly those places', () => {
  const { figures } = guardFigures(facts, edited);

  it('HTML: one mark, around the 2 of 第2', () => {
    const html = renderHtml(edited, { marks: figures.inventedAt });
    expect(markedText(html)).toEqual(['2']);
    expect(html).toContain('第<mark class="unverified"');
    // The list of figures alone (a stored report without places) gives the same single mark.
    expect(markedText(renderHtml(edited, { unverified: figures.invented }))).toEqual(['2']);
  });

  it('widget: the part that holds the figure marks it once, the others not at all', () => {
    const parts = splitParts(edited);
    const html = parts.map((part) => renderMarked(part.markdown, spansInPart(figures.inventedAt, part)));
    expect(html.map(markedText)).toEqual([[], ['2']]);
    expect(html[1]).toContain('第<mark class="unverified"');
    for (const part of parts) expect(edited.slice(part.start, part.start + part.markdown.length)).toBe(part.markdown);
  });

  it('.docx: one cyan run, the 2 of 第2', async () => {
    const bytes = await renderDocx(edited, { marks: figures.inventedAt });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const cyan = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:highlight w:val="cyan"\/>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map((m) => m[1]);
    expect(cyan).toEqual(['2']);
    expect(xml).not.toMatch(/[\uE010\uE011]/);
    expect(xml).toContain('2025年12月20日');
  });
});

describe('the mark sentinels', () => {
  it('never reach an attribute and keep the HTML nested when a mark meets a tag', () => {
    const html = sentinelsToTags(`<a href="x\uE0101\uE011">a\uE010b</a>c\uE011d`, '<m>', '</m>');
    expect(html).toBe('<a href="x1">a<m>b</m></a><m>c</m>d');
  });

  it('take the place of the same characters already in the text, so offsets still hold', () => {
    const text = '甲\uE010乙2';
    expect(withMarks(text, [{ figure: '2', start: 3, end: 4 }])).toBe('甲\uFFFD乙\uE0102\uE011');
  });
});
