/**
 * Numbering (GB/T 9704-2012 7.3.3): the levels 一、 → （一） → 1. → （1）, each with its own mark, numbered in order
 * (no skipped or repeated number), one style per level; and the 一是、二是 of a paragraph in order.
 */
import { CN_DIGITS, chineseValue, type PreparedText, type ProofIssue } from './issue.js';
import { chineseNumeral } from '../domain/numbering.js';

interface Heading {
  level: 1 | 2 | 3 | 4;
  n: number;
  /** The numbering as written (一、 or (一) or 1、), at the line's body start. */
  written: string;
  /** How it should be written, when it is not. */
  correct: string;
}

const CN = `[${CN_DIGITS}]+`;
const LEVEL1 = new RegExp(`^(${CN})([、.．,，:：])`, 'u');
const LEVEL2 = new RegExp(`^([（(])(${CN})([）)])(、|，|\\.)?`, 'u');
const LEVEL3 = /^(\d{1,2})([.．、,，])/;
const LEVEL4 = /^(?:([（(])(\d{1,2})([）)])|(\d{1,2})([）)]))(、|\.)?/;

/** The heading number at the start of a line's text, if it has one. */
function readHeading(body: string): Heading | null {
  let m = LEVEL2.exec(body);
  // （一）（二）两项工作: the headings named in a sentence, not one of them.
  if (m && /^[（(]/.test(body.slice(m[0].length))) return null;
  if (m && !Number.isNaN(chineseValue(m[2]))) {
    const n = chineseValue(m[2]);
    return { level: 2, n, written: m[0], correct: `（${m[2]}）` };
  }
  m = LEVEL1.exec(body);
  if (m && !Number.isNaN(chineseValue(m[1]))) {
    const rest = body.slice(m[0].length);
    // 一、二年级 / 一、二本: the numerals of a list of grades or tiers, not a heading.
    if (m[2] === '、' && new RegExp(`^${CN}(?:、|本|类|级|等|年级|批)`, 'u').test(rest)) return null;
    // 一，二是… or 一.5 is not a heading either.
    if (m[2] !== '、' && !/^[\p{Script=Han}“《（]/u.test(rest)) return null;
    return { level: 1, n: chineseValue(m[1]), written: m[0], correct: `${m[1]}、` };
  }
  m = LEVEL4.exec(body);
  if (m) {
    const digits = m[2] ?? m[4];
    return { level: 4, n: Number(digits), written: m[0], correct: `（${digits}）` };
  }
  m = LEVEL3.exec(body);
  if (m) {
    const rest = body.slice(m[0].length);
    // 3.5万 or 1、2号楼 are not headings; a heading is followed by words, or by a date (1.2025年9月…, 2.9月5日前…).
    if (!/^(?:[ \t]+\S|[\p{Script=Han}“《（【]|\d{1,4}[年月])/u.test(rest)) return null;
    return { level: 3, n: Number(m[1]), written: m[0], correct: `${m[1]}${m[2] === '．' ? '．' : '.'}` };
  }
  return null;
}

const label = (level: number, n: number) => (level === 1 ? `${chineseNumeral(n)}、` : level === 2 ? `（${chineseNumeral(n)}）` : level === 3 ? `${n}.` : `（${n}）`);

/** All numbering checks, reading the lines in order. */
export function numberingIssues(t: PreparedText): ProofIssue[] {
  const out: ProofIssue[] = [];
  const last = [0, 0, 0, 0, 0];
  /** The period mark (. or ．) the first 1. of the current list used: a sibling with the other is mixed style. */
  let listMark: string | null = null;
  for (const line of t.lines) {
    const heading = readHeading(line.body);
    if (!heading) continue;
    const { level, n, written, correct } = heading;
    const at = line.bodyStart;
    const found: ProofIssue[] = [];
    if (written !== correct) {
      found.push({ start: at, end: at + written.length, kind: 'numbering', message: `编号：第${['', '一', '二', '三', '四'][level]}层编号应写作“${correct}”，不用“${written}”（GB/T 9704）`, suggestion: correct });
    }
    if (level === 3) {
      const mark = correct.slice(-1);
      if (last[3] === 0 || n === 1) listMark = mark;
      else if (listMark && mark !== listMark) {
        found.push({ start: at, end: at + written.length, kind: 'numbering', message: `编号：同一层编号的样式不一致（前面用“${listMark}”）`, suggestion: `${n}${listMark}` });
      }
    }
    // A 1 may always start a list again; any other number follows the one before it at its level.
    const expected = last[level] + 1;
    if (n !== 1 && n !== expected) {
      const message =
        n === last[level]
          ? `编号：“${label(level, n)}”重复了`
          : last[level] === 0
            ? `编号：这一层应从“${label(level, 1)}”开始`
            : n > expected
              ? `编号：“${label(level, last[level])}”之后应是“${label(level, expected)}”，跳过了编号`
              : `编号：“${label(level, n)}”与前面的编号顺序不符（前一个是“${label(level, last[level])}”）`;
      found.push({ start: at, end: at + written.length, kind: 'numbering', message });
    }
    // One place, one issue: a wrong mark on a skipped number says both; the mark's fix is still certain, the number's is not.
    if (found.length) out.push({ ...found[0], message: found.map((f) => f.message).join('；') });
    last[level] = n;
    for (let lower = level + 1; lower <= 4; lower++) last[lower] = 0;
  }
  return out;
}

/** 一是 … 二是 … where a 是 ordinal starts a clause (after a mark or at a line start, so 统一是 is not one). */
const ORDINAL = /(?<=^|[，。；：、\s“（\u0000])([一二三四五六七八九十]{1,2})是(?=[\p{Script=Han}“《（])/gu;

/** The 一是、二是 series: each starts at 一是 and runs on through the paragraphs that carry it; a heading ends it. */
export function ordinalIssues(t: PreparedText): ProofIssue[] {
  const out: ProofIssue[] = [];
  let last = 0;
  for (const line of t.lines) {
    if (readHeading(line.body)) last = 0;
    let seen = false;
    for (const m of line.text.matchAll(ORDINAL)) {
      const n = chineseValue(m[1]);
      if (Number.isNaN(n)) continue;
      seen = true;
      const at = line.start + m.index!;
      if (n === 1) last = 1;
      else if (last > 0) {
        if (n !== last + 1) {
          const message = n === last ? `编号：“${m[0]}”重复了` : n > last + 1 ? `编号：“${chineseNumeral(last)}是”之后应是“${chineseNumeral(last + 1)}是”，跳过了编号` : `编号：“${m[0]}”与前面的顺序不符（前一个是“${chineseNumeral(last)}是”）`;
          out.push({ start: at, end: at + m[0].length, kind: 'numbering', message });
        }
        last = n;
      }
    }
    if (!seen && line.body) last = 0;
  }
  return out;
}
