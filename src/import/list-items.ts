/** Splits a paragraph written as a list (一是……；二是……, 首先……其次……, （1）……（2）……, ①……②……) into its items. Pure. */
import { numeral } from './normalise.js';

const CN = '一二三四五六七八九十';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** One family of list markers: how to find a marker, and which number it stands for. */
interface Family {
  re: RegExp;
  n: (m: RegExpExecArray) => number;
}

const FAMILIES: Family[] = [
  { re: new RegExp(`([${CN}]{1,2})是[，,：:]?`, 'g'), n: (m) => numeral(m[1]) },
  { re: new RegExp(`第([${CN}]{1,2})[，,、：:]`, 'g'), n: (m) => numeral(m[1]) },
  { re: /(首先|其次|再次|然后|此外|最后)[，,、：:]/g, n: (m) => ({ 首先: 1, 其次: 2, 再次: 3, 然后: 3, 此外: 3, 最后: 4 })[m[1]] ?? 0 },
  { re: /[（(](\d{1,2})[）)]/g, n: (m) => Number(m[1]) },
  { re: new RegExp(`[（(]([${CN}]{1,2})[）)]`, 'g'), n: (m) => numeral(m[1]) },
  { re: new RegExp(`([${CIRCLED}])`, 'g'), n: (m) => CIRCLED.indexOf(m[1]) + 1 },
  // 1. / 1、 / 1． inside a paragraph, not 1.5万元 (a figure)
  { re: /(?<![\d.])(\d{1,2})(?:、|．|\.(?!\d))/g, n: (m) => Number(m[1]) },
];

/** A marker starts an item only at the paragraph's start or after a stop (。；：，) — not inside a word (唯一是). */
const BOUNDARY = /(?:^|[。；;：:，,！？\s])$/;

/** Markers of one family that count up from 1 (首先 then 其次 …; 最后 may close a 首先/其次 run of any length). */
function run(text: string, family: Family): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  let expected = 1;
  family.re.lastIndex = 0;
  for (let m = family.re.exec(text); m; m = family.re.exec(text)) {
    const n = family.n(m);
    const isLast = m[1] === '最后' && found.length >= 2;
    if ((n === expected || isLast) && BOUNDARY.test(text.slice(0, m.index))) {
      found.push({ start: m.index, end: m.index + m[0].length });
      expected += 1;
      if (isLast) break;
    }
  }
  return found.length >= 2 ? found : [];
}

const trimItem = (text: string) => text.trim().replace(/^[，,、：:；;\s]+/, '').replace(/[；;，,、：:\s]+$/, '').replace(/。$/, '');

/**
 * The items of a paragraph written as a list, numbering taken off; the words before the first marker come back
 * as `lead` (a frame such as 主要做法是： or a heading such as 抓学习教育). Null when it is not a list.
 * @example splitList('一是招聘教师135名；二是培训2000人次。') // { lead: '', items: ['招聘教师135名', '培训2000人次'] }
 */
export function splitList(paragraph: string): { lead: string; items: string[] } | null {
  let best: Array<{ start: number; end: number }> = [];
  for (const family of FAMILIES) {
    const found = run(paragraph, family);
    // The family that starts earliest wins (an item may hold a list of another kind inside it).
    if (found.length && (!best.length || found[0].start < best[0].start)) best = found;
  }
  if (!best.length) return null;
  const items = best.map((marker, i) => trimItem(paragraph.slice(marker.end, best[i + 1]?.start ?? paragraph.length))).filter(Boolean);
  if (items.length < 2) return null;
  return { lead: trimItem(paragraph.slice(0, best[0].start)), items };
}
