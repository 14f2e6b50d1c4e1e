import { describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { factStrings, type FactSheet } from '../../src/domain/fact-sheet.js';
import { findFigures } from '../../src/domain/figures.js';
import { chineseNumeral } from '../../src/domain/numbering.js';
import { examples } from '../helpers/examples.js';
import { reportTypes } from '../helpers/app.js';
import { hostile, minimal, twentySections } from '../fixtures/hostile-facts.js';

const draft = (facts: FactSheet) => composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });

const all: Array<[string, FactSheet]> = [
  ...examples.map((e): [string, FactSheet] => [`example ${e.name}`, e.facts]),
  ['hostile facts', hostile],
  ['twenty sections', twentySections],
  ['minimal facts', minimal],
];

describe.each(all)('offline draft of %s', (_name, facts) => {
  it('keeps every figure of the facts, exactly, and invents none', async () => {
    const result = await draft(facts);
    expect(result.figures.missing).toEqual([]);
    expect(result.figures.invented).toEqual([]);
    for (const figure of factStrings(facts).flatMap(findFigures)) expect(result.markdown).toContain(figure);
  });

  it('numbers top-level headings 一、二、… in order, after an opening paragraph', async () => {
    const { markdown } = await draft(facts);
    const lines = markdown.split('\n');
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings.length).toBeGreaterThan(0);
    headings.forEach((h, i) => expect(h.startsWith(`## ${chineseNumeral(i + 1)}、`)).toBe(true));
    const firstHeading = lines.findIndex((l) => l.startsWith('## '));
    const opening = lines.slice(1, firstHeading).join('').trim();
    expect(opening.length).toBeGreaterThan(20);
    expect(lines[0]).toMatch(/^# /);
  });

  it('names each section topic and writes no undefined, null or [object Object]', async () => {
    const result = await draft(facts);
    for (const output of [result.markdown, result.html, result.text]) {
      expect(output).not.toMatch(/undefined|null|\[object Object\]|NaN/);
    }
    for (const section of facts.sections) expect(result.text).toContain(section.topic);
  });

  it('ends with the signature and a date or a date marker', async () => {
    const { text } = await draft(facts);
    const last = text.trim().split('\n').slice(-2);
    expect(last[0]).toBe(facts.signature?.org ?? facts.org);
    expect(last[1]).toBe(facts.signature?.date ?? '【待补充：成文日期】');
  });
});

describe('offline draft safety and fidelity', () => {
  it('shows raw HTML and javascript: links in facts as text, never as markup', async () => {
    const { html } = await draft(hostile);
    expect(html).not.toMatch(/<img|<script|href="javascript/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps Markdown syntax typed in facts literal: no emphasis, heading or table made from it', async () => {
    const { html, text } = await draft(hostile);
    expect(html).not.toContain('<strong>国培</strong>');
    expect(html).not.toMatch(/<h\d>不是标题/);
    expect(html.match(/<table/g) ?? []).toHaveLength(0);
    expect(text).toContain('**国培**计划培训教师1,350人次');
    expect(text).toContain('# 不是标题 完成校长轮训２３６名');
  });

  it('keeps a literal {{org}} in a fact as typed', async () => {
    const { text } = await draft(hostile);
    expect(text).toContain('模板字样{{org}}与{{period}}原样保留');
  });

  it('marks missing expected parts visibly and warns, without inventing text', async () => {
    const result = await draft(minimal);
    expect(result.markdown).toContain('【待补充：存在的问题和不足】');
    expect(result.markdown).toContain('【待补充：下一步工作打算】');
    const placeholders = result.warnings.filter((w) => w.code === 'placeholder').map((w) => w.message);
    expect(placeholders).toEqual(expect.arrayContaining(['待补充：存在的问题和不足', '待补充：下一步工作打算', '待补充：成文日期']));
  });

  it('does not open two of twenty sections with the same sentence or heading', async () => {
    const { outline, markdown } = await draft(twentySections);
    const headings = outline.items.map((i) => i.heading);
    expect(new Set(headings).size).toBe(headings.length);
    const leads = markdown
      .split('\n\n')
      .filter((block, i, blocks) => i > 0 && blocks[i - 1].startsWith('## '))
      .map((block) => block.split(/[。：]/)[0]);
    expect(leads.length).toBe(22);
    expect(new Set(leads).size).toBe(leads.length);
  });

  it('is deterministic: the same facts give the same draft', async () => {
    const [a, b] = await Promise.all([draft(twentySections), draft(twentySections)]);
    expect(a.markdown).toBe(b.markdown);
  });
});
