/** Sums offered across schools: the same measure (matched by its words) in the same unit, one figure per school, added exactly. Pure. */
import { addDecimals, formatDecimal, parseQuantity, type DerivedFigure } from '../domain/derived-figures.js';
import { findFigures } from '../domain/figures.js';

/** Units that count things or money, so that adding them across schools means something (not %, 年, 级, 岁…). */
const SUMMABLE = new Set([
  '人次', '名', '人', '次', '场', '场次', '项', '件', '篇', '个', '所', '节', '课时', '学时', '小时', '元', '万元', '亿元', '千元',
  '平方米', '万平方米', '立方米', '台', '套', '册', '万册', '本', '处', '间', '辆', '户', '期', '批', '支', '条', '份', '张', '部',
  '门', '家', '座', '栋', '幢', '吨', '亩', '种', '节次', '万人次',
]);

/** One figure of one school, with the words that say what it measures. */
export interface Measured {
  school: string;
  figure: string;
  unit: string;
  /** 培训教师, 主题班会, 隐患 … */
  measure: string;
}

const STOP = /[，,；;。、：:（）()！!？?\s]/;
const LEADS =
  /^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|同时|此外|另外|全年|全学期|本学期|上半年|下半年|今年以来|今年|年内|全校|全园|学校|我校|本校|我园|本园|共|累计|先后|合计|总计|共计|组织|开展|举办|举行|召开|完成|实现|参加|参与|安排|进行|新|已)+/;
const TAILS = /(?:共|累计|达到|达|计|约|为|了|总计|合计|共计|近|超过|逾|共有|有)+$/;

/** The words a figure measures, from its clause: before the figure (培训教师120人次) or, if none, after it (120名教师参加培训). */
export function measureWords(before: string, after: string): string {
  const lead = before.replace(LEADS, '').replace(TAILS, '');
  if (lead.length >= 2) return lead;
  return after.replace(/^(?:的)?/, '').replace(TAILS, '');
}

/**
 * The summable figures in a school's facts, each with its measure.
 * @example measuredFigures('一小', ['组织教师培训120人次，开展校本研修18场']) // [{ figure: '120人次', measure: '教师培训', … }, …]
 */
export function measuredFigures(school: string, facts: readonly string[]): Measured[] {
  const out: Measured[] = [];
  for (const fact of facts) {
    let from = 0;
    for (const figure of findFigures(fact)) {
      const at = fact.indexOf(figure, from);
      from = at + figure.length;
      const q = parseQuantity(figure);
      if (!q || !SUMMABLE.has(q.unit) || q.amount.units < 0n) continue;
      // 第3名 ranks, 3个百分点 and 3次以上 are not counts to add.
      if (fact[at - 1] === '第' || /^(?:以上|以下|左右|多|余)/.test(fact.slice(from))) continue;
      let start = at;
      while (start > 0 && !STOP.test(fact[start - 1])) start--;
      let end = from;
      while (end < fact.length && !STOP.test(fact[end])) end++;
      // 其中省级培训5人次 is a part of the figure before it, not a measure of its own.
      if (/^(?:其中|含|包括|包含)/.test(fact.slice(start, at))) continue;
      const measure = measureWords(fact.slice(start, at), fact.slice(from, end));
      if (measure.length < 2 || /\d/.test(measure)) continue;
      out.push({ school, figure, unit: q.unit, measure });
    }
  }
  return out;
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

/** Same measure: most of the shorter wording's pairs of characters recur, or the head noun is the same and many do. */
export function sameMeasure(a: string, b: string, pairsA = bigrams(a), pairsB = bigrams(b)): boolean {
  if (a === b) return true;
  // Two characters (活动, 培训) say too little to match anything but themselves.
  if (Math.min(a.length, b.length) < 3) return false;
  let shared = 0;
  for (const x of pairsA) if (pairsB.has(x)) shared++;
  const overlap = shared / Math.min(pairsA.size, pairsB.size);
  return overlap >= 0.6 || (a.slice(-2) === b.slice(-2) && overlap >= 0.4);
}

/**
 * Groups the measured figures of one merged area, by any two wordings matching (so the order of the reports decides
 * nothing), and offers a sum wherever two or more schools give the same measure in the same unit. A figure a school
 * repeats counts once; a school giving two different figures of one measure is left out of that sum and named.
 */
export function offerSums(measured: readonly Measured[]): { offers: DerivedFigure[]; leftOut: Array<{ school: string; label: string; figures: string[] }> } {
  const parent = measured.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const pairs = measured.map((m) => bigrams(m.measure));
  for (let i = 0; i < measured.length; i++) {
    for (let j = i + 1; j < measured.length; j++) {
      const [a, b] = [measured[i], measured[j]];
      if (a.unit === b.unit && root(i) !== root(j) && sameMeasure(a.measure, b.measure, pairs[i], pairs[j])) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, Measured[]>();
  measured.forEach((m, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), m]));
  const offers: DerivedFigure[] = [];
  const leftOut: Array<{ school: string; label: string; figures: string[] }> = [];
  for (const group of groups.values()) {
    const bySchool = new Map<string, Measured[]>();
    for (const m of group) if (!bySchool.get(m.school)?.some((x) => x.figure === m.figure)) bySchool.set(m.school, [...(bySchool.get(m.school) ?? []), m]);
    const once = [...bySchool.values()].filter((ms) => ms.length === 1).map((ms) => ms[0]);
    // The shortest wording is the most general one (培训教师, not 选派教师外出培训).
    const label = group.map((m) => m.measure).reduce((a, b) => (b.length < a.length ? b : a));
    if (bySchool.size < 2) continue;
    for (const [school, ms] of bySchool) if (ms.length > 1) leftOut.push({ school, label, figures: ms.map((m) => m.figure) });
    if (once.length < 2) continue;
    const total = once.map((m) => parseQuantity(m.figure)!.amount).reduce(addDecimals);
    offers.push({ value: `${formatDecimal(total)}${once[0].unit}`, of: once.map((m) => m.figure), op: 'sum', label, sources: once.map((m) => m.school), accepted: false });
  }
  return { offers, leftOut };
}
