/** What every proofreading rule returns, and the text view the rules share (markdown syntax masked, lines). */

export type IssueKind = 'punctuation' | 'number' | 'numbering' | 'date' | 'typo' | 'repeat' | 'marker' | 'figure' | 'wording';

/**
 * One problem: `start`/`end` are UTF-16 offsets into the checked text; `suggestion` only when the fix is certain —
 * except a model's wording suggestion (`source: 'model'`), which is a choice for the user and never applied for them.
 */
export interface ProofIssue {
  start: number;
  end: number;
  kind: IssueKind;
  message: string;
  suggestion?: string;
  source?: 'model';
}

/** A rule family: the prepared text in, issues out. */
export type Rule = (text: PreparedText) => ProofIssue[];

export interface PreparedText {
  /** The text as given: offsets point into it. */
  original: string;
  /** The same length, markdown syntax (heading marks, bullets, table pipes, bold marks) replaced by NUL. */
  masked: string;
  /** Each line of `masked` with its offset; `body` starts after leading blanks and masked marks. */
  lines: Array<{ start: number; text: string; bodyStart: number; body: string; heading: boolean }>;
}

/** A Han character (CJK ideograph), as a regex source for the `u` flag. */
export const HAN = '\\p{Script=Han}';
/** Chinese numerals as used in 一、（一） headings and dates. */
export const CN_DIGITS = '〇○零一二三四五六七八九十';

const MASK = '\u0000';
const blank = (s: string) => MASK.repeat(s.length);

/** Markdown syntax that is not text: masked so no rule reads `## ` or `| --- |` as punctuation. */
function maskMarkdown(text: string): string {
  return text
    .replace(/^( {0,3})(#{1,6}[ \t]+)/gm, (_, a: string, b: string) => a + blank(b))
    .replace(/^([ \t]*)([-*+>][ \t]+)/gm, (_, a: string, b: string) => a + blank(b))
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, blank)
    .replace(/^[ \t]*(?:-{3,}|\*{3,})[ \t]*$/gm, blank)
    .replace(/^[ \t]*\|.*$/gm, (line) => line.replace(/\|/g, MASK))
    .replace(/\*\*|__/g, blank)
    .replace(/\\(?=[\\`*_{}[\]()#+\-.!|])/g, MASK);
}

/**
 * The shared view of a text; markdown syntax is masked when `markdown` is set (drafts, .md files).
 * @example prepare('## 一、总体要求', true).lines[0].body // '一、总体要求'
 */
export function prepare(original: string, markdown: boolean): PreparedText {
  const masked = markdown ? maskMarkdown(original) : original;
  const lines: PreparedText['lines'] = [];
  let start = 0;
  for (const text of masked.split('\n')) {
    const lead = /^[\s\u0000\u3000]*/.exec(text)![0].length;
    const heading = markdown && /^ {0,3}#{1,6}[ \t]/.test(original.slice(start, start + 10));
    lines.push({ start, text, bodyStart: start + lead, body: text.slice(lead).replace(/[\s\u0000\u3000]+$/, ''), heading });
    start += text.length + 1;
  }
  return { original, masked, lines };
}

/** Full-width digits folded, for comparing and suggesting. */
export const halfWidthDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

const CN_VALUE: Record<string, number> = { '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

/** A Chinese numeral 一 … 九十九 as a number; NaN for anything else. */
export function chineseValue(s: string): number {
  if (/^[一二三四五六七八九]$/.test(s)) return CN_VALUE[s];
  const m = /^([二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return Number.NaN;
  return (m[1] ? CN_VALUE[m[1]] : 1) * 10 + (m[2] ? CN_VALUE[m[2]] : 0);
}

/** Digit by digit, as years are written in 成文日期 (二〇二五 → 2025). */
export const digitByDigit = (s: string) => [...s].map((c) => (c in CN_VALUE ? String(CN_VALUE[c]) : c === 'O' || c === 'o' ? '0' : c)).join('');
