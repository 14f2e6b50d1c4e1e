/** The widget's pure pieces: its small Markdown renderer, SSE reading, part splitting, the Enter rule, field names. */
import { describe, expect, it } from 'vitest';
import { splitParts, joinParts } from '../../src/widget/draft-parts.js';
import { fieldName } from '../../src/widget/field-names.js';
import { shouldSend } from '../../src/widget/keys.js';
import { listPlaceholders, renderMarkdown, renderMarked } from '../../src/widget/markdown-lite.js';
import { findFigureSpans } from '../../src/domain/figures.js';
import { readSse } from '../../src/widget/sse-parse.js';
import { escapeMarkdownText } from '../../src/compose/markdown-text.js';

describe('renderMarkdown', () => {
  it('renders the canonical draft shapes: headings, paragraphs, lists, tables, hard breaks, bold', () => {
    const html = renderMarkdown('# 标题\n\n开头一段。\n\n## 一、工作\n\n### （一）分项\n\n1. 第一条\n2. 第二条\n\n| 时间 | 事项 |\n| --- | --- |\n| 第1周 | 开学 |\n\n**重点**工作\n\n青河区教育局  \n2025年12月20日\n');
    expect(html).toContain('<h1>标题</h1>');
    expect(html).toContain('<h2>一、工作</h2>');
    expect(html).toContain('<h3>（一）分项</h3>');
    expect(html).toContain('<ol><li>第一条</li><li>第二条</li></ol>');
    expect(html).toContain('<th>时间</th><th>事项</th>');
    expect(html).toContain('<td>第1周</td><td>开学</td>');
    expect(html).toContain('<strong>重点</strong>工作');
    expect(html).toContain('青河区教育局<br>2025年12月20日');
  });

  it('keeps raw HTML, links and escaped facts as literal text', () => {
    const fact = '<img src=x onerror=alert(1)> [点此](javascript:alert(1)) **粗体** 1. 编号';
    const html = renderMarkdown(`正文：${escapeMarkdownText(fact)}\n\n<script>alert(1)</script>`);
    expect(html).not.toMatch(/<img|<script|<a /);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('[点此](javascript:alert(1))');
    expect(html).toContain('**粗体**');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('renderMarked and listPlaceholders', () => {
  it('marks the figure at the given place only, not the same figure elsewhere, and 【待补充】', () => {
    const markdown = '招聘135名，共135名以上，【待补充：培训情况】';
    const second = findFigureSpans(markdown)[1];
    const html = renderMarked(markdown, [second]);
    expect(html.match(/<mark class="unverified"/g)).toHaveLength(1);
    expect(html).toMatch(/共<mark class="unverified" tabindex="0" title="[^"]+">135名<\/mark>以上/);
    expect(html).toContain('<mark class="placeholder">【待补充：培训情况】</mark>');
  });

  it('lists each marker once, in order', () => {
    expect(listPlaceholders('【待补充：甲】……【待补充：乙】……【待补充：甲】')).toEqual(['【待补充：甲】', '【待补充：乙】']);
  });
});

describe('splitParts', () => {
  it('splits at ## headings and joins back to the same draft', () => {
    const markdown = '# 题\n\n开头。\n\n## 一、甲\n\n正文甲。\n\n### （一）子\n\n子文。\n\n## 二、乙\n\n正文乙。\n\n单位  \n日期\n';
    const parts = splitParts(markdown);
    expect(parts.map((p) => p.label)).toEqual(['标题和开头', '一、甲', '二、乙']);
    expect(parts[1].markdown).toContain('### （一）子');
    expect(joinParts(parts)).toBe(markdown);
  });
});

describe('shouldSend', () => {
  it('sends on Enter only, never with Shift or while an IME composes', () => {
    expect(shouldSend({ key: 'Enter' })).toBe(true);
    expect(shouldSend({ key: 'Enter', shiftKey: true })).toBe(false);
    expect(shouldSend({ key: 'Enter', isComposing: true })).toBe(false);
    expect(shouldSend({ key: 'Enter', keyCode: 229 })).toBe(false);
    expect(shouldSend({ key: 'a' })).toBe(false);
  });
});

describe('fieldName', () => {
  it('names fields in Chinese, a section by its topic', () => {
    expect(fieldName('org')).toBe('单位名称');
    expect(fieldName('signature.date')).toBe('落款日期');
    expect(fieldName('sections[1].facts', { sections: [{ topic: '甲' }, { topic: '教师队伍建设' }] })).toBe('“教师队伍建设”的具体情况');
    expect(fieldName('sections[2].facts')).toBe('第 3 个工作领域的具体情况');
    expect(fieldName(null)).toBe('');
  });
});

describe('readSse', () => {
  it('reads events split across chunks, inside characters, with CRLF', async () => {
    const bytes = new TextEncoder().encode('event: text\r\ndata: {"key":"a","text":"招聘"}\r\n\r\n: comment\n\nevent: done\ndata: {"id":"x"}\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
        controller.close();
      },
    });
    const events = [];
    for await (const message of readSse(stream)) events.push(message);
    expect(events).toEqual([
      { event: 'text', data: '{"key":"a","text":"招聘"}' },
      { event: 'done', data: '{"id":"x"}' },
    ]);
  });
});
