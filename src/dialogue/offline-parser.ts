/**
 * The offline answer parser: reads org, period, lists and facts out of free Chinese text with no model.
 * Several fields may come in one answer (我们是某某区教育局，写2025年上半年的总结); figures are never changed.
 */
import type { AnswerInput, AnswerParser, ParsedAnswer } from './answer-parser.js';
import { applyCorrections, cleanSingle, isFiller, LAST_YEARS_REPORT, removeFiller, saysNone, splitItems } from './answer-text.js';
import { relativePeriod, spokenDate } from './relative-period.js';
import { readTopics } from './topic-list.js';

const D = '[0-9０-９]';
/** 2025年 · 2025年上半年 · 2025年度 · 2025—2026学年第一学期 · 2025年秋季学期 · 2025年第一季度 */
const PERIOD = new RegExp(
  [
    `${D}{4}\\s*[—–\\-~～至到]\\s*${D}{4}\\s*学年(?:度)?(?:第[一二]学期|[上下]学期)?`,
    `${D}{4}\\s*年(?:度)?(?:上半年|下半年|全年|[春秋]季学期|[春秋]季|[上下]学期|暑期|暑假|寒假|第[一二三四]季度|[一二三四]季度|${D}{1,2}\\s*月?\\s*[—–\\-~～至到]\\s*${D}{1,2}\\s*月)?`,
    `${D}{4}\\s*学年(?:度)?(?:第[一二]学期|[上下]学期)?`,
  ].join('|'),
);
/** A full date: 2025年12月20日 */
const DATE = new RegExp(`${D}{4}\\s*年\\s*${D}{1,2}\\s*月\\s*${D}{1,2}\\s*日`);

/** The endings of unit names in education: 教育局, 教体局, 中学, 幼儿园 … */
const ORG_END =
  '(?:教育和体育局|教育体育局|教育局|教体局|教育委员会|教委|教育厅|教育工作委员会|教工委|教育督导室|督导室|教研室|教研中心|教育中心|教育发展中心|中心校|中心学校|学区|完全中学|中学|小学|幼儿园|学校|学院|大学|职业学校|职教中心|学校办公室|办公室|委员会|中心|局)';
// Not an ending when a longer name goes on (城关镇中心 / 小学): the lookahead lets the name run to its real end.
const ORG = new RegExp(`([\\u4e00-\\u9fa5A-Za-z0-9０-９（）()·]{2,40}?${ORG_END})(?![\\u4e00-\\u9fa5]{0,2}(?:局|校|园|中心|小学|中学|学校|幼儿园))`);
const ORG_INTRO = /(?:我们是|咱们是|咱是|我们单位是|我是|我们这里是|我们这边是|我方是|单位(?:名称)?(?:是|为|：|:)|以(?=.{2,40}?的?名义)|代表)/;

/** Labels people put before a part of an answer (问题：…  下一步：…). */
const LABELS: Array<[keyof ParsedAnswer, RegExp]> = [
  ['org', /^(?:单位名称|单位|发文单位)\s*[:：]/],
  ['period', /^(?:时间段|时间|期间|年度)\s*[:：]/],
  ['leadership', /^(?:领导机关|领导)\s*[:：]/],
  ['guidance', /^(?:指导思想|指导精神|指导文件|依据)\s*[:：]/],
  ['theme', /^(?:总体思路|总体要求|工作主线|主线|思路)\s*[:：]/],
  ['topics', /^(?:工作领域|主要工作|领域|方面)\s*[:：]/],
  ['goals', /^(?:工作目标|目标)\s*[:：]/],
  ['problems', /^(?:存在的问题|问题和不足|问题|不足|短板)\s*[:：]/],
  ['nextSteps', /^(?:下一步(?:工作)?打算|下一步|明年打算|打算|今后)\s*[:：]/],
  ['date', /^(?:落款日期|成文日期|日期|落款)\s*[:：]/],
];

const LIST_FIELDS = ['guidance', 'goals', 'problems', 'nextSteps'] as const;
type ListField = (typeof LIST_FIELDS)[number];

/** Words before a list that only say what kind of list follows: 还存在一些不足：, 问题嘛，主要是, 明年准备, 下一步， */
const PROBLEM_WORD = '(?:问题|不足|短板|困难|薄弱环节)';
const LEAD_COUNT = '(?:[两二三四五六七八九十几]个|[两二三四五六七八九十几]点|以下几点|以下几个方面|如下|这么几个)';
const PROBLEM_HEAD = `(?:工作中|目前|当前|我们)?(?:还|也)?(?:主要)?(?:存在|有)?(?:的)?(?:一些|以下|几个|一个|这么几个|这些|几点|一点|[两二三四五六七八九十]个)?(?:主要)?${PROBLEM_WORD}(?:之处|和不足)?`;
/** 主要是两个问题： / 有三个方面： — a count of what follows, before any list. */
const COUNT_LEAD = new RegExp(`^(?:主要|大概)?(?:是|有|就是)?${LEAD_COUNT}(?:问题|不足|方面|打算|目标|事情|事)?[：:，,]\\s*`);
/** Words that join two items of a list said in one breath: …，另外推进… / …，同时… */
const JOINER = /[，,]\s*(?:另外|此外|同时|还有就是|再就是|另外就是|还要)[，,]?\s*/g;
const LIST_LEAD: Partial<Record<keyof ParsedAnswer, RegExp[]>> = {
  // 还存在一些不足： / 问题嘛，主要是 / 主要问题有三个： / 问题在于… — a separator or a linking word must follow (困难学生… stays).
  problems: [
    new RegExp(`^${PROBLEM_HEAD}(?:嘛|呢|吧|的话)?(?:主要)?(?:有|是|就是|在于)?${LEAD_COUNT}?[：:，,]\\s*(?:主要是|就是)?\\s*`),
    new RegExp(`^${PROBLEM_HEAD}(?:嘛|呢|吧|主要是|就是|是|在于|有${LEAD_COUNT})\\s*`),
  ],
  nextSteps: [/^(?:下一步(?:工作)?|下半年|明年|今后|接下来|来年)(?:的)?(?:工作)?(?:打算|准备|计划|要做的|要干的|主要|重点|思路)?(?:工作)?(?:的话)?(?:是|有|就是|主要是)?[：:，,]\s*/],
  goals: [/^(?:目标(?:是|主要是|就是)?)[：:，,]\s*/],
};

/** Words before a work area's facts that only point at it: 这块主要是：… / 主要有： */
const FACTS_LEAD = /^(?:(?:这块|这一块|这方面|这个)(?:工作)?(?:主要|大概|基本上)?(?:是|有|就是|包括|做了)?[：:，,]?|(?:主要|大概)?(?:是|有|就是|包括|做了)[：:])\s*/;

/** A work area's facts that start by naming it again: 党建这块，… / 关于党建，… */
const AREA_LEAD = /^(?:关于|对于)?[^，,：:。；;0-9０-９]{2,14}?(?:这块|这一块|这方面)[，,：:]\s*|^(?:关于|对于)[^，,：:。；;0-9０-９]{2,14}?[，,：:]\s*/;

/** Which ParsedAnswer key a question's field fills. */
function keyOf(field: string): keyof ParsedAnswer | null {
  if (field === 'sections') return 'topics';
  if (/^sections\[\d*\]\.facts$/.test(field)) return 'facts';
  if (field === 'signature.date') return 'date';
  const known: Array<keyof ParsedAnswer> = ['org', 'period', 'leadership', 'guidance', 'theme', 'goals', 'problems', 'nextSteps'];
  return (known as string[]).includes(field) ? (field as keyof ParsedAnswer) : null;
}

/** Phrases around the period that are not part of it (写2025年上半年的总结 → 2025年上半年). */
function findPeriod(text: string): string | undefined {
  const match = text.match(PERIOD);
  if (!match) return undefined;
  // A full date (2025年12月20日) is a date, not a period.
  const after = text.slice((match.index ?? 0) + match[0].length);
  if (/^\s*[0-9０-９]{1,2}\s*月/.test(after)) return undefined;
  return match[0].trim();
}

function findOrg(text: string, wholeAnswer: boolean): string | undefined {
  const intro = text.match(ORG_INTRO);
  const from = intro ? text.slice((intro.index ?? 0) + intro[0].length) : text;
  const match = from.match(ORG);
  // 帮我写一份城关镇中心小学… → 城关镇中心小学: the request is no part of the name; nor is 以我们县教育局名义's 我们.
  if (match) {
    return match[1]
      .replace(/^(?:请)?(?:帮(?:我|忙|我们)?|给我)?(?:写|起草|拟|做)(?:一份|一个|个|一篇|份)?/, '')
      .replace(/^(?:就用|就以|是|为|由|以|用|代表)/, '')
      .replace(/^(?:我们|咱们|我|本)(?=[\u4e00-\u9fa5]{3})/, '');
  }
  if (!wholeAnswer) return undefined;
  return undefined;
}

/** Text of a short answer once the parts recognised as other fields are taken out. */
function remainder(text: string, taken: Array<string | undefined>): string {
  let out = text;
  for (const part of taken) if (part) out = out.replace(part, ' ');
  return cleanSingle(
    out
      .replace(/(?:我们是|我们单位是|单位是|这份|要写|写的是|写|总结的是|总结|报告|的名义|以|名义)/g, ' ')
      .replace(/[，,。；;、\s]+/g, ' '),
  ).trim();
}

/** Splits labelled blocks off the answer: `问题：…` lines go to problems whatever was asked. */
function labelledBlocks(text: string): { rest: string; blocks: Array<[keyof ParsedAnswer, string]> } {
  const blocks: Array<[keyof ParsedAnswer, string]> = [];
  const rest: string[] = [];
  let currentKey: keyof ParsedAnswer | null = null;
  for (const line of text.split(/\r?\n|(?<=[。；;])(?=\s*[\u4e00-\u9fa5]{1,6}[:：])/)) {
    const trimmed = line.trim();
    const label = LABELS.find(([, re]) => re.test(trimmed));
    if (label) {
      currentKey = label[0];
      blocks.push([label[0], trimmed.replace(label[1], '')]);
    } else if (currentKey && trimmed) {
      blocks[blocks.length - 1][1] += `\n${trimmed}`;
    } else {
      rest.push(line);
    }
  }
  return { rest: rest.join('\n'), blocks };
}

/** Answers that open like plans (明年准备…, 下一步打算…) or like problems (还存在…不足). */
const SOUNDS_LIKE_PLANS = /^(?:下一步|明年|下半年|今后|接下来|来年)(?:的)?(?:工作)?(?:准备|打算|计划|要|将|拟)/;
const SOUNDS_LIKE_PROBLEMS = /^(?:(?:工作中|目前|当前)?(?:还|也)?(?:存在|有)(?:的)?(?:一些|以下|几个)?(?:问题|不足|短板|困难|薄弱环节))/;

/** Words of guidance (为指导, 贯彻落实, …精神, …方针): never a work area's name. */
const GUIDANCE_WORDS = /为指导|为引领|贯彻落实|指导思想|精神$|方针$|决策部署$/;

/** An aside that the figures are still to be checked: …，具体数字我再核实一下 / （待核实） / 大概是这样. */
const VERIFY_LATER = /[，,。；\s]*(?:[（(]\s*待核实\s*[)）]|(?:具体(?:的)?(?:数字|数据|情况)?)?(?:我|我们)?(?:再|还要|还得|回头|之后|稍后|晚点)(?:去)?(?:核实|确认|核对|查一下|查查|问问|问一下)(?:一下)?(?:吧)?|(?:数字)?(?:大概|差不多)是这样(?:吧)?)[。！!]*$/;

/** A date and nothing else: 12月25日, 2026年12月25日, 2026-12-25. */
const DATE_ONLY = /^(?:(?:19|20)\d{2}\s*(?:年|[-/.]))?\s*\d{1,2}\s*(?:月|[-/.])\s*\d{1,2}\s*日?$/;
/** Words of a shortcoming (漏洞, 不足, 流于形式): an answer made of them is about problems. */
const SOUNDS_LIKE_SHORTCOMINGS = /漏洞|不足|短板|薄弱|滞后|流于形式|不到位|不够|欠缺|紧张|老化|隐患仍|存在(?:的)?问题/;

/** 今天 / 就写明天吧 where the signature's date was asked. */
const RELATIVE_DAY = /^(?:就)?(?:写|用|填)?(今天|今日|当天|明天|明日|昨天)(?:的日期|的)?(?:吧|就行|就可以)?$/;

/** A year said alone (2025) where the period was asked: 2025年. */
const bareYear = (text: string) => /^\s*((?:19|20)[0-9]{2})\s*$/.exec(cleanSingle(text))?.[1]?.concat('年');

/** A year set apart from the rest (青河区教育局 2025): 2025年. */
const yearAside = (text: string) => /(?:^|[\s，,])((?:19|20)[0-9]{2})(?=$|[\s，,。])/.exec(text)?.[1]?.concat('年');

/** A relative period (今年, 上学期) when no written one is there: read from the server's date and said back. */
function relative(out: ParsedAnswer, text: string, today: string | undefined): void {
  if (out.period || !today || findPeriod(text)) return;
  const found = relativePeriod(text, today);
  if (!found) return;
  out.period = found.period;
  out.check = `“${found.said}”按今天的日期（${spokenDate(today)}）推算为“${found.period}”。`;
}

/**
 * Whether each name in a leadership answer is an authority (区委、区政府和区安委会, 上级主管部门, 党中央): it ends
 * the way an organ's name ends. A plan or a problem said here (下学期完成监控升级改造) does not.
 */
const AUTHORITY_END = /(?:党中央|中央|国务院|党委|政府|人大|政协|委员会|工委|党组|领导小组|安委会|指挥部|委|府|局|厅|部|部门|办公室|办|中心|督导室|上级|组织)$/;
function looksLikeAuthority(text: string): boolean {
  // Split at list marks only: 和 may be inside a name (区教育和体育局), and the last of 甲和乙 ends the whole.
  const names = text.split(/[、，,\s]+/).map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.length <= 24 && AUTHORITY_END.test(n));
}

/** Figures other than years and dates: counts, amounts, rates. */
const countsIn = (text: string) => text.replace(/[0-9０-９]{4}\s*年(?:[0-9０-９]{1,2}\s*月(?:[0-9０-９]{1,2}\s*日)?)?|[0-9０-９]{4}\s*[—–\-~～至]\s*[0-9０-９]{4}\s*年?/g, '').match(/[0-9０-９]/);

/** The answer said back with a doubt that it is this field's at all (see ParsedAnswer.doubt). */
function doubt(out: ParsedAnswer, why: string): void {
  out.check = why;
  out.doubt = true;
}

/** `topic`: the work area the question is about, for its facts. */
function assign(out: ParsedAnswer, key: keyof ParsedAnswer, text: string, asked: boolean, topic?: string): void {
  const single = cleanSingle(text);
  switch (key) {
    case 'org': {
      const org = findOrg(text, true) ?? (asked && single.length <= 40 && !findPeriod(single) ? single : undefined);
      if (org) out.org = org;
      return;
    }
    case 'period': {
      const period = findPeriod(text) ?? (asked ? bareYear(text) : undefined);
      if (period) out.period = period;
      return;
    }
    case 'date': {
      const date = text.match(DATE)?.[0];
      if (date) out.date = date;
      // Anything short said for the date must at least look like one (2025年12月, 十二月二十日, 12号).
      else if (asked && single && single.length <= 30 && /[0-9０-９〇○零一二三四五六七八九十]/.test(single) && /[年月日号]|\d/.test(single)) out.date = single;
      return;
    }
    case 'leadership': {
      const lead = single.replace(/^在/, '').replace(/的?(?:正确|坚强|有力|统一)?领导(?:下|之下)?$/, '').trim();
      if (lead) out.leadership = lead;
      if (lead && countsIn(lead)) doubt(out, '这段话带有数字，像是某项工作的具体情况，而不是领导机关。');
      else if (lead && !looksLikeAuthority(lead)) doubt(out, '这段话不像是领导机关（例如“区委、区政府”“市教育局”）。');
      return;
    }
    case 'theme':
      if (single) out.theme = single;
      if (single && countsIn(single)) doubt(out, '这段话带有数字，像是某项工作的具体情况，而不是总体思路。');
      else if (single && SOUNDS_LIKE_SHORTCOMINGS.test(single)) doubt(out, '这段话像是存在的问题，而不是总体思路。');
      else if (single && SOUNDS_LIKE_PLANS.test(single)) doubt(out, '这段话像是下一步的打算，而不是总体思路。');
      return;
    case 'topics': {
      // 按照去年的几个方面写就行: no names given, only last year's report pointed at (the reply says how to import it).
      if (LAST_YEARS_REPORT.test(text) && !/[、，,；;\n]/.test(text.trim())) return;
      const read = readTopics(text);
      if (read.topics.length) out.topics = read.topics;
      if (read.topicFacts.length) out.topicFacts = read.topicFacts;
      if (read.unplaced.length) out.unplaced = read.unplaced;
      if (read.interpreted && read.topics.length) out.check = '';
      // 以……为指导，全面贯彻党的教育方针 said for the areas: the guidance, not names of work.
      if (read.topics.some((t) => GUIDANCE_WORDS.test(t))) doubt(out, '这几项像是指导思想，而不是工作领域的名称。');
      return;
    }
    case 'facts': {
      let said = applyCorrections(removeFiller(text)).replace(AREA_LEAD, '').replace(FACTS_LEAD, '');
      // 招了135个吧，具体数字我再核实一下: the aside is no fact; the figure is kept as said and the person asked once.
      if (VERIFY_LATER.test(said)) {
        said = said.replace(VERIFY_LATER, '');
        out.check = '您说数字还要核实，稿中先照您说的写，核实后可以说“修改 + 领域名称”更正。';
      }
      // 防溺水：发放告知书… — the area's own name said again as a label before its facts.
      if (topic && said.startsWith(topic)) said = said.slice(topic.length).replace(/^(?:工作|方面|这块|这一块)?\s*[：:，,]\s*/, '') || said;
      const facts = splitItems(said, { sentences: true });
      if (facts.length) out.facts = facts;
      return;
    }
    default: {
      if ((LIST_FIELDS as readonly string[]).includes(key)) {
        let body = applyCorrections(removeFiller(text));
        for (const lead of LIST_LEAD[key] ?? []) body = body.replace(lead, '');
        body = body.replace(COUNT_LEAD, '');
        if (key !== 'guidance') body = body.replace(JOINER, '；');
        // 问题嘛……暂时没有: once the lead-in goes, it says there is none.
        if (saysNone(body.replace(/^[…．.。，,、\s]+/, ''))) return;
        // 12月25日 said where the problems or plans were asked is a date, not an item of them.
        if (DATE_ONLY.test(cleanSingle(body))) return;
        let items = splitItems(body, { sentences: true, commas: key === 'guidance' ? 'titles' : false });
        // A list of documents joined by 还有 / 以及: the joiner is not part of the title.
        if (key === 'guidance') items = items.map((i) => i.replace(/^(?:还有|以及|另外|此外)(?:就是)?(?=\S{2})/, ''));
        if (items.length) out[key as ListField] = items;
        // 新增学位1200个 said for the guidance: a piece of work, not a document or a meeting's spirit.
        if (key === 'guidance' && items.some((i) => countsIn(i))) doubt(out, '这段话带有数字，像是某项工作的具体情况，而不是指导思想。');
      }
    }
  }
}

/**
 * Parses one answer synchronously. Returns null when nothing could be recognised (the engine re-asks).
 * @example parseAnswerOffline({ typeId: 'half-year-summary', field: 'org', question: '', text: '我们是某某区教育局，写2025年上半年的总结' })
 * // { org: '某某区教育局', period: '2025年上半年' }
 */
export function parseAnswerOffline(input: AnswerInput): ParsedAnswer | null {
  const text = removeFiller(input.text);
  if (!text || isFiller(text) || saysNone(text)) return null;
  const out: ParsedAnswer = {};
  const { rest, blocks } = labelledBlocks(text);
  for (const [key, block] of blocks) assign(out, key, block, true);
  const asked = keyOf(input.field);
  const body = rest.trim();
  if (body) {
    if (asked === 'org' || asked === 'period') {
      // The opening questions: org and period often come together in one sentence.
      const said = applyCorrections(body);
      const period = findPeriod(said) ?? (asked === 'period' ? bareYear(said) : undefined) ?? yearAside(said);
      const org = findOrg(said, true);
      if (period && !out.period) out.period = period;
      if (org && !out.org) out.org = org;
      relative(out, said, input.today);
      const spoken = relativePeriod(said, input.today ?? '')?.said;
      if (asked === 'org' && !out.org) {
        const left = remainder(said, [period, spoken]);
        if (left && left.length <= 40 && !/[0-9０-９]/.test(left)) out.org = left;
      }
    } else if (asked === 'date' && input.today && RELATIVE_DAY.test(cleanSingle(body))) {
      // 今天 / 明天 for the signature's date: read from the server's date and said back.
      const said = RELATIVE_DAY.exec(cleanSingle(body))![1];
      const day = new Date(`${input.today}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + ({ 今天: 0, 今日: 0, 当天: 0, 明天: 1, 明日: 1, 昨天: -1 } as Record<string, number>)[said]);
      out.date = `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
      out.check = `“${said}”按今天的日期（${spokenDate(input.today)}）推算为“${out.date}”。`;
    } else if (asked) {
      // 明年准备… where the problems were asked (or 还存在…不足 where the plans were): filed where it belongs, once confirmed.
      const other = asked === 'problems' && SOUNDS_LIKE_PLANS.test(body) ? 'nextSteps' : asked === 'nextSteps' && SOUNDS_LIKE_PROBLEMS.test(body) ? 'problems' : null;
      assign(out, other ?? asked, body, true, input.topic);
      if (other && out[other]) out.check = other === 'nextSteps' ? '这段话像是下一步的打算，不是存在的问题。' : '这段话像是存在的问题，不是下一步的打算。';
      // A date or a unit name said in passing at the last questions is still theirs.
      if (asked !== 'date' && asked !== 'facts' && asked !== 'topics' && !LIST_FIELDS.includes(asked as ListField)) {
        const period = findPeriod(body);
        if (period && !out.period && asked !== 'theme' && asked !== 'leadership') out.period = period;
      }
    }
  }
  return Object.keys(out).length ? out : null;
}

/** The offline parser under the AnswerParser contract. */
export const offlineParser: AnswerParser = async (input) => parseAnswerOffline(input);
