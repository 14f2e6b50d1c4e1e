/** Problems, next steps, goals across schools: the same point said once, with every school that made it; a point with other figures is never folded into another. Pure. */
import { findFigures, normaliseFigure } from '../domain/figures.js';

export interface MergedItem {
  text: string;
  /** The schools that made this point, in report order. */
  sources: string[];
}

/** What two wordings share once the school's own voice and punctuation are off. */
function comparable(text: string): string {
  return text
    .replace(/^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|同时|此外|另外)/, '')
    .replace(/^(?:我校|本校|学校|我园|本园|全校|全园|我们|我单位|本单位)/, '')
    .replace(/^(?:继续|进一步|持续|切实|认真)+/, '')
    .replace(/[\s，,。；;、：:“”"'（）()！!？?]/g, '');
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const figureKey = (text: string) => findFigures(text).map(normaliseFigure).sort().join('|');

/** How a problem is judged (较淡薄, 有待进一步提高, 仍然存在): said many ways about one subject. */
const VERDICT =
  /(?:的)?(?:问题)?(?:仍|还|依然|仍然|较为|较|比较|不够|有待|亟待|需要|需|进一步|不断)*(?:淡薄|薄弱|不强|不足|不够|不高|欠缺|缺乏|滞后|单一|突出|存在|加强|提高|提升|深入|完善|改进|老化|落后|紧张|偏少|偏多|较大|不均衡)+$/;

/** The subject of a point with its judgement off: 部分学生安全意识较淡薄 and 学生安全意识有待提高 are both about 学生安全意识. */
function subjectOf(text: string): string {
  const subject = comparable(text).replace(/^(?:部分|个别|少数|一些|有的)/, '');
  const cut = subject.replace(VERDICT, '');
  return cut.length >= 4 && cut !== subject ? cut : '';
}

/** Two points are one when their figures are the same and their words nearly so (or one holds the other, or both judge one subject). */
export function samePoint(a: string, b: string): boolean {
  if (figureKey(a) !== figureKey(b)) return false;
  const ca = comparable(a);
  const cb = comparable(b);
  if (!ca || !cb) return false;
  if (ca === cb) return true;
  const sa = subjectOf(a);
  if (sa && sa === subjectOf(b)) return true;
  const [short, long] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  if (short.length >= 6 && long.includes(short)) return true;
  return dice(bigrams(ca), bigrams(cb)) >= 0.7;
}

/** 一是……；二是…… in one item is several points: each is compared (and said once) on its own. */
export function splitRun(item: string): string[] {
  const parts = item.split(/[；;]\s*(?=[二三四五六七八九十]+是)/);
  if (parts.length < 2 || !/^\s*一是/.test(item)) return [item];
  return parts.map((p) => p.replace(/^\s*[一二三四五六七八九十]+是/, '').trim()).filter(Boolean);
}

/**
 * Merges each school's list in report order; of two wordings of one point the fuller is kept.
 * @example mergeItems([{ school: '一小', items: ['教师缺编'] }, { school: '二小', items: ['教师缺编。'] }]) // [{ text: '教师缺编', sources: ['一小', '二小'] }]
 */
export function mergeItems(lists: ReadonlyArray<{ school: string; items: readonly string[] }>): MergedItem[] {
  const merged: MergedItem[] = [];
  for (const { school, items } of lists) {
    for (const item of items.flatMap(splitRun)) {
      const same = merged.find((m) => samePoint(m.text, item));
      if (!same) {
        merged.push({ text: item, sources: [school] });
        continue;
      }
      // The fuller wording stands for both, so no school's words are lost.
      if (comparable(item).length > comparable(same.text).length) same.text = item;
      if (!same.sources.includes(school)) same.sources.push(school);
    }
  }
  return merged;
}
