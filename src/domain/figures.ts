/** Figures: digit runs with their units (135名, 2338.2万元, 97.1%, 2025年9月1日), found the same way in facts and drafts. */

const DIGIT = '0-9０-９';
/** Units longest first, so 万元 wins over 万 and 人次 over 人. */
const UNITS = [
  '平方米', '立方米', '万人次', '亿元', '万元', '千元', '百元', '人次', '场次', '课时', '学时', '学分', '小时', '分钟',
  '公里', '千米', '余名', '余人', '余所', '余个', '余次', '余项', '多名', '多人', '多所', '个百分点', '百分点',
  '学年', '学期', '周岁', '万册', '万个', '万台', '万平方米',
  '元', '万', '亿', '千', '名', '所', '个', '人', '次', '场', '项', '件', '篇', '本', '册', '套', '栋', '幢', '间', '台',
  '辆', '条', '户', '家', '批', '期', '届', '节', '门', '支', '座', '处', '类', '级', '班', '组', '校', '园', '岁',
  '天', '日', '周', '月', '年', '米', '吨', '倍', '分', '％', '%', '‰', '㎡', 'm²', '亩', '张', '份', '部', '种', '轮', '位',
];
const UNIT_ALT = UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const NUMBER = `[${DIGIT}](?:[${DIGIT},，.．]*[${DIGIT}])?`;
/** Composite dates first (2025年9月1日, 2025年9月, 9月1日), then ranges (2025—2026学年), then a number and its unit. */
const FIGURE = new RegExp(
  [
    `${NUMBER}年${NUMBER}月(?:${NUMBER}日)?`,
    `${NUMBER}月${NUMBER}日`,
    `${NUMBER}(?:[—–\\-~～至]${NUMBER})?(?:${UNIT_ALT})?`,
  ].join('|'),
  'g',
);

/**
 * The figures in a text, in order, exactly as written.
 * @example findFigures('招聘教师135名，占97.1%') // ['135名', '97.1%']
 */
export function findFigures(text: string): string[] {
  return text.match(FIGURE) ?? [];
}

/** List numbering that our renderer adds (`1. ` at a line start, `（1）`), which is not a figure of the facts. */
const LIST_NUMBERING = /^(\s*(?:[-*>]\s*)*)(?:\d+\.|（\d+）|\(\d+\))[ \t]*/gm;

/** Text with list numbering removed, so numbering never counts as a figure. */
export function withoutListNumbering(markdown: string): string {
  return markdown.replace(LIST_NUMBERING, '$1');
}

/** Full-width digits and punctuation folded, for comparing a figure written two ways. */
export function normaliseFigure(figure: string): string {
  return figure
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/％/g, '%')
    .replace(/[,，]/g, '');
}

/** Words that make a figure approximate: 约1260人, 1260余人, 近3年, 超过90%, 95%以上. */
const HEDGE_BEFORE = /(?:大约|约|近|将近|接近|逾|超过|超|不足|不到)$/u;
const HEDGE_AFTER = /^(?:余|多|左右|上下|以上|以下|有余)/u;

/**
 * A figure's value for comparing two writings of it: full width folded, thousands separators gone, trailing
 * decimal zeros dropped (1,260 = 1260; 12.0% = 12%; １２６０人 = 1260人).
 * @example figureKey('1,260.0人') // '1260人'
 */
export function figureKey(figure: string): string {
  return normaliseFigure(figure).replace(/(\d)\.(\d*?)0+(?=\D|$)/g, (_, d: string, kept: string) => (kept ? `${d}.${kept}` : d));
}

export interface FigureMark {
  /** As written, without its hedge words. */
  figure: string;
  /** Offset in the text. */
  index: number;
  /** As written, with its hedge words (约1260人), for marking it in place. */
  written: string;
  /** The figure's value with the words that qualify it: 约1260人 and 1260人 differ, 1,260人 and 1260人 do not. */
  identity: string;
}

/**
 * The figures of a text with their positions and identities (value plus hedge words), in order.
 * @example findFigureMarks('约1,260人')[0].identity // '约1260人'
 */
export function findFigureMarks(text: string): FigureMark[] {
  return [...text.matchAll(FIGURE)].map((m) => {
    const before = text.slice(Math.max(0, m.index - 2), m.index).match(HEDGE_BEFORE)?.[0] ?? '';
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2).match(HEDGE_AFTER)?.[0] ?? '';
    return { figure: m[0], index: m.index, written: `${before}${m[0]}${after}`, identity: `${before}${figureKey(m[0])}${after}` };
  });
}

/**
 * The figures of `facts` that `text` does not hold as the same figure: equal writings count as kept, changed ones
 * (约1260, 1260余, 一千二百六十) do not.
 * @example figuresMissingFrom(['覆盖党员1260人次'], '覆盖党员1,260人次') // []
 */
export function figuresMissingFrom(facts: readonly string[], text: string): string[] {
  const present = new Set(findFigureMarks(withoutListNumbering(text)).map((m) => m.identity));
  const missing = facts.flatMap((fact) => findFigureMarks(fact).filter((m) => !present.has(m.identity)).map((m) => m.figure));
  return [...new Set(missing)];
}

/** Where a figure stands: `text.slice(start, end) === figure`. Offsets are string indices (UTF-16 code units). */
export interface FigureSpan {
  figure: string;
  start: number;
  end: number;
}

/** List numbering at a line start (`1. `, `（1）`, `(1)`), matched where it stands so offsets stay those of the text. */
const LIST_NUMBER_AT_LINE_START = /^(?:\s*(?:[-*>]\s*)*)(?:\d+\.(?=[ \t]|$)|（\d+）|\(\d+\))/gm;

/**
 * The figures of a text with their places, list numbering left out. A figure is a whole run of digits with its
 * unit, so the 2 of 第2 is never found inside 2025, 132处 or 1.2万.
 * @example findFigureSpans('第2，2025年') // [{ figure: '2', start: 1, end: 2 }, { figure: '2025年', start: 3, end: 8 }]
 */
export function findFigureSpans(text: string): FigureSpan[] {
  const numbering: Array<[number, number]> = [];
  for (const m of text.matchAll(LIST_NUMBER_AT_LINE_START)) numbering.push([m.index, m.index + m[0].length]);
  const spans: FigureSpan[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (numbering.some(([a, b]) => start >= a && end <= b)) continue;
    spans.push({ figure: m[0], start, end });
  }
  return spans;
}

/**
 * The places of these figures in a text, whole figures only, found as the guard finds them: for a draft whose
 * stored report predates places, and for text being edited.
 * @example spansOfFigures('第2，2025年', ['2']) // [{ figure: '2', start: 1, end: 2 }]
 */
export function spansOfFigures(text: string, figures: readonly string[]): FigureSpan[] {
  if (!figures.length) return [];
  const wanted = new Set(figures);
  // A hedged figure (约1500个) is named as written, with its hedge words: mark those too.
  const marks = new Map(findFigureMarks(text).map((m) => [m.index, m]));
  return findFigureSpans(text).flatMap((s) => {
    if (wanted.has(s.figure)) return [s];
    const mark = marks.get(s.start);
    if (!mark || mark.written === s.figure || !wanted.has(mark.written)) return [];
    const start = s.start - mark.written.indexOf(mark.figure);
    return [{ figure: mark.written, start, end: start + mark.written.length }];
  });
}
