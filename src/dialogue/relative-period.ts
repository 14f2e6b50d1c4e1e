/** Relative periods (今年, 今年上半年, 去年, 明年, 上学期, 本学年) read from a date: the server's, never the user's guess. Pure. */

/** A relative period found in a text and what it means on `today`. */
export interface RelativePeriod {
  /** The words as said: 今年上半年 */
  said: string;
  /** The period they mean: 2025年上半年 */
  period: string;
}

const YEAR_WORDS: Array<[RegExp, number]> = [
  [/今年度|本年度/, 0],
  [/今年|本年/, 0],
  [/去年|上一年/, -1],
  [/明年|下一年/, 1],
];
const YEAR_PART = '(上半年|下半年|全年|第[一二三四]季度|[一二三四]季度|[春秋]季学期|[春秋]季|暑期|暑假|寒假|[0-9]{1,2}\\s*[—–\\-~～至到]\\s*[0-9]{1,2}月|[0-9]{1,2}月)?';

/** School terms: the first from August to January, the second from February to July; a school year starts in autumn. */
function termOf(year: number, month: number): { start: number; term: 1 | 2 } {
  if (month >= 8) return { start: year, term: 1 };
  if (month === 1) return { start: year - 1, term: 1 };
  return { start: year - 1, term: 2 };
}

const termName = (start: number, term: 1 | 2) => `${start}—${start + 1}学年第${term === 1 ? '一' : '二'}学期`;

/**
 * The relative period in the text, or null.
 * @example relativePeriod('就写今年上半年的', '2025-07-05') // { said: '今年上半年', period: '2025年上半年' }
 */
export function relativePeriod(text: string, today: string): RelativePeriod | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!date) return null;
  const year = Number(date[1]);
  const month = Number(date[2]);
  const term = termOf(year, month);
  const terms: Array<[RegExp, () => string]> = [
    [/(?:本|这个?)学期/, () => termName(term.start, term.term)],
    [/上个?学期/, () => (term.term === 2 ? termName(term.start, 1) : termName(term.start - 1, 2))],
    [/下个?学期|新学期/, () => (term.term === 1 ? termName(term.start, 2) : termName(term.start + 1, 1))],
    [/(?:本|这个?)学年/, () => `${term.start}—${term.start + 1}学年`],
    [/上个?学年/, () => `${term.start - 1}—${term.start}学年`],
    [/下个?学年/, () => `${term.start + 1}—${term.start + 2}学年`],
  ];
  for (const [re, name] of terms) {
    const m = re.exec(text);
    if (m) return { said: m[0], period: name() };
  }
  for (const [re, offset] of YEAR_WORDS) {
    const m = new RegExp(`(?:${re.source})${YEAR_PART}`).exec(text);
    if (m) {
      const whole = m[0].startsWith('今年度') || m[0].startsWith('本年度') ? '年度' : '年';
      return { said: m[0], period: `${year + offset}${whole}${m[1] ?? ''}` };
    }
  }
  // 上半年 / 下半年 on their own mean this year's.
  const half = /(?<![年0-9０-９])([上下]半年)/.exec(text);
  if (half) return { said: half[1], period: `${year}年${half[1]}` };
  return null;
}

/** Today as people write it: 2025年7月5日. */
export const spokenDate = (today: string) => {
  const [y, m, d] = today.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
