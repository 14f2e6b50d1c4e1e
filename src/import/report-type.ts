/**
 * The report type of an imported text, decided from its content — the skeleton (which parts it has), the tense,
 * what its areas are about — with the title as one signal among them; says how sure it is. Pure.
 */
import { flatten, type RecoveredOutline } from './outline.js';

export interface TypeGuess {
  type: string;
  /** 0–1: how far the winner is ahead of the runner-up (a lead of MARGIN points or more is 1). Below UNSURE the import interview asks. */
  confidence: number;
  /** The signals that decided it, in Chinese, for the warning and the interview. */
  reasons: string[];
  /** The runner-up, when there is one. */
  alternative?: string;
}

/** The five types' names, for warnings and the interview's question. */
export const TYPE_NAMES: Record<string, string> = {
  'annual-summary': '年度工作总结',
  'half-year-summary': '半年工作总结',
  'safety-summary': '安全工作总结',
  'work-plan': '工作计划',
  'key-points': '工作要点',
};

/**
 * The type a person names in a reply (工作计划, 半年总结, 安全的, 要点, or the id); null when none or several.
 * @example typeFromName('这是半年总结') // 'half-year-summary'
 */
export function typeFromName(text: string): string | null {
  const t = text.trim();
  if (Object.hasOwn(TYPE_NAMES, t)) return t;
  const found = [
    /安全/.test(t) && 'safety-summary',
    /半年|上半年|下半年/.test(t) && 'half-year-summary',
    /要点/.test(t) && 'key-points',
    /计划|方案|打算/.test(t) && !/要点/.test(t) && 'work-plan',
    /年度|全年|年终|年总结|^总结$|工作总结$/.test(t) && !/半年|安全/.test(t) && 'annual-summary',
  ].filter((x): x is string => Boolean(x));
  return found.length === 1 ? found[0] : null;
}

/** Below this the type is a guess the interview confirms. */
export const UNSURE = 0.5;
/** A lead of this many points over the runner-up is certain: about two signals that only the winner has. */
const MARGIN = 4;

const TYPES = ['annual-summary', 'half-year-summary', 'safety-summary', 'work-plan', 'key-points'] as const;
type TypeId = (typeof TYPES)[number];

/** Safety words: an area about these is a safety area. */
const SAFETY = /安全|隐患|演练|消防|防溺水|溺水|安保|护校|食品|交通|欺凌|应急|疏散|防汛|防灾|校车|治安|技防|平安/;
/** Looking back (a summary) or ahead (a plan). */
const REVIEW_WORDS = /全年|一年来|上半年|本年度|累计|共计|完成了|开展了|取得了|已完成|已建成|建成|获评|荣获|达到了|提高了|实现了/g;
const PLAN_WORDS = /力争|确保|计划|拟|将于|前完成|底前|要加强|要推进|要健全|要落实|启动|推动|着力|进一步/g;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * Scores the five types and picks the best; the title adds to the score, the content decides.
 * @example guessReportType(recoverOutline(text)) // { type: 'half-year-summary', confidence: 0.6, reasons: [...] }
 */
export function guessReportType(outline: RecoveredOutline): TypeGuess {
  const score: Record<TypeId, number> = { 'annual-summary': 0, 'half-year-summary': 0, 'safety-summary': 0, 'work-plan': 0, 'key-points': 0 };
  const reasons: Record<TypeId, string[]> = { 'annual-summary': [], 'half-year-summary': [], 'safety-summary': [], 'work-plan': [], 'key-points': [] };
  const add = (type: TypeId, points: number, why: string) => {
    score[type] += points;
    reasons[type].push(why);
  };
  const summaries: TypeId[] = ['annual-summary', 'half-year-summary', 'safety-summary'];

  const title = outline.title ?? '';
  const nodes = flatten(outline.nodes);
  // 主要工作 heads a plan's measures and a summary's achievements alike: only 措施/任务 says plan.
  const parts = new Set(nodes.filter((n) => n.part !== 'measures' || /措施|举措|任务|步骤/.test(n.title)).map((n) => n.part).filter(Boolean));
  // The areas: top-level headings that name no part, and the （一）（二） groups inside a container part.
  const areas = outline.nodes.flatMap((n) => (!n.part ? [n] : ['measures', 'achievements', 'keyPoints'].includes(n.part) ? n.children.filter((c) => c.style !== 'point') : []));
  const opening = outline.opening.join('');
  const body = [opening, ...nodes.flatMap((n) => [n.line, ...n.body])].join('\n');

  // The title: one signal, worth less than the skeleton.
  if (/安全.{0,8}总结/.test(title)) add('safety-summary', 2, '标题写的是安全工作总结');
  if (/(?:上半年|前半年|半年|下半年).{0,10}总结/.test(title)) add('half-year-summary', 2, '标题写的是半年总结');
  // A term is half a school year: its summary is the half-year genre (本学期……下学期打算).
  else if (/学期.{0,10}总结/.test(title) && !/安全/.test(title)) add('half-year-summary', 2, '标题写的是学期总结');
  else if (/总结|述职|工作报告/.test(title) && !/安全/.test(title)) add('annual-summary', 2, '标题写的是总结');
  // Plans and key points share their skeleton (指导思想, 主要措施 with （一）（二）), so between them the title weighs more.
  if (/要点/.test(title)) add('key-points', 4, '标题写的是工作要点');
  if (/计划|方案|打算|安排|规划/.test(title) && !/要点/.test(title)) add('work-plan', 4, '标题写的是计划');

  // The skeleton.
  if (parts.has('problems')) for (const t of summaries) add(t, 2, '有“存在的问题”部分');
  if (parts.has('nextSteps')) for (const t of summaries) add(t, 1, '有“下一步打算”部分');
  if (nodes.some((n) => n.part === 'nextSteps' && /下半年/.test(n.title))) add('half-year-summary', 3, '有“下半年工作打算”');
  if (nodes.some((n) => n.part === 'nextSteps' && /下学期/.test(n.title))) add('half-year-summary', 1, '有“下学期打算”');
  if (/上半年|前半年|1[—-]6月/.test(opening.slice(0, 80)) || /(?:上半年|前半年)/.test(title)) add('half-year-summary', 2, '开头写的是上半年');
  else if (/本学期|这学期/.test(opening.slice(0, 40))) add('half-year-summary', 1, '开头写的是本学期');
  if (/现将[^。]{0,12}(?:总结|汇报)如下|总结如下/.test(opening)) for (const t of summaries) add(t, 2, '开头说“总结如下”');
  for (const part of ['guidance', 'goals', 'measures', 'schedule', 'safeguards'] as const) {
    if (parts.has(part)) add('work-plan', { guidance: 1, goals: 2, measures: 2, schedule: 3, safeguards: 1 }[part], `有“${{ guidance: '指导思想', goals: '工作目标', measures: '主要措施', schedule: '工作安排', safeguards: '保障措施' }[part]}”部分`);
  }
  if (/特制定本(?:计划|方案)/.test(opening)) add('work-plan', 3, '开头说“特制定本计划”');
  if (parts.has('keyPoints') || /工作要点|提出如下要点/.test(opening)) add('key-points', 3, '正文说“工作要点”');
  if (parts.has('theme') || /总体(?:要求|思路)(?:是)?[：:]/.test(opening)) add('key-points', 2, '有“总体要求”');
  const pointAreas = areas.filter((n) => n.children.length && n.children.every((c) => c.style === 'num')).length;
  if (areas.length && pointAreas === areas.length && !parts.has('problems')) add('key-points', 2, '各部分下列 1. 2. 要点');

  // The tense: summaries look back, plans and key points ahead.
  const review = count(body, REVIEW_WORDS);
  const plan = count(body, PLAN_WORDS);
  if (review > plan * 1.5 && review >= 3) for (const t of summaries) add(t, 2, '正文回顾已做的工作');
  if (plan > review * 1.5 && plan >= 3) for (const t of ['work-plan', 'key-points'] as const) add(t, 2, '正文写将要做的工作');

  // What the areas are about: a safety summary's areas are all safety; a general one's are not.
  const areaTexts = areas.map((n) => [n.title, n.line, ...n.body].join(''));
  const safe = areaTexts.filter((t) => SAFETY.test(t)).length;
  if (areaTexts.length) {
    if (safe / areaTexts.length >= 0.67) add('safety-summary', 3, '各部分讲的都是安全工作');
    else if (safe / areaTexts.length < 0.5) {
      add('annual-summary', 1, '各部分讲的不只是安全工作');
      add('half-year-summary', 1, '各部分讲的不只是安全工作');
      if (score['safety-summary'] > 0) add('safety-summary', -3, '各部分讲的不只是安全工作');
    }
  }

  const ranked = [...TYPES].sort((a, b) => score[b] - score[a] || TYPES.indexOf(a) - TYPES.indexOf(b));
  const [top, second] = ranked;
  const confidence = score[top] <= 0 ? 0 : Math.max(0, Math.min(1, (score[top] - Math.max(0, score[second])) / MARGIN));
  return { type: top, confidence: Math.round(confidence * 100) / 100, reasons: reasons[top], ...(score[second] > 0 ? { alternative: second } : {}) };
}
