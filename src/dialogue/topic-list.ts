/**
 * A list of work areas read from a free answer: lead-ins and frames (主要是三块：…, 包括……这几块), ordinal frames
 * (一是…二是…, 一个是…再一个是…, 首先…其次…), joiners (还有, 另外), one area per line (commas then never split a
 * line), and areas said with their facts (党建这块，…; 关于A，…; A：…). Pure.
 */
import { applyCorrections, isFiller, removeFiller, splitItems, stripNumbering } from './answer-text.js';

export interface TopicList {
  topics: string[];
  /** Areas said with their facts in the same answer; each is also in `topics`. */
  topicFacts: Array<{ topic: string; facts: string[] }>;
  /** Items that read like facts rather than names of areas: kept, never dropped. */
  unplaced: string[];
  /** True when the reading had to interpret the answer (a lead-in, a joiner, a count that does not match). */
  interpreted: boolean;
}

const COUNT = '(?:几|[两二三四五六七八九十]|[0-9]{1,2})';
const CN_COUNT: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** A count of parts: 三块, 四个方面, 这么几项工作, 几件事, 五个领域 */
const COUNTED_PARTS = new RegExp(`${COUNT}\\s*(?:个|项|块|件|点|条|大)?(?:方面|块|项|件事儿?|件|领域|部分|板块|条线)(?:的)?(?:开展了?|推进了?|抓了?|做了?)?(?:工作|内容|事情?)?(?:来写|写|吧|啊)?$`);
/** Words that only introduce a list: 主要包括, 分为, 主要有以下 */
const BARE_FRAME = /^(?:[^，,：:]{0,8}?)(?:主要|重点|大概|大致|一共|总共)?(?:包括|分为|分成|有|是|涉及)(?:以下|如下|下面|这些|这么)?(?:几个方面|方面|内容|这些)?$/;
const JUST_COUNT = new RegExp(`^(?:主要|大概|大致|一共|总共|就)?(?:就是|是|有|分|分为|分成|这)?${COUNT}个?(?:块|项|方面)?$`);

/** Whether a short phrase only frames the list that follows (主要是三块, 今年重点做了这么几项工作). */
export function isFrame(phrase: string): boolean {
  const p = phrase.trim().replace(/[：:，,。\s]+$/, '');
  if (!p || p.length > 24 || /[0-9０-９]{3}/.test(p)) return false;
  return COUNTED_PARTS.test(p) || BARE_FRAME.test(p) || JUST_COUNT.test(p);
}

/** A whole line that only frames the list: 主要有以下几个方面： / 就这三块 (nothing listed after a colon). */
const isFrameLine = (line: string) => !/[：:]\s*\S/.test(line) && !/[、，,；;]/.test(line) && isFrame(line);

/** How many parts the frame says there are, when it says a number. */
function countOf(phrase: string): number | undefined {
  const m = new RegExp(`([两二三四五六七八九十]|[0-9]{1,2})\\s*(?:个|项|块|件|点|条|大)?(?:方面|块|项|件|领域|部分|板块|条线|个)`).exec(phrase);
  if (!m) return undefined;
  return CN_COUNT[m[1]] ?? (Number(m[1]) || undefined);
}

/** The frame at the start of a line, up to its colon or comma, and the rest. */
function leadFrame(line: string): { frame: string; rest: string } | null {
  const m = /^([^：:，,。；;]{1,24}?)\s*[：:，,]\s*/.exec(line);
  if (m && isFrame(m[1])) return { frame: m[1], rest: line.slice(m[0].length) };
  return null;
}

/** A frame at the end: 包括A、B、C这几块 / A、B等方面 / 德育和教学两个方面 — a count or 这/等 is needed (安全方面 stays). */
const TRAIL_FRAME = new RegExp(`(?:(?:这|那|等)(?:这么)?${COUNT}?|${COUNT})\\s*(?:个|项|块|件|大)?(?:方面|块|项|领域|部分|件事)(?:的?工作)?$`);
/** One of a counted list: 一个是, 一块是, 另一项是, 还有一个是 */
const ONE_OF = '(?:一|另一|还有一|再一|第[一二三四五六七八九十])(?:个|块|项|方面)(?:是|就是)?';
/** Words before the first area: 包括, 主要有, 一是, 一个是, 首先是, 大概就是, 今年就是抓了 */
const LEAD_WORDS = new RegExp(
  `^(?:(?:我们)?(?:今年|全年|上半年|下半年|这学期|本学期|明年)?(?:主要|重点|大概|大致|基本上)?(?:就是|也就是|就)?(?:抓了|做了|开展了|推进了|抓的是|做的是)|主要有|主要是|主要包括|包括|重点是|分别是|分为|分成|大概就是|大概是|就是|${ONE_OF}|首先是|首先|一是)[，,、：:\\s]*`,
);

/** Ordinal frames and joiners turned into one separator, so each part is one area. */
const SEPARATORS: Array<[RegExp, boolean]> = [
  [/[，,、；;]\s*(?=[二三四五六七八九十]是)/g, false],
  [new RegExp(`[，,、；;]\\s*${ONE_OF}[，,]?`, 'g'), false],
  [/[，,、；;]\s*(?:再一个|还有一个)[，,]?/g, false],
  [/[，,、；;。]\s*(?:其次|再次|然后|最后)(?:是|就是)?[，,、]?/g, false],
  // 还有 / 另外 between areas: the list goes on (the reply says back what it understood).
  [/[，,、；;]\s*(?:还有(?:就是)?|另外(?:还有|就是)?|此外(?:还有)?|以及)[，,]?/g, true],
];

/** An area said with its facts: 党建这块，…  关于A，…  A：… */
const WITH_FACTS: RegExp[] = [
  /^(?:关于|对于)?([^，,：:。；;]{2,14}?)(?:这块|这一块|这方面|这一方面)[，,：:]\s*(.+)$/s,
  /^(?:关于|对于)([^，,：:。；;]{2,14}?)[，,：:]\s*(.+)$/s,
  /^([^，,：:。；;]{2,20})[：:]\s*(.+)$/s,
  // A short name, a comma, then what was done with its figures: 学前教育，新建公办幼儿园8所
  /^([^，,：:。；;0-9０-９]{2,10})[，,]\s*(.*[0-9０-９].*)$/s,
  // 党建方面发展党员5名: no separator, so only with figures after it
  /^([^，,：:。；;0-9０-９]{2,10}?)(?:这块|这一块|方面)(?!的)(.*[0-9０-９].*)$/s,
];
const BRACKETED = /^([^（(，,：:。；;]{2,20})[（(]([^)）]*[0-9０-９][^)）]*)[)）]$/s;
/** Before another area said with its facts on the same line: 党建方面…，教学方面… */
const NEXT_AREA = /[，,]\s*(?=[^，,：:。；;0-9０-９]{2,10}?(?:这块|这一块|方面)(?!的))/g;

/** A name cleaned of the words around it (主要有…, …等方面的工作). */
function nameOf(text: string): string {
  let out = text.trim().replace(LEAD_WORDS, '');
  out = out.replace(TRAIL_FRAME, '').replace(/(?<=.{2})(?:方面|这块|这一块)(?:的)?(?:工作)?$/, '');
  return out.replace(/^(?:其他的?|其余的?)?(?:还有(?:就是)?|另外(?:还有)?|此外|以及)[，,]?/, '').replace(/[。.，,、；;\s]+$/, '').trim();
}

/** An item that says what was done (with a figure, or a long sentence) is not the name of an area. */
const readsLikeFact = (item: string) => /[0-9０-９]/.test(item) || item.length > 30;

/**
 * The areas in an answer to “哪几方面的工作”.
 * @example readTopics('主要是三块：校舍建设、教师培训、校园安全').topics // ['校舍建设', '教师培训', '校园安全']
 */
export function readTopics(answer: string): TopicList {
  const out: TopicList = { topics: [], topicFacts: [], unplaced: [], interpreted: false };
  let said: number | undefined;
  const lines = applyCorrections(answer)
    .split(/\r?\n|\r/)
    .map((l) => stripNumbering(removeFiller(l)))
    .filter((l) => l && !isFiller(l));
  // A line that only frames the list (主要有以下几个方面： / 就这三块) is not an area.
  // So is a first line ending in a colon with nothing listed on it (今年主要做了以下工作：).
  const framed = lines.length > 1 ? lines.filter((l, i) => !isFrameLine(l) && !(i === 0 && /[：:]$/.test(l) && !/[、，,；;]/.test(l))) : lines;
  for (const l of lines) if (!framed.includes(l)) said ??= countOf(l);
  const oneLine = framed.length === 1;
  for (let line of framed) {
    const lead = leadFrame(line);
    if (lead) {
      said ??= countOf(lead.frame);
      line = lead.rest;
      out.interpreted = true;
    }
    const unled = line.replace(LEAD_WORDS, '');
    if (unled !== line && oneLine) out.interpreted = true;
    line = unled;
    if (/^[^，,：:。；;0-9０-９]{2,10}?(?:这块|这一块|方面)(?!的)/.test(line)) line = line.replace(NEXT_AREA, '；');
    for (const [re, interprets] of SEPARATORS) {
      const next = line.replace(re, '；');
      if (next !== line && interprets) out.interpreted = true;
      line = next;
    }
    const trail = line.match(TRAIL_FRAME);
    if (trail?.[0] && trail.index! > 0) {
      said ??= countOf(trail[0]);
      line = line.slice(0, trail.index);
    }
    for (const piece of splitItems(line)) add(out, piece, oneLine);
  }
  out.topics = [...new Set(out.topics.filter((t) => t && !isFiller(t)))];
  // 德育和教学两个方面: the count says 和 joins two areas here (elsewhere 和 stays inside a name).
  if (said !== undefined && said > out.topics.length && !out.topicFacts.length) {
    const split = out.topics.flatMap((t) => t.split(/和|与|以及|及/).map((x) => x.trim()).filter(Boolean));
    if (split.length === said) {
      out.topics = split;
      out.interpreted = true;
    }
  }
  if (said !== undefined && said !== out.topics.length) out.interpreted = true;
  return out;
}

function add(out: TopicList, piece: string, oneLine: boolean): void {
  const part = piece.replace(LEAD_WORDS, '');
  for (const re of WITH_FACTS) {
    const m = re.exec(part);
    if (!m || isFrame(m[1])) continue;
    const facts = splitItems(m[2], { sentences: true });
    const topic = nameOf(m[1]);
    if (facts.length && topic && !readsLikeFact(topic)) {
      out.topics.push(topic);
      out.topicFacts.push({ topic, facts });
      return;
    }
  }
  // One area per line: a comma inside a line is part of its name; 、 still lists several.
  let names = oneLine ? splitItems(part, { commas: true, sentences: true }) : part.split(/、(?![^《“]*[》”])|。/);
  // 党建/教学/安全, 党建 教学 安全, A. 党建 B. 教学: short names set apart by slashes, spaces or letters.
  names = names.flatMap((name) => {
    const parts = name.split(/\s*[/／]\s*|\s+|(?:^|\s*)[A-Za-z][.．、)）]\s*/).map((p) => p.trim()).filter(Boolean);
    return parts.length > 1 && parts.every((p) => p.length >= 2 && p.length <= 12 && !/[0-9０-９]/.test(p)) ? parts : [name];
  });
  for (const name of names.map(nameOf)) {
    if (!name || isFiller(name)) continue;
    // 学校建设（新建学校3所）: a name with its facts in brackets.
    const bracket = BRACKETED.exec(name);
    if (bracket && !readsLikeFact(bracket[1])) {
      out.topics.push(bracket[1].trim());
      out.topicFacts.push({ topic: bracket[1].trim(), facts: splitItems(bracket[2], { sentences: true }) });
    } else if (readsLikeFact(name)) out.unplaced.push(name);
    else out.topics.push(name);
  }
}
