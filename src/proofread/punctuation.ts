/** Punctuation (GB/T 15834-2011): half-width marks in Chinese text, straight quotes, unpaired marks, doubled marks, …… and ——, heading periods. */
import { CN_DIGITS, HAN, type PreparedText, type ProofIssue } from './issue.js';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' };
const NAME: Record<string, string> = { ',': '逗号', ';': '分号', ':': '冒号', '?': '问号', '!': '叹号', '(': '括号', ')': '括号', '.': '句号' };

/** Chinese text on this side: a Han character or a Chinese mark that only Chinese text uses. */
const CHINESE_BEFORE = new RegExp(`(?:${HAN}|[”’》）】、，。；：？！])$`, 'u');
const CHINESE_AFTER = new RegExp(`^(?:${HAN}|[“‘《（【])`, 'u');
/** A numbering mark at a line start (一. (一) (1)) is the numbering rule's to report. */
const LINE_NUMBERING = new RegExp(`^[\\s\\u0000\\u3000]*(?:[${CN_DIGITS}]+\\.|\\([${CN_DIGITS}\\d]+\\)?)$`, 'u');

const SPACES = / +/y;

function halfWidthMarks(t: PreparedText, out: ProofIssue[]) {
  const text = t.masked;
  // The current line's start, moved forward as the marks are met: one pass, even over a text with no line breaks.
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(/[,;:?!()]|\.(?!\.)(?<!\.\.)/g)) {
    const i = m.index!;
    const mark = m[0];
    const before = text.slice(Math.max(0, i - 2), i);
    const after = text.slice(i + 1, i + 3);
    for (; scanned < i; scanned++) if (text.charCodeAt(scanned) === 10) lineStart = scanned + 1;
    if (i - lineStart < 12 && LINE_NUMBERING.test(text.slice(lineStart, i + 1))) continue;
    // A half-width mark inside numbers or Latin text (1,200; 8:30; GB/T 9704.1) is right as it is.
    const chineseBefore = CHINESE_BEFORE.test(before);
    const chineseAfter = CHINESE_AFTER.test(after);
    let flagged: boolean;
    if (mark === '.') flagged = chineseBefore && (chineseAfter || /^[\s\u0000]*$/.test(after.slice(0, 1)) || i + 1 === text.length);
    else flagged = chineseBefore || chineseAfter;
    if (!flagged) continue;
    // A space typed after the half-width mark goes with it.
    SPACES.lastIndex = i + 1;
    const space = mark !== '(' && mark !== ')' ? SPACES.exec(text)?.[0].length ?? 0 : 0;
    // A full stop between two Han characters may be a 。 or a ·（《生活.生命与安全》）: reported, not fixed.
    const certain = mark !== '.' || !chineseAfter;
    out.push({
      start: i,
      end: i + 1 + space,
      kind: 'punctuation',
      message: `标点：中文里用了半角${NAME[mark]}“${mark}”，应为全角“${FULL[mark]}”${certain ? '' : '或间隔号“·”'}（GB/T 15834）`,
      ...(certain ? { suggestion: FULL[mark] } : {}),
    });
  }
}

function straightQuotes(t: PreparedText, out: ProofIssue[]) {
  const han = new RegExp(HAN, 'u');
  for (const m of t.masked.matchAll(/"([^"\n]{0,200})"/g)) {
    if (!han.test(m[1])) continue;
    out.push({
      start: m.index!,
      end: m.index! + m[0].length,
      kind: 'punctuation',
      message: '标点：中文里用了直引号 "…"，应为弯引号“…”（GB/T 15834）',
      suggestion: `“${m[1]}”`,
    });
  }
}

const PAIRS: Record<string, string> = { '“': '”', '《': '》', '（': '）', '【': '】', '‘': '’' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));

/** Paired marks within one paragraph: a stack; half-width parentheses count as their full-width kin (reported above). */
function unpaired(t: PreparedText, out: ProofIssue[]) {
  const report = (open: { mark: string; at: number }) =>
    out.push({ start: open.at, end: open.at + 1, kind: 'punctuation', message: `标点：“${open.mark}”没有与之配对的“${PAIRS[open.mark]}”` });
  let stack: Array<{ mark: string; at: number }> = [];
  // Only the marks are visited (a regex finds them), not every character.
  for (const m of t.masked.matchAll(/[“”《》（）【】‘’()\n]/g)) {
    const at = m.index!;
    const c = m[0] === '(' ? '（' : m[0] === ')' ? '）' : m[0];
    if (c === '\n') {
      stack.forEach(report);
      stack = [];
    } else if (c in PAIRS) {
      // “ while “ is open: the typist used an opening quote to close it.
      if (c === '“' && stack.at(-1)?.mark === '“') {
        stack.pop();
        out.push({ start: at, end: at + 1, kind: 'punctuation', message: '标点：引号前后都用了“，后一个应为”', suggestion: '”' });
        continue;
      }
      stack.push({ mark: c, at });
    } else {
      const want = CLOSERS.get(c)!;
      let index = stack.length - 1;
      while (index >= 0 && stack[index].mark !== want) index--;
      if (index < 0) out.push({ start: at, end: at + 1, kind: 'punctuation', message: `标点：“${c}”前面没有与之配对的“${want}”` });
      else for (const open of stack.splice(index)) if (open.mark !== want) report(open);
    }
  }
  stack.forEach(report);
}

function doubledAndStyled(t: PreparedText, out: ProofIssue[]) {
  const text = t.masked;
  // 99.6%% — a percent sign typed twice.
  for (const m of text.matchAll(/[%％]{2,}/g)) {
    out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'punctuation', message: `标点：百分号“${m[0][0]}”重复`, suggestion: m[0][0] });
  }
  for (const m of text.matchAll(/([，、；：？！])\1+|。。(?!。)|[，、；：]。|。[，、；：]/g)) {
    const same = m[0][0] === m[0][1];
    out.push({
      start: m.index!,
      end: m.index! + m[0].length,
      kind: 'punctuation',
      message: same ? `标点：“${m[0][0]}”重复` : `标点：“${m[0][0]}”和“${m[0][1]}”连用，只留其一`,
      ...(same ? { suggestion: m[0][0] } : {}),
    });
  }
  // Found by the marks themselves, then the neighbours looked at: a lookbehind tried at every position was most of the cost.
  const han = new RegExp(`^(?:${HAN})$`, 'u');
  const chineseSide = (c: string | undefined, marks: string) => c !== undefined && (han.test(c) || marks.includes(c));
  for (const m of text.matchAll(/\.{3,}|。{3,}|…+|--+|－－+/g)) {
    const [run] = m;
    const start = m.index!;
    const before = text[start - 1];
    const after = text[start + run.length];
    if (run[0] === '…' && run.length === 2) continue;
    if (run[0] === '-' || run[0] === '－') {
      if (!chineseSide(before, '，。”》）') && !chineseSide(after, '“《（')) continue;
      out.push({ start, end: start + run.length, kind: 'punctuation', message: `标点：破折号应为“——”，不用“${run}”`, suggestion: '——' });
      continue;
    }
    // 。。。 and ... count beside Chinese; a lone … anywhere in Chinese text.
    if (run[0] !== '…' && !chineseSide(before, '，。”》）') && !chineseSide(after, '')) continue;
    if (run[0] === '…' && run.length > 2) continue;
    out.push({ start, end: start + run.length, kind: 'punctuation', message: `标点：省略号应为“……”（两个“…”），不用“${run}”`, suggestion: '……' });
  }
}

/** Headings: 一、 （一） on a line of their own take no full stop; a run-in heading is set off from its text by 。, not a space. */
function headingStops(t: PreparedText, out: ProofIssue[]) {
  const numbered = new RegExp(`^(?:[${CN_DIGITS}]+、|（[${CN_DIGITS}]+）)`, 'u');
  // 一、二本… and 一、二年级… list grades or tiers, （一）（二）两项 names two headings: no heading there.
  const enumeration = new RegExp(`^(?:[${CN_DIGITS}]+、[${CN_DIGITS}]+(?:、|本|类|级|等|年级|批)|（[${CN_DIGITS}]+）（)`, 'u');
  const runIn = new RegExp(`^((?:[${CN_DIGITS}]+、|（[${CN_DIGITS}]+）|\\d+[.．]|（\\d+）)(?:${HAN}|[“”《》、]){2,24})([ \\u3000]+)(?=${HAN})`, 'u');
  for (const line of t.lines) {
    const { body } = line;
    if (!body) continue;
    const standalone = (line.heading || (numbered.test(body) && !enumeration.test(body))) && body.endsWith('。') && body.indexOf('。') === body.length - 1 && body.length <= 40;
    if (standalone) {
      const at = line.bodyStart + body.length - 1;
      out.push({ start: at, end: at + 1, kind: 'punctuation', message: '标点：独立成行的标题末尾不加句号', suggestion: '' });
      continue;
    }
    const m = runIn.exec(body);
    if (m && !/[。：；，]/.test(m[1])) {
      const at = line.bodyStart + m[1].length;
      out.push({ start: at, end: at + m[2].length, kind: 'punctuation', message: '标点：与正文接排的标题，标题后应加句号，不用空格隔开', suggestion: '。' });
    }
  }
}

/** All punctuation checks. */
export function punctuationIssues(t: PreparedText): ProofIssue[] {
  const out: ProofIssue[] = [];
  halfWidthMarks(t, out);
  straightQuotes(t, out);
  unpaired(t, out);
  doubledAndStyled(t, out);
  headingStops(t, out);
  return out;
}
