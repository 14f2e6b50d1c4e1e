/**
 * Frames: the sentences a report writes around its facts — our composer's (from the phrase bank) and the genre's
 * usual ones (在肯定成绩的同时……, 现将……总结如下, 重点抓好以下工作) — recognised so an import keeps them out of the facts. Pure.
 */
import { findFigures } from '../domain/figures.js';
// The phrase files themselves (prompts/_phrases/), as the offline composer writes from them: imported as JSON so
// the import stays a pure function of its text on Node and Workers alike.
import fieldsFile from '../../prompts/_phrases/fields.json';
import generalFile from '../../prompts/_phrases/general.json';
import headingsFile from '../../prompts/_phrases/headings.json';
import framesFile from '../../prompts/_phrases/frames.json';
import earlierFile from '../../prompts/_phrases/earlier-versions.json';

/** A sentence compared without spaces and its end punctuation. */
const key = (text: string) => text.replace(/\s+/g, '').replace(/[。；;，,：:！!]+$/, '');

type ByTense = Record<string, string[]>;
const FIELDS = fieldsFile as unknown as Record<string, { leads: ByTense }>;
const GENERAL = generalFile as unknown as { leads: ByTense; topicLead: Record<string, string> };
const HEADINGS = headingsFile as unknown as { results: ByTense; verbTopicResults: ByTense };
const FRAMES = framesFile as unknown as { openings: ByTense; verdicts: ByTense; closings: ByTense; partLeads: Record<string, Record<string, string>> };

/** Our composer's frame sentences written as plain sentences (leads, part leads, verdicts), for tests and matching. */
export const OUR_FRAME_SENTENCES: readonly string[] = [
  ...Object.values(FIELDS).flatMap((field) => Object.values(field.leads).flat()),
  ...Object.values(GENERAL.leads).flat(),
  ...Object.values(FRAMES.partLeads).flatMap((byTense) => Object.values(byTense)),
  ...Object.values(FRAMES.verdicts).flat(),
];

/** A template (……{{org}}将在{{leadership}}……[{{theme}}，]……) as a pattern: placeholders any short text, [parts] optional. */
function templatePattern(template: string): RegExp {
  const body = key(template)
    .replace(/[.*+?^$()|\\]/g, '\\$&')
    .replace(/\[/g, '(?:')
    .replace(/\]/g, ')?')
    .replace(/\{\{\w+\}\}/g, '.{1,80}?');
  return new RegExp(`^${body}$`);
}

/** Our closings as written in prompts/_phrases/frames.json (templates filled from the fact sheet). */
export const OUR_CLOSING_TEMPLATES: readonly string[] = Object.values(FRAMES.closings).flat();

/**
 * Our closings as patterns. Openings are left out: theirs is mostly the user's own words (period, org, guidance),
 * so a pattern would take facts for frames. A closing whose fixed words are too few to be recognised is left out too.
 */
const OUR_TEMPLATES: readonly RegExp[] = OUR_CLOSING_TEMPLATES.filter((t) => t.replace(/\{\{\w+\}\}|[[\]，。、]/g, '').length >= 10).map(templatePattern);

/** What earlier versions of the composer wrote (prompts/_phrases/earlier-versions.json): last year's exports carry it. */
const EARLIER = earlierFile as { sentences: string[]; headingResults: string[] };

/** Every sentence our offline composer writes (or wrote) around facts, compared as keys. */
const OUR_FRAMES: ReadonlySet<string> = new Set([...OUR_FRAME_SENTENCES, ...EARLIER.sentences].map(key));

/**
 * The genre's frames by shape (no figure in any of them): a lead-in that announces what follows (……如下, 以下……：),
 * the turn to the shortcomings, the report's formula.
 */
const GENRE_FRAMES: RegExp[] = [
  /^在(?:肯定|看到)(?:成绩|成效)的同时/,
  /(?:如下|以下[^，。；]{0,12})[：:。]?$/,
  /^(?:特制定本(?:计划|方案|要点)|提出如下工作要点)$/,
  /^(?:主要|具体)(?:表现|体现)?(?:在|为|是|有)[：:]$/,
  // a short lead-in ending 是：/有：/为： (本学期德育工作的主要目标是：)
  /^[^，。；]{0,24}(?:目标|任务|做法|措施|打算|安排|重点|要求)(?:主要)?(?:是|有|为|包括)[：:]$/,
  /^(?:存在|还存在|仍存在|也存在)[^，。；]{0,16}(?:问题|不足|短板|困难)[^，。；]{0,8}[：:]$/,
  /^[^，。；]{0,16}(?:存在|面临|还有)[^，。；]{0,12}(?:问题|不足|短板|困难|差距|薄弱环节)[^，。；]{0,10}[：:]$/,
  // A report to a meeting: its salutation, and its closing formula.
  /^(?:各位领导|各位代表|各位委员|各位同志|同志们|尊敬的[^，。；]{0,16})[：:，,！!]$/,
  /^(?:以上(?:报告|汇报|情况))(?:[，,]\s*(?:请(?:予)?审议|请审阅|请审定|请批示|妥否，请批示))?[。！]?$|^(?:特此报告|特此汇报|请予审议|请审议)[。！]?$/,
];

/** A lead-in ends with a colon, or is a whole sentence of its own. */
const MAX_FRAME = 70;

/**
 * Whether a sentence is a frame rather than a fact: one of ours, or the genre's by shape. A sentence with a figure
 * is never a frame (figures are facts).
 * @example isFrame('在肯定成绩的同时，我们也清醒地看到，工作中还存在一些短板和不足：') // true
 */
export function isFrame(sentence: string): boolean {
  const k = key(sentence);
  if (!k || findFigures(k).length) return false;
  if (OUR_FRAMES.has(k) || OUR_TEMPLATES.some((re) => re.test(k))) return true;
  // Our composer names the topic before a general lead once the topic's own leads are used up: 在……方面，…….
  const named = /^在[^，。；]{1,30}方面，(.+)$/.exec(k);
  if (named && OUR_FRAMES.has(key(named[1]))) return true;
  const asWritten = /[：:]\s*$/.test(sentence) ? `${k}：` : k;
  return k.length <= MAX_FRAME && GENRE_FRAMES.some((re) => re.test(asWritten));
}

/** A paragraph's sentences (each with its end mark), a lead-in ending in a colon counting as one. */
export function sentences(paragraph: string): string[] {
  return paragraph.match(/[^。！？：:]+(?:[。！？：:]+|$)/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
}

/**
 * A paragraph without the frames it opens with (and a frame that is the whole paragraph): the text left, and the
 * frames taken out, as written.
 * @example stripLeadingFrames('下一步，我们将坚持问题导向，重点抓好以下工作：一是……') // { text: '一是……', frames: ['下一步，……：'] }
 */
export function stripLeadingFrames(paragraph: string): { text: string; frames: string[] } {
  const parts = sentences(paragraph);
  const frames: string[] = [];
  while (parts.length && isFrame(parts[0])) frames.push(parts.shift()!);
  return { text: frames.length ? parts.join('') : paragraph, frames };
}

/**
 * A closing paragraph: ours, or the genre's (我们将……, 各单位要……, 总之……, 让我们……) with no figure. Only the last
 * paragraph of a report is read as one.
 */
export function isClosing(paragraph: string): boolean {
  const k = key(paragraph);
  if (!k || k.length > 160) return false;
  // Our closings name the period (确保2026年各项工作落到实处): the figure is the sheet's own, not a fact of the closing.
  if (OUR_TEMPLATES.some((re) => re.test(k))) return true;
  if (findFigures(k).length) return false;
  if (OUR_FRAMES.has(k)) return true;
  return /^(?:我们将|我[局校]将|全[区县市]教育系统将|各(?:地|单位|学校|地各校|科室)[^，。]{0,6}要|总之|总而言之|新的一年|站在新的起点|让我们|今后，我们将)/.test(k) && !/^各[^，。]{0,6}要.{0,6}(?:于|在)\d/.test(k);
}

/** Our headings' result clauses (……取得新成效, 持续深化……) as patterns that give back the topic inside them. */
const RESULT_PATTERNS: RegExp[] = [...new Set([...Object.values(HEADINGS.results).flat(), ...Object.values(HEADINGS.verbTopicResults).flat(), ...EARLIER.headingResults])]
  .map((template) => new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{\\{topic\\}\\}', '(.{2,40}?)')}$`))
  // Longer fixed words first, so 不断提升……水平 wins over 不断…….
  .sort((a, b) => b.source.length - a.source.length);

/**
 * The topic of a heading our composer wrote ("坚持人才强教，教师队伍建设取得新成效" → 教师队伍建设), else the
 * heading's first clause (a heading written by hand names its topic first).
 * @example topicOfHeading('以缩小差距为目标，持续深化开学和招生工作') // '开学和招生工作'
 */
export function topicOfHeading(heading: string): string {
  const clauses = heading.split(/[，,；;：:。]/).map((c) => c.trim()).filter(Boolean);
  const last = clauses[clauses.length - 1];
  if (clauses.length >= 2 && last) {
    for (const re of RESULT_PATTERNS) {
      const m = re.exec(last);
      if (m?.[1]) return m[1];
    }
  }
  return clauses[0] ?? heading.trim();
}
