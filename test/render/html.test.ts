import { describe, expect, it } from 'vitest';
import { isSafeHref, renderHtml } from '../../src/render/html.js';
import { renderText } from '../../src/render/text.js';

describe('renderHtml on Markdown a person edited', () => {
  it('escapes raw HTML blocks and inline tags', () => {
    const html = renderHtml('<div onclick="x()">块</div>\n\n段落<img src=x onerror=alert(1)>文字');
    expect(html).not.toMatch(/<div|<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript:, data: and vbscript: link targets but keeps the link text', () => {
    const html = renderHtml('[甲](javascript:alert(1)) [乙](JaVaScRiPt:alert(1)) [丙](data:text/html,x) [丁]( vbscript:x) [戊](https://example.org/a)');
    expect(html).not.toMatch(/javascript|data:|vbscript/i);
    expect(html).toContain('甲');
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">戊</a>');
  });

  it('renders images as their description only', () => {
    expect(renderHtml('![校门照片](https://example.org/x.png)')).not.toContain('<img');
  });

  it('marks unverified figures in text but never inside tags', () => {
    const html = renderHtml('[链接](https://example.org/135)新增学位135个', { unverified: ['135个', '135'] });
    expect(html).toContain('<mark class="unverified"');
    expect(html).toContain('href="https://example.org/135"');
  });

  it('marks 【待补充】 markers', () => {
    expect(renderHtml('【待补充：存在的问题】')).toContain('<mark class="placeholder">【待补充：存在的问题】</mark>');
  });
});

describe('isSafeHref', () => {
  it('allows web, mail and relative links only', () => {
    expect(['https://a.cn', 'http://a.cn', 'mailto:a@b.cn', '/docs', '#x'].every(isSafeHref)).toBe(true);
    expect(['javascript:x', 'java\nscript:x', 'data:x', '//evil.example', 'file:///etc/passwd'].some(isSafeHref)).toBe(false);
  });
});

describe('renderText', () => {
  it('gives headings, paragraphs, lists and tables without Markdown syntax or escapes', () => {
    const text = renderText('# 标题\n\n## 一、部分\n\n正文\\*星号\\*。\n\n1. 第一项\n2. 第二项\n\n| 时间 | 内容 |\n| --- | --- |\n| 第1周 | 开学 |\n\n单位  \n2025年1月1日\n');
    expect(text).toBe('标题\n\n一、部分\n\n正文*星号*。\n\n1. 第一项\n2. 第二项\n\n时间\t内容\n第1周\t开学\n\n单位\n2025年1月1日\n');
  });
});
