/** An existing report's text → a fact sheet (schema-valid where the text allows) and warnings for what was guessed or missing. Pure. */
import { findFigures } from '../domain/figures.js';
import { LIMITS, REPORT_TYPE_IDS, parseFactSheet, type FactSheet, type Section } from '../domain/fact-sheet.js';
import { isClosing, isFrame, stripLeadingFrames, topicOfHeading } from './frames.js';
import { splitList } from './list-items.js';
import { normaliseText, splitReports } from './normalise.js';
import { flatten, recoverOutline, type OutlineNode, type PartKind, type RecoveredOutline } from './outline.js';
import { TYPE_NAMES, UNSURE, guessReportType, type TypeGuess } from './report-type.js';
import { TABLE_LINE, isHeaderRow, isSeparatorRow, rowCells, scheduleLine, scheduleRows, tableLines } from './schedule-table.js';

export interface ImportWarning {
  /** guessed | unsure-type | missing | removed | converted | pinyin | frame | several-reports | empty-section | invalid | trimmed */
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
  /** How sure the type is (0–1), as `reportType.confidence`. */
  confidence: number;
  /** How many work areas and facts it would import, so a client can show the choice. */
  areas: number;
  facts: number;
}

export interface ImportResult {
  /** The fact sheet recovered; check `valid` — a text missing its unit or period gives a partial one. */
  facts: Partial<FactSheet> & { type: string; sections: Section[] };
  valid: boolean;
  warnings: ImportWarning[];
  /** The type decided from the content (title as one signal), how sure, and why; `unsure` when the interview should ask. */
  reportType: TypeGuess & { unsure: boolean };
  /** Sentences recognised as frames (ours, or the genre's: 在肯定成绩的同时……, 现将……总结如下) and left out of the facts. */
  frames: string[];
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
  const clean = normaliseText(tableLines(stripMarkdown(raw)));
  const warnings: ImportWarning[] = [];
  if (clean.removed.length) {
    warnings.push({ code: 'removed', message: `已去掉 ${clean.removed.length} 处网页或版面内容（导航、来源、广告、页码等）：${clean.removed.slice(0, 3).map((l) => `“${clip(l)}”`).join('、')}${clean.removed.length > 3 ? ' 等' : ''}` });
  }
  if (clean.converted) warnings.push({ code: 'converted', message: '原文含繁体字，已转换为简体' });
  if (clean.pinyin) warnings.push({ code: 'pinyin', message: `已去掉 ${clean.pinyin} 处夹在文字后的拼音注音` });

  const parts = splitReports(clean.text);
  let reports: ReportChoice[] | undefined;
  let chosen = parts[0];
  if (parts.length > 1) {
    reports = parts.map((p, i) => {
      const one = toFactSheet(recoverOutline(p.text), []);
      const facts = one.facts.sections.reduce((n, s) => n + s.facts.length, 0);
      return { index: i + 1, title: p.title, type: one.guess.type, confidence: one.guess.confidence, areas: one.facts.sections.length, facts };
    });
    const pick = options.report && options.report >= 1 && options.report <= parts.length ? options.report : 1;
    if (options.report && pick !== options.report) {
      warnings.push({ code: 'several-reports', message: `没有第 ${options.report} 篇（共 ${parts.length} 篇），已导入第 1 篇` });
    }
    chosen = parts[pick - 1];
    warnings.push({ code: 'several-reports', message: `文件中有 ${parts.length} 篇报告，已导入第 ${pick} 篇“${clip(chosen.title)}”；可另选一篇导入` });
  } else if (options.report && options.report !== 1) {
    warnings.push({ code: 'several-reports', message: `文件中只有 1 篇报告，已导入这一篇` });
  }

  const { facts, guess, frames } = toFactSheet(recoverOutline(chosen.text), warnings);
  if (frames.length) {
    warnings.push({ code: 'frame', message: `已把 ${frames.length} 句套话（如“${clip(frames[0])}”）当作衔接语，没有作为事实导入` });
  }
  const checked = checkedFacts(facts, REPORT_TYPE_IDS, warnings);
  return {
    ...checked,
    warnings,
    reportType: { ...guess, unsure: guess.confidence < UNSURE },
    frames,
    ...(reports ? { reports } : {}),
  };
}

/** Markdown (.md files, or text copied from one): heading marks and list bullets off, so the numbering shows. */
function stripMarkdown(text: string): string {
  return text
    .replace(/\\\|/g, '｜') // an escaped pipe inside a table cell
    .replace(/\\([\\`*_[\]<>~#+\-=.)])/g, '$1') // our exports escape Markdown's characters
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}[-*+]\s+/gm, '')
    .replace(/\*\*([^*\n，,。；]{1,40}?)\*\*/g, '$1') // bold, not the ** that stands for a name left out
    .replace(/ {2}$/gm, '');
}

/**
 * A recovered sheet checked against the schema: the sheet as parsed when valid, else as recovered, with each problem
 * added to `warnings` as `invalid` (unless it is already said to be missing). Shared by the import and 汇总.
 */
export function checkedFacts<W extends { code: string; field?: string; message: string }>(
  facts: ImportResult['facts'],
  knownTypes: readonly string[] | undefined,
  warnings: W[],
): { facts: ImportResult['facts']; valid: boolean } {
  const parsed = parseFactSheet(facts, knownTypes);
  if (parsed.ok) return { facts: parsed.value, valid: true };
  for (const issue of parsed.issues) {
    if (!warnings.some((w) => w.code === 'missing' && w.field === issue.path)) warnings.push({ code: 'invalid', field: issue.path, message: issue.message } as W);
  }
  return { facts, valid: false };
}

const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

const ORG = /(?:[\u4e00-\u9fa5]|\*{1,4}|某){1,15}?(?:教育和体育局|教育体育局|教育局|教体局|教育委员会|教委|教育厅|教育系统|教体系统|教育工委|教研室|教研中心|教师发展中心|中心学校|中学|小学|学校|幼儿园|学院|大学)/;
const PERIOD = /\d{4}\s*[—–\-~～至]\s*\d{4}\s*学年(?:度)?(?:第[一二]学期|上学期|下学期)?|\d{4}\s*学年(?:度)?(?:第[一二]学期|上学期|下学期)?|\d{4}年(?:上半年|下半年|度|第[一二三四]季度|秋季学期|春季学期|秋季|春季)?/;

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
  // A title shaped "<单位><时间段>工作总结" names its unit before the period even when the name has no usual ending
  // (城关一小2026年上半年工作总结).
  const beforePeriod = fromOpening || fromTitle ? undefined : /^([\u4e00-\u9fa5]{2,20}?)(?=\d{4}\s*(?:年|[—–\-~～至]))/.exec(title)?.[1];
  const org = fromOpening ?? fromTitle ?? beforePeriod;
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

/**
 * The items under a node: its run-in paragraph, its paragraphs, then its children's lines, each paragraph written
 * as a list (一是……；二是……) split into its items, frames left out (and collected), numbering off.
 */
function itemsUnder(node: OutlineNode, frames: string[]): string[] {
  const own = [...(node.lead ? [node.lead] : []), ...node.body];
  return [...own, ...node.children.flatMap(textsUnderChild)].flatMap((p) => itemsOf(p, frames));
}
/** A child's line keeps its number, so （1）……（2）…… run together on one line still reads as a list. */
function textsUnderChild(node: OutlineNode): string[] {
  return [node.style === 'point' ? node.line : `${node.number} ${node.line}`, ...node.body, ...node.children.flatMap(textsUnderChild)];
}

/** Numbering at the start of an item (1. （1） 一、), which the draft writes itself. */
const LEADING_NUMBER = /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)][、.．]?|\d{1,2}(?:[、．]|\.(?!\d))|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]{1,2}是[，,、：:]?|(?:首先|其次|再次|最后)[，,、：:])\s*/;
const unnumbered = (text: string) => text.replace(LEADING_NUMBER, '').trim();

/** A table's header row outside a schedule (| 项目 | 完成情况 |): short column names, no figure. */
const isColumnNames = (cells: string[]) =>
  cells.length >= 2 && cells.every((c) => c.length <= 6 && !/\d/.test(c)) && cells.some((c) => /^(?:项目|指标|名称|类别|内容|事项|序号|单位|学校)$|情况$|数量$|数$/.test(c));

/** One paragraph's items: frames it opens with dropped, a list split into items, else the paragraph as it is. */
function itemsOf(paragraph: string, frames: string[]): string[] {
  if (TABLE_LINE.test(paragraph)) {
    const cells = rowCells(paragraph).filter(Boolean);
    if (isSeparatorRow(paragraph) || isHeaderRow(cells) || isColumnNames(cells)) return [];
    // A name and its figure (| 教师培训 | 210人次 |) read as one clause: 教师培训210人次.
    if (cells.length === 2 && /^\d/.test(cells[1])) return [`${cells[0]}${cells[1]}`];
    return [cells.join('，')];
  }
  const stripped = stripLeadingFrames(paragraph);
  frames.push(...stripped.frames);
  if (!stripped.text) return [];
  const list = splitList(stripped.text);
  if (!list) return [unnumbered(stripped.text).replace(/[；;，,]$/, '')].filter(Boolean);
  const lead = unnumbered(list.lead);
  // Words before a list are a lead-in to it, as if they ended with a colon (当前还存在一些问题：1.……).
  if (lead && (isFrame(lead) || isFrame(`${lead}：`))) {
    frames.push(lead);
    return list.items;
  }
  return lead ? [lead, ...list.items] : list.items;
}

/** A short label for a section from its heading: the first clause (坚持以立德树人为根本任务). */
function topicOf(title: string, fallback: string): string {
  return (topicOfHeading(title) || fallback).slice(0, LIMITS.shortText);
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

const CONTAINERS: PartKind[] = ['measures', 'achievements', 'keyPoints', 'theme', 'guidance', 'goals'];

/** The last paragraph of the report, if it is a closing (我们将……): a frame, not a fact of the last part. */
function takeClosing(outline: RecoveredOutline, frames: string[]): void {
  let node = outline.nodes[outline.nodes.length - 1];
  // The closing follows the last text of the report: in the last child when the part ends with a list (工作要点's 1. 2.).
  while (node?.children.length) {
    const child = node.children[node.children.length - 1];
    if (!child.body.length && !child.children.length && node.body.length) break;
    node = child;
  }
  const holder = node ? node.body : outline.opening;
  const last = holder[holder.length - 1];
  // Never the only text of a part: a numbered line, a run-in lead or another paragraph must stay.
  const more = holder.length > 1 || Boolean(node?.lead) || Boolean(node && node.style !== 'part' && node.style !== 'cn' && node.line);
  if (last && more && isClosing(last)) frames.push(holder.pop()!);
}

/** 坚持以A、B为指导，THEME → guidance [A, B] and the rest. */
function guidedBy(text: string): { guidance: string[]; rest: string } | null {
  const m = /^(?:坚持|始终坚持|全面贯彻|深入贯彻)?以(.{2,120}?)为(?:指导|指引|引领|统领)(?:思想)?[，,。；]?(.*)$/.exec(text);
  if (!m) return null;
  return { guidance: m[1].split('、').map((g) => g.trim()).filter(Boolean), rest: m[2].replace(/[，,。；\s]+$/, '').trim() };
}

function toFactSheet(outline: RecoveredOutline, warnings: ImportWarning[]): { facts: ImportResult['facts']; guess: TypeGuess; frames: string[] } {
  const frames: string[] = [];
  const title = cleanTitle(outline.title ?? '');
  const guess = guessReportType(outline);
  if (guess.confidence < UNSURE) {
    warnings.push({ code: 'unsure-type', field: 'type', message: `报告类型没有把握，暂按“${TYPE_NAMES[guess.type] ?? guess.type}”导入${guess.alternative ? `（也可能是“${TYPE_NAMES[guess.alternative] ?? guess.alternative}”）` : ''}，请核对` });
  } else if (!guess.reasons.some((r) => r.startsWith('标题'))) {
    warnings.push({ code: 'guessed', field: 'type', message: `标题中看不出报告类型，根据内容（${guess.reasons.slice(0, 2).join('、')}）推断为“${TYPE_NAMES[guess.type] ?? guess.type}”，请核对` });
  }
  const org = guessOrg(outline, title, warnings);
  const period = guessPeriod(outline, title, warnings);
  takeClosing(outline, frames);

  const sections: Section[] = [];
  const lists: Record<'problems' | 'nextSteps' | 'goals' | 'guidance', string[]> = { problems: [], nextSteps: [], goals: [], guidance: [] };
  const themes: string[] = [];
  let schedule: NonNullable<FactSheet['schedule']> = [];

  const addSection = (node: OutlineNode, fallback: string) => {
    const facts = fitText(itemsUnder(node, frames));
    const heading = node.title || undefined;
    if (!facts.length) {
      warnings.push({ code: 'empty-section', field: `sections[${sections.length}]`, message: `“${clip(node.title || node.line)}”下没有内容，已把标题本身作为事实保留，请补充` });
      facts.push(node.title || node.line);
    }
    sections.push({ topic: topicOf(node.title, fallback), ...(heading ? { heading: heading.slice(0, LIMITS.shortText) } : {}), facts: fitList(facts, LIMITS.factsPerSection, `sections[${sections.length}].facts`, warnings) });
  };
  /** 指导思想 / 总体要求 text: the documents it names become guidance, the rest the theme. */
  const addGuidance = (texts: string[], into: 'guidance' | 'theme') => {
    for (const text of texts) {
      const guided = guidedBy(text);
      if (guided) {
        lists.guidance.push(...guided.guidance);
        if (guided.rest) themes.push(guided.rest);
      } else if (into === 'guidance') lists.guidance.push(text);
      else themes.push(text);
    }
  };

  for (const node of outline.nodes) {
    const part = node.part;
    if (part === 'schedule') {
      const texts = [...(node.lead ? [node.lead] : []), ...node.body];
      const table = scheduleRows(texts.filter((t) => TABLE_LINE.test(t)));
      const lines = texts.filter((t) => !TABLE_LINE.test(t)).map((t) => ({ t, row: scheduleLine(t) }));
      schedule = [...schedule, ...table.rows, ...lines.flatMap(({ row }) => (row ? [row] : []))];
      const other = [...lines.filter(({ row }) => !row).map(({ t }) => t), ...node.children.flatMap(textsUnderChild)].flatMap((t) => itemsOf(t, frames));
      // Words under 工作安排 that are not its table (a list of months written as paragraphs) stay as an area.
      if (other.length || !schedule.length) addSection({ ...node, lead: undefined, body: [...other, ...table.rest], children: [] }, node.title || '工作安排');
    } else if (part === 'guidance' && !node.children.some((c) => c.style !== 'point')) {
      addGuidance(itemsUnder(node, frames), 'guidance');
    } else if (part === 'problems' || part === 'nextSteps' || part === 'goals' || part === 'guidance') {
      // These parts are lists under the type's own heading; a heading of theirs that holds a figure
      // (2025年工作打算) is kept as the list's first item, so no figure is lost.
      // 2025年工作打算: a year that only says which period the next steps are for is no fact of them.
      const yearOnly = part === 'nextSteps' && findFigures(node.title).every((f) => /^\d{4}年(?:度)?$/.test(f));
      if (yearOnly && /\d/.test(node.title)) {
        warnings.push({ code: 'guessed', field: part, message: `小标题“${clip(node.title)}”中的年份只说明是哪一年的打算，没有作为事实导入` });
      } else if (/\d/.test(node.title)) {
        lists[part].push(node.title);
        warnings.push({ code: 'guessed', field: part, message: `“${clip(node.title)}”的标题含数字，已作为第一项保留，请核对` });
      }
      lists[part].push(...fitText(itemsUnder(node, frames)));
    } else if (part === 'theme' && !node.children.some((c) => c.style !== 'point')) {
      addGuidance(itemsUnder(node, frames), 'theme');
    } else if (part && CONTAINERS.includes(part) && node.children.some((c) => c.style !== 'point')) {
      // 主要措施 / 工作要点 / 总体思路 holding （一）（二）…: its groups are the sections; its own paragraphs lead them.
      const own = [node.lead, ...node.body].filter((t): t is string => Boolean(t)).flatMap((t) => itemsOf(t, frames));
      themes.push(...own);
      node.children.forEach((child, i) => (child.style === 'point' ? themes.push(child.line, ...child.body) : addSection(child, `${node.title}${i + 1}`)));
    } else {
      addSection(node, part === 'safeguards' ? '组织保障' : `工作${sections.length + 1}`);
    }
  }

  const opening = outline.opening;
  const leadership = /在([^，,。；]{2,30}?)的(?:正确|坚强|精心|大力|有力)?领导(?:和[^，,。；]{0,20})?下/.exec(opening.join(''))?.[1];
  if (!outline.nodes.length && opening.length) {
    warnings.push({ code: 'guessed', field: 'sections', message: '没有找到小标题（一、（一）1. 等），全文作为一个工作领域导入，请拆分' });
    sections.push({ topic: '主要工作', facts: fitList(fitText(opening.flatMap((p) => itemsOf(p, frames))), LIMITS.factsPerSection, 'sections[0].facts', warnings) });
  } else if (opening.length) {
    const [first, ...others] = opening;
    const lead = openingParts(first, period, leadership, org, frames);
    lists.guidance.unshift(...lead.guidance.filter((g) => !lists.guidance.includes(g)));
    themes.unshift(...[lead.theme, ...others.flatMap((p) => itemsOf(p, frames))].filter(Boolean));
  }
  if (!sections.length) warnings.push({ code: 'missing', field: 'sections', message: '没有找到工作领域（sections），请补充' });

  const theme = themes.filter(Boolean).join('\n');
  const facts: ImportResult['facts'] = {
    type: guess.type,
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
    ...(schedule.length ? { schedule: schedule.slice(0, LIMITS.scheduleRows) } : {}),
    ...(outline.signature ? { signature: outline.signature } : {}),
  };
  if (sections.length > LIMITS.sections) {
    warnings.push({ code: 'trimmed', field: 'sections', message: `工作领域超过 ${LIMITS.sections} 个，已并入第 ${LIMITS.sections} 个` });
    const last = facts.sections[LIMITS.sections - 1];
    last.facts = fitList([...last.facts, ...sections.slice(LIMITS.sections).flatMap((s) => [s.heading ?? s.topic, ...s.facts])], LIMITS.factsPerSection, 'sections', warnings);
  }
  if (theme.length > LIMITS.text) warnings.push({ code: 'trimmed', field: 'theme', message: `开头段超过 ${LIMITS.text} 字，已截断，请精简` });
  if (theme) warnings.push({ code: 'guessed', field: 'theme', message: '开头段已放入总体要求（theme），起草时会并入开头，请按需精简' });
  return { facts, guess, frames };
}

/**
 * The opening paragraph's parts: the documents it was guided by, and the theme left when the period, leadership,
 * unit, our verdict and the genre's formula (现将……总结如下, 特制定本计划) are taken out — the draft writes those itself.
 */
function openingParts(text: string, period: string | undefined, leadership: string | undefined, org: string | undefined, frames: string[]): { guidance: string[]; theme: string } {
  let out = text.replace(/^(?:总体要求|总体思路|总体目标|指导思想)[:：]\s*/, '');
  // 2025年，全县教育工作的总体思路是：…… — the words that name the part are no part of the theme.
  out = out.replace(/^(?:[^，。：]{0,12}[，,])?[^，。：]{0,24}(?:总体(?:思路|要求|目标)|指导思想|工作思路)(?:是|为)[：:]\s*/, '');
  if (period && new RegExp(`^${escapeRe(period)}[，,]`).test(out)) out = out.slice(period.length).replace(/^[，,\s]+/, '');
  if (leadership) out = out.replace(new RegExp(`在${escapeRe(leadership)}的(?:正确|坚强|精心|大力|有力)?领导(?:和[^，,。；]{0,20})?下[，,]?`), '');
  out = out.replace(/^(?:我局|我校|我们|全[区县市]教育系统)[，,]?/, '');
  if (org && out.startsWith(org)) out = out.slice(org.length);
  // A plan's formula sentence: 为……，结合……实际，特制定本计划 — its middle may name the guidance and the theme.
  const plan = /^为(?:深入贯彻落实([^，]{2,120})，)?(.*?)(?:扎实|全面|认真)?(?:做好|完成)[^，]{0,30}(?:各项)?(?:工作|任务)，结合[^，。]{0,30}实际，(特制定本[^。]{0,6}|提出如下工作要点|制定本[^。]{0,6})。?$/.exec(out);
  if (plan) {
    frames.push(text);
    return { guidance: plan[1] ? plan[1].split('、') : [], theme: plan[2].replace(/[，,\s]+$/, '') };
  }
  const guidance: string[] = [];
  const guided = /^(?:坚持|始终坚持)?以([^，。]{2,120}?)为(?:指导|指引|引领)[，,]/.exec(out);
  if (guided) {
    guidance.push(...guided[1].split('、'));
    out = out.slice(guided[0].length);
  }
  const kept = [];
  for (const sentence of out.match(/[^。！？]+[。！？]*/g) ?? []) {
    if (isFrame(sentence)) frames.push(sentence);
    else kept.push(withoutVerdict(sentence, frames));
  }
  return { guidance, theme: kept.join('').replace(/[，,；;：:。\s]+$/, '') };
}

/** A sentence without our composer's verdict glued to its end (……，扎实推进各项工作，教育事业发展取得了新的进展。). */
function withoutVerdict(sentence: string, frames: string[]): string {
  const clauses = sentence.replace(/[。！？]+$/, '').split('，');
  for (let i = 1; i < clauses.length; i++) {
    const tail = clauses.slice(i).join('，');
    if (isFrame(tail)) {
      frames.push(tail);
      return clauses.slice(0, i).join('，');
    }
  }
  return sentence;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
