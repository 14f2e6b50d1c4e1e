/**
 * Marks by position: puts two private-use characters around each unverified figure in the Markdown, so any
 * renderer carries the exact places through its own parsing; afterwards they become marks (or are dropped).
 */
import type { FigureSpan } from '../domain/figures.js';

/** Opens and closes a marked figure. Private-use code points: no draft or fact means them. */
export const MARK_OPEN = '\uE010';
export const MARK_CLOSE = '\uE011';
const SENTINELS = /[\uE010\uE011]/g;

/**
 * The Markdown with the sentinels around these spans. Sentinel characters the text already holds become U+FFFD
 * (same length, so the offsets still hold); spans that overlap or fall outside the text are skipped.
 * @example withMarks('第2，2025年', [{ figure: '2', start: 1, end: 2 }]) // '第\uE0102\uE011，2025年'
 */
export function withMarks(markdown: string, spans: readonly FigureSpan[]): string {
  const text = markdown.replace(SENTINELS, '\uFFFD');
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    if (text.slice(span.start, span.end) !== span.figure) continue;
    out += `${text.slice(at, span.start)}${MARK_OPEN}${span.figure}${MARK_CLOSE}`;
    at = span.end;
  }
  return out + text.slice(at);
}

/** Text with the sentinels taken out (for attributes, and for renderers that mark nothing). */
export const withoutMarks = (text: string) => text.replace(SENTINELS, '');

/**
 * Rendered HTML with the sentinels turned into `open`/`close` tags in text only; inside a tag they are dropped.
 * A mark still open at a tag is closed before it and reopened after, so the HTML stays well nested.
 */
export function sentinelsToTags(html: string, open: string, close: string): string {
  let inside = false;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) return withoutMarks(part);
      let out = inside && part ? open : '';
      for (const ch of part) {
        if (ch === MARK_OPEN) {
          if (!inside) out += open;
          inside = true;
        } else if (ch === MARK_CLOSE) {
          if (inside) out += close;
          inside = false;
        } else out += ch;
      }
      return inside && part ? out + close : out;
    })
    .join('');
}
