/** An existing report's text → a fact sheet (schema-valid where the text allows) and warnings for what was guessed or missing. Pure. */
import { LIMITS, REPORT_TYPE_IDS, parseFactSheet, type FactSheet, type Section } from '../domain/fact-sheet.js';
import { normaliseText, splitReports } from './normalise.js';
import { flatten, recoverOutline, type OutlineNode, type PartKind, type RecoveredOutline } from './outline.js';

export interface ImportWarning {
  /** guessed | missing | removed | converted | pinyin | several-reports | empty-section | invalid | trimmed */
  code: string;
  /** The fact-sheet field it concerns, when there is one. */
  field?: string;
  message: string;
}

/** One report of a file holding several. */
export interface ReportChoice {
  /** 1-based, as `report` takes it. */
  index: number;
  title: string;
  type: string;
}

export interface ImportResult {
  /** The fact sheet recovered; check `valid` — a text missing its unit or period gives a partial one. */
  facts: Partial<FactSheet> & { type: string; sections: Section[] };
  valid: boolean;
  warnings: ImportWarning[];
  /** When the file holds several reports: all of them, so a client can offer the choice. */
  reports?: ReportChoice[];
}

export interface ImportOptions {
  /** Which report of a collection to import (1-based); the first by default. */
  report?: number;
}

/**
 * Imports a report's text (pasted, .txt, .md, or extracted from .docx).
 * @example importReport(text).facts.sections[0].facts // the first area's facts, verbatim
 */
export function importReport(raw: string, options: ImportOptions = {}): ImportResult {
  const clean = normaliseText(stripMarkdown(raw));
  const warnings: ImportWarning[] = [];
  if (clean.removed.length) {
    warnings.push({ code: 'removed', message: `已去掉 ${clean.removed.length} 行网页内容（导航、来源、广告等）：${clean.removed.slice(0, 3).map((l) => `“${clip(l)}”`).join('、')}${clean.removed.length > 3 ? ' 等' : ''}` });
  }
  if (clean.converted) warnings.push({ code: 'converted', message: '原文含繁体字，已转换为简体' });
  if (clean.pinyin) warnings.push({ code: 'pinyin', message: `已去掉 ${clean.pinyin} 处夹在文字后的拼音注音` });

  const parts = splitReports(clean.text);
  let reports: ReportChoice[] | undefined;
  let chosen = parts[0];
  if (parts.length > 1) {
    reports = parts.map((p, i) => ({ index: i + 1, title: p.title, type: guessType(recoverOutline(p.text)).type }));
    const pick = options.report && options.report >= 1 && options.report <= parts.length ? options.report : 1;
    if (options.report && pick !== options.report) {
      warnings.push({ code: 'several-reports', message: `没有第 ${options.report} 篇（共 ${parts.length} 篇），已导入第 1 篇` });
    }
    chosen = parts[pick - 1];
    warnings.push({ code: 'several-reports', message: `文件中有 ${parts.length} 篇报告，已导入第 ${pick} 篇“${clip(chosen.title)}”；可另选一篇导入` });
  } else if (options.report && options.report !== 1) {
    warnings.push({ code: 'several-reports', message: `文件中只有 1 篇报告，已导入这一篇` });
  }

  const outline = recoverOutline(chosen.text);
  const facts = toFactSheet(outline, warnings);
  const parsed = parseFactSheet(facts, REPORT_TYPE_IDS);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      if (!warnings.some((w) => w.code === 'missing' && w.field === issue.path)) warnings.push({ code: 'invalid', field: issue.path, message: issue.message });
    }
  }
  return { facts: parsed.ok ? parsed.value : facts, valid: parsed.ok, warnings, ...(reports ? { reports } : {}) };
}

/** Markdown (.md files, or text copied from one): heading marks and list bullets off, so the numbering shows. */
function stripMarkdown(text: string): string {
  return text
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}[-*+]\s+/gm, '')
    .replace(/\*\*([^*\n，,。；]{1,40}?)\*\*/g, '$1') // bold, not the ** that stands for a name left out
    .replace(/ {2}$/gm, '');
}

const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Type ids by the words of a title, most specific first. */
const TITLE_TYPES: Array<[RegExp, string]> = [
  [/安全.{0,8}总结/, 'safety-summary'],
  [/(?:上半年|半年|下半年).{0,8}总结/, 'half-year-summary'],
  [/总结|述职|工作报告/, 'annual-summary'],
  [/要点/, 'key-points'],
  [/计划|方案|打算|安排|规划/, 'work-plan'],
];

/** The report type from the title, else from the parts found; says which it was. */
export function guessType(outline: RecoveredOutline): { type: string; from: 'title' | 'parts' | 'default' } {
  const title = outline.title ?? '';
  for (const [re, type] of TITLE_TYPES) if (re.test(title)) return { type, from: 'title' };
  const parts = new Set(flatten(outline.nodes).map((n) => n.part).filter(Boolean));
  const opening = outline.opening.join('');
  if (parts.has('guidance') || parts.has('goals') || parts.has('safeguards') || parts.has('measures') || parts.has('schedule')) return { type: 'work-plan', from: 'parts' };
  if (parts.has('keyPoints') || /工作要点|总体要求/.test(opening)) return { type: 'key-points', from: 'parts' };
  if (parts.has('problems')) {
    return { type: /上半年|半年/.test(opening) ? 'half-year-summary' : /安全/.test(title + opening) ? 'safety-summary' : 'annual-summary', from: 'parts' };
  }
  return { type: 'annual-summary', from: 'default' };
}

const ORG = /(?:[\u4e00-\u9fa5]|\*{1,4}|某){1,15}?(?:教育和体育局|教育体育局|教育局|教体局|教育委员会|教委|教育厅|教育系统|教体系统|教育工委|教研室|教研中心|教师发展中心|中心学校|中学|小学|学校|幼儿园|学院|大学)/;
const PERIOD = /\d{4}\s*[—–\-~～至]\s*\d{4}\s*学年(?:度)?(?:第[一二]学期)?|\d{4}年(?:上半年|下半年|度|第[一二三四]季度|秋季学期|春季学期)?/;

/** Words a collection adds to a title that are not the report's (范文, （通用5篇）, 精选). */
function cleanTitle(title: string): string {
  return title
    .replace(/[（(【\[]?(?:通用|精选|推荐)?\s*\d*\s*篇[）)】\]]?$/, '')
    .replace(/(?:范文|范本|模板|精选|大全|合集)(?:[（(].*[）)])?$/, '')
    .trim();
}

function guessOrg(outline: RecoveredOutline, title: string, warnings: ImportWarning[]): string | undefined {
  const fromTitle = ORG.exec(title.replace(PERIOD, ' '))?.[0];
  if (fromTitle && !/^(?:教育局|教育系统|学校)$/.test(fromTitle)) return fromTitle.replace(/^(?:关于|在|由|全)/, '');
  if (outline.signature?.org) return outline.signature.org;
  const opening = outline.opening.slice(0, 2).join('');
  // An org found inside a sentence may carry the words before it (完善我区教体系统): keep what follows the last particle.
  const fromOpening = ORG.exec(opening.replace(/在[^，,。]{2,30}?领导下/, ''))?.[0]?.replace(/^.*[我全各本的在为和对以于是了将把及与]/, '');
  const org = fromOpening ?? fromTitle;
  if (org) {
    warnings.push({ code: 'guessed', field: 'org', message: `单位名称取自${fromOpening ? '开头段' : '标题'}，推断为“${org}”，请核对` });
    return org;
  }
  warnings.push({ code: 'missing', field: 'org', message: '没有找到单位名称（org），请补充' });
  return undefined;
}

function guessPeriod(outline: RecoveredOutline, title: string, warnings: ImportWarning[]): string | undefined {
  const fromTitle = PERIOD.exec(title)?.[0];
  if (fromTitle) return fromTitle.replace(/\s+/g, '');
  const fromOpening = PERIOD.exec(outline.opening.slice(0, 2).join(''))?.[0];
  const fromDate = /^\d{4}年/.exec(outline.signature?.date ?? '')?.[0];
  const period = fromOpening ?? fromDate;
  if (period) {
    warnings.push({ code: 'guessed', field: 'period', message: `时间段取自${fromOpening ? '开头段' : '落款日期'}，推断为“${period}”，请核对` });
    return period.replace(/\s+/g, '');
  }
  warnings.push({ code: 'missing', field: 'period', message: '没有找到时间段（period），例如“2025年”，请补充' });
  return undefined;
}

/** All the text under a node, verbatim minus numbering: its run-in paragraph, its paragraphs, then its children's. */
function textsUnder(node: OutlineNode): string[] {
  const own = [...(node.lead ? [node.lead] : []), ...node.body];
  return [...own, ...node.children.flatMap((child) => [child.line, ...child.body, ...child.children.flatMap(textsUnderChild)])];
}
function textsUnderChild(node: OutlineNode): string[] {
  return [node.line, ...node.body, ...node.children.flatMap(textsUnderChild)];
}

/** A short label for a section from its heading: the first clause (坚持以立德树人为根本任务). */
function topicOf(title: string, fallback: string): string {
  const clause = title.split(/[，,；;：:。]/)[0].trim();
  return (clause || fallback).slice(0, LIMITS.shortText);
}

/** Paragraphs longer than the schema allows are split at sentence ends, never cut mid-figure. */
function fitText(texts: string[]): string[] {
  return texts.flatMap((t) => {
    if (t.length <= LIMITS.text) return [t];
    const out: string[] = [];
    let current = '';
    for (const sentence of t.match(/[^。！？]+[。！？]*/g) ?? [t]) {
      if (current && current.length + sentence.length > LIMITS.text) {
        out.push(current);
        current = '';
      }
      current += sentence;
    }
    if (current) out.push(current);
    return out.flatMap((piece) => (piece.length > LIMITS.text ? piece.match(new RegExp(`[^]{1,${LIMITS.text}}`, 'g'))! : [piece]));
  });
}

/** Too many items for the schema: the last ones are joined (one per line) into the last allowed item, nothing dropped. */
function fitList(items: string[], max: number, label: string, warnings: ImportWarning[]): string[] {
  if (items.length <= max) return items;
  warnings.push({ code: 'trimmed', field: label, message: `${label} 超过 ${max} 项，后面的各项已并入第 ${max} 项` });
  return [...items.slice(0, max - 1), items.slice(max - 1).join('\n')];
}

const CONTAINERS: PartKind[] = ['measures', 'keyPoints', 'theme', 'guidance', 'goals'];

function toFactSheet(outline: RecoveredOutline, warnings: ImportWarning[]): ImportResult['facts'] {
  const title = cleanTitle(outline.title ?? '');
  const guessed = guessType(outline);
  if (guessed.from !== 'title') {
    warnings.push({ code: 'guessed', field: 'type', message: guessed.from === 'parts' ? `标题中看不出报告类型，根据各部分推断为“${guessed.type}”，请核对` : `看不出报告类型，暂按年度工作总结（annual-summary）导入，请核对` });
  }
  const org = guessOrg(outline, title, warnings);
  const period = guessPeriod(outline, title, warnings);

  const sections: Section[] = [];
  const lists: Record<'problems' | 'nextSteps' | 'goals' | 'guidance', string[]> = { problems: [], nextSteps: [], goals: [], guidance: [] };
  const themes: string[] = [];

  const addSection = (node: OutlineNode, fallback: string) => {
    const facts = fitText(textsUnder(node));
    const heading = node.title || undefined;
    if (!facts.length) {
      warnings.push({ code: 'empty-section', field: `sections[${sections.length}]`, message: `“${clip(node.title || node.line)}”下没有内容，已把标题本身作为事实保留，请补充` });
      facts.push(node.title || node.line);
    }
    sections.push({ topic: topicOf(node.title, fallback), ...(heading ? { heading: heading.slice(0, LIMITS.shortText) } : {}), facts: fitList(facts, LIMITS.factsPerSection, `sections[${sections.length}].facts`, warnings) });
  };

  for (const node of outline.nodes) {
    const part = node.part;
    if (part === 'problems' || part === 'nextSteps' || part === 'goals' || part === 'guidance') {
      // These parts are lists under the type's own heading; a heading of theirs that holds a figure
      // (2025年工作打算) is kept as the list's first item, so no figure is lost.
      if (/\d/.test(node.title)) {
        lists[part].push(node.title);
        warnings.push({ code: 'guessed', field: part, message: `“${clip(node.title)}”的标题含数字，已作为第一项保留，请核对` });
      }
      lists[part].push(...fitText(textsUnder(node)));
    } else if (part === 'theme' && !node.children.length) {
      themes.push(...textsUnder(node));
    } else if (part && CONTAINERS.includes(part) && node.children.some((c) => c.style !== 'point')) {
      // 主要措施 / 工作要点 / 总体思路 holding （一）（二）…: its groups are the sections; its own paragraphs lead them.
      if (node.lead || node.body.length) themes.push(...[node.lead, ...node.body].filter((t): t is string => Boolean(t)));
      node.children.forEach((child, i) => (child.style === 'point' ? themes.push(child.line, ...child.body) : addSection(child, `${node.title}${i + 1}`)));
    } else {
      addSection(node, part === 'safeguards' ? '组织保障' : `工作${sections.length + 1}`);
    }
  }

  const opening = outline.opening;
  const leadership = /在([^，,。；]{2,30}?)的(?:正确|坚强|精心|大力|有力)?领导(?:和[^，,。；]{0,20})?下/.exec(opening.join(''))?.[1];
  if (!outline.nodes.length && opening.length) {
    warnings.push({ code: 'guessed', field: 'sections', message: '没有找到小标题（一、（一）1. 等），全文作为一个工作领域导入，请拆分' });
    sections.push({ topic: '主要工作', facts: fitList(fitText(opening), LIMITS.factsPerSection, 'sections[0].facts', warnings) });
  } else if (opening.length) {
    themes.unshift(...opening);
  }
  if (!sections.length) warnings.push({ code: 'missing', field: 'sections', message: '没有找到工作领域（sections），请补充' });

  const theme = themes.map((t, i) => (i === 0 ? openingTheme(t, period, leadership, org) : t)).filter(Boolean).join('\n');
  const facts: ImportResult['facts'] = {
    type: guessed.type,
    ...(title ? { title: title.slice(0, LIMITS.shortText) } : {}),
    ...(org ? { org } : {}),
    ...(period ? { period } : {}),
    ...(leadership ? { leadership } : {}),
    ...(lists.guidance.length ? { guidance: fitList(lists.guidance, LIMITS.listItems, 'guidance', warnings) } : {}),
    ...(theme ? { theme: theme.slice(0, LIMITS.text) } : {}),
    sections: sections.slice(0, LIMITS.sections),
    ...(lists.goals.length ? { goals: fitList(lists.goals, LIMITS.listItems, 'goals', warnings) } : {}),
    ...(lists.problems.length ? { problems: fitList(lists.problems, LIMITS.listItems, 'problems', warnings) } : {}),
    ...(lists.nextSteps.length ? { nextSteps: fitList(lists.nextSteps, LIMITS.listItems, 'nextSteps', warnings) } : {}),
    ...(outline.signature ? { signature: outline.signature } : {}),
  };
  if (sections.length > LIMITS.sections) {
    warnings.push({ code: 'trimmed', field: 'sections', message: `工作领域超过 ${LIMITS.sections} 个，已并入第 ${LIMITS.sections} 个` });
    const last = facts.sections[LIMITS.sections - 1];
    last.facts = fitList([...last.facts, ...sections.slice(LIMITS.sections).flatMap((s) => [s.heading ?? s.topic, ...s.facts])], LIMITS.factsPerSection, 'sections', warnings);
  }
  if (theme.length > LIMITS.text) warnings.push({ code: 'trimmed', field: 'theme', message: `开头段超过 ${LIMITS.text} 字，已截断，请精简` });
  if (themes.length) warnings.push({ code: 'guessed', field: 'theme', message: '开头段已放入总体要求（theme），起草时会并入开头，请按需精简' });
  return facts;
}

/**
 * The opening paragraph as a theme: without the period and leadership the draft writes itself, and without the
 * "现将……如下" formula, so the new opening does not say them twice.
 */
function openingTheme(text: string, period: string | undefined, leadership: string | undefined, org: string | undefined): string {
  let out = text.replace(/^(?:总体要求|总体思路|总体目标|指导思想)[:：]\s*/, '');
  if (period && out.startsWith(period)) out = out.slice(period.length).replace(/^[，,\s]+/, '');
  if (leadership) out = out.replace(new RegExp(`在${escapeRe(leadership)}的(?:正确|坚强|精心|大力|有力)?领导(?:和[^，,。；]{0,20})?下[，,]?`), '');
  if (org && out.startsWith(org)) out = out.slice(org.length);
  out = out.replace(/[，,。]?\s*现(?:将|就)[^。]*?(?:如下|汇报如下|总结如下)[。：:]?$/, '').replace(/[，,；;：:\s]+$/, '');
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
