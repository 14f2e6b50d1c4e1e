/**
 * The draft's canonical Markdown (headings, paragraphs, lists, GFM tables, hard breaks, bold) rendered to HTML in
 * the browser for streaming and live preview. Small on purpose (marked would double the script): every piece of
 * text is escaped, raw HTML stays text and links stay text, and the result still goes through DOMPurify.
 */

import type { FigureSpan } from '../domain/figures.js';
import { sentinelsToTags, withMarks } from '../render/figure-marks.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

/** Inline text: backslash escapes honoured, `**bold**` kept, everything else literal. */
function inline(text: string): string {
  const kept: string[] = [];
  let out = text.replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => `\uE000${kept.push(ch) - 1}\uE001`);
  out = escapeHtml(out).replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>');
  return out.replace(/\uE000(\d+)\uE001/g, (_, i: string) => escapeHtml(kept[Number(i)]));
}

/** Lines of a paragraph, with Markdown hard breaks (two trailing spaces or a backslash) as `<br>`. */
function paragraph(lines: string[]): string {
  const parts = lines.map((line, i) => {
    const last = i === lines.length - 1;
    const hard = !last && (/ {2,}$/.test(line) || /(^|[^\\])\\$/.test(line));
    const body = inline(line.replace(/ {2,}$/, '').replace(/\\$/, hard ? '' : '\\').trim());
    return body + (last ? '' : hard ? '<br>' : '\n');
  });
  return `<p>${parts.join('')}</p>`;
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/(^|[^\\])\|$/, '$1')
    .split(/(?<!\\)\|/)
    .map((cell) => inline(cell.trim()));

const TABLE_RULE = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/**
 * Renders canonical Markdown to HTML (a string still to be sanitised).
 * @example renderMarkdown('## 一、工作\n\n招聘教师135名。') // '<h2>一、工作</h2>\n<p>招聘教师135名。</p>'
 */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(paragraph(para));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = HEADING.exec(line);
    if (!line.trim()) {
      flush();
    } else if (heading) {
      flush();
      const level = heading[1].length;
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
    } else if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      flush();
      const head = cells(line);
      i += 1;
      const rows: string[][] = [];
      while (i + 1 < lines.length && lines[i + 1].includes('|') && lines[i + 1].trim()) rows.push(cells(lines[++i]));
      const tr = (row: string[], tag: string) => `<tr>${head.map((_, c) => `<${tag}>${row[c] ?? ''}</${tag}>`).join('')}</tr>`;
      out.push(`<table><thead>${tr(head, 'th')}</thead><tbody>${rows.map((r) => tr(r, 'td')).join('')}</tbody></table>`);
    } else if (!para.length && (ORDERED.test(line) || BULLET.test(line))) {
      flush();
      const ordered = ORDERED.test(line);
      const pattern = ordered ? ORDERED : BULLET;
      const start = ordered ? Number(ORDERED.exec(line)![1]) : 1;
      const items: string[] = [];
      let j = i;
      while (j < lines.length) {
        const m = pattern.exec(lines[j]);
        if (m) items.push(m[ordered ? 2 : 1]);
        else if (lines[j].trim() && /^\s+/.test(lines[j]) && items.length) items[items.length - 1] += ` ${lines[j].trim()}`;
        else break;
        j++;
      }
      i = j - 1;
      const tag = ordered ? 'ol' : 'ul';
      const startAttr = ordered && start !== 1 ? ` start="${start}"` : '';
      out.push(`<${tag}${startAttr}>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`);
    } else {
      para.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Runs a replacement over the text between tags only, so attributes are never touched. */
function inText(html: string, replace: (text: string) => string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : replace(part)))
    .join('');
}

export const UNVERIFIED_TITLE = '此数字在所提供的事实中找不到，请核实';

/** 【待补充：…】 markers wrapped the way the server's renderer does, so the same styles apply. */
function markPlaceholderText(html: string): string {
  return inText(html, (text) => text.replace(/【待补充[：:][^】]*】/g, (m) => `<mark class="placeholder">${m}</mark>`));
}

/**
 * Markdown rendered with exactly these figure places marked (offsets into this Markdown) as the server's renderer
 * marks them, and 【待补充】 markers.
 * @example renderMarked('第2，2025年', [{ figure: '2', start: 1, end: 2 }]) // one <mark> around the 2 of 第2
 */
export function renderMarked(
  markdown: string,
  spans: readonly FigureSpan[],
  computed: ReadonlyArray<{ value: string; formula: string }> = [],
): string {
  const open = `<mark class="unverified" tabindex="0" title="${UNVERIFIED_TITLE}">`;
  const html = spans.length ? sentinelsToTags(renderMarkdown(withMarks(markdown, spans)), open, '</mark>') : renderMarkdown(markdown);
  return markPlaceholderText(markComputed(html, computed));
}

/** An accepted sum shows how it was computed on hover and keyboard focus (120人次 + 80人次 = 200人次); whole figures only. */
function markComputed(html: string, computed: ReadonlyArray<{ value: string; formula: string }>): string {
  let out = html;
  for (const { value, formula } of computed) {
    const safe = escapeHtml(value);
    if (!safe) continue;
    const pattern = new RegExp(`(?<![\\d.,])${safe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
    out = inText(out, (text) => text.replace(pattern, (m) => `<mark class="derived" tabindex="0" title="计算得出：${escapeHtml(formula)}">${m}</mark>`));
  }
  return out;
}

/** The 【待补充：…】 markers of a draft, in order, each once. */
export function listPlaceholders(markdown: string): string[] {
  return [...new Set(markdown.match(/【待补充[：:][^】]*】/g) ?? [])];
}
