/** Numbers (GB/T 15835-2011): full-width digits, Chinese and Arabic numerals mixed, 约…余, range marks and units, shortened years. */
import { HAN, digitByDigit, halfWidthDigits, type PreparedText, type ProofIssue } from './issue.js';

const issue = (start: number, text: string, message: string, suggestion?: string): ProofIssue => ({
  start,
  end: start + text.length,
  kind: 'number',
  message,
  ...(suggestion !== undefined ? { suggestion } : {}),
});

const NUM = '\\d+(?:\\.\\d+)?';

/** All number checks. */
export function numberIssues(t: PreparedText): ProofIssue[] {
  const text = t.masked;
  const out: ProofIssue[] = [];
  for (const m of text.matchAll(/[０-９]+(?:[．.][０-９]+)?/g)) {
    out.push(issue(m.index!, m[0], `数字：“${m[0]}”用了全角数字，应为半角`, halfWidthDigits(m[0]).replace('．', '.')));
  }
  // 二0二五年, 2O25年: a year written half in Chinese numerals (or with the letter O).
  for (const m of text.matchAll(/(?<![\d〇○零一二三四五六七八九Oo])[0-9〇○零一二三四五六七八九Oo]{4}(?=年)/g)) {
    const year = m[0];
    if (/[0-9]/.test(year) && /[^0-9]/.test(year)) {
      out.push(issue(m.index!, year, `数字：年份“${year}”中汉字数字（或字母 O）与阿拉伯数字混用`, digitByDigit(year)));
    } else if (/[Oo○]/.test(year) && /[一二三四五六七八九]/.test(year)) {
      // 二O二四 / 二○二四: the letter O or the circle ○ typed for the numeral 〇.
      out.push(issue(m.index!, year, `数字：年份“${year}”中的“${/[Oo]/.test(year) ? '字母 O' : '○'}”应为汉字数字“〇”`, year.replace(/[Oo○]/g, '〇')));
    }
  }
  for (const m of text.matchAll(new RegExp(`百分之(${NUM})`, 'g'))) {
    out.push(issue(m.index!, m[0], `数字：“${m[0]}”汉字与阿拉伯数字混用，应写作“${m[1]}%”`, `${m[1]}%`));
  }
  // 约50余所, 近300多人, 50余所左右: two words for “about” on one figure.
  const vague = new RegExp(`(?:约|近|大约|将近|接近)${NUM}[万千亿]?[余多]|${NUM}[万千亿]?[余多]${HAN}{0,3}?左右|(?:约|大约)${NUM}[万千亿]?${HAN}{0,3}?左右`, 'gu');
  for (const m of text.matchAll(vague)) {
    out.push(issue(m.index!, m[0], '数字：“约”“近”“左右”与“余”“多”意思重复，只用其一'));
  }
  // A range: the mark (3-5天 → 3～5天) and a unit needed on both ends (10～20% → 10%～20%, 2～3亿元 → 2亿～3亿元).
  const range = new RegExp(`(?<![\\w./－-]|[A-Za-z/] ?)(${NUM})(%|‰|万|亿)?([-~～—–至])(${NUM})(%|‰|万元|万|亿元|亿)?(?=${HAN}|%|[，。、；）\\s]|$)`, 'gu');
  for (const m of text.matchAll(range)) {
    const [whole, a, unitA, mark, b, unitB] = m;
    const after = text.slice(m.index! + whole.length, m.index! + whole.length + 1);
    const wrongMark = /[-~–]/.test(mark);
    // Only a unit or Chinese after it makes 2025-09-01 or a code number a range.
    if (wrongMark && !unitB && !new RegExp(HAN, 'u').test(after)) continue;
    const needsUnit = !!unitB && !unitA;
    if (!wrongMark && !needsUnit) continue;
    const years = /^\d{4}$/.test(a) && /^\d{4}$/.test(b) && Number(a) >= 1900 && Number(a) < Number(b);
    const goodMark = wrongMark ? (years ? '—' : '～') : mark;
    const leading = needsUnit ? unitB!.replace(/元$/, '') : (unitA ?? '');
    const fixed = `${a}${leading}${goodMark}${b}${unitB ?? ''}`;
    const why = [wrongMark ? `数值范围用“${goodMark}”连接，不用“${mark}”` : '', needsUnit ? `范围两端都要写“${leading}”` : ''].filter(Boolean).join('；');
    out.push(issue(m.index!, whole, `数字：${why}（GB/T 15835）`, fixed));
  }
  // 25年上半年: a year shortened to two digits; only where the words after it make it a year, not a count (从教25年).
  const shortYear = /(?<![\d.０-９])([12]\d)年(?=上半年|下半年|度|[春秋]季|[寒暑]假|底|初|末|全年|第[一二三四]季度|\d{1,2}月|工作(?:总结|计划|要点))/g;
  for (const m of text.matchAll(shortYear)) {
    out.push(issue(m.index!, m[0], `数字：年份不能简写，“${m[0]}”应写全`, `20${m[1]}年`));
  }
  return out;
}
