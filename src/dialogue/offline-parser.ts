/**
 * The offline answer parser: reads org, period, lists and facts out of free Chinese text with no model.
 * Several fields may come in one answer (我们是某某区教育局，写2025年上半年的总结); figures are never changed.
 */
import type { AnswerInput, AnswerParser, ParsedAnswer } from './answer-parser.js';
import { cleanSingle, isFiller, removeFiller, saysNone, splitItems } from './answer-text.js';

const D = '[0-9０-９]';
/** 2025年 · 2025年上半年 · 2025年度 · 2025—2026学年第一学期 · 2025年秋季学期 · 2025年第一季度 */
const PERIOD = new RegExp(
  [
    `${D}{4}\\s*[—–\\-~～至到]\\s*${D}{4}\\s*学年(?:度)?(?:第[一二]学期|[上下]学期)?`,
    `${D}{4}\\s*年(?:度)?(?:上半年|下半年|全年|[春秋]季学期|第[一二三四]季度|[一二三四]季度|${D}{1,2}\\s*[—–\\-~～至到]\\s*${D}{1,2}\\s*月)?`,
  ].join('|'),
);
/** A full date: 2025年12月20日 */
const DATE = new RegExp(`${D}{4}\\s*年\\s*${D}{1,2}\\s*月\\s*${D}{1,2}\\s*日`);

/** The endings of unit names in education: 教育局, 教体局, 中学, 幼儿园 … */
const ORG_END =
  '(?:教育和体育局|教育体育局|教育局|教体局|教育委员会|教委|教育厅|教育工作委员会|教工委|教育督导室|督导室|教研室|教研中心|教育中心|教育发展中心|中心校|中心学校|学区|完全中学|中学|小学|幼儿园|学校|学院|大学|职业学校|职教中心|学校办公室|办公室|委员会|中心|局)';
const ORG = new RegExp(`([\\u4e00-\\u9fa5A-Za-z0-9０-９（）()·]{2,40}?${ORG_END})(?![\\u4e00-\\u9fa5]{0,2}(?:局|校|园|中心))`);
const ORG_INTRO = /(?:我们是|我们单位是|我是|我们这里是|我方是|单位(?:名称)?(?:是|为|：|:)|以(?=.{2,40}?的?名义)|代表)/;

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

/** A work area and what was done in it, said together: `党建工作：开展主题党日12次，发展党员8名`. */
const TOPIC_WITH_FACTS = /^([^：:，,。；;]{2,20})[：:]\s*(.+)$/s;

/** The answer cut where one work area ends (lines, numbering, ；), never at commas: a work area's facts keep theirs. */
const topicParts = (text: string) => splitItems(text);

/** A work area's name without the words around it (主要有…, …等方面的工作). */
const topicName = (text: string) =>
  text.replace(/^(?:主要有|主要是|包括|有|抓了|做了|开展了)/, '').replace(/(?:等)?(?:几个)?方面(?:的工作)?$/, '').trim();

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
  if (match) return match[1].replace(/^(?:是|为|由|以|代表)/, '');
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

function assign(out: ParsedAnswer, key: keyof ParsedAnswer, text: string, asked: boolean): void {
  const single = cleanSingle(text);
  switch (key) {
    case 'org': {
      const org = findOrg(text, true) ?? (asked && single.length <= 40 && !findPeriod(single) ? single : undefined);
      if (org) out.org = org;
      return;
    }
    case 'period': {
      const period = findPeriod(text);
      if (period) out.period = period;
      return;
    }
    case 'date': {
      const date = text.match(DATE)?.[0];
      if (date) out.date = date;
      else if (asked && single && single.length <= 30) out.date = single;
      return;
    }
    case 'leadership': {
      const lead = single.replace(/^在/, '').replace(/的?(?:正确|坚强|有力)?领导下$/, '').trim();
      if (lead) out.leadership = lead;
      return;
    }
    case 'theme':
      if (single) out.theme = single;
      return;
    case 'topics': {
      const topics: string[] = [];
      const topicFacts: Array<{ topic: string; facts: string[] }> = [];
      for (const part of topicParts(text)) {
        const named = TOPIC_WITH_FACTS.exec(part);
        const facts = named ? splitItems(named[2], { sentences: true }) : [];
        if (named && facts.length) {
          const topic = topicName(named[1]);
          topics.push(topic);
          topicFacts.push({ topic, facts });
        } else {
          topics.push(...splitItems(part, { commas: true }).map(topicName));
        }
      }
      const kept = topics.filter((t) => t && !isFiller(t));
      if (kept.length) out.topics = kept;
      if (topicFacts.length) out.topicFacts = topicFacts;
      return;
    }
    case 'facts': {
      const facts = splitItems(text, { sentences: true });
      if (facts.length) out.facts = facts;
      return;
    }
    default: {
      if ((LIST_FIELDS as readonly string[]).includes(key)) {
        const items = splitItems(text, { sentences: true, commas: key === 'guidance' });
        if (items.length) out[key as ListField] = items;
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
      const period = findPeriod(body);
      const org = findOrg(body, true);
      if (period && !out.period) out.period = period;
      if (org && !out.org) out.org = org;
      if (asked === 'org' && !out.org) {
        const left = remainder(body, [period]);
        if (left && left.length <= 40 && !/[0-9０-９]/.test(left)) out.org = left;
      }
    } else if (asked) {
      assign(out, asked, body, true);
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
