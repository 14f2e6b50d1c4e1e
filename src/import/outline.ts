/** Recovers a report's outline from cleaned text: title, opening, numbered headings (一、（一）1.（1）), the genre's parts, signature. Pure. */

/** The official hierarchy's styles, ranked 1–4; `part` is an unnumbered genre heading (存在的问题); `point` is 一是/首先. */
export type HeadingStyle = 'cn' | 'cn-paren' | 'num' | 'num-paren' | 'part' | 'point';

/** The genre parts a heading can name. Containers (measures, keyPoints, theme) hold the sections under them. */
export type PartKind = 'problems' | 'nextSteps' | 'guidance' | 'theme' | 'goals' | 'measures' | 'achievements' | 'keyPoints' | 'safeguards' | 'schedule';

export interface OutlineNode {
  style: HeadingStyle;
  /** The numbering as written: `一、`, `(一)`, `1.`, `一是` ('' for an unnumbered part heading). */
  number: string;
  /** The heading's words ('' when the numbered line is a plain paragraph with no short heading). */
  title: string;
  /** The line after its numbering, verbatim (heading and run-in paragraph together). */
  line: string;
  /** The paragraph run together with the heading on the same line, split off at the heading's end. */
  lead?: string;
  part?: PartKind;
  /** Paragraphs under this heading, before its first child. */
  body: string[];
  children: OutlineNode[];
}

export interface RecoveredOutline {
  title?: string;
  /** Paragraphs before the first heading. */
  opening: string[];
  nodes: OutlineNode[];
  signature?: { org?: string; date?: string };
}

const CN = '一二三四五六七八九十';
const NUMBERED: Array<{ style: HeadingStyle; re: RegExp }> = [
  { style: 'cn', re: new RegExp(`^([${CN}]{1,3}[、．.])\\s*(.*)$`) },
  { style: 'cn-paren', re: new RegExp(`^([（(][${CN}]{1,3}[）)][、.．]?)\\s*(.*)$`) },
  // 1. / 1、 / 1．, not 1.5万元 (a figure) and not 2025年 (no separator)
  { style: 'num', re: /^(\d{1,2}(?:[、．]|\.(?!\d)))\s*(.*)$/ },
  { style: 'num-paren', re: /^([（(]\d{1,2}[）)][、.．]?)\s*(.*)$/ },
  { style: 'point', re: new RegExp(`^((?:[${CN}]{1,2}是|首先|其次|再次|最后|第[${CN}]{1,2}(?=[，,、：:]))[，,、：:]?)\\s*(.*)$`) },
];
const RANK: Record<HeadingStyle, number> = { part: 1, cn: 1, 'cn-paren': 2, num: 3, 'num-paren': 4, point: 5 };

/** Genre parts by the words of their heading; first match wins, so 明年工作要点 is next steps, not key points. */
const PARTS: Array<{ part: PartKind; re: RegExp }> = [
  { part: 'problems', re: /存在的?(?:主要)?(?:问题|不足|困难)|^(?:主要)?困难(?:和|与|及)?(?:问题|不足)?$|问题(?:和|与|及)不足|不足(?:之处)?(?:和|与|及)?(?:问题|困难)?$|困难和问题|薄弱环节/ },
  { part: 'nextSteps', re: /(?:下一步|下半年|明年|今后|来年|新的一年|下阶段|下一阶段|\d{4}年).{0,8}(?:打算|计划|思路|安排|要点|设想|重点|方向)|(?:打算|设想)$/ },
  { part: 'guidance', re: /指导思想/ },
  { part: 'theme', re: /总体(?:工作)?(?:要求|思路)|总体目标和要求|基本思路/ },
  { part: 'goals', re: /^(?:工作|总体|主要|年度)?目标(?:任务)?$|^目标任务$/ },
  { part: 'keyPoints', re: /^(?:\d{4}年)?(?:主要|重点)?工作要点$/ },
  { part: 'measures', re: /^(?:主要|具体|工作|重点)?(?:措施|任务|工作重点|重点工作|工作任务|实施步骤|工作内容)$|^重点工作$|^主要工作$|^(?:主要|重点|具体)?(?:工作|任务)(?:和|与|及)(?:措施|举措)$|^(?:主要|重点|工作)?举措$/ },
  // A summary's 主要工作及成效 holding （一）（二）…: a container of areas, like a plan's 主要措施.
  { part: 'achievements', re: /^(?:主要|重点|年度|上半年|全年)?(?:工作|做法)(?:开展)?(?:和|及|与)?(?:成效|成绩|亮点|情况|进展|完成情况)$|^(?:主要|工作)?(?:成效|成绩)(?:和|及|与)(?:做法|经验)$|^主要做法$|^工作回顾$/ },
  { part: 'safeguards', re: /组织保障|保障措施|工作保障|组织领导$|工作要求$/ },
  { part: 'schedule', re: /工作安排$|行事历|日程安排|工作日程|工作进度/ },
];

/** Which genre part a heading names, if any. */
export function partOf(title: string): PartKind | undefined {
  const words = title.replace(/[：:。.，,\s]+$/, '');
  if (!words || words.length > 24) return undefined;
  return PARTS.find((p) => p.re.test(words))?.part;
}

/** A heading longer than this, with no stop before it, is a numbered paragraph rather than a heading. */
const MAX_HEADING = 60;
/** A run-in heading ends at its first full stop or colon within this many characters. */
const MAX_RUN_IN = 40;

/**
 * Splits a numbered line into its heading and the paragraph run together with it.
 * @example splitRunIn('强化责任体系建设。深入贯彻…') // { title: '强化责任体系建设', lead: '深入贯彻…' }
 */
export function splitRunIn(rest: string): { title: string; lead?: string } {
  const stop = /[。！？；：:]/.exec(rest);
  const opening = runOnOpening(rest, stop?.index);
  if (opening) return { title: rest.slice(0, opening).trim(), lead: rest.slice(opening).trim() };
  if (stop && stop.index > 0 && stop.index <= MAX_RUN_IN) {
    const lead = rest.slice(stop.index + 1).trim();
    return lead ? { title: rest.slice(0, stop.index).trim(), lead } : { title: rest.slice(0, stop.index).trim() };
  }
  if (!stop && rest.length <= MAX_HEADING) return { title: rest.trim() };
  return { title: '', lead: rest.trim() };
}

/**
 * Where a paragraph starts inside a heading line that lost its line break (…作风进一步转变全年开展…48次): a
 * paragraph opening word before the first stop, with a figure after it (headings state a stance, not counts).
 */
function runOnOpening(rest: string, stopAt: number | undefined): number | undefined {
  const opening = PARAGRAPH_OPENING.exec(rest.slice(0, MAX_RUN_IN + 4));
  if (!opening || opening.index < 8 || (stopAt !== undefined && stopAt < opening.index)) return undefined;
  return /\d/.test(rest.slice(opening.index)) ? opening.index : undefined;
}

/** Words a report paragraph opens with, and a heading (a stance: 坚持……，……进一步……) does not hold. */
const PARAGRAPH_OPENING = /(?<=[\u4e00-\u9fff])(?:全年|今年|年内|本年度|一年来|上半年|下半年|本学期|我局|我们|全区|全县|全市|全镇|各校|各学校)(?!范围)/;

const DATE_LINE = /^(?:\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;
const ORG_LINE = /^[^\s，。；：,.;:！？!?]{2,30}$/;
const TITLE_WORDS = /总结|计划|要点|方案|打算|报告|安排|意见|规划/;
const UNIT_NAME = /教育局|教体局|教育体育局|教委|教育委员会|学校|中学|小学|幼儿园|中心校/;

/** Reads one line as a heading: numbered, or an unnumbered genre part heading (short, no sentence inside). */
function headingOf(line: string): OutlineNode | undefined {
  for (const { style, re } of NUMBERED) {
    const m = re.exec(line);
    if (!m) continue;
    const rest = m[2] ?? '';
    if (style === 'point') return { style, number: m[1], title: '', line, lead: line, body: [], children: [] }; // 一是 stays: it is the sentence's own word
    if (!rest) return undefined;
    const { title, lead } = splitRunIn(rest);
    return { style, number: m[1], title, line: rest, lead, part: title ? partOf(title) : undefined, body: [], children: [] };
  }
  // An unnumbered line naming the unit is the report's title (某县教育局2023年工作要点), not a part heading.
  if (line.length <= 24 && !/[。；，,！？]/.test(line.replace(/[：:]$/, '')) && !UNIT_NAME.test(line)) {
    const part = partOf(line);
    if (part) return { style: 'part', number: '', title: line.replace(/[：:]$/, ''), line, part, body: [], children: [] };
  }
  return undefined;
}

/**
 * The outline of a cleaned report text (one paragraph per line).
 * @example recoverOutline('某区教育局2025年工作总结\n一、加强党建\n全年发展党员12名。').nodes[0].title // '加强党建'
 */
export function recoverOutline(text: string): RecoveredOutline {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const out: RecoveredOutline = { opening: [], nodes: [] };

  const first = lines[0];
  if (first && first.length <= MAX_HEADING && !/[。；！？]$/.test(first) && !NUMBERED.some(({ re }) => re.test(first)) && (TITLE_WORDS.test(first) || lines.length > 1)) {
    out.title = first;
    lines.shift();
  }
  out.signature = takeSignature(lines);

  const stack: OutlineNode[] = [];
  for (const line of lines) {
    const node = headingOf(line);
    if (!node) {
      const current = stack[stack.length - 1];
      if (current) current.body.push(line);
      else out.opening.push(line);
      continue;
    }
    // A 一是/首先 point is a paragraph of the heading it stands under, kept as its own item.
    const rank = RANK[node.style];
    while (stack.length && RANK[stack[stack.length - 1].style] >= rank) stack.pop();
    const parent = stack[stack.length - 1];
    if (node.style === 'point' && !parent) {
      out.opening.push(line);
      continue;
    }
    (parent ? parent.children : out.nodes).push(node);
    stack.push(node);
  }
  return out;
}

/** The signature at the end: a date line, and the unit's name on the line before it. */
function takeSignature(lines: string[]): RecoveredOutline['signature'] {
  const last = lines[lines.length - 1];
  if (!last || !DATE_LINE.test(last)) return undefined;
  lines.pop();
  const signature: { org?: string; date?: string } = { date: last };
  const before = lines[lines.length - 1];
  if (before && ORG_LINE.test(before) && !headingOf(before) && !TITLE_WORDS.test(before)) {
    signature.org = before;
    lines.pop();
  }
  return signature;
}

/** Every node in reading order, depth first. */
export function flatten(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}
