/** Dates: impossible dates (2月30日, 13月), leading zeros (03日), a 成文日期 in Chinese numerals (GB/T 9704-2012 7.3.5.1 asks for Arabic). */
import { digitByDigit, chineseValue, type PreparedText, type ProofIssue } from './issue.js';

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function impossible(year: number | null, month: number, day: number | null): string | null {
  if (month < 1 || month > 12) return `没有${month}月`;
  if (day === null) return null;
  const max = month === 2 && year !== null && !leap(year) ? 28 : DAYS[month - 1];
  if (day < 1 || day > max) return `${year !== null && month === 2 && day === 29 ? `${year}年不是闰年，` : ''}${month}月没有${day}日`;
  return null;
}

/** All date checks. */
export function dateIssues(t: PreparedText): ProofIssue[] {
  const text = t.masked;
  const out: ProofIssue[] = [];
  for (const m of text.matchAll(/(?<![\d.])(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?/g)) {
    const why = impossible(m[1] ? Number(m[1]) : null, Number(m[2]), m[3] ? Number(m[3]) : null);
    if (why) out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'date', message: `日期：“${m[0]}”不存在（${why}）` });
  }
  for (const m of text.matchAll(/(?<![\d.])0(\d)(?=[月日])/g)) {
    out.push({ start: m.index!, end: m.index! + 2, kind: 'date', message: `日期：“${m[0]}”前面不加“0”`, suggestion: m[1] });
  }
  // A line that is only a date in Chinese numerals: the 成文日期 of a signature.
  const chinese = /^([〇○Oo零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/u;
  for (const line of t.lines) {
    const m = chinese.exec(line.body);
    if (!m) continue;
    const [month, day] = [chineseValue(m[2]), chineseValue(m[3])];
    if (Number.isNaN(month) || Number.isNaN(day)) continue;
    const arabic = `${digitByDigit(m[1])}年${month}月${day}日`;
    out.push({ start: line.bodyStart, end: line.bodyStart + m[0].length, kind: 'date', message: `日期：成文日期应使用阿拉伯数字，写作“${arabic}”（GB/T 9704-2012）`, suggestion: arabic });
  }
  return out;
}
