/**
 * Markdown → HTML through marked, safe for any text a user typed: raw HTML is shown as text, unsafe link
 * targets are dropped, images become their description, and unverified figures are marked where they stand.
 */
import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { spansOfFigures, type FigureSpan } from '../domain/figures.js';
import { sentinelsToTags, withMarks } from './figure-marks.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Only web and mail links survive; `javascript:`, `data:` and the like are dropped. */
export function isSafeHref(href: string): boolean {
  // Figure marks (private-use sentinels) are taken out too, so they cannot hide a scheme.
  const trimmed = href.trim().replace(/[\u0000-\u001f\s\uE010\uE011]+/g, '').toLowerCase();
  if (/^(https?:|mailto:)/.test(trimmed)) return true;
  return !/^[a-z][a-z0-9+.-]*:/.test(trimmed) && !trimmed.startsWith('//');
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens as Tokens.Generic[]);
      if (!isSafeHref(token.href)) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title} rel="noopener noreferrer">${inner}</a>`;
    },
    image(token: Tokens.Image) {
      return escapeHtml(token.text);
    },
  },
});

const UNVERIFIED_OPEN = '<mark class="unverified" tabindex="0" title="此数字在所提供的事实中找不到，请核实">';

/** 【待补充：…】 markers wrapped so a page can highlight and list them. */
function markPlaceholders(html: string): string {
  if (!html.includes('【待补充')) return html;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : part.replace(/【待补充[：:][^】]*】/g, (m) => `<mark class="placeholder">${m}</mark>`)))
    .join('');
}

/** Lexes Markdown once, for renderers that share the tokens (renderHtml and renderText read them, never change them). */
export function lexMarkdown(markdown: string): Token[] {
  return new Lexer({ gfm: true }).lex(markdown);
}

/**
 * Renders canonical Markdown to safe HTML.
 * @example renderHtml('# 标题\n\n<img src=x onerror=alert(1)>') // '<h1>标题</h1>\n<p>&lt;img …&gt;</p>'
 */
export function renderHtml(
  markdown: string,
  options: { unverified?: readonly string[]; marks?: readonly FigureSpan[]; tokens?: Token[] } = {},
): string {
  const marks = options.marks ?? spansOfFigures(markdown, options.unverified ?? []);
  if (marks.length) {
    // The sentinels carry each figure's place through marked; shared tokens are of the unmarked text, so lex again.
    const html = marked.parse(withMarks(markdown, marks), { async: false }) as string;
    return markPlaceholders(sentinelsToTags(html, UNVERIFIED_OPEN, '</mark>'));
  }
  const html = options.tokens ? marked.parser(options.tokens) : (marked.parse(markdown, { async: false }) as string);
  return markPlaceholders(html);
}
